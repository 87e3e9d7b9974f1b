package web_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/storetest"
)

// testServer is the real product (app, which serves this package's assets) on SQLite
// with the demo tenant.
type testServer struct {
	URL   string
	app   *app.App
	srv   *httptest.Server
	conns *connTracker
}

// connTracker is a listener that remembers every connection it accepted, so that a test
// can cut them all as a network failure would: httptest's CloseClientConnections does
// not reach the event streams, which take their connections over from net/http.
type connTracker struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (l *connTracker) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
	return c, err
}

// cut closes every connection accepted so far.
func (l *connTracker) cut() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		_ = c.Close()
	}
	l.conns = nil
}

func startServer(t testing.TB) *testServer {
	t.Helper()
	return startServerWith(t, true)
}

// startServerWith starts the product with or without the demo tenant; corsOrigins, when
// given, are the browser origins allowed to call its API.
func startServerWith(t testing.TB, demo bool, corsOrigins ...string) *testServer {
	t.Helper()
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{
		DB:   filepath.Join(t.TempDir(), "v.db"),
		Demo: demo,
		// nil keeps the product's default (the Desktop's origins).
		CORSOrigins: corsOrigins,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	// The scheduler sends the due and fallback events the widget reminds agents of.
	a.StartScheduler(ctx)
	srv := httptest.NewUnstartedServer(a.Handler())
	conns := &connTracker{Listener: srv.Listener}
	srv.Listener = conns
	srv.Start()
	t.Cleanup(func() {
		conns.cut()
		srv.Close()
		_ = a.Close()
	})
	return &testServer{URL: srv.URL, app: a, srv: srv, conns: conns}
}

// daytimeZone returns an IANA zone where it is now early afternoon, so that the callbacks
// a test creates fall inside the customers' calling hours (08:00-21:00) at any hour the
// suite runs (browser tests run at the real time).
func daytimeZone(testing.TB) string { return storetest.DaytimeZone(time.Now()) }

// fixture is a server with the demo tenant and a few callbacks of the tests' own, in a
// customer zone where it is now daytime: a team callback, and one personal callback each
// for agent-1 and agent-2.
type fixture struct {
	*testServer
	Zone                        string
	Team, Agent1, Agent2        callback
	TeamPhone, A1Phone, A2Phone string
}

func newFixture(t testing.TB, corsOrigins ...string) *fixture {
	t.Helper()
	f := &fixture{testServer: startServerWith(t, true, corsOrigins...), Zone: daytimeZone(t), TeamPhone: "+13125550101", A1Phone: "+13125550102", A2Phone: "+13125550103"}
	mk := func(phone, name string, agent any, out *callback) {
		body := map[string]any{"teamId": "team-1", "agentId": agent, "phoneNumber": phone, "customerName": name, "timezone": f.Zone, "notes": "Created by the test."}
		if st := api(t, f.URL, "POST", "/callbacks", body, out); st != 201 {
			t.Fatalf("create %s: %d", phone, st)
		}
	}
	mk(f.TeamPhone, "Tess Team", nil, &f.Team)
	mk(f.A1Phone, "Alma One", "agent-1", &f.Agent1)
	mk(f.A2Phone, "Bo Two", "agent-2", &f.Agent2)
	return f
}
