package storetest

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// RunWebhooks runs the webhook behaviour tests (the outbox written with the events,
// leases, attempts, endpoints) and the metrics' queries against stores made by open.
func RunWebhooks(t *testing.T, open Opener) {
	tests := map[string]func(t *testing.T, b *bundle){
		"FanOutInTheEventsTransaction": testWebhookFanOut,
		"ClaimLeasesEachDeliveryOnce":  testWebhookClaims,
		"ClaimsShareFairly":            testWebhookFairClaims,
		"EndpointBackoffAndProbe":      testWebhookEndpointBackoff,
		"AttemptsAndOutcomes":          testWebhookAttempts,
		"DisableEnableDelete":          testWebhookDisable,
		"MetricsQueries":               testMetricsQueries,
	}
	runAll(t, tests, func(t *testing.T) *bundle { return setup(t, open) })
}

func (b *bundle) webhook(t *testing.T, p velocity.Principal, events ...velocity.WebhookEventType) velocity.Webhook {
	t.Helper()
	w := velocity.Webhook{ID: velocity.NewID("wh_"), TenantID: p.Tenant.ID, URL: "https://hooks.example.com/" + p.Tenant.Name,
		Events: events, Secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", CreatedAt: b.clock.Now(), UpdatedAt: b.clock.Now()}
	if err := b.store.CreateWebhook(context.Background(), w); err != nil {
		t.Fatalf("create webhook: %v", err)
	}
	return w
}

func (b *bundle) deliveries(t *testing.T, p velocity.Principal, w velocity.Webhook) []velocity.WebhookDelivery {
	t.Helper()
	ds, err := b.store.ListDeliveries(context.Background(), p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	// In the order of their events; an event's messages by type.
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].EventID != ds[j].EventID {
			return ds[i].EventID < ds[j].EventID
		}
		return ds[i].Type < ds[j].Type
	})
	return ds
}

func types(ds []velocity.WebhookDelivery) []velocity.WebhookEventType {
	var out []velocity.WebhookEventType
	for _, d := range ds {
		out = append(out, d.Type)
	}
	return out
}

