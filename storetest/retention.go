package storetest

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// Search returns every row of the store's database, in any table, whose text holds
// text, each as "table: row". An engine's test gives the suite its own, which reads the
// database directly: the erasure tests look for what must be gone everywhere.
type Search func(t *testing.T, s velocity.Store, text string) []string

// RunRetention runs the retention and erasure behaviour tests against stores made by
// open; search looks into a store's database.
func RunRetention(t *testing.T, open Opener, search Search) {
	tests := map[string]func(t *testing.T, b *rulesBundle){
		"RetentionPurgesClosed":     testRetentionPurges,
		"RetentionDefaultsKeep":     testRetentionDefaults,
		"RetentionPurgesDeliveries": testRetentionDeliveries,
		"DeliveriesGoWithCallbacks": testDeliveriesGoWithCallbacks,
		"EraseCancelsAndScrubs":     func(t *testing.T, b *rulesBundle) { testErase(t, b, search) },
		"EraseKeepsDoNotCall":       func(t *testing.T, b *rulesBundle) { testEraseDoNotCall(t, b, search) },
		"EraseUnknownNumberIsNoop":  testEraseNothing,
		"EraseManyCallbacks":        func(t *testing.T, b *rulesBundle) { testEraseMany(t, b, search) },
	}
	runAll(t, tests, func(t *testing.T) *rulesBundle { return setupRules(t, open) })
}

// day is 24 hours.
const day = 24 * time.Hour

// complete claims a callback and records a connected call.
func (b *rulesBundle) complete(t *testing.T, id string, notes string) {
	t.Helper()
	ctx := context.Background()
	if _, err := b.svc.Claim(ctx, b.p, id, "agent-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.RecordAttempt(ctx, b.p, id, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected, Notes: notes}); err != nil {
		t.Fatal(err)
	}
}

func (b *rulesBundle) history(t *testing.T, p velocity.Principal, id string) []velocity.Event {
	t.Helper()
	h, err := b.svc.History(context.Background(), p, id, "")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func testRetentionPurges(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{CallbackRetentionDays: ptr(10), EventLogRetentionDays: ptr(2), AuditRetentionDays: ptr(90)}); err != nil {
		t.Fatal(err)
	}
	b.sched.Batch = 2 // several batches
	// Day 0: five closed callbacks (one made with an Idempotency-Key), one open (also
	// with a key), and a closed one of another tenant, whose policy is the default.
	var old []string
	for i := 0; i < 5; i++ {
		cb := b.create(t, velocity.CreateInput{})
		if i%2 == 0 {
			b.complete(t, cb.ID, "")
		} else if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", "no longer needed"); err != nil {
			t.Fatal(err)
		}
		old = append(old, cb.ID)
	}
	keyed, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, "key-closed")
	if err != nil {
		t.Fatal(err)
	}
	b.complete(t, keyed.ID, "")
	old = append(old, keyed.ID)
	open, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, "key-open")
	if err != nil {
		t.Fatal(err)
	}
	foreign, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.Cancel(ctx, b.other, foreign.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	// Day 5: one more closed callback, younger than the retention.
	b.clock.Advance(5 * day)
	recent := b.create(t, velocity.CreateInput{})
	b.complete(t, recent.ID, "")
	openHistory := len(b.history(t, b.p, open.ID))
	recentHistory := len(b.history(t, b.p, recent.ID))

	// Day 10 and a minute: the callbacks closed on day 0 go, with their history; the
	// open one's key (over 2 days old) goes, the open callback and its history stay.
	b.clock.Advance(5*day + time.Minute)
	res, err := b.sched.RunOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Purged.Callbacks != len(old) || res.Purged.Events == 0 || res.Purged.EventLog != 1 || res.Purged.Audit != 0 {
		t.Fatalf("purged %+v, want %d callbacks with their events and one idempotency key", res.Purged, len(old))
	}
	for _, id := range old {
		if _, err := b.svc.Get(ctx, b.p, id, ""); !errors.Is(err, velocity.ErrNotFound) {
			t.Fatalf("closed callback %s kept: %v", id, err)
		}
		if h, err := b.store.History(ctx, b.p.Tenant.ID, id); err != nil || len(h) != 0 {
			t.Fatalf("history of %s kept: %d events", id, len(h))
		}
	}
	if got := b.history(t, b.p, open.ID); len(got) < openHistory {
		t.Fatalf("open callback's history shrank: %d of %d", len(got), openHistory)
	}
	if got := b.history(t, b.p, recent.ID); len(got) != recentHistory {
		t.Fatalf("recent callback's history: %d events, want %d", len(got), recentHistory)
	}
	if _, err := b.svc.Get(ctx, b.other, foreign.ID, ""); err != nil {
		t.Fatalf("another tenant's callback (400 days) purged: %v", err)
	}
	// The key of the purged callback went with it: the same key makes a new callback.
	again, replayed, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, "key-closed")
	if err != nil || replayed || again.ID == keyed.ID {
		t.Fatalf("key of a purged callback: replayed %v, %v", replayed, err)
	}
	if _, err := b.svc.Cancel(ctx, b.p, again.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	if res, err := b.sched.RunOnce(ctx); err != nil || res.Purged != (velocity.Purged{}) {
		t.Fatalf("a second pass purged %+v (%v)", res.Purged, err)
	}

	// Day 91: the audit entries of day 0 go too (the account is an admin, so its
	// changes were audited); the recent callback has gone by then, the open one stays.
	b.clock.Advance(81 * day)
	before, err := b.svc.Audit(ctx, b.p, velocity.AuditQuery{Limit: velocity.MaxAuditLimit})
	if err != nil || len(before) == 0 {
		t.Fatalf("audit: %d entries, %v", len(before), err)
	}
	res, err = b.sched.RunOnce(ctx)
	if err != nil || res.Purged.Audit == 0 || res.Purged.Callbacks != 2 {
		t.Fatalf("day 91: purged %+v (%v), want audit entries and two callbacks", res.Purged, err)
	}
	after, err := b.svc.Audit(ctx, b.p, velocity.AuditQuery{Limit: velocity.MaxAuditLimit})
	if err != nil {
		t.Fatal(err)
	}
	cutoff := b.clock.Now().Add(-90 * day)
	for _, e := range after {
		if e.At.Before(cutoff) {
			t.Fatalf("audit entry of %v kept past 90 days: %+v", e.At, e)
		}
	}
	if len(after) != len(before)-res.Purged.Audit {
		t.Fatalf("audit: %d entries after, %d before, %d purged", len(after), len(before), res.Purged.Audit)
	}
	if _, err := b.svc.Get(ctx, b.p, open.ID, ""); err != nil {
		t.Fatalf("an open callback was purged: %v", err)
	}
}

