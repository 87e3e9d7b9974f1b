package velocity_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/storetest"
)

// newScheduler returns a scheduler on the bundle's clock and bus that reads policies from
// the store on every pass and runs no background fallback scan unless a test asks.
func newScheduler(b *testBundle, store velocity.Store) *velocity.Scheduler {
	return &velocity.Scheduler{Store: store, Bus: b.bus, Clock: b.clock,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), FallbackEvery: time.Hour}
}

// countingStore is the real store, counting the scheduler's queries: what a pass does
// shows in the counts.
type countingStore struct {
	velocity.Store
	due     atomic.Int64 // ExpiredClaims calls: at least one per pass (after its due announcements)
	tenants atomic.Int64 // ListTenants calls: one per fallback scan
}

func (s *countingStore) ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	s.due.Add(1)
	return s.Store.ExpiredClaims(ctx, now, limit)
}

func (s *countingStore) ListTenants(ctx context.Context) ([]velocity.Tenant, error) {
	s.tenants.Add(1)
	return s.Store.ListTenants(ctx)
}

// waitFor polls cond until it holds, failing the test after five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// dueFor returns the due events published for a callback.
func (b *testBundle) dueFor(id string) []velocity.Event {
	var out []velocity.Event
	for _, e := range b.bus.published() {
		if e.Type == velocity.EventDue && e.CallbackID == id {
			out = append(out, e)
		}
	}
	return out
}

func TestSchedulerFallbackFollowsPolicy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{TeamFallbackMinutes: ptr(15)}); err != nil {
		t.Fatal(err)
	}
	// Another tenant has fallback off: its overdue callbacks stay with their agents.
	other := b.tenant(t, "globex")
	off := storetest.AllDay()
	off.TeamFallback = 0
	b.putPolicy(t, other, off)
	theirs, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "team-1", AgentID: ptr("agent-1"), PhoneNumber: b.phones.Next()}, "")
	if err != nil {
		t.Fatal(err)
	}
	mine := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")}) // window 10:00-11:00
	held := b.create(t, velocity.CreateInput{AgentID: ptr("agent-2")})
	sched := newScheduler(b, b.store)

	b.clock.Set(monday10.Add(time.Hour + 14*time.Minute)) // 14 minutes overdue
	if res, err := sched.RunOnce(ctx); err != nil || res.FellBack != 0 {
		t.Fatalf("fell back early: %+v %v", res, err)
	}
	b.claim(t, held.ID, "agent-2") // dialing now, until +19m
	b.clock.Set(monday10.Add(time.Hour + 16*time.Minute))
	res, err := sched.RunOnce(ctx)
	if err != nil || res.FellBack != 1 {
		t.Fatalf("16 minutes overdue: %+v %v", res, err)
	}
	got, _ := b.svc.Get(ctx, b.p, mine.ID, "")
	if got.AgentID != nil || got.TeamID != "team-1" || got.Version != mine.Version+1 {
		t.Fatalf("after fallback: %+v", got)
	}
	h := b.history(t, mine.ID)
	fb := h[len(h)-1]
	if fb.Type != velocity.EventFallback || fb.Actor != (velocity.Actor{}) || fb.Before == nil || fb.Before.AgentID == nil || *fb.Before.AgentID != "agent-1" {
		t.Fatalf("fallback event %+v", fb)
	}
	for k, want := range map[string]string{"reason": "overdue", "previousAgentId": "agent-1", "overdueMinutes": "16", "fallbackMinutes": "15"} {
		if fmt.Sprint(fb.Data[k]) != want {
			t.Errorf("data[%s] = %v, want %s", k, fb.Data[k], want)
		}
	}
	// The callback being dialed stays with its agent until the lease runs out; then the
	// same pass releases it and hands it to the team.
	if g, _ := b.svc.Get(ctx, b.p, held.ID, ""); g.Owner() != "agent-2" {
		t.Fatalf("a callback being dialed fell back: %+v", g)
	}
	b.clock.Set(monday10.Add(time.Hour + 20*time.Minute))
	res, err = sched.RunOnce(ctx)
	if err != nil || res.Expired != 1 || res.FellBack != 1 {
		t.Fatalf("after the lease: %+v %v", res, err)
	}
	if g, _ := b.svc.Get(ctx, b.p, held.ID, ""); g.AgentID != nil || g.Status != velocity.StatusScheduled {
		t.Fatalf("held callback after its lease: %+v", g)
	}
	if g, _ := b.svc.Get(ctx, other, theirs.ID, ""); g.Owner() != "agent-1" {
		t.Fatalf("fallback ignored the other tenant's policy: %+v", g)
	}
}