// testWebhookFanOut: the changes' transactions record one delivery per subscribed,
// enabled endpoint of their tenant and message, with the body as signed, a message id
// shared by the message's endpoints; a failed change records none.
func testWebhookFanOut(t *testing.T, b *bundle) {
	ctx := context.Background()
	all := b.webhook(t, b.p, velocity.WebhookAll)
	some := b.webhook(t, b.p, velocity.WebhookCreated, velocity.WebhookRescheduled)
	off := b.webhook(t, b.p, velocity.WebhookAll)
	if ok, err := b.store.DisableWebhook(ctx, b.p.Tenant.ID, off.ID, "test", b.clock.Now(), nil); err != nil || !ok {
		t.Fatalf("disable: %v %v", ok, err)
	}
	other := b.webhook(t, b.other, velocity.WebhookAll)

	cb := b.create(t, velocity.CreateInput{})
	ws, we := b.clock.Now().Add(time.Hour), b.clock.Now().Add(2*time.Hour)
	agent := "agent-7"
	if _, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{WindowStart: &ws, WindowEnd: &we, AgentIDSet: true, AgentID: &agent}, nil); err != nil {
		t.Fatal(err)
	}
	notes := "call after lunch"
	if _, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: &notes}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, agent); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: agent, Outcome: velocity.OutcomeConnected}); err != nil {
		t.Fatal(err)
	}
	// A change that fails records nothing.
	if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", ""); err == nil {
		t.Fatal("cancelled a completed callback")
	}

	want := []velocity.WebhookEventType{velocity.WebhookCreated, velocity.WebhookReassigned, velocity.WebhookRescheduled,
		velocity.WebhookUpdated, velocity.WebhookClaimed, velocity.WebhookAttempted, velocity.WebhookCompleted}
	got := b.deliveries(t, b.p, all)
	if !slices.Equal(types(got), want) {
		t.Fatalf("the * endpoint got %v, want %v", types(got), want)
	}
	gotSome := b.deliveries(t, b.p, some)
	if !slices.Equal(types(gotSome), []velocity.WebhookEventType{velocity.WebhookCreated, velocity.WebhookRescheduled}) {
		t.Fatalf("the subscribed endpoint got %v", types(gotSome))
	}
	if n := len(b.deliveries(t, b.p, off)); n != 0 {
		t.Fatalf("a disabled endpoint got %d deliveries", n)
	}
	if n := len(b.deliveries(t, b.other, other)); n != 0 {
		t.Fatalf("another tenant's endpoint got %d deliveries", n)
	}
	if gotSome[0].MessageID != got[0].MessageID || got[0].MessageID == got[1].MessageID || got[1].EventID != got[2].EventID ||
		got[1].MessageID == got[2].MessageID || gotSome[1].MessageID != got[2].MessageID {
		t.Fatalf("message ids: one per message, shared by its endpoints: %+v", got[:3])
	}
	for _, d := range got {
		var msg struct {
			Type      string    `json:"type"`
			Timestamp time.Time `json:"timestamp"`
			Data      struct {
				ID         int64  `json:"id"`
				CallbackID string `json:"callbackId"`
				Callback   struct {
					ID       string                `json:"id"`
					Status   string                `json:"status"`
					Callable *velocity.Callability `json:"callable"`
				} `json:"callback"`
			} `json:"data"`
		}
		if err := json.Unmarshal(d.Payload, &msg); err != nil {
			t.Fatalf("payload %s: %v", d.Payload, err)
		}
		// An open callback's callability as of the change, under the tenant's policy
		// (around the clock): callable now; a closed one's, none.
		if open := velocity.Status(msg.Data.Callback.Status).Open(); open != (msg.Data.Callback.Callable != nil) ||
			(open && (!msg.Data.Callback.Callable.Now || msg.Data.Callback.Callable.From.After(d.CreatedAt))) {
			t.Fatalf("%s (%s): callable %+v", d.Type, msg.Data.Callback.Status, msg.Data.Callback.Callable)
		}
		if msg.Type != string(d.Type) || msg.Data.ID != d.EventID || msg.Data.Callback.ID != cb.ID || msg.Data.CallbackID != cb.ID ||
			d.CallbackID != cb.ID || d.Status != velocity.DeliveryPending || d.Attempts != 0 || msg.Timestamp.IsZero() ||
			!d.ExpiresAt.Equal(d.CreatedAt.Add(velocity.DeliveryLifetime)) || !d.NextAttemptAt.Equal(d.CreatedAt) {
			t.Fatalf("delivery %+v with payload %s", d, d.Payload)
		}
	}
	one, err := b.store.GetDelivery(ctx, b.p.Tenant.ID, got[0].ID)
	if err != nil || string(one.Payload) != string(got[0].Payload) {
		t.Fatalf("get delivery: %v", err)
	}
	if _, err := b.store.GetDelivery(ctx, b.other.Tenant.ID, got[0].ID); !isNotFound(err) {
		t.Fatalf("another tenant reads a delivery: %v", err)
	}
}

func isNotFound(err error) bool {
	e, ok := velocity.AsError(err)
	return ok && e.Code == velocity.CodeNotFound
}

