package storetest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// rulesBundle is what each rules test works with.
type rulesBundle struct {
	*bundle
	policies *velocity.Policies
	sched    *velocity.Scheduler
}

func setupRules(t *testing.T, open Opener) *rulesBundle {
	t.Helper()
	b := setup(t, open)
	pol := &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Nanosecond}
	b.svc.Policies = pol
	return &rulesBundle{bundle: b, policies: pol, sched: newScheduler(b, pol)}
}

func newScheduler(b *bundle, pol *velocity.Policies) *velocity.Scheduler {
	return &velocity.Scheduler{Store: b.store, Bus: b.bus, Clock: b.clock, Policies: pol,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Batch: 7}
}

// RunRules runs the scheduling-rules behaviour tests (policy, do-not-call list, calling
// hours, the scheduler) against stores made by open.
func RunRules(t *testing.T, open Opener) {
	tests := map[string]func(t *testing.T, b *rulesBundle){
		"PolicyStorage":         testPolicyStorage,
		"DoNotCallList":         testDoNotCallList,
		"DoNotCallEnforced":     testDoNotCallEnforced,
		"DoNotCallImport":       testDoNotCallImport,
		"CallingHours":          testCallingHoursService,
		"SchedulerLeaseExpiry":  testSchedulerLeases,
		"LapsedClaim":           testLapsedClaim,
		"SchedulerTeamFallback": testSchedulerFallback,
		"SchedulerDue":          testSchedulerDue,
		"SchedulerOverdue":      testSchedulerOverdue,
		"SchedulersRace":        testSchedulersRace,
		"ClaimRaceWithRules":    testClaimRaceWithRules,
	}
	runAll(t, tests, func(t *testing.T) *rulesBundle { return setupRules(t, open) })
}

func testPolicyStorage(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	fresh := NewTenant(t, b.store, "initech")
	if _, ok, err := b.store.GetPolicy(ctx, fresh.Tenant.ID); ok || err != nil {
		t.Fatalf("fresh tenant has a policy: %v %v", ok, err)
	}
	p, err := b.policies.Get(ctx, fresh.Tenant.ID)
	if err != nil || p.MaxAttempts != 3 || p.CallingHours[time.Monday].Start != 8*60 {
		t.Fatalf("default: %+v %v", p, err)
	}
	doc := velocity.PolicyDoc{CallingHours: map[string]*velocity.HoursDoc{"sun": nil}, Holidays: []string{"2026-12-25"}, TeamFallbackMinutes: ptr(0), MaxAttempts: ptr(5)}
	if _, err := b.svc.UpdatePolicy(ctx, b.p, doc); err != nil {
		t.Fatal(err)
	}
	got, ok, err := b.store.GetPolicy(ctx, b.p.Tenant.ID)
	if err != nil || !ok || got.MaxAttempts != 5 || !got.CallingHours[time.Sunday].Closed || got.TeamFallback != 0 || len(got.Holidays) != 1 {
		t.Fatalf("stored: %+v %v", got, err)
	}
	if _, ok, _ := b.store.GetPolicy(ctx, fresh.Tenant.ID); ok {
		t.Fatal("policy leaked to another tenant")
	}
	// A second update keeps what the first set.
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{ClaimLeaseMinutes: ptr(9)}); err != nil {
		t.Fatal(err)
	}
	got, _, _ = b.store.GetPolicy(ctx, b.p.Tenant.ID)
	if got.MaxAttempts != 5 || got.ClaimLease != 9*time.Minute {
		t.Fatalf("second update: %+v", got)
	}
}

func testDoNotCallList(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	res, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: "(212) 555-0101", Reason: "asked"}, {PhoneNumber: "+12125550102"}, {PhoneNumber: "212 555 0101"}})
	if err != nil || res.Added != 2 {
		t.Fatalf("add: %+v %v", res, err)
	}
	if on, err := b.store.IsDoNotCall(ctx, b.p.Tenant.ID, "+12125550101"); !on || err != nil {
		t.Fatalf("listed number: %v %v", on, err)
	}
	if on, _ := b.store.IsDoNotCall(ctx, b.other.Tenant.ID, "+12125550101"); on {
		t.Fatal("list leaked to another tenant")
	}
	page, err := b.store.ListDoNotCall(ctx, b.p.Tenant.ID, "", 1)
	if err != nil || len(page) != 1 || page[0].PhoneNumber != "+12125550101" || page[0].Reason != "asked" || page[0].AddedBy != "system" {
		t.Fatalf("page 1: %+v %v", page, err)
	}
	page, _ = b.store.ListDoNotCall(ctx, b.p.Tenant.ID, page[0].PhoneNumber, 10)
	if len(page) != 1 || page[0].PhoneNumber != "+12125550102" {
		t.Fatalf("page 2: %+v", page)
	}
	if err := b.svc.RemoveDoNotCall(ctx, b.p, "+12125550102", ""); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.RemoveDoNotCall(ctx, b.p, "+12125550102", ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("remove twice: %v", err)
	}
	if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: "nope"}}); err == nil {
		t.Fatal("bad number listed")
	}
}