// testRetentionDeliveries: finished webhook deliveries older than the event log's
// retention go with their attempts; pending ones (to be sent or being sent) and younger
// ones stay, and so do another tenant's (default retention).
func testRetentionDeliveries(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{EventLogRetentionDays: ptr(2)}); err != nil {
		t.Fatal(err)
	}
	b.sched.Batch = 1 // several batches
	b.webhook(t, b.p, velocity.WebhookCreated)
	b.webhook(t, b.other, velocity.WebhookCreated)
	claim := func(want int) []velocity.ClaimedDelivery {
		t.Helper()
		ds, err := b.store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: b.clock.Now(), LeaseUntil: b.clock.Now().Add(time.Minute), Limit: 10})
		if err != nil || len(ds) != want {
			t.Fatalf("claimed %d deliveries, want %d: %v", len(ds), want, err)
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i].EventID < ds[j].EventID })
		return ds
	}
	finish := func(d velocity.ClaimedDelivery, delivered bool) {
		t.Helper()
		a := velocity.WebhookAttempt{At: b.clock.Now(), StatusCode: ptr(500), Duration: time.Millisecond, Error: "HTTP 500"}
		if delivered {
			a.StatusCode, a.Error = ptr(204), ""
		}
		if _, ok, err := b.store.RecordAttempt(ctx, velocity.AttemptRecord{Delivery: d, Delivered: delivered, Attempt: a}); err != nil || !ok {
			t.Fatalf("record attempt: %v %v", ok, err)
		}
	}
	// Day 0: a delivered message, a failed one, one still being sent, and another
	// tenant's delivered one.
	for i := 0; i < 3; i++ {
		b.create(t, velocity.CreateInput{})
	}
	if _, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, ""); err != nil {
		t.Fatal(err)
	}
	old := claim(4)
	var mine []velocity.ClaimedDelivery
	for _, d := range old {
		if d.TenantID == b.p.Tenant.ID {
			mine = append(mine, d)
		} else {
			finish(d, true)
		}
	}
	finish(mine[0], true)
	finish(mine[1], false)
	// Day 3: one more, delivered.
	b.clock.Advance(3 * day)
	b.create(t, velocity.CreateInput{})
	recent := claim(2) // the new one, and the one whose lease ran out
	for _, d := range recent {
		if d.ID != mine[2].ID {
			finish(d, true)
		}
	}
	res, err := b.sched.RunOnce(ctx)
	if err != nil || res.Purged.Deliveries != 2 {
		t.Fatalf("purged %+v (%v), want the 2 finished deliveries of day 0", res.Purged, err)
	}
	for _, d := range mine[:2] {
		if _, err := b.store.GetDelivery(ctx, b.p.Tenant.ID, d.ID); !errors.Is(err, velocity.ErrNotFound) {
			t.Fatalf("delivery %s kept: %v", d.ID, err)
		}
		if atts, err := b.store.ListAttempts(ctx, b.p.Tenant.ID, d.ID); err != nil || len(atts) != 0 {
			t.Fatalf("attempts of a purged delivery: %d (%v)", len(atts), err)
		}
	}
	if d, err := b.store.GetDelivery(ctx, b.p.Tenant.ID, mine[2].ID); err != nil || d.Status != velocity.DeliveryPending {
		t.Fatalf("the delivery being sent: %+v %v", d, err)
	}
	kept := 0
	for _, p := range []velocity.Principal{b.p, b.other} {
		ws, err := b.store.ListWebhooks(ctx, p.Tenant.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range ws {
			kept += len(b.deliveries(t, p, w))
		}
	}
	if kept != 3 {
		t.Fatalf("%d deliveries kept, want 3: the pending one, day 3's and the other tenant's", kept)
	}
}