// testWebhookClaims: concurrent claimers (servers) lease each due delivery once, at most
// PerWebhook per endpoint counting their own in flight; a lease that ends is claimable
// again, and the old lease can no longer record.
func testWebhookClaims(t *testing.T, b *bundle) {
	ctx := context.Background()
	busy := b.webhook(t, b.p, velocity.WebhookCreated)
	quiet := b.webhook(t, b.p, velocity.WebhookCreated)
	for i := 0; i < 30; i++ {
		b.create(t, velocity.CreateInput{})
	}
	now := b.clock.Now()
	lease := now.Add(time.Minute)
	// One claimer with 3 of busy's in flight takes only 1 more of busy's.
	first, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: lease, Limit: 10, PerWebhook: 4, InFlight: map[string]int{busy.ID: 3}})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, d := range first {
		per[d.WebhookID]++
		if d.Attempts != 1 || d.Endpoint.ID != d.WebhookID || d.Endpoint.Secret == "" || !d.NextAttemptAt.Equal(lease) {
			t.Fatalf("claimed %+v", d)
		}
	}
	if per[busy.ID] != 1 || per[quiet.ID] != 4 {
		t.Fatalf("per endpoint: %v, want busy 1, quiet 4", per)
	}
	// Eight claimers at once share the rest, each delivery once.
	var mu sync.Mutex
	seen := map[string]int{}
	for _, d := range first {
		seen[d.ID]++
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ds, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: lease, Limit: 3})
				if err != nil {
					t.Error(err)
					return
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					seen[d.ID]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 60 {
		t.Fatalf("%d deliveries claimed, want 60", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("delivery %s claimed %d times", id, n)
		}
	}
	// The lease ends without a record: due again, with the next attempt's token.
	b.clock.Set(lease)
	again, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: lease, LeaseUntil: lease.Add(time.Minute), Limit: 100})
	if err != nil || len(again) != 60 {
		t.Fatalf("after the leases: %d claimed, %v", len(again), err)
	}
	stale := first[0]
	if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: stale, Attempt: velocity.WebhookAttempt{At: lease}, Delivered: true}); err != nil || ok {
		t.Fatalf("a lost lease recorded: %v %v", ok, err)
	}
	for _, d := range again {
		if d.ID == stale.ID {
			if d.Attempts != 2 {
				t.Fatalf("second lease attempts %d", d.Attempts)
			}
			if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: d, Attempt: velocity.WebhookAttempt{At: lease, StatusCode: ptr(200)}, Delivered: true}); err != nil || !ok {
				t.Fatalf("the current lease did not record: %v %v", ok, err)
			}
		}
	}
}

// testWebhookFairClaims: a claim takes one delivery of each endpoint with due ones
// before a second of any, so that an endpoint with a backlog (older) does not keep the
// others' messages waiting, another tenant's included.
func testWebhookFairClaims(t *testing.T, b *bundle) {
	ctx := context.Background()
	backlog := b.webhook(t, b.p, velocity.WebhookCreated)
	for i := 0; i < 20; i++ {
		b.create(t, velocity.CreateInput{})
	}
	b.clock.Advance(time.Minute)
	quiet := b.webhook(t, b.p, velocity.WebhookCreated)
	b.create(t, velocity.CreateInput{})
	b.create(t, velocity.CreateInput{})
	b.clock.Advance(time.Minute)
	elsewhere := b.webhook(t, b.other, velocity.WebhookCreated)
	if _, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "t", PhoneNumber: b.phones.Next()}, ""); err != nil {
		t.Fatal(err)
	}
	now := b.clock.Now()
	per := func(ds []velocity.ClaimedDelivery) map[string]int {
		m := map[string]int{}
		for _, d := range ds {
			m[d.WebhookID]++
		}
		return m
	}
	// No per-endpoint limit: still the backlog's two oldest, the quiet endpoint's two and
	// the other tenant's one, not five of the backlog's.
	ds, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if got := per(ds); got[backlog.ID] != 2 || got[quiet.ID] != 2 || got[elsewhere.ID] != 1 {
		t.Fatalf("claimed per endpoint %v; want backlog 2, quiet 2, elsewhere 1", got)
	}
	oldest := b.deliveries(t, b.p, backlog)[:2]
	for _, d := range ds {
		if d.WebhookID == backlog.ID && d.ID != oldest[0].ID && d.ID != oldest[1].ID {
			t.Fatalf("the backlog's claimed %s is not among its oldest", d.ID)
		}
	}
	// With the caller's four in flight to the backlog, PerWebhook 4 leaves it none, and
	// the claim does not come back empty-handed for the others' sake: there are none.
	ds, err = b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: 5, PerWebhook: 4,
		InFlight: map[string]int{backlog.ID: 4}})
	if err != nil || len(ds) != 0 {
		t.Fatalf("claimed %v (%v), want nothing", per(ds), err)
	}
	ds, err = b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: 16, PerWebhook: 4,
		InFlight: map[string]int{backlog.ID: 1}})
	if got := per(ds); err != nil || got[backlog.ID] != 3 || len(got) != 1 {
		t.Fatalf("claimed %v (%v), want 3 of the backlog's", got, err)
	}
}