// TestSchedulerFallbackDefault: a tenant that never stored a policy has the default hour.
func TestSchedulerFallbackDefault(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	fresh := storetest.NewTenant(t, b.store, "initech") // no stored policy
	cb, _, err := b.svc.Create(ctx, fresh, "", velocity.CreateInput{TeamID: "team-1", AgentID: ptr("agent-1"), PhoneNumber: b.phones.Next()}, "")
	if err != nil {
		t.Fatal(err)
	}
	sched := newScheduler(b, b.store)
	sched.Policies = &velocity.Policies{Store: b.store, Clock: b.clock}
	b.clock.Set(cb.WindowEnd.Add(59 * time.Minute))
	if res, _ := sched.RunOnce(ctx); res.FellBack != 0 {
		t.Fatalf("fell back before the default hour: %+v", res)
	}
	b.clock.Set(cb.WindowEnd.Add(61 * time.Minute))
	if res, err := sched.RunOnce(ctx); err != nil || res.FellBack != 1 {
		t.Fatalf("after the default hour: %+v %v", res, err)
	}
}

// TestSchedulerAnnouncesEachWindowOnce: a window announced before a claim is not announced
// again when the claim's lease expires; one claimed before its announcement is announced
// in the pass that expires the lease, however many batches that takes.
func TestSchedulerAnnouncesEachWindowOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	sched := newScheduler(b, b.store)
	sched.Batch = 2
	announced := b.create(t, velocity.CreateInput{})
	if res, err := sched.RunOnce(ctx); err != nil || res.Due != 1 {
		t.Fatalf("first pass: %+v %v", res, err)
	}
	b.claim(t, announced.ID, "agent-1")
	var quiet []string
	for i := 0; i < 5; i++ { // claimed before any pass saw them: more than two batches
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-2")
		quiet = append(quiet, cb.ID)
	}
	b.clock.Advance(5 * time.Minute) // every lease ends now
	res, err := sched.RunOnce(ctx)
	if err != nil || res.Expired != 6 || res.Due != 5 {
		t.Fatalf("expiry pass: %+v %v", res, err)
	}
	if h := types(b.history(t, announced.ID)); fmt.Sprint(h) != "[created due claimed released]" {
		t.Fatalf("announced twice: %v", h)
	}
	for _, id := range quiet {
		if n := len(b.dueFor(id)); n != 1 {
			t.Fatalf("%s announced %d times", id, n)
		}
		if g, _ := b.svc.Get(ctx, b.p, id, ""); g.Status != velocity.StatusScheduled || g.Holder() != "" || g.LapsedHolder() == "" {
			t.Fatalf("lease not expired: %+v", g)
		}
	}
	if res, _ := sched.RunOnce(ctx); res != (velocity.PassResult{Took: res.Took}) {
		t.Fatalf("a pass with nothing to do did something: %+v", res)
	}
}

// TestSchedulerWakesOnNotice: a running scheduler that planned to sleep an hour announces
// a window opening now at once when the NoticingBus tells it about the new callback.
func TestSchedulerWakesOnNotice(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sched := newScheduler(b, b.store)
	sched.Interval = time.Hour
	b.svc.Bus = velocity.NoticingBus{Bus: b.bus, Scheduler: sched}
	before := b.create(t, velocity.CreateInput{}) // told to a scheduler not yet running
	sched.Start(context.Background())
	t.Cleanup(sched.Stop)
	waitFor(t, "the first pass's due event", func() bool { return len(b.dueFor(before.ID)) == 1 })
	// The scheduler now sleeps for its interval: nothing else is due.
	cb := b.create(t, velocity.CreateInput{})
	waitFor(t, "the noticed window's due event", func() bool { return len(b.dueFor(cb.ID)) == 1 })
}