func testDoNotCallEnforced(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	open := b.create(t, velocity.CreateInput{PhoneNumber: "+12125550111"})
	res, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: "+12125550111", Reason: "customer request"}})
	if err != nil || fmt.Sprint(res.Cancelled) != fmt.Sprint([]string{open.ID}) {
		t.Fatalf("add: %+v %v", res, err)
	}
	h, _ := b.svc.History(ctx, b.p, open.ID, "")
	last := h[len(h)-1]
	if last.Type != velocity.EventCancelled || last.Data["reason"] != "do_not_call" || last.Data["detail"] != "customer request" || last.Callback.Status != velocity.StatusCancelled {
		t.Fatalf("history: %+v", last)
	}
	_, _, err = b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "212-555-0111"}, "")
	wantCode(t, err, "validation_failed")
	if e, _ := velocity.AsError(err); e.Fields[0].Code != "do_not_call" {
		t.Fatalf("create: %v", err)
	}
	// A number listed behind the service's back (another server, a race) is still
	// refused at dial time.
	cb := b.create(t, velocity.CreateInput{})
	if _, err := b.store.AddDoNotCall(ctx, []velocity.DoNotCall{{TenantID: b.p.Tenant.ID, PhoneNumber: cb.PhoneNumber, AddedBy: "x", AddedAt: Epoch}}); err != nil {
		t.Fatal(err)
	}
	_, err = b.svc.Claim(ctx, b.p, cb.ID, "agent-1")
	wantCode(t, err, "do_not_call")
	other := b.create(t, velocity.CreateInput{})
	_, err = b.svc.Update(ctx, b.p, other.ID, "", velocity.UpdateInput{PhoneNumber: ptr("+12125550111")}, nil)
	wantCode(t, err, "validation_failed")
}

func testDoNotCallImport(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	open := b.create(t, velocity.CreateInput{PhoneNumber: "+12125550121"})
	csv := "phone,reason,country\n" +
		"+1 212 555 0121,litigator\n" + // line 2: cancels the open callback
		"not a number\n" + // line 3: bad
		"020 7946 0018,,GB\n" + // line 4: national format with a country
		"\"unterminated,x\n" + // line 5: bad CSV
		"2125550121\n" // line 6: a duplicate of line 2 (the bad quote on line 5 spoils only line 5)
	rep, err := b.svc.ImportDoNotCall(ctx, b.p, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 2 || rep.AlreadyListed != 1 || len(rep.Errors) != 2 || fmt.Sprint(rep.Cancelled) != fmt.Sprint([]string{open.ID}) {
		t.Fatalf("report %+v", rep)
	}
	if rep.Errors[0].Line != 3 || rep.Errors[0].Value != "not a number" || rep.Errors[1].Line != 5 {
		t.Fatalf("errors %+v", rep.Errors)
	}
	for _, n := range []string{"+12125550121", "+442079460018"} {
		if on, _ := b.store.IsDoNotCall(ctx, b.p.Tenant.ID, n); !on {
			t.Fatalf("%s not listed", n)
		}
	}
	rep, err = b.svc.ImportDoNotCall(ctx, b.p, strings.NewReader("+12125550121\n+12125550122\n"))
	if err != nil || rep.Added != 1 || rep.AlreadyListed != 1 || rep.Lines != 2 {
		t.Fatalf("second import %+v %v", rep, err)
	}
}

// night is 03:00 in New York on the suite's epoch day (the epoch is 10:00 there).
var night = time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)