// testWebhookEndpointBackoff: a failed attempt recorded with an endpoint backoff holds
// back all of that endpoint's deliveries until then, and no other endpoint's; then one
// at a time goes out across concurrent claimers (a probe) until one is delivered, which
// ends the backoff. A test message or a re-send ends the backoff at once.
func testWebhookEndpointBackoff(t *testing.T, b *bundle) {
	ctx := context.Background()
	failing := b.webhook(t, b.p, velocity.WebhookCreated)
	healthy := b.webhook(t, b.p, velocity.WebhookCreated)
	for i := 0; i < 10; i++ {
		b.create(t, velocity.CreateInput{})
	}
	claim := func(limit int) []velocity.ClaimedDelivery {
		t.Helper()
		now := b.clock.Now()
		ds, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: limit, PerWebhook: 4})
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	first := claim(2)
	if len(first) != 2 || first[0].WebhookID == first[1].WebhookID {
		t.Fatalf("first claim %+v", first)
	}
	for _, d := range first {
		if d.WebhookID != failing.ID {
			continue
		}
		at := b.clock.Now()
		next, until := at.Add(time.Hour), at.Add(30*time.Second)
		if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: d, Attempt: velocity.WebhookAttempt{At: at, Error: "no answer within the timeout"},
			NextAttemptAt: &next, EndpointBackoffUntil: &until}); err != nil || !ok {
			t.Fatal(ok, err)
		}
	}
	// Nine of the failing endpoint's are due, and none goes out; the healthy one's do.
	if got := claim(16); len(of(got, failing.ID)) != 0 || len(of(got, healthy.ID)) != 4 {
		t.Fatalf("in backoff: claimed %d of the failing endpoint's and %d of the healthy one's, want 0 and 4",
			len(of(got, failing.ID)), len(of(got, healthy.ID)))
	}
	b.clock.Advance(30 * time.Second)
	// Its backoff over: eight claimers at once get one of its deliveries between them.
	var mu sync.Mutex
	var probes []velocity.ClaimedDelivery
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			now := b.clock.Now()
			ds, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: 4, PerWebhook: 4})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			probes = append(probes, ds...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	probes = of(probes, failing.ID)
	if len(probes) != 1 {
		t.Fatalf("%d of the failing endpoint's claimed after its backoff, want one (a probe)", len(probes))
	}
	if got := of(claim(16), failing.ID); len(got) != 0 {
		t.Fatalf("claimed %d while the probe is out", len(got))
	}
	// The probe is delivered: the endpoint is sent to as before, four at a time.
	if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: probes[0], Delivered: true,
		Attempt: velocity.WebhookAttempt{At: b.clock.Now(), StatusCode: ptr(200)}}); err != nil || !ok {
		t.Fatal(ok, err)
	}
	again := of(claim(16), failing.ID)
	if len(again) != 4 {
		t.Fatalf("after the probe's success: %d claimed, want 4", len(again))
	}
	// Failing again, for an hour; an admin's test message ends the backoff at once (one
	// probe: the oldest due of its messages).
	at := b.clock.Now()
	until := at.Add(time.Hour)
	for _, d := range again {
		if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: d, Attempt: velocity.WebhookAttempt{At: at, Error: "HTTP 500"},
			NextAttemptAt: &at, EndpointBackoffUntil: &until}); err != nil || !ok {
			t.Fatal(ok, err)
		}
	}
	if got := of(claim(16), failing.ID); len(got) != 0 {
		t.Fatalf("claimed %d in backoff", len(got))
	}
	ep, err := b.store.GetWebhook(ctx, b.p.Tenant.ID, failing.ID)
	if err != nil {
		t.Fatal(err)
	}
	td, err := velocity.TestDelivery(ep, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.EnqueueDelivery(ctx, td); err != nil {
		t.Fatal(err)
	}
	if got := of(claim(16), failing.ID); len(got) != 1 {
		t.Fatalf("after a test message: %d claimed, want one probe", len(got))
	}
}