// TestSchedulerNoticeIgnoresWhatIsNotDue: events of callbacks that are claimed, or whose
// window was announced, do not wake the scheduler; a scheduled one does.
func TestSchedulerNoticeIgnoresWhatIsNotDue(t *testing.T) {
	t.Parallel()
	b := setup(t)
	spy := &countingStore{Store: b.store}
	sched := newScheduler(b, spy)
	sched.Interval = time.Hour
	sched.Notice([]velocity.Event{{Callback: velocity.Callback{Status: velocity.StatusScheduled, WindowStart: monday10}}}) // not running: ignored
	sched.Start(context.Background())
	t.Cleanup(sched.Stop)
	waitFor(t, "the first pass", func() bool { return spy.due.Load() == 1 })
	at := monday10
	sched.Notice([]velocity.Event{
		{Callback: velocity.Callback{Status: velocity.StatusClaimed, WindowStart: monday10}},
		{Callback: velocity.Callback{Status: velocity.StatusScheduled, WindowStart: monday10, DueNotifiedAt: &at}},
		{Callback: velocity.Callback{Status: velocity.StatusCancelled, WindowStart: monday10}},
	})
	time.Sleep(100 * time.Millisecond)
	if n := spy.due.Load(); n != 1 {
		t.Fatalf("%d passes after events with nothing to announce, want 1", n)
	}
	sched.Notice([]velocity.Event{{Callback: velocity.Callback{Status: velocity.StatusScheduled, WindowStart: monday10}}})
	waitFor(t, "a pass for a scheduled window", func() bool { return spy.due.Load() == 2 })
}

// TestSchedulerWakesForNextWindow: with a clock that runs, a scheduler that would sleep an
// hour wakes when the next known window opens, and not before.
func TestSchedulerWakesForNextWindow(t *testing.T) {
	t.Parallel()
	b := setup(t)
	start := monday10.Add(400 * time.Millisecond)
	cb := b.create(t, velocity.CreateInput{WindowStart: &start})
	sched := newScheduler(b, b.store)
	sched.Interval = time.Hour
	sched.Clock = velocity.NewShiftedClock(monday10)
	sched.Start(context.Background())
	t.Cleanup(sched.Stop)
	waitFor(t, "the window's due event", func() bool { return len(b.dueFor(cb.ID)) == 1 })
	if ev := b.dueFor(cb.ID)[0]; ev.At.Before(start) {
		t.Fatalf("announced at %v, before the window opened at %v", ev.At, start)
	}
}

// TestSchedulerStartStop: Stop ends every goroutine Start began (none touches the store
// afterwards), a second Start is a no-op, the scheduler starts again after Stop, and
// cancelling Start's context ends it too.
func TestSchedulerStartStop(t *testing.T) {
	t.Parallel()
	b := setup(t)
	spy := &countingStore{Store: b.store}
	sched := newScheduler(b, spy)
	sched.Interval = time.Millisecond
	sched.FallbackEvery = time.Millisecond
	sched.RetentionEvery = time.Millisecond // its ListTenants calls count with the fallback's
	sched.Stop()                            // never started: nothing to stop
	busy := func(what string) {
		t.Helper()
		d, f := spy.due.Load(), spy.tenants.Load()
		waitFor(t, what, func() bool { return spy.due.Load() > d+2 && spy.tenants.Load() > f+2 })
	}
	quiet := func(what string) {
		t.Helper()
		d, f := spy.due.Load(), spy.tenants.Load()
		time.Sleep(50 * time.Millisecond)
		if spy.due.Load() != d || spy.tenants.Load() != f {
			t.Fatalf("%s: the scheduler still queries the store", what)
		}
	}
	ctx := context.Background()
	sched.Start(ctx)
	sched.Start(ctx)
	busy("passes and fallback scans")
	sched.Stop()
	quiet("after Stop")
	sched.Stop()

	sched.Start(ctx)
	busy("passes after a restart")
	sched.Stop()
	quiet("after the second Stop")

	cctx, cancel := context.WithCancel(ctx)
	sched.Start(cctx)
	busy("passes under a cancellable context")
	cancel()
	stopped := make(chan struct{})
	go func() { sched.Stop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop hung after the context ended")
	}
	quiet("after the context ended")
}