func testCallingHoursService(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	if err := b.store.PutPolicy(ctx, b.p.Tenant.ID, velocity.DefaultPolicy(), Epoch); err != nil {
		t.Fatal(err)
	}
	b.clock.Set(night)
	// As soon as possible, at night: the window moves to 08:00 the customer's time.
	asap := b.create(t, velocity.CreateInput{PhoneNumber: "+12125550131"})
	if want := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC); !asap.WindowStart.Equal(want) || !asap.WindowEnd.Equal(want.Add(time.Hour)) {
		t.Fatalf("asap window %v..%v", asap.WindowStart, asap.WindowEnd)
	}
	// An explicit window wholly at night is refused with the next allowed start.
	s, e := night.Add(time.Hour), night.Add(2*time.Hour)
	_, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next(), WindowStart: &s, WindowEnd: &e}, "")
	wantCode(t, err, "validation_failed")
	if ve, _ := velocity.AsError(err); ve.Fields[0].Code != "outside_calling_hours" || ve.Extra["nextAllowedStart"] == nil {
		t.Fatalf("night window: %+v", ve)
	}
	// A window that ends after opening time is clipped.
	e = night.Add(6 * time.Hour) // 09:00 New York
	clipped, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next(), WindowStart: &s, WindowEnd: &e}, "")
	if err != nil || !clipped.WindowStart.Equal(time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)) {
		t.Fatalf("clipped: %v %v", clipped.WindowStart, err)
	}
	// Claiming at night is refused, whatever the window says; at 08:00 it works.
	_, err = b.svc.Claim(ctx, b.p, asap.ID, "agent-1")
	wantCode(t, err, "outside_calling_hours")
	b.clock.Set(time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC))
	if _, err := b.svc.Claim(ctx, b.p, asap.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	// A retry due at 21:20 waits for 08:00 the next day.
	b.clock.Set(time.Date(2026, 3, 4, 0, 50, 0, 0, time.UTC)) // 19:50
	cb := b.create(t, velocity.CreateInput{PhoneNumber: "+12125550132"})
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeVoicemail}) // +2h = 21:50
	if err != nil || !got.WindowStart.Equal(time.Date(2026, 3, 4, 13, 0, 0, 0, time.UTC)) {
		t.Fatalf("retry at %v (%v)", got.WindowStart, err)
	}
}

func testSchedulerLeases(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	res, err := b.sched.RunOnce(ctx)
	if err != nil || res.Expired != 0 {
		t.Fatalf("live lease expired: %+v %v", res, err)
	}
	b.clock.Advance(5*time.Minute + time.Second)
	res, err = b.sched.RunOnce(ctx)
	if err != nil || res.Expired != 1 {
		t.Fatalf("pass: %+v %v", res, err)
	}
	got, _ := b.svc.Get(ctx, b.p, cb.ID, "")
	if got.Status != velocity.StatusScheduled || got.Holder() != "" || got.LapsedHolder() != "agent-1" {
		t.Fatalf("after expiry: %+v", got)
	}
	// The pass releases the claim and, the window being open and not yet announced
	// (it was claimed at once), announces it as due.
	h, _ := b.svc.History(ctx, b.p, cb.ID, "")
	var types []velocity.EventType
	for _, e := range h {
		types = append(types, e.Type)
	}
	if fmt.Sprint(types) != "[created claimed released due]" {
		t.Fatalf("history: %v", types)
	}
	if rel := h[2]; rel.Data["reason"] != "lease_expired" || rel.Data["claimedBy"] != "agent-1" || rel.Actor != (velocity.Actor{}) {
		t.Fatalf("release: %+v", rel)
	}
	if res, _ := b.sched.RunOnce(ctx); res.Expired != 0 {
		t.Fatal("expired twice")
	}
}

func testSchedulerFallback(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	mine := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")}) // window 10:00-11:00 New York
	team := b.create(t, velocity.CreateInput{})
	b.clock.Advance(time.Hour + 59*time.Minute) // 59 minutes overdue
	if res, _ := b.sched.RunOnce(ctx); res.FellBack != 0 {
		t.Fatalf("fell back early: %+v", res)
	}
	b.clock.Advance(2 * time.Minute)
	res, err := b.sched.RunOnce(ctx)
	if err != nil || res.FellBack != 1 {
		t.Fatalf("pass: %+v %v", res, err)
	}
	got, _ := b.svc.Get(ctx, b.p, mine.ID, "")
	if got.AgentID != nil {
		t.Fatal("still personal")
	}
	h, _ := b.svc.History(ctx, b.p, mine.ID, "")
	last := h[len(h)-1]
	if last.Type != velocity.EventFallback || last.Data["previousAgentId"] != "agent-1" || last.Before == nil || !last.VisibleTo("agent-1", "team-9") {
		t.Fatalf("history: %+v", last)
	}
	if tg, _ := b.svc.Get(ctx, b.p, team.ID, ""); tg.Version != 1 {
		t.Fatal("team callback touched")
	}
	// With fallback off (0), overdue personal callbacks stay.
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{TeamFallbackMinutes: ptr(0)}); err != nil {
		t.Fatal(err)
	}
	stay := b.create(t, velocity.CreateInput{AgentID: ptr("agent-2")})
	b.clock.Advance(5 * time.Hour)
	if res, _ := b.sched.RunOnce(ctx); res.FellBack != 0 {
		t.Fatal("fell back with fallback off")
	}
	if g, _ := b.svc.Get(ctx, b.p, stay.ID, ""); g.Owner() != "agent-2" {
		t.Fatal("owner changed")
	}
}