// of returns the deliveries of one endpoint.
func of(ds []velocity.ClaimedDelivery, endpoint string) []velocity.ClaimedDelivery {
	var out []velocity.ClaimedDelivery
	for _, d := range ds {
		if d.WebhookID == endpoint {
			out = append(out, d)
		}
	}
	return out
}

// testWebhookAttempts: each attempt is kept; a failure schedules the next or fails the
// delivery and counts in the endpoint's run of failures, which a success ends; a
// delivered or failed delivery can be re-sent with its message id.
func testWebhookAttempts(t *testing.T, b *bundle) {
	ctx := context.Background()
	w := b.webhook(t, b.p, velocity.WebhookCreated)
	b.create(t, velocity.CreateInput{})
	b.create(t, velocity.CreateInput{})
	claim := func() []velocity.ClaimedDelivery {
		t.Helper()
		ds, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: b.clock.Now(), LeaseUntil: b.clock.Now().Add(time.Minute), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	ds := claim()
	if len(ds) != 2 {
		t.Fatalf("claimed %d", len(ds))
	}
	t0 := b.clock.Now()
	next := t0.Add(10 * time.Second)
	run, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: ds[0], NextAttemptAt: &next,
		Attempt: velocity.WebhookAttempt{At: t0, StatusCode: ptr(503), Duration: 1500 * time.Microsecond, Error: "HTTP 503", Response: "busy"}})
	if err != nil || !ok || run.Failures != 1 || run.Since == nil || !run.Since.Equal(t0) {
		t.Fatalf("first failure: %+v %v %v", run, ok, err)
	}
	run, _, _ = b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: ds[1], Attempt: velocity.WebhookAttempt{At: t0.Add(time.Second), Error: "connection refused"}})
	if run.Failures != 2 || !run.Since.Equal(t0) {
		t.Fatalf("second failure: %+v", run)
	}
	failed, _ := b.store.GetDelivery(ctx, b.p.Tenant.ID, ds[1].ID)
	if failed.Status != velocity.DeliveryFailed || failed.LastStatusCode != nil || failed.LastError != "connection refused" {
		t.Fatalf("gave up: %+v", failed)
	}
	ep, _ := b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID)
	if ep.ConsecutiveFailures != 2 || ep.FailingSince == nil {
		t.Fatalf("endpoint after failures: %+v", ep)
	}
	if got := claim(); len(got) != 0 {
		t.Fatalf("claimed %d before the retry is due", len(got))
	}
	b.clock.Set(next)
	ds = claim()
	if len(ds) != 1 || ds[0].Attempts != 2 {
		t.Fatalf("retry: %+v", ds)
	}
	if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: ds[0], Delivered: true,
		Attempt: velocity.WebhookAttempt{At: next, StatusCode: ptr(204), Duration: 2 * time.Millisecond}}); err != nil || !ok {
		t.Fatal(ok, err)
	}
	ep, _ = b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID)
	if ep.ConsecutiveFailures != 0 || ep.FailingSince != nil {
		t.Fatalf("a success did not end the run: %+v", ep)
	}
	done, _ := b.store.GetDelivery(ctx, b.p.Tenant.ID, ds[0].ID)
	if done.Status != velocity.DeliveryDelivered || done.DeliveredAt == nil || *done.LastStatusCode != 204 || done.Attempts != 2 {
		t.Fatalf("delivered: %+v", done)
	}
	atts, err := b.store.ListAttempts(ctx, b.p.Tenant.ID, done.ID)
	if err != nil || len(atts) != 2 || *atts[0].StatusCode != 503 || atts[0].Response != "busy" || atts[0].Duration != 1500*time.Microsecond ||
		atts[0].Attempt != 1 || atts[1].Attempt != 2 || *atts[1].StatusCode != 204 {
		t.Fatalf("attempts %+v %v", atts, err)
	}
	// Re-sending: the same message, due now, for another day; a pending one is refused.
	b.clock.Advance(time.Hour)
	re, err := b.store.ResendDelivery(ctx, b.p.Tenant.ID, done.ID, b.clock.Now())
	if err != nil || re.Status != velocity.DeliveryPending || re.MessageID != done.MessageID || !re.NextAttemptAt.Equal(b.clock.Now()) {
		t.Fatalf("resend: %+v %v", re, err)
	}
	if _, err := b.store.ResendDelivery(ctx, b.p.Tenant.ID, done.ID, b.clock.Now()); err == nil {
		t.Fatal("re-sent a pending delivery")
	}
	if _, err := b.store.ResendDelivery(ctx, b.other.Tenant.ID, failed.ID, b.clock.Now()); !isNotFound(err) {
		t.Fatalf("another tenant re-sends: %v", err)
	}
	if got := claim(); len(got) != 1 || got[0].ID != done.ID || got[0].Attempts != 3 {
		t.Fatalf("claim after the resend: %+v", got)
	}
	// A test message, outside any event's transaction.
	td, err := velocity.TestDelivery(w, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.EnqueueDelivery(ctx, td); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.store.GetDelivery(ctx, b.p.Tenant.ID, td.ID); got.Type != velocity.WebhookTest || got.EventID != 0 {
		t.Fatalf("test delivery %+v", got)
	}
}