// testDeliveriesGoWithCallbacks: a purged callback takes its webhook deliveries with it,
// however long the event log is kept, so that no copy of it outlives it.
func testDeliveriesGoWithCallbacks(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{CallbackRetentionDays: ptr(1), EventLogRetentionDays: ptr(30)}); err != nil {
		t.Fatal(err)
	}
	w := b.webhook(t, b.p, velocity.WebhookAll)
	closed := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Cancel(ctx, b.p, closed.ID, "", "no longer needed"); err != nil {
		t.Fatal(err)
	}
	open := b.create(t, velocity.CreateInput{})
	b.clock.Advance(2 * day)
	if res, err := b.sched.RunOnce(ctx); err != nil || res.Purged.Callbacks != 1 {
		t.Fatalf("purged %+v (%v), want the cancelled callback", res.Purged, err)
	}
	for _, d := range b.deliveries(t, b.p, w) {
		if d.CallbackID == closed.ID {
			t.Fatalf("a delivery of a purged callback is kept: %+v", d)
		}
	}
	if ds := b.deliveries(t, b.p, w); len(ds) == 0 || ds[0].CallbackID != open.ID {
		t.Fatalf("the open callback's deliveries: %+v", ds)
	}
}

func testRetentionDefaults(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	pol, err := b.svc.Policy(ctx, b.other.Tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc := pol.Doc(); *doc.CallbackRetentionDays != 400 || *doc.EventLogRetentionDays != 30 || *doc.AuditRetentionDays != 400 {
		t.Fatalf("defaults %d %d %d", *doc.CallbackRetentionDays, *doc.EventLogRetentionDays, *doc.AuditRetentionDays)
	}
	cb, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.Cancel(ctx, b.other, cb.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(399 * day)
	if res, err := b.sched.RunOnce(ctx); err != nil || res.Purged.Callbacks != 0 {
		t.Fatalf("day 399: %+v %v", res.Purged, err)
	}
	b.clock.Advance(day + time.Second)
	if res, err := b.sched.RunOnce(ctx); err != nil || res.Purged.Callbacks != 1 || res.Purged.Events != 2 {
		t.Fatalf("day 400: %+v %v", res.Purged, err)
	}
}

// customer is what the erasure tests write about one customer, all of it text that
// appears nowhere else.
var customer = struct {
	name, renamed, notes, renotes, reason, attemptNotes, cancelReason string
}{
	name: "Zebulon Quixote", renamed: "Zebulon Q. Quixote", notes: "prefers mornings, loan 4471-X",
	renotes: "asked about loan 4471-X twice", reason: "mortgage arrears Zq", attemptNotes: "spoke to Zebulon Quixote's wife",
	cancelReason: "Zebulon Quixote moved away",
}

func testErase(t *testing.T, b *rulesBundle, search Search) {
	ctx := context.Background()
	number := b.phones.Next()
	other := b.phones.Next()
	// Every change is a webhook message whose body holds the callback as it stood.
	hook := b.webhook(t, b.p, velocity.WebhookAll)
	b.webhook(t, b.other, velocity.WebhookAll)
	// A callback first made for the number, then moved to another one (a typo fixed):
	// the number leaves its history, the rest of it stays.
	moved := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: "Ottilie Moved", Notes: "typo fixed"})
	if _, err := b.svc.Update(ctx, b.p, moved.ID, "", velocity.UpdateInput{PhoneNumber: &other}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.Update(ctx, b.p, moved.ID, "", velocity.UpdateInput{Notes: ptr("typo fixed, then called")}, nil); err != nil {
		t.Fatal(err)
	}
	// The customer's callbacks: one completed after an edit, with the notes of the call;
	// one cancelled with a reason naming them; one open.
	done := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: customer.name, Notes: customer.notes, Reason: customer.reason})
	if _, err := b.svc.Update(ctx, b.p, done.ID, "", velocity.UpdateInput{CustomerName: ptr(customer.renamed), Notes: ptr(customer.renotes)}, nil); err != nil {
		t.Fatal(err)
	}
	b.complete(t, done.ID, customer.attemptNotes)
	cancelled := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: customer.name})
	if _, err := b.svc.Cancel(ctx, b.p, cancelled.ID, "", customer.cancelReason); err != nil {
		t.Fatal(err)
	}
	open, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: number, CustomerName: customer.renamed, Notes: customer.notes}, "erase-key")
	if err != nil {
		t.Fatal(err)
	}
	bystander := b.create(t, velocity.CreateInput{CustomerName: "Bystander Person", Notes: "keep me"})
	keptHistory := len(b.history(t, b.p, done.ID))
	// Another tenant's customer with the same number and name is not touched.
	foreign, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: number, CustomerName: customer.name}, "")
	if err != nil {
		t.Fatal(err)
	}

	b.clock.Advance(time.Minute)
	res, err := b.svc.EraseCustomer(ctx, b.p, number, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Callbacks) != 3 || len(res.Cancelled) != 1 || res.Cancelled[0] != open.ID || res.Mentioning != 1 || res.DoNotCall || res.Events == 0 || res.AuditEntries == 0 {
		t.Fatalf("result %+v", res)
	}
	// The customer's messages are gone, and the moved callback's that held the number;
	// the bystander's and the moved callback's later ones stay, as do those the erasure
	// itself made (they carry only erased callbacks).
	byCallback := map[string]int{}
	for _, d := range b.deliveries(t, b.p, hook) {
		byCallback[d.CallbackID]++
	}
	if byCallback[bystander.ID] != 1 || byCallback[moved.ID] != 1 || byCallback[done.ID] != 1 || byCallback[cancelled.ID] != 1 || byCallback[open.ID] != 1 || res.WebhookDeliveries < 7 {
		t.Fatalf("deliveries after erasure, by callback: %v; erased %d", byCallback, res.WebhookDeliveries)
	}
	for _, id := range []string{done.ID, cancelled.ID, open.ID} {
		cb, err := b.svc.Get(ctx, b.p, id, "")
		if err != nil {
			t.Fatal(err)
		}
		if cb.CustomerName != velocity.ErasedText || cb.Notes != "" || cb.Reason != "" || !strings.HasPrefix(cb.PhoneNumber, velocity.ErasedNumberPrefix) || cb.Status.Open() {
			t.Fatalf("erased callback %+v", cb)
		}
	}
	h := b.history(t, b.p, done.ID)
	if len(h) != keptHistory+1 || h[len(h)-1].Type != velocity.EventUpdated || h[len(h)-1].Data["reason"] != "erased" {
		t.Fatalf("history of an erased callback: %d events (was %d), last %+v", len(h), keptHistory, h[len(h)-1])
	}
	if h := b.history(t, b.p, open.ID); h[len(h)-1].Type != velocity.EventCancelled || h[len(h)-1].Data["reason"] != "erased" {
		t.Fatalf("the open callback's last event %+v", h[len(h)-1])
	}
	if got, _ := b.svc.Get(ctx, b.p, bystander.ID, ""); got.CustomerName != "Bystander Person" || got.Notes != "keep me" || got.Version != 1 {
		t.Fatalf("bystander %+v", got)
	}
	if got, _ := b.svc.Get(ctx, b.p, moved.ID, ""); got.CustomerName != "Ottilie Moved" || got.PhoneNumber != other {
		t.Fatalf("moved %+v", got)
	}
	if got, _ := b.svc.Get(ctx, b.other, foreign.ID, ""); got.CustomerName != customer.name || got.PhoneNumber != number {
		t.Fatalf("another tenant's callback %+v", got)
	}
	// The number may be scheduled again (the open one was cancelled), and the
	// Idempotency-Key of the erased create is gone with its record.
	again, replayed, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: number}, "erase-key")
	if err != nil || replayed {
		t.Fatalf("create after erasure: replayed %v, %v", replayed, err)
	}
	if _, err := b.svc.Cancel(ctx, b.p, again.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	// The erasure is audited without the erased data.
	entries, err := b.svc.Audit(ctx, b.p, velocity.AuditQuery{Kind: "customer.erase"})
	if err != nil || len(entries) != 1 || entries[0].Target != "3 callbacks" {
		t.Fatalf("audit %+v %v", entries, err)
	}
	// Nothing anywhere holds the customer's texts; the number is left only in the other
	// tenant's callback and the new one. (The search does find the other tenant's.)
	if len(search(t, b.store, customer.name)) == 0 {
		t.Fatal("search finds not even the other tenant's callback")
	}
	for _, s := range []string{customer.name, customer.renamed, customer.notes, customer.renotes, customer.reason, customer.attemptNotes, customer.cancelReason, "Zebulon", "4471-X"} {
		var hits []string
		for _, h := range search(t, b.store, s) {
			if !strings.Contains(h, foreign.ID) {
				hits = append(hits, h)
			}
		}
		if len(hits) > 0 {
			t.Errorf("%q remains in:\n%s", s, strings.Join(hits, "\n"))
		}
	}
	for _, h := range search(t, b.store, number) {
		if !strings.Contains(h, foreign.ID) && !strings.Contains(h, again.ID) {
			t.Errorf("the number remains in %s", h)
		}
	}
	// Erasing again finds nothing of the customer's (only the new callback).
	res, err = b.svc.EraseCustomer(ctx, b.p, number, "")
	if err != nil || len(res.Callbacks) != 1 || res.Callbacks[0] != again.ID || res.Mentioning != 0 {
		t.Fatalf("second erasure %+v %v", res, err)
	}
}