func testSchedulerDue(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	var ids []string
	for i := 0; i < 20; i++ { // more than a batch (7)
		ws := Epoch.Add(30 * time.Minute)
		ids = append(ids, b.create(t, velocity.CreateInput{WindowStart: &ws}).ID)
	}
	now := b.create(t, velocity.CreateInput{}) // opens at once
	res, err := b.sched.RunOnce(ctx)
	if err != nil || res.Due != 1 {
		t.Fatalf("first pass: %+v %v", res, err)
	}
	at, ok, err := b.store.NextDue(ctx, b.clock.Now())
	if err != nil || !ok || !at.Equal(Epoch.Add(30*time.Minute)) {
		t.Fatalf("next due %v %v %v", at, ok, err)
	}
	b.clock.Advance(30 * time.Minute)
	res, _ = b.sched.RunOnce(ctx)
	if res.Due != 20 {
		t.Fatalf("second pass: %+v", res)
	}
	if res, _ := b.sched.RunOnce(ctx); res.Due != 0 {
		t.Fatal("announced twice")
	}
	got, _ := b.svc.Get(ctx, b.p, ids[0], "")
	if got.Version != 1 {
		t.Fatal("a due announcement changed the version")
	}
	// Rescheduling a callback announces its new window in turn.
	ns := b.clock.Now().Add(time.Hour)
	if _, err := b.svc.Update(ctx, b.p, now.ID, "", velocity.UpdateInput{WindowStart: &ns}, nil); err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(time.Hour)
	if res, _ := b.sched.RunOnce(ctx); res.Due != 1 {
		t.Fatalf("rescheduled: %+v", res)
	}
	var due int
	for _, ty := range b.bus.types() {
		if ty == velocity.EventDue {
			due++
		}
	}
	if due != 22 {
		t.Fatalf("%d due events published, want 22", due)
	}
}

