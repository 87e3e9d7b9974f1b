package webhook_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/customerdynamics/velocity/webhook"
	"github.com/customerdynamics/velocity/webhook/webhooktest"
)

// bundle is a store with a tenant and a service, and a deliverer for it (not started).
type bundle struct {
	store velocity.Store
	svc   *velocity.Service
	p     velocity.Principal
	d     *webhook.Deliverer
	phone *storetest.Phones
	sched *velocity.Scheduler
}

func setup(t *testing.T, opts ...func(*webhook.Deliverer)) *bundle {
	t.Helper()
	// The queue's clock runs in real time from the suite's instant.
	return setupClock(t, velocity.NewShiftedClock(storetest.Epoch), opts...)
}

func setupClock(t *testing.T, clock velocity.Clock, opts ...func(*webhook.Deliverer)) *bundle {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p := storetest.NewTenant(t, s, "acme")
	if err := s.PutPolicy(context.Background(), p.Tenant.ID, storetest.AllDay(), clock.Now()); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	d := &webhook.Deliverer{Store: s, Clock: clock, AllowPrivate: true, Logger: quiet, Poll: 20 * time.Millisecond,
		RetryBase: 20 * time.Millisecond, Timeout: 2 * time.Second}
	for _, o := range opts {
		o(d)
	}
	b := &bundle{store: s, svc: &velocity.Service{Store: s, Clock: clock}, p: p, d: d, phone: storetest.NewPhones(),
		sched: &velocity.Scheduler{Store: s, Clock: clock, Logger: quiet}}
	return b
}

// endpoint registers a receiver as an endpoint for the given types.
func (b *bundle) endpoint(t *testing.T, r *webhooktest.Receiver, types ...velocity.WebhookEventType) velocity.Webhook {
	t.Helper()
	return b.endpointURL(t, r, r.URL, types...)
}