// testWebhookDisable: disabling pauses an endpoint's pending deliveries (a lease held
// then can no longer record), enabling resumes them and forgets the failures, deleting
// removes its deliveries and attempts.
func testWebhookDisable(t *testing.T, b *bundle) {
	ctx := context.Background()
	w := b.webhook(t, b.p, velocity.WebhookAll)
	b.create(t, velocity.CreateInput{})
	b.create(t, velocity.CreateInput{})
	now := b.clock.Now()
	held, _ := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: 1})
	if len(held) != 1 {
		t.Fatal("no claim")
	}
	if _, _, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: held[0], Attempt: velocity.WebhookAttempt{At: now, Error: "x"}, NextAttemptAt: &now}); err != nil {
		t.Fatal(err)
	}
	held, _ = b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(time.Minute), Limit: 1})
	audit := func(reason string) *velocity.AuditEntry {
		return &velocity.AuditEntry{TenantID: b.p.Tenant.ID, At: now, Actor: "velocity", Kind: "webhook.autoDisable", Target: w.ID, After: map[string]any{"reason": reason}}
	}
	if ok, err := b.store.DisableWebhook(ctx, b.p.Tenant.ID, w.ID, "failing for a day", now, audit("failing for a day")); err != nil || !ok {
		t.Fatalf("disable: %v %v", ok, err)
	}
	if ok, _ := b.store.DisableWebhook(ctx, b.p.Tenant.ID, w.ID, "again", now, audit("again")); ok {
		t.Fatal("disabled twice")
	}
	// The disable is audited once, with it; the refused second one is not.
	if entries, err := b.store.ListAudit(ctx, b.p.Tenant.ID, velocity.AuditQuery{Kind: "webhook.autoDisable", Limit: 10}); err != nil || len(entries) != 1 ||
		entries[0].Target != w.ID || entries[0].After.(map[string]any)["reason"] != "failing for a day" {
		t.Fatalf("audit: %+v %v", entries, err)
	}
	ep, _ := b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID)
	if ep.DisabledAt == nil || ep.DisabledReason != "failing for a day" {
		t.Fatalf("disabled: %+v", ep)
	}
	if _, ok, _ := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: held[0], Delivered: true, Attempt: velocity.WebhookAttempt{At: now}}); ok {
		t.Fatal("a lease recorded after its endpoint was disabled")
	}
	for _, d := range b.deliveries(t, b.p, w) {
		if d.Status != velocity.DeliveryPaused {
			t.Fatalf("not paused: %+v", d)
		}
	}
	b.create(t, velocity.CreateInput{}) // no delivery while disabled
	if n := len(b.deliveries(t, b.p, w)); n != 2 {
		t.Fatalf("%d deliveries", n)
	}
	b.clock.Advance(time.Hour)
	ep.DisabledAt, ep.UpdatedAt = nil, b.clock.Now()
	if err := b.store.UpdateWebhook(ctx, ep, b.clock.Now()); err != nil {
		t.Fatal(err)
	}
	ep, _ = b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID)
	if ep.DisabledAt != nil || ep.DisabledReason != "" || ep.ConsecutiveFailures != 0 || ep.FailingSince != nil {
		t.Fatalf("enabled: %+v", ep)
	}
	for _, d := range b.deliveries(t, b.p, w) {
		if d.Status != velocity.DeliveryPending || !d.NextAttemptAt.Equal(b.clock.Now()) || !d.ExpiresAt.Equal(b.clock.Now().Add(velocity.DeliveryLifetime)) {
			t.Fatalf("not resumed: %+v", d)
		}
	}
	if err := b.store.DeleteWebhook(ctx, b.other.Tenant.ID, w.ID); !isNotFound(err) {
		t.Fatalf("another tenant deletes: %v", err)
	}
	if err := b.store.DeleteWebhook(ctx, b.p.Tenant.ID, w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.GetWebhook(ctx, b.p.Tenant.ID, w.ID); !isNotFound(err) {
		t.Fatalf("deleted endpoint: %v", err)
	}
	if ds, _ := b.store.ListDeliveries(ctx, b.p.Tenant.ID, w.ID, velocity.DeliveryQuery{Limit: 10}); len(ds) != 0 {
		t.Fatalf("deliveries of a deleted endpoint: %d", len(ds))
	}
	b.create(t, velocity.CreateInput{}) // the tenant's changes go on without it
}

