package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// syncBuffer is a log sink that tests can read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is a running product on a fresh SQLite file with the demo tenant and a second
// tenant, "other".
type env struct {
	t     testing.TB
	app   *app.App
	srv   *httptest.Server
	clock *storetest.Clock
	logs  *syncBuffer
	demo  creds // the demo tenant's agent account (the widget's)
	sup   creds // the demo tenant's supervisor
	admin creds // the demo tenant's administrator
	other creds // an administrator of another tenant
	// hookURL is where TestRoleMatrix's webhooks point.
	hookURL string
}

type creds struct{ key, user, pass string }

func newEnv(t testing.TB, opts ...func(*app.Config)) *env {
	t.Helper()
	ctx := context.Background()
	logs := &syncBuffer{}
	clock := storetest.NewClock(storetest.Epoch)
	cfg := app.Config{DB: filepath.Join(t.TempDir(), "v.db"), Demo: true, Clock: clock,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), KeepAlive: 50 * time.Millisecond, PasswordIterations: 1000,
		// The API's tests are not about surviving power loss (sqlite's are): commits need
		// not wait for the disk.
		SQLiteDurability: sqlite.DurabilityNormal}
	for _, o := range opts {
		o(&cfg)
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The demo tenant may be called around the clock, so that tests not about calling hours
	// hold at any instant; the tests of the hours set them and the clock themselves.
	demo, err := a.Store.GetTenantByName(ctx, app.DemoTenant)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.PutPolicy(ctx, demo.ID, storetest.AllDay(), clock.Now()); err != nil {
		t.Fatal(err)
	}
	a.Policies.Forget(demo.ID)
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		a.Server.Shutdown()
		srv.Close()
		a.Close()
	})
	e := &env{t: t, app: a, srv: srv, clock: clock, logs: logs,
		demo:  creds{app.DemoAPIKey, app.DemoUsername, app.DemoPassword},
		sup:   creds{app.DemoAPIKey, app.DemoAccounts[1].Username, app.DemoAccounts[1].Password},
		admin: creds{app.DemoAPIKey, app.DemoAccounts[2].Username, app.DemoAccounts[2].Password}}
	// A second tenant with its own key and account.
	tn := velocity.Tenant{ID: velocity.NewID("tn_"), Name: "other", DefaultCountry: "GB", DefaultTimezone: "Europe/London", CreatedAt: clock.Now()}
	if err := a.Store.CreateTenant(ctx, tn); err != nil {
		t.Fatal(err)
	}
	key, rec := velocity.NewAPIKey()
	rec.ID, rec.TenantID, rec.CreatedAt = velocity.NewID("ak_"), tn.ID, clock.Now()
	if err := a.Store.CreateAPIKey(ctx, rec); err != nil {
		t.Fatal(err)
	}
	hash, _ := velocity.HashPasswordCost("other-password", 1000)
	if err := a.Store.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: tn.ID, Username: "ops", PasswordHash: hash, CreatedAt: clock.Now(), Role: velocity.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	e.other = creds{key, "ops", "other-password"}
	return e
}

// response is a decoded reply.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

func (r response) str(k string) string { s, _ := r.body[k].(string); return s }

// do sends a request as c (no credentials when c is nil); body is JSON-encoded unless
// it is a string (sent as is).
func (e *env) do(c *creds, method, path string, body any, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if c != nil {
		req.Header.Set("X-Api-Key", c.key)
		req.SetBasicAuth(c.user, c.pass)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

// want fails unless r has the status and, for errors, is a problem with the code.
func (r response) want(t testing.TB, status int, code string) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	if status >= 400 {
		if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
			t.Fatalf("content type %q for an error: %s", ct, r.raw)
		}
		if r.str("code") != code || r.body["status"] != float64(status) || r.str("detail") == "" || r.str("type") == "" || r.str("title") == "" {
			t.Fatalf("problem %s, want code %q", r.raw, code)
		}
	}
	return r
}

func (e *env) create(body map[string]any) response {
	e.t.Helper()
	if body["teamId"] == nil {
		body["teamId"] = "team-1"
	}
	return e.do(&e.demo, "POST", "/api/v1/callbacks", body).want(e.t, 201, "")
}

// defaultHours gives the demo tenant the default calling hours (every day 08:00-21:00)
// back, for a test of the hours; newEnv opens them around the clock.
func (e *env) defaultHours(t *testing.T) {
	t.Helper()
	hours := map[string]any{}
	for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		hours[d] = map[string]any{"start": "08:00", "end": "21:00"}
	}
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"callingHours": hours}).want(t, 200, "")
}