func (b *bundle) endpointURL(t *testing.T, r *webhooktest.Receiver, url string, types ...velocity.WebhookEventType) velocity.Webhook {
	t.Helper()
	now := b.svc.Clock.Now()
	w := velocity.Webhook{ID: velocity.NewID("wh_"), TenantID: b.p.Tenant.ID, URL: url, Events: types,
		Secret: velocity.NewWebhookSecret(), CreatedAt: now, UpdatedAt: now}
	if err := b.store.CreateWebhook(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	r.SetSecret(w.Secret)
	return w
}

func (b *bundle) create(t *testing.T, in velocity.CreateInput) velocity.Callback {
	t.Helper()
	if in.TeamID == "" {
		in.TeamID = "team-1"
	}
	in.PhoneNumber = b.phone.Next()
	cb, _, err := b.svc.Create(context.Background(), b.p, "", in, "")
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func (b *bundle) start(t *testing.T) {
	b.d.Start(context.Background())
	t.Cleanup(b.d.Stop)
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestEveryEventTypeDelivered: each webhook event type reaches a receiver that verifies
// the signature with the specification's library, with the event and its callback.
func TestEveryEventTypeDelivered(t *testing.T) {
	clock := storetest.NewClock(storetest.Epoch)
	b := setupClock(t, clock)
	r := webhooktest.New(t)
	b.endpoint(t, r, velocity.WebhookAll)
	b.start(t)
	ctx := context.Background()
	cb := must[velocity.Callback](t)

	a := b.create(t, velocity.CreateInput{}) // created, then due
	ws, we := b.svc.Clock.Now().Add(time.Hour), b.svc.Clock.Now().Add(2*time.Hour)
	agent := "agent-1"
	cb(b.svc.Update(ctx, b.p, a.ID, "", velocity.UpdateInput{WindowStart: &ws, WindowEnd: &we}, nil))                  // rescheduled
	cb(b.svc.Update(ctx, b.p, a.ID, "", velocity.UpdateInput{AgentIDSet: true, AgentID: &agent}, nil))                 // reassigned
	cb(b.svc.Update(ctx, b.p, a.ID, "", velocity.UpdateInput{Notes: new("after lunch")}, nil))                         // updated
	cb(b.svc.Claim(ctx, b.p, a.ID, agent))                                                                             // claimed
	cb(b.svc.Release(ctx, b.p, a.ID, agent))                                                                           // released
	cb(b.svc.Claim(ctx, b.p, a.ID, agent))                                                                             // claimed
	cb(b.svc.RecordAttempt(ctx, b.p, a.ID, velocity.AttemptInput{AgentID: agent, Outcome: velocity.OutcomeBusy}))      // attempted
	cb(b.svc.Claim(ctx, b.p, a.ID, agent))                                                                             //
	cb(b.svc.RecordAttempt(ctx, b.p, a.ID, velocity.AttemptInput{AgentID: agent, Outcome: velocity.OutcomeConnected})) // attempted, completed
	f := b.create(t, velocity.CreateInput{MaxAttempts: new(1)})
	cb(b.svc.Claim(ctx, b.p, f.ID, agent))
	cb(b.svc.RecordAttempt(ctx, b.p, f.ID, velocity.AttemptInput{AgentID: agent, Outcome: velocity.OutcomeInvalidNumber})) // failed
	c := b.create(t, velocity.CreateInput{})
	cb(b.svc.Cancel(ctx, b.p, c.ID, "", "no longer needed")) // cancelled
	// A personal callback whose window ends: two hours later the scheduler announces it
	// overdue, and hands it to its team (the policy's fallback is an hour).
	o := b.create(t, velocity.CreateInput{AgentID: &agent})
	// (Once what is queued was sent: a jump of the clock past a lease in flight makes
	// its delivery due again, and it would be sent twice.)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if q, err := b.store.WebhookQueue(ctx, clock.Now()); err == nil && q.Pending == 0 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("queue not empty: %+v %v", q, err)
		}
	}
	clock.Advance(2*time.Hour + time.Minute)
	if res, err := b.sched.RunOnce(ctx); err != nil || res.Overdue == 0 || res.FellBack == 0 || res.Due == 0 {
		t.Fatalf("scheduler pass: %+v %v", res, err) // due, overdue, fell_back
	}

	want := append([]velocity.WebhookEventType(nil), velocity.WebhookEventTypes...)
	ms := r.WaitFor(10*time.Second, "every type", func(ms []webhooktest.Message) bool {
		seen := map[string]bool{}
		for _, m := range ms {
			seen[m.Type] = true
		}
		for _, w := range want {
			if !seen[string(w)] {
				return false
			}
		}
		return true
	})
	ids := map[string]bool{}
	for _, m := range ms {
		if ids[m.ID] {
			t.Errorf("message %s arrived twice", m.ID)
		}
		ids[m.ID] = true
		if m.Data.CallbackID == "" || m.Data.Callback.ID != m.Data.CallbackID || m.Data.ID == 0 || m.Data.Type == "" {
			t.Errorf("message %s: %s", m.Type, m.Body)
		}
		// Open callbacks say whether they could be dialed then, as the API does.
		if open := velocity.Status(m.Data.Callback.Status).Open(); open != (m.Data.Callback.Callable != nil) {
			t.Errorf("message %s of a %s callback: callable %+v", m.Type, m.Data.Callback.Status, m.Data.Callback.Callable)
		}
	}
	if r.Rejected() != 0 {
		t.Fatalf("%d messages failed verification", r.Rejected())
	}
	for _, m := range ms {
		if m.Type == string(velocity.WebhookFellBack) && m.Data.CallbackID != o.ID {
			t.Fatalf("fell_back for %s, want %s", m.Data.CallbackID, o.ID)
		}
	}
}

// TestRetriedWithTheSameID: a receiver failing three times then accepting gets the
// message four times with one webhook-id; the attempts are kept.
func TestRetriedWithTheSameID(t *testing.T) {
	b := setup(t)
	r := webhooktest.New(t)
	r.Respond = func(n int, _ webhooktest.Message) int {
		if n <= 3 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	}
	w := b.endpoint(t, r, velocity.WebhookCreated)
	b.start(t)
	b.create(t, velocity.CreateInput{})
	ms := r.WaitFor(10*time.Second, "four attempts", func(ms []webhooktest.Message) bool { return len(ms) >= 4 })
	time.Sleep(200 * time.Millisecond) // nothing more comes
	ms = r.Messages()
	if len(ms) != 4 {
		t.Fatalf("%d requests, want 4", len(ms))
	}
	for _, m := range ms {
		if m.ID != ms[0].ID || string(m.Body) != string(ms[0].Body) {
			t.Fatalf("a retry changed the message: %s %s", m.ID, ms[0].ID)
		}
	}
	ctx := context.Background()
	var d velocity.WebhookDelivery
	deadline := time.Now().Add(5 * time.Second)
	for d.Status != velocity.DeliveryDelivered && time.Now().Before(deadline) {
		ds := must[[]velocity.WebhookDelivery](t)(b.store.ListDeliveries(ctx, b.p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 10}))
		d = ds[0]
		time.Sleep(10 * time.Millisecond)
	}
	atts := must[[]velocity.WebhookAttempt](t)(b.store.ListAttempts(ctx, b.p.Tenant.ID, d.ID))
	if d.Status != velocity.DeliveryDelivered || d.MessageID != ms[0].ID || len(atts) != 4 || *atts[0].StatusCode != 500 || *atts[3].StatusCode != 200 {
		t.Fatalf("delivery %+v, attempts %+v", d, atts)
	}
	ep := must[velocity.Webhook](t)(b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID))
	if ep.ConsecutiveFailures != 0 {
		t.Fatalf("the success did not end the run of failures: %+v", ep)
	}
}