// testMetricsQueries: open callbacks by tenant and status with those overdue, and the
// webhook queue (pending, due, the oldest due).
func testMetricsQueries(t *testing.T, b *bundle) {
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		b.create(t, velocity.CreateInput{})
	}
	later := b.clock.Now().Add(3 * time.Hour)
	b.create(t, velocity.CreateInput{WindowStart: &later})
	c := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Claim(ctx, b.p, c.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "t", PhoneNumber: b.phones.Next()}, ""); err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(90 * time.Minute)
	counts, err := b.store.OpenCallbackCounts(ctx, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]velocity.OpenCount{}
	for _, c := range counts {
		got[c.TenantID+"/"+string(c.Status)] = c
	}
	if s := got[b.p.Tenant.ID+"/scheduled"]; s.Count != 4 || s.Overdue != 3 {
		t.Fatalf("acme scheduled %+v", s)
	}
	if s := got[b.p.Tenant.ID+"/claimed"]; s.Count != 1 || s.Overdue != 1 {
		t.Fatalf("acme claimed %+v", s)
	}
	if s := got[b.other.Tenant.ID+"/scheduled"]; s.Count != 1 {
		t.Fatalf("globex %+v (%v)", s, counts)
	}
	q, err := b.store.WebhookQueue(ctx, b.clock.Now())
	if err != nil || q.Pending != 0 || q.OldestDue != nil {
		t.Fatalf("empty queue %+v %v", q, err)
	}
	w := b.webhook(t, b.p, velocity.WebhookCreated)
	first := b.create(t, velocity.CreateInput{})
	b.clock.Advance(time.Second)
	b.create(t, velocity.CreateInput{})
	q, err = b.store.WebhookQueue(ctx, b.clock.Now())
	if err != nil || q.Pending != 2 || q.Due != 2 || q.OldestDue == nil || !q.OldestDue.Equal(first.CreatedAt) {
		t.Fatalf("queue %+v %v", q, err)
	}
	_ = w
}