func testEraseDoNotCall(t *testing.T, b *rulesBundle, search Search) {
	ctx := context.Background()
	number := b.phones.Next()
	cb := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: customer.name, Notes: customer.notes})
	// Listing the number cancels its callback and is audited with the number.
	if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: number, Reason: "asked on the phone"}}); err != nil {
		t.Fatal(err)
	}
	res, err := b.svc.EraseCustomer(ctx, b.p, number, "US")
	if err != nil {
		t.Fatal(err)
	}
	if !res.DoNotCall || len(res.Callbacks) != 1 || res.Callbacks[0] != cb.ID || len(res.Cancelled) != 0 {
		t.Fatalf("result %+v", res)
	}
	// The entry stays, so the number still cannot be scheduled.
	if ok, err := b.svc.IsDoNotCall(ctx, b.p, number); err != nil || !ok {
		t.Fatalf("do-not-call entry lost: %v %v", ok, err)
	}
	if _, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: number}, ""); err == nil {
		t.Fatal("an erased do-not-call number was scheduled")
	}
	for _, s := range []string{customer.name, customer.notes} {
		if hits := search(t, b.store, s); len(hits) > 0 {
			t.Errorf("%q remains in:\n%s", s, strings.Join(hits, "\n"))
		}
	}
	for _, h := range search(t, b.store, number) {
		if !strings.HasPrefix(h, "do_not_call:") {
			t.Errorf("the number remains outside the do-not-call list: %s", h)
		}
	}
}

