package metrics_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/storetest"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

const token = "metrics-token-for-tests"

// scrape reads /metrics and parses it with the Prometheus text parser.
func scrape(t *testing.T, url, auth string) (int, map[string]*dto.MetricFamily) {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"/metrics", nil)
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return resp.StatusCode, nil
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, body)
	}
	return 200, fams
}

// find returns the first series of the family name whose labels include labels, or nil.
func find(fams map[string]*dto.MetricFamily, name string, labels map[string]string) *dto.Metric {
	f, ok := fams[name]
	if !ok {
		return nil
	}
next:
	for _, m := range f.Metric {
		have := map[string]string{}
		for _, l := range m.Label {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range labels {
			if have[k] != v {
				continue next
			}
		}
		return m
	}
	return nil
}

// value returns the value of the first series of the family name whose labels include
// labels (a histogram's sample count), and whether there is one.
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	m := find(fams, name, labels)
	switch {
	case m == nil:
		return 0, false
	case m.Counter != nil:
		return m.Counter.GetValue(), true
	case m.Gauge != nil:
		return m.Gauge.GetValue(), true
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount()), true
	}
	return 0, false
}

// TestMetricsScrape serves a product with a metrics token, makes requests, a scheduler
// pass and a webhook delivery, and reads the figures back from /metrics with the
// Prometheus text parser: requests by route and status, open and overdue callbacks by
// status and by tenant (beyond the limit summed as "other"), events, streams, the
// scheduler, webhooks, the database pools and the Go runtime.
func TestMetricsScrape(t *testing.T) {
	ctx := context.Background()
	clock := storetest.NewClock(storetest.Epoch)
	a, err := app.Open(ctx, app.Config{DB: filepath.Join(t.TempDir(), "v.db"), Demo: true, Clock: clock, PasswordIterations: 1000,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MetricsToken: token, MetricsTenantLimit: 1, WebhookAllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	demo, _ := a.Store.GetTenantByName(ctx, app.DemoTenant)
	if err := a.Store.PutPolicy(ctx, demo.ID, storetest.AllDay(), clock.Now()); err != nil {
		t.Fatal(err)
	}
	a.Policies.Forget(demo.ID)
	// A second, smaller tenant: with a limit of one tenant it is "other".
	small := storetest.NewTenant(t, a.Store, "small")
	if err := a.Store.PutPolicy(ctx, small.Tenant.ID, storetest.AllDay(), clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Service.Create(ctx, small, "", velocity.CreateInput{TeamID: "t", PhoneNumber: "+12125550199"}, ""); err != nil {
		t.Fatal(err)
	}
	before, _ := a.Store.OpenCallbackCounts(ctx, clock.Now())
	demoOpen := 0
	for _, c := range before {
		if c.TenantID == demo.ID {
			demoOpen += c.Count
		}
	}
	post := func(body string) int {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/callbacks", strings.NewReader(body))
		req.Header.Set("X-Api-Key", app.DemoAPIKey)
		req.SetBasicAuth(app.DemoUsername, app.DemoPassword)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if post(`{"teamId":"team-1","phoneNumber":"+12125550101"}`) != 201 || post(`{"teamId":"team-1"}`) != 422 {
		t.Fatal("creates")
	}
	// A webhook endpoint that answers 204, and one delivery to it.
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	defer hook.Close()
	admin := velocity.Principal{Tenant: demo, Username: "admin", Role: velocity.RoleAdmin}
	a.Service.AllowPrivateWebhooks = true
	if _, _, err := a.Service.CreateWebhook(ctx, admin, velocity.WebhookCreate{URL: hook.URL, Events: []velocity.WebhookEventType{velocity.WebhookCreated}}); err != nil {
		t.Fatal(err)
	}
	if post(`{"teamId":"team-1","phoneNumber":"+12125550102"}`) != 201 {
		t.Fatal("create")
	}
	// One due delivery waits in the queue before the deliverer runs.
	clock.Advance(2 * time.Hour) // windows end: overdue callbacks and a scheduler pass
	if _, err := a.Scheduler.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if status, _ := scrape(t, srv.URL, ""); status != 401 {
		t.Fatalf("without the token: %d", status)
	}
	if status, _ := scrape(t, srv.URL, "wrong-token-wrong-token"); status != 401 {
		t.Fatalf("with another token: %d", status)
	}
	_, fams := scrape(t, srv.URL, token)
	if v, _ := value(fams, "velocity_webhook_queue", map[string]string{"state": "due"}); v != 1 {
		t.Fatalf("webhook queue due = %v, want 1", v)
	}
	if v, _ := value(fams, "velocity_webhook_queue_age_seconds", nil); v < 7000 {
		t.Fatalf("queue age %v, want the two hours it waited", v)
	}
	if n, err := a.Deliverer.RunOnce(ctx); n != 1 || err != nil {
		t.Fatalf("deliverer: %d %v", n, err)
	}
	time.Sleep(1100 * time.Millisecond) // the database figures are read at most once a second
	_, fams = scrape(t, srv.URL, token)

	wants := []struct {
		name   string
		labels map[string]string
		min    float64
		exact  bool
	}{
		{"velocity_http_requests_total", map[string]string{"route": "/api/v1/callbacks", "method": "POST", "status": "201"}, 2, true},
		{"velocity_http_requests_total", map[string]string{"route": "/api/v1/callbacks", "method": "POST", "status": "422"}, 1, true},
		{"velocity_http_request_duration_seconds", map[string]string{"route": "/api/v1/callbacks", "status": "201"}, 2, true},
		{"velocity_callbacks_open", map[string]string{"status": "scheduled"}, float64(demoOpen + 3), true},
		{"velocity_callbacks_overdue", map[string]string{"status": "scheduled"}, 1, false},
		{"velocity_tenant_callbacks_open", map[string]string{"tenant": app.DemoTenant, "status": "scheduled"}, float64(demoOpen + 2), true},
		{"velocity_tenant_callbacks_open", map[string]string{"tenant": "other", "status": "scheduled"}, 1, true},
		{"velocity_events_published_total", map[string]string{"type": "created"}, 3, true},
		{"velocity_events_published_total", map[string]string{"type": "overdue"}, 1, false},
		{"velocity_event_streams", nil, 0, true},
		{"velocity_scheduler_pass_duration_seconds", nil, 1, false},
		{"velocity_scheduler_changes_total", map[string]string{"kind": "overdue"}, 1, false},
		{"velocity_scheduler_last_pass_timestamp_seconds", nil, 1, false},
		{"velocity_webhook_deliveries_total", map[string]string{"result": "delivered"}, 1, true},
		{"velocity_webhook_delivery_delay_seconds", nil, 1, true},
		{"velocity_webhook_queue", map[string]string{"state": "pending"}, 0, true},
		{"velocity_webhook_queue_age_seconds", nil, 0, true},
		{"velocity_db_connections", map[string]string{"pool": "read", "state": "max"}, 1, false},
		{"velocity_db_connections", map[string]string{"pool": "write", "state": "max"}, 1, true},
		{"velocity_metrics_database_errors", nil, 0, true},
		{"go_goroutines", nil, 1, false},
		{"process_resident_memory_bytes", nil, 1, false},
	}
	for _, w := range wants {
		v, ok := value(fams, w.name, w.labels)
		if !ok || v < w.min || (w.exact && v != w.min) {
			t.Errorf("%s%v = %v (found %v), want %s%v", w.name, w.labels, v, ok, map[bool]string{true: "", false: ">= "}[w.exact], w.min)
		}
	}
	// The per-tenant series are bounded: the demo tenant and "other", nothing else.
	for _, m := range fams["velocity_tenant_callbacks_open"].Metric {
		for _, l := range m.Label {
			if l.GetName() == "tenant" && l.GetValue() != app.DemoTenant && l.GetValue() != "other" {
				t.Errorf("a series for tenant %q beyond the limit", l.GetValue())
			}
		}
	}
}