// racingStore is the real store with a hook that runs once, after one of the scheduler's
// queries has found its candidates and before the pass locks them (for due windows:
// before the statement that finds and marks them): another server's change landing in
// between.
type racingStore struct {
	velocity.Store
	once  sync.Once
	query string // "due", "expired" or "overdue"
	hook  func()
}

func (s *racingStore) race(query string) {
	if query == s.query {
		s.once.Do(s.hook)
	}
}

// Write runs the "due" hook before the pass's first transaction: due windows are found
// and marked in one statement, so a change can land only before it, and the statement's
// own condition must leave the changed row alone.
func (s *racingStore) Write(ctx context.Context, fn func(velocity.Tx) error) error {
	s.race("due")
	return s.Store.Write(ctx, fn)
}

func (s *racingStore) ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	cbs, err := s.Store.ExpiredClaims(ctx, now, limit)
	s.race("expired")
	return cbs, err
}

func (s *racingStore) OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]velocity.Callback, error) {
	cbs, err := s.Store.OverduePersonal(ctx, tenantID, endedBefore, limit)
	s.race("overdue")
	return cbs, err
}

// TestSchedulerRechecksUnderLock: a pass checks each candidate again once it holds the
// row, so a change made since the query found it is not overwritten.
func TestSchedulerRechecksUnderLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a window claimed before its announcement is not announced", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		rs := &racingStore{Store: b.store, query: "due", hook: func() { b.claim(t, cb.ID, "agent-1") }}
		res, err := newScheduler(b, rs).RunOnce(ctx)
		if err != nil || res.Due != 0 {
			t.Fatalf("pass: %+v %v", res, err)
		}
		if h := types(b.history(t, cb.ID)); fmt.Sprint(h) != "[created claimed]" {
			t.Fatalf("history %v", h)
		}
	})

	t.Run("a lease renewed before its expiry is kept", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		if _, err := newScheduler(b, b.store).RunOnce(ctx); err != nil { // announce the window
			t.Fatal(err)
		}
		b.claim(t, cb.ID, "agent-1")
		b.clock.Advance(5 * time.Minute)
		rs := &racingStore{Store: b.store, query: "expired", hook: func() { b.claim(t, cb.ID, "agent-1") }}
		res, err := newScheduler(b, rs).RunOnce(ctx)
		if err != nil || res.Expired != 0 {
			t.Fatalf("pass: %+v %v", res, err)
		}
		if g, _ := b.svc.Get(ctx, b.p, cb.ID, ""); g.Holder() != "agent-1" || !g.LeaseActive(b.clock.Now()) {
			t.Fatalf("renewed lease lost: %+v", g)
		}
	})

	t.Run("an overdue callback its agent claimed stays theirs", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")})
		b.clock.Set(cb.WindowEnd.Add(2 * time.Hour))
		rs := &racingStore{Store: b.store, query: "overdue", hook: func() { b.claim(t, cb.ID, "agent-1") }}
		res, err := newScheduler(b, rs).RunOnce(ctx)
		if err != nil || res.FellBack != 0 {
			t.Fatalf("pass: %+v %v", res, err)
		}
		if g, _ := b.svc.Get(ctx, b.p, cb.ID, ""); g.Owner() != "agent-1" || g.Holder() != "agent-1" {
			t.Fatalf("handed over while dialed: %+v", g)
		}
	})
}

// TestRetentionLoop: a started scheduler enforces retention on its own loop, every
// RetentionEvery, while its pass loop waits for the next window an hour away.
func TestRetentionLoop(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	cb, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(401 * 24 * time.Hour)
	sched := newScheduler(b, b.store)
	sched.Interval = time.Hour
	sched.RetentionEvery = time.Millisecond
	sched.Start(ctx)
	t.Cleanup(sched.Stop)
	waitFor(t, "the closed callback's purge", func() bool {
		_, err := b.store.GetCallback(ctx, b.p.Tenant.ID, cb.ID)
		return errors.Is(err, velocity.ErrNotFound)
	})
}