// testSchedulerOverdue: a window that ends while its callback waits is announced once
// (an overdue event, the version kept); one that moves is announced again when the new
// window ends; claimed, completed and not yet ended ones are not.
func testSchedulerOverdue(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	b.policies.Forget(b.p.Tenant.ID)
	var waiting []string
	for i := 0; i < 10; i++ { // more than a batch (7)
		waiting = append(waiting, b.create(t, velocity.CreateInput{}).ID)
	}
	claimed := b.create(t, velocity.CreateInput{})
	done := b.create(t, velocity.CreateInput{})
	later := b.clock.Now().Add(3 * time.Hour)
	notYet := b.create(t, velocity.CreateInput{WindowStart: &later})
	if _, err := b.svc.Cancel(ctx, b.p, done.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	if res, _ := b.sched.RunOnce(ctx); res.Overdue != 0 {
		t.Fatalf("no window ended yet: %+v", res)
	}
	b.clock.Advance(61 * time.Minute) // the default window is an hour
	// Claimed now, with a lease beyond this pass: an agent is dialing it.
	if _, err := b.svc.Claim(ctx, b.p, claimed.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	res, err := b.sched.RunOnce(ctx)
	if err != nil || res.Overdue != len(waiting) {
		t.Fatalf("pass after the windows ended: %+v %v", res, err)
	}
	if res, _ := b.sched.RunOnce(ctx); res.Overdue != 0 {
		t.Fatalf("announced twice: %+v", res)
	}
	got, _ := b.svc.Get(ctx, b.p, waiting[0], "")
	if got.Version != 1 {
		t.Fatalf("an overdue announcement changed the version: %d", got.Version)
	}
	hist, _ := b.svc.History(ctx, b.p, waiting[0], "")
	if last := hist[len(hist)-1]; last.Type != velocity.EventOverdue || last.Data["windowEnd"] == nil {
		t.Fatalf("history ends with %+v", last)
	}
	// A new window is announced again once it ends.
	ns, ne := b.clock.Now().Add(time.Minute), b.clock.Now().Add(2*time.Minute)
	if _, err := b.svc.Update(ctx, b.p, waiting[0], "", velocity.UpdateInput{WindowStart: &ns, WindowEnd: &ne}, nil); err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(3 * time.Minute)
	if res, _ := b.sched.RunOnce(ctx); res.Overdue != 1 {
		t.Fatalf("the moved window: %+v", res)
	}
	var n int
	for _, e := range b.bus.events {
		if e.Type == velocity.EventOverdue {
			n++
			if e.CallbackID == claimed.ID || e.CallbackID == done.ID || e.CallbackID == notYet.ID {
				t.Fatalf("overdue event for %s", e.CallbackID)
			}
		}
	}
	if n != len(waiting)+1 {
		t.Fatalf("%d overdue events published, want %d", n, len(waiting)+1)
	}
}

// testSchedulersRace runs two schedulers (as two servers would) on one store at once,
// each with three workers marking small batches side by side: each window is announced
// once and each lease expired once.
func testSchedulersRace(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	for i := 0; i < 30; i++ {
		b.create(t, velocity.CreateInput{})
	}
	for i := 0; i < 10; i++ {
		cb := b.create(t, velocity.CreateInput{})
		if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
			t.Fatal(err)
		}
	}
	b.clock.Advance(6 * time.Minute)
	other := newScheduler(b.bundle, b.policies)
	for _, s := range []*velocity.Scheduler{b.sched, other} {
		s.Batch, s.Workers = 4, 3
	}
	var wg sync.WaitGroup
	results := make([]velocity.PassResult, 2)
	for i, s := range []*velocity.Scheduler{b.sched, other} {
		wg.Add(1)
		go func(i int, s *velocity.Scheduler) {
			defer wg.Done()
			r, err := s.RunOnce(ctx)
			if err != nil {
				t.Error(err)
			}
			results[i] = r
		}(i, s)
	}
	wg.Wait()
	if due := results[0].Due + results[1].Due; due != 40 {
		t.Fatalf("due announced %d times for 40 windows: %+v", due, results)
	}
	if exp := results[0].Expired + results[1].Expired; exp != 10 {
		t.Fatalf("%d expiries for 10 leases: %+v", exp, results)
	}
}

// testLapsedClaim: a call that outlasts the lease (the scheduler put the callback back)
// may still be recorded by its agent, until another agent claims the callback; the
// agent's release, or a reassignment to someone else, ends that right too.
func testLapsedClaim(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	lapse := func(agent string) velocity.Callback {
		t.Helper()
		cb := b.create(t, velocity.CreateInput{})
		if _, err := b.svc.Claim(ctx, b.p, cb.ID, agent); err != nil {
			t.Fatal(err)
		}
		b.clock.Advance(6 * time.Minute)
		if _, err := b.sched.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := b.svc.Get(ctx, b.p, cb.ID, ""); got.LapsedHolder() != agent {
			t.Fatalf("after the lease ran out: %+v", got)
		}
		return cb
	}
	// The holder records the outcome after the lease ran out.
	cb := lapse("agent-1")
	done, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected})
	if err != nil || done.Status != velocity.StatusCompleted || done.Attempts != 1 || done.LapsedHolder() != "" {
		t.Fatalf("record after the lease ran out: %+v %v", done, err)
	}
	// Another agent's claim takes the callback: the first agent may no longer record.
	cb = lapse("agent-1")
	if _, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-2", Outcome: velocity.OutcomeBusy}); !errors.Is(err, velocity.ErrInvalidTransition) {
		t.Fatalf("a non-holder recorded a lapsed claim: %v", err)
	}
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-2"); err != nil {
		t.Fatal(err)
	}
	_, err = b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected})
	wantCode(t, err, "not_claim_holder")
	// The holder's release ends the lapsed claim.
	cb = lapse("agent-3")
	if rel, err := b.svc.Release(ctx, b.p, cb.ID, "agent-3"); err != nil || rel.LapsedHolder() != "" || rel.Status != velocity.StatusScheduled {
		t.Fatalf("release of a lapsed claim: %+v %v", rel, err)
	}
	_, err = b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-3", Outcome: velocity.OutcomeConnected})
	wantCode(t, err, "invalid_transition")
	// Giving the callback to another agent ends it too.
	cb = lapse("agent-4")
	if _, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-5")}, nil); err != nil {
		t.Fatal(err)
	}
	_, err = b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-4", Outcome: velocity.OutcomeConnected})
	wantCode(t, err, "invalid_transition")
}