// TestSlowEndpointHoldsOnlyItsShare: an endpoint that takes seconds to answer holds at
// most PerWebhook senders; another endpoint's messages go through meanwhile.
func TestSlowEndpointHoldsOnlyItsShare(t *testing.T) {
	b := setup(t, func(d *webhook.Deliverer) { d.Workers, d.PerWebhook = 4, 2 })
	release := make(chan struct{})
	var slowNow, slowMax atomic.Int32
	slow := webhooktest.New(t)
	slow.Respond = func(int, webhooktest.Message) int {
		n := slowNow.Add(1)
		for m := slowMax.Load(); n > m && !slowMax.CompareAndSwap(m, n); m = slowMax.Load() {
		}
		<-release
		slowNow.Add(-1)
		return http.StatusOK
	}
	fast := webhooktest.New(t)
	b.endpoint(t, slow, velocity.WebhookCreated)
	b.endpoint(t, fast, velocity.WebhookCreated)
	b.start(t)
	defer close(release)
	for i := 0; i < 10; i++ {
		b.create(t, velocity.CreateInput{})
	}
	fast.WaitFor(5*time.Second, "the fast endpoint's ten messages", func(ms []webhooktest.Message) bool { return len(ms) == 10 })
	if m := slowMax.Load(); m > 2 {
		t.Fatalf("the slow endpoint held %d senders, more than its 2", m)
	}
}

