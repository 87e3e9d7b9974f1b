package metrics_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/storetest"
	dto "github.com/prometheus/client_model/go"
)

// histogram returns the sample count and sum of the histogram series with these
// labels.
func histogram(fams map[string]*dto.MetricFamily, name string, labels map[string]string) (uint64, float64) {
	if m := find(fams, name, labels); m != nil && m.Histogram != nil {
		return m.Histogram.GetSampleCount(), m.Histogram.GetSampleSum()
	}
	return 0, 0
}

// TestMetricsCountEveryRequest: requests that match no route, requests the middleware
// refuses before routing (a malformed path or query, a browser's preflight) and the
// event stream are counted in velocity_http_requests_total and the latency histogram,
// under bounded route labels ("unmatched", methods outside the standard ones as
// "OTHER"); the stream's latency is the time until its headers, not how long it stays
// open. Read back from /metrics with the Prometheus text parser.
func TestMetricsCountEveryRequest(t *testing.T) {
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DB: filepath.Join(t.TempDir(), "v.db"), Demo: true, Clock: storetest.NewClock(storetest.Epoch),
		PasswordIterations: 1000, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MetricsToken: token})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	do := func(method, target string, header map[string]string) int {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+target, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, c := range []struct {
		method, target string
		header         map[string]string
		want           int
	}{
		{"GET", "/api/v1/no-such-thing", nil, 404},        // route_not_found
		{"GET", "/api/v1/no-such-thing/either", nil, 404}, // one label for both
		{"GET", "/api/v1/%ff", nil, 404},                  // refused before routing: not valid text
		{"GET", "/api/v1/callbacks?teamId=%00", nil, 400}, // refused before routing, its route known
		{"BREW", "/api/v1/callbacks", nil, 405},           // a method of no route
		{"GET", "/api/v1/events", nil, 401},               // the stream, refused
		{"OPTIONS", "/api/v1/callbacks", map[string]string{ // a browser's preflight, answered by the CORS middleware
			"Origin": "https://desktop.wxcc-us1.cisco.com", "Access-Control-Request-Method": "POST"}, 204},
	} {
		if got := do(c.method, c.target, c.header); got != c.want {
			t.Fatalf("%s %s: %d, want %d", c.method, c.target, got, c.want)
		}
	}
	// An event stream, open for over a second while /metrics is read.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, "GET", srv.URL+"/api/v1/events?agentId=agent-1&teamId=team-1", nil)
	req.Header.Set("X-Api-Key", app.DemoAPIKey)
	req.SetBasicAuth(app.DemoUsername, app.DemoPassword)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("stream: %d", resp.StatusCode)
	}
	if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1200 * time.Millisecond)
	_, fams := scrape(t, srv.URL, token)

	for _, w := range []struct {
		labels map[string]string
		n      float64
	}{
		{map[string]string{"route": "unmatched", "method": "GET", "status": "404"}, 3},
		{map[string]string{"route": "/api/v1/callbacks", "method": "GET", "status": "400"}, 1},
		{map[string]string{"route": "unmatched", "method": "OTHER", "status": "405"}, 1},
		{map[string]string{"route": "unmatched", "method": "OPTIONS", "status": "204"}, 1},
		{map[string]string{"route": "/api/v1/events", "method": "GET", "status": "401"}, 1},
		{map[string]string{"route": "/api/v1/events", "method": "GET", "status": "200"}, 1},
	} {
		if v, ok := value(fams, "velocity_http_requests_total", w.labels); !ok || v != w.n {
			t.Errorf("velocity_http_requests_total%v = %v (found %v), want %v", w.labels, v, ok, w.n)
		}
		if n, _ := histogram(fams, "velocity_http_request_duration_seconds", w.labels); float64(n) != w.n {
			t.Errorf("velocity_http_request_duration_seconds%v has %d samples, want %v", w.labels, n, w.n)
		}
	}
	if _, sum := histogram(fams, "velocity_http_request_duration_seconds", map[string]string{"route": "/api/v1/events", "status": "200"}); sum >= 1 {
		t.Errorf("the stream's latency is %.3fs: how long it stayed open, not the time to its headers", sum)
	}
	// The labels stay bounded: only the server's patterns and "unmatched".
	for _, m := range fams["velocity_http_requests_total"].Metric {
		for _, l := range m.Label {
			if l.GetName() == "route" && (l.GetValue() == "" || l.GetValue()[0] != '/' && l.GetValue() != "unmatched") {
				t.Errorf("route label %q", l.GetValue())
			}
			if l.GetName() == "route" && (l.GetValue() == "/api/v1/no-such-thing" || l.GetValue() == "/api/v1/%ff") {
				t.Errorf("a route label from the request's path: %q", l.GetValue())
			}
		}
	}
}