func testEraseNothing(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	res, err := b.svc.EraseCustomer(ctx, b.p, b.phones.Next(), "")
	if err != nil || len(res.Callbacks) != 0 || res.Events != 0 || res.AuditEntries != 0 {
		t.Fatalf("erasing an unknown number: %+v %v", res, err)
	}
	if _, err := b.svc.EraseCustomer(ctx, b.p, "not a number", ""); err == nil {
		t.Fatal("an invalid number was accepted")
	}
	if _, err := b.svc.EraseCustomer(ctx, b.p, "2125550100", "XX"); err == nil {
		t.Fatal("an invalid country was accepted")
	}
}

// testEraseMany erases a customer with more callbacks than one erasure transaction
// takes.
func testEraseMany(t *testing.T, b *rulesBundle, search Search) {
	ctx := context.Background()
	number := b.phones.Next()
	const n = 57
	for i := 0; i < n; i++ {
		cb := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: customer.name})
		if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	res, err := b.svc.EraseCustomer(ctx, b.p, number, "")
	if err != nil || len(res.Callbacks) != n || res.Events != 2*n {
		t.Fatalf("erased %d callbacks, %d events (%v), want %d and %d", len(res.Callbacks), res.Events, err, n, 2*n)
	}
	for _, s := range []string{customer.name, number} {
		if hits := search(t, b.store, s); len(hits) > 0 {
			t.Errorf("%q remains in %d rows, as in %s", s, len(hits), hits[0])
		}
	}
}