// TestEndpointDisabledAfterARunOfFailures: an endpoint that keeps failing is disabled
// with the reason, and its pending messages wait (paused).
func TestEndpointDisabledAfterARunOfFailures(t *testing.T) {
	b := setup(t, func(d *webhook.Deliverer) { d.DisableAfterFailures, d.DisableAfter = 3, -1 })
	r := webhooktest.New(t)
	r.Respond = func(int, webhooktest.Message) int { return http.StatusBadGateway }
	w := b.endpoint(t, r, velocity.WebhookAll)
	b.start(t)
	b.create(t, velocity.CreateInput{})
	ctx := context.Background()
	deadline := time.Now().Add(5 * time.Second)
	var ep velocity.Webhook
	for ep.DisabledAt == nil && time.Now().Before(deadline) {
		ep = must[velocity.Webhook](t)(b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID))
		time.Sleep(10 * time.Millisecond)
	}
	if ep.DisabledAt == nil || !strings.Contains(ep.DisabledReason, "3 failed attempts") || !strings.Contains(ep.DisabledReason, "HTTP 502") {
		t.Fatalf("endpoint %+v", ep)
	}
	ds := must[[]velocity.WebhookDelivery](t)(b.store.ListDeliveries(ctx, b.p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 10}))
	if len(ds) == 0 || ds[0].Status != velocity.DeliveryPaused {
		t.Fatalf("deliveries %+v", ds)
	}
	// The audit trail says who disabled it and why.
	entries := must[[]velocity.AuditEntry](t)(b.store.ListAudit(ctx, b.p.Tenant.ID, velocity.AuditQuery{Kind: "webhook.autoDisable", Limit: 10}))
	if len(entries) != 1 || entries[0].Actor != webhook.AuditActor || entries[0].Target != w.ID {
		t.Fatalf("audit %+v", entries)
	}
	if after, _ := entries[0].After.(map[string]any); after["reason"] != ep.DisabledReason || after["failures"] != 3.0 || after["url"] != w.URL {
		t.Fatalf("audit detail %+v", entries[0].After)
	}
}

// TestPrivateTargetRefusedAtConnect: without AllowPrivate an endpoint whose name
// resolves to a loopback address is never reached; the attempt says why.
func TestPrivateTargetRefusedAtConnect(t *testing.T) {
	b := setup(t, func(d *webhook.Deliverer) { d.AllowPrivate = false })
	r := webhooktest.New(t)
	port := r.URL[strings.LastIndex(r.URL, ":"):]
	w := b.endpointURL(t, r, "https://localhost"+port+"/hooks", velocity.WebhookCreated)
	b.create(t, velocity.CreateInput{})
	if n, err := b.d.RunOnce(context.Background()); n != 1 || err != nil {
		t.Fatalf("RunOnce: %d %v", n, err)
	}
	ctx := context.Background()
	ds := must[[]velocity.WebhookDelivery](t)(b.store.ListDeliveries(ctx, b.p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 10}))
	if len(ds) != 1 || ds[0].LastStatusCode != nil || !strings.Contains(ds[0].LastError, "127.0.0.1: a loopback address") || ds[0].Status != velocity.DeliveryPending {
		t.Fatalf("delivery %+v", ds)
	}
	if len(r.Messages())+r.Rejected() != 0 {
		t.Fatal("the receiver was reached")
	}
}

// TestStopRecordsCutShortAttempts: stopping the deliverer mid-attempt records it as
// failed and due again at once, with the same message id when sent again.
func TestStopRecordsCutShortAttempts(t *testing.T) {
	b := setup(t)
	r := webhooktest.New(t)
	block := make(chan struct{})
	r.Respond = func(n int, _ webhooktest.Message) int {
		if n == 1 {
			<-block
		}
		return http.StatusOK
	}
	w := b.endpoint(t, r, velocity.WebhookCreated)
	b.d.Start(context.Background())
	b.create(t, velocity.CreateInput{})
	r.WaitFor(5*time.Second, "the first attempt", func(ms []webhooktest.Message) bool { return len(ms) == 1 })
	b.d.Stop()
	close(block)
	ctx := context.Background()
	ds := must[[]velocity.WebhookDelivery](t)(b.store.ListDeliveries(ctx, b.p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 10}))
	if len(ds) != 1 || ds[0].Status != velocity.DeliveryPending || ds[0].LastError == "" || ds[0].NextAttemptAt.After(b.svc.Clock.Now()) {
		t.Fatalf("after Stop: %+v", ds)
	}
	b.start(t)
	ms := r.WaitFor(5*time.Second, "the second attempt", func(ms []webhooktest.Message) bool { return len(ms) == 2 })
	if ms[0].ID != ms[1].ID {
		t.Fatal("a new id after the restart")
	}
}

// TestHangingEndpointsDoNotStarveOthers: six endpoints that never answer (more than the
// senders can hold at PerWebhook each) and one of another tenant that answers at once.
// While the six hang, the healthy endpoint's messages arrive within a fraction of the
// attempt timeout, before and after the hanging attempts time out; the hanging
// endpoints get at most PerWebhook attempts at first and then, in backoff, one at a time.
func TestHangingEndpointsDoNotStarveOthers(t *testing.T) {
	const timeout = 4 * time.Second
	b := setup(t, func(d *webhook.Deliverer) {
		d.Workers, d.PerWebhook, d.Timeout, d.SlowAfter, d.RetryBase = 16, 4, timeout, 250*time.Millisecond, time.Second
	})
	ctx := context.Background()
	release := make(chan struct{})
	var hanging, hangingMax atomic.Int32
	const slowEndpoints = 6
	var slow []*webhooktest.Receiver
	perEndpoint := make([]atomic.Int32, slowEndpoints)
	perEndpointMax := make([]atomic.Int32, slowEndpoints)
	raise := func(v *atomic.Int32, n int32) {
		for m := v.Load(); n > m && !v.CompareAndSwap(m, n); m = v.Load() {
		}
	}
	for i := range slowEndpoints {
		r := webhooktest.New(t)
		r.Respond = func(int, webhooktest.Message) int {
			raise(&hangingMax, hanging.Add(1))
			raise(&perEndpointMax[i], perEndpoint[i].Add(1))
			defer hanging.Add(-1)
			defer perEndpoint[i].Add(-1)
			select { // no answer: the sender gives up at its timeout
			case <-release:
			case <-time.After(timeout):
			}
			return http.StatusOK
		}
		b.endpoint(t, r, velocity.WebhookCreated)
		slow = append(slow, r)
	}
	t.Cleanup(func() { close(release) }) // before the receivers close (cleanups run last first)

	// The healthy endpoint belongs to another tenant.
	other := storetest.NewTenant(t, b.store, "globex")
	if err := b.store.PutPolicy(ctx, other.Tenant.ID, storetest.AllDay(), b.svc.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	healthy := webhooktest.New(t)
	now := b.svc.Clock.Now()
	hw := velocity.Webhook{ID: velocity.NewID("wh_"), TenantID: other.Tenant.ID, URL: healthy.URL, Events: []velocity.WebhookEventType{velocity.WebhookCreated},
		Secret: velocity.NewWebhookSecret(), CreatedAt: now, UpdatedAt: now}
	if err := b.store.CreateWebhook(ctx, hw); err != nil {
		t.Fatal(err)
	}
	healthy.SetSecret(hw.Secret)

	// A backlog for the hanging endpoints: 60 messages, older than any of the healthy one's.
	for range 10 {
		b.create(t, velocity.CreateInput{})
	}
	b.start(t)
	deadline := time.Now().Add(5 * time.Second)
	for hanging.Load() < 16 { // every sender would be taken by now, were they not given back
		if time.Now().After(deadline) {
			t.Fatalf("only %d attempts hanging", hanging.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}

	// For longer than the timeout (the hanging attempts time out and their endpoints go
	// into backoff meanwhile), a callback of the other tenant every 100 ms.
	sent := map[string]time.Time{}
	start := time.Now()
	for time.Since(start) < timeout+2*time.Second {
		at := time.Now()
		cb, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phone.Next()}, "")
		if err != nil {
			t.Fatal(err)
		}
		sent[cb.ID] = at
		time.Sleep(100 * time.Millisecond)
	}
	ms := healthy.WaitFor(5*time.Second, "the healthy endpoint's messages", func(ms []webhooktest.Message) bool { return len(ms) >= len(sent) })
	if hanging.Load() == 0 {
		t.Fatal("the slow endpoints are no longer hanging: the test proves nothing")
	}
	var delays []time.Duration
	for _, m := range ms {
		at, ok := sent[m.Data.CallbackID]
		if !ok {
			t.Fatalf("unexpected message %s", m.Body)
		}
		delays = append(delays, m.At.Sub(at))
	}
	slices.Sort(delays)
	p50, worst := delays[len(delays)/2], delays[len(delays)-1]
	attempts := 0
	for i, r := range slow {
		n := len(r.Messages())
		attempts += n
		if m := perEndpointMax[i].Load(); m > 4 {
			t.Errorf("hanging endpoint %d had %d attempts in flight, more than its 4", i, m)
		}
		// Four at first; after they time out, the endpoint is in backoff: one probe.
		if n > 5 {
			t.Errorf("hanging endpoint %d got %d attempts within %s, want at most 5", i, n, time.Since(start))
		}
	}
	t.Logf("%d healthy messages while %d attempts hung (at most %d at once, %d in all): delay p50 %s, max %s",
		len(delays), hanging.Load(), hangingMax.Load(), attempts, p50.Round(time.Millisecond), worst.Round(time.Millisecond))
	if worst > timeout/4 {
		t.Fatalf("a healthy message waited %s (p50 %s) behind hanging endpoints; the timeout is %s", worst, p50, timeout)
	}
}

// TestRetryScheduleRecorded runs the deliverer on a clock that only moves when told,
// with no jitter: a failed attempt is due again 5s later, then 10s; a 429 with
// Retry-After is due again when the endpoint asked; an attempt whose next one would
// fall past the delivery's 24 hours fails it.
func TestRetryScheduleRecorded(t *testing.T) {
	clock := storetest.NewClock(storetest.Epoch)
	b := setupClock(t, clock, func(d *webhook.Deliverer) {
		d.RetryBase, d.Jitter = 0, func(n time.Duration) time.Duration { return n } // the default 5s, whole
	})
	var answer atomic.Value
	answer.Store([2]string{"500", ""})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := answer.Load().([2]string)
		if a[1] != "" {
			w.Header().Set("Retry-After", a[1])
		}
		code, _ := strconv.Atoi(a[0])
		w.WriteHeader(code)
	}))
	defer srv.Close()
	ctx := context.Background()
	now := clock.Now()
	w := velocity.Webhook{ID: velocity.NewID("wh_"), TenantID: b.p.Tenant.ID, URL: srv.URL, Events: []velocity.WebhookEventType{velocity.WebhookCreated},
		Secret: velocity.NewWebhookSecret(), CreatedAt: now, UpdatedAt: now}
	if err := b.store.CreateWebhook(ctx, w); err != nil {
		t.Fatal(err)
	}
	b.create(t, velocity.CreateInput{})
	attempt := func() velocity.WebhookDelivery {
		t.Helper()
		if n, err := b.d.RunOnce(ctx); n != 1 || err != nil {
			t.Fatalf("RunOnce at %s: %d %v", clock.Now(), n, err)
		}
		ds := must[[]velocity.WebhookDelivery](t)(b.store.ListDeliveries(ctx, b.p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 1}))
		return ds[0]
	}
	d := attempt()
	if d.Status != velocity.DeliveryPending || !d.NextAttemptAt.Equal(now.Add(5*time.Second)) {
		t.Fatalf("after the first failure: %s, next %s, want %s", d.Status, d.NextAttemptAt, now.Add(5*time.Second))
	}
	clock.Set(d.NextAttemptAt)
	d = attempt()
	if !d.NextAttemptAt.Equal(clock.Now().Add(10 * time.Second)) {
		t.Fatalf("after the second failure: next %s, want 10s after %s", d.NextAttemptAt, clock.Now())
	}
	answer.Store([2]string{"429", "600"})
	clock.Set(d.NextAttemptAt)
	d = attempt()
	if !d.NextAttemptAt.Equal(clock.Now().Add(10*time.Minute)) || *d.LastStatusCode != 429 {
		t.Fatalf("after a 429 asking for 10 minutes: next %s, want 10m after %s", d.NextAttemptAt, clock.Now())
	}
	// The fourth failure's wait (40s) would end past the delivery's 24 hours: it fails.
	answer.Store([2]string{"503", ""})
	clock.Set(d.ExpiresAt.Add(-30 * time.Second))
	d = attempt()
	if d.Status != velocity.DeliveryFailed || d.Attempts != 4 {
		t.Fatalf("near the end of its lifetime: %s after %d attempts, want failed after 4", d.Status, d.Attempts)
	}
}
