package velocity

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Scheduler is the server's background service for the time-driven rules: it expires
// claim leases, hands overdue personal callbacks to their teams, announces each window
// as it opens with a due event, and each window that ends with its callback still
// waiting with an overdue event, and removes what the tenants' retention no longer keeps
// (retention.go). Every change re-reads the callback under its row
// lock and checks again before writing, so with several servers on one database each
// change happens once.
type Scheduler struct {
	Store Store
	Bus   Bus // nil publishes nothing
	Clock Clock
	// Policies caches tenants' policies; nil reads the stored policy each time.
	Policies *Policies
	Logger   *slog.Logger // nil logs to slog.Default()
	// Interval is the longest time between passes (default 1s); a pass also runs when
	// the next known window opens.
	Interval time.Duration
	// Batch is how many callbacks one transaction changes (default 500).
	Batch int
	// Workers is how many batches of opened windows are marked at once, each in a
	// transaction of its own; 0 takes the store's ParallelWrites when it has one, else 1.
	Workers int
	// FallbackEvery is how often the background team-fallback scan runs, a query per
	// tenant, on its own goroutine (default 10s; fallback is measured in minutes).
	// RunOnce always runs it.
	FallbackEvery time.Duration
	// RetentionEvery is how often retention is enforced, on a goroutine of its own
	// (default 1h). RunOnce always enforces it.
	RetentionEvery time.Duration
	// OnPass, when set, is told about every pass (the team-fallback scan's too) as it
	// ends: what it did, how long it took, and its error (metrics).
	OnPass func(PassResult, error)

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
	poke   chan time.Time // earlier wake-ups asked for by Notice
}

// Notice tells a running scheduler about recorded events, so that a window opening
// sooner than its next planned pass is announced on time. It never blocks.
func (s *Scheduler) Notice(events []Event) {
	s.mu.Lock()
	poke := s.poke
	s.mu.Unlock()
	if poke == nil {
		return
	}
	for _, e := range events {
		cb := &e.Callback
		if cb.Status != StatusScheduled || cb.DueNotifiedAt != nil {
			continue
		}
		select {
		case poke <- cb.WindowStart:
		default: // a poke is pending; the pass it causes will plan again
		}
	}
}

// NoticingBus is a Bus that also tells a Scheduler what it publishes.
type NoticingBus struct {
	Bus
	Scheduler *Scheduler
}

// Publish publishes the events and tells the scheduler about them.
func (b NoticingBus) Publish(events []Event) {
	b.Bus.Publish(events)
	b.Scheduler.Notice(events)
}

// PassResult counts what one pass did.
type PassResult struct {
	Expired  int           // leases expired
	FellBack int           // personal callbacks handed to their team
	Due      int           // due events sent
	Purged   Purged        // removed by retention (RunOnce only)
	Overdue  int           // overdue events sent
	Took     time.Duration // how long the pass took
}

// ParallelWriter is a Store whose write transactions run in parallel (PostgreSQL's
// do; SQLite has one writer), which says how many the scheduler should run at once.
type ParallelWriter interface {
	ParallelWrites() int
}

func (s *Scheduler) workers() int {
	if s.Workers > 0 {
		return s.Workers
	}
	if p, ok := s.Store.(ParallelWriter); ok && p.ParallelWrites() > 1 {
		return p.ParallelWrites()
	}
	return 1
}

func (s *Scheduler) batch() int {
	if s.Batch > 0 {
		return s.Batch
	}
	return 500
}

// Start runs passes in the background until Stop or ctx ends.
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done != nil {
		return
	}
	ctx, s.cancel = context.WithCancel(ctx)
	s.done = make(chan struct{})
	s.poke = make(chan time.Time, 1)
	fallbackDone := make(chan struct{})
	go s.fallbackLoop(ctx, fallbackDone)
	retentionDone := make(chan struct{})
	go s.retentionLoop(ctx, retentionDone)
	loopDone := make(chan struct{})
	go s.loop(ctx, loopDone, s.poke)
	done := s.done
	go func() {
		<-loopDone
		<-fallbackDone
		<-retentionDone
		close(done)
	}()
}

// Stop ends the background passes and waits for the current one to finish.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done, s.poke = nil, nil, nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (s *Scheduler) loop(ctx context.Context, done chan struct{}, poke chan time.Time) {
	defer close(done)
	interval := s.Interval
	if interval <= 0 {
		interval = time.Second
	}
	for {
		res, err := s.pass(ctx, false)
		s.report(ctx, res, err)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.logger().Warn("scheduler pass failed; retrying", "error", err)
		case res.Expired+res.FellBack+res.Due+res.Overdue > 0:
			s.logger().Info("scheduler pass", "expired", res.Expired, "fellBack", res.FellBack, "due", res.Due, "overdue", res.Overdue, "took", res.Took)
		}
		// Wake-ups are reckoned on the scheduler's clock, the one windows are written in.
		wake := s.Clock.Now().Add(interval)
		if err == nil {
			if at, ok, err := s.Store.NextDue(ctx, s.Clock.Now()); err == nil && ok && at.Before(wake) {
				wake = at
			}
		}
		if !s.sleepUntil(ctx, wake, poke) {
			return
		}
	}
}

// fallbackLoop hands overdue personal callbacks to their teams every FallbackEvery, apart
// from the loop that announces windows, whose latency it must not add to.
func (s *Scheduler) fallbackLoop(ctx context.Context, done chan struct{}) {
	defer close(done)
	every := s.FallbackEvery
	if every <= 0 {
		every = 10 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		start := time.Now()
		n, err := s.fallbackAll(ctx, s.Clock.Now())
		s.report(ctx, PassResult{FellBack: n, Took: time.Since(start)}, err)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.logger().Warn("team fallback failed; retrying", "error", err)
		case n > 0:
			s.logger().Info("team fallback", "fellBack", n)
		}
	}
}

// sleepUntil waits until the scheduler's clock reads wake, or earlier when a poke names
// an earlier window; it returns false when ctx ends.
func (s *Scheduler) sleepUntil(ctx context.Context, wake time.Time, poke chan time.Time) bool {
	until := func() time.Duration { return max(wake.Sub(s.Clock.Now()), time.Millisecond) }
	t := time.NewTimer(until())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		case at := <-poke:
			if at.Before(wake) {
				wake = at
				t.Reset(until())
			}
		}
	}
}

// report tells OnPass about a pass that was not cut short by the end of ctx.
func (s *Scheduler) report(ctx context.Context, res PassResult, err error) {
	if s.OnPass != nil && ctx.Err() == nil {
		s.OnPass(res, err)
	}
}

// Pass runs one pass of the loop Start runs, at the clock's time: windows that opened,
// leases that expired, windows that ended. Team fallback and retention run on loops of
// their own and are left out (RunOnce includes them).
func (s *Scheduler) Pass(ctx context.Context) (PassResult, error) {
	res, err := s.pass(ctx, false)
	s.report(ctx, res, err)
	return res, err
}

// RunOnce runs one full pass at the clock's time, team fallback and retention included
// (and tells OnPass).
func (s *Scheduler) RunOnce(ctx context.Context) (PassResult, error) {
	res, err := s.pass(ctx, true)
	if err == nil {
		res.Purged, err = s.purgeAll(ctx, s.Clock.Now())
		if res.Purged.any() {
			s.logRetention(res.Purged)
		}
	}
	s.report(ctx, res, err)
	return res, err
}

// pass announces opened windows first (agents wait for those), then expires leases, then
// announces ended windows, then, when asked, hands overdue personal callbacks to their
// teams.
func (s *Scheduler) pass(ctx context.Context, withFallback bool) (res PassResult, err error) {
	start := time.Now()
	now := s.Clock.Now()
	defer func() { res.Took = time.Since(start) }()
	if res.Due, err = s.announceDue(ctx, now); err != nil {
		return res, err
	}
	if res.Expired, err = s.drain(ctx, func(limit int) ([]Callback, error) { return s.Store.ExpiredClaims(ctx, now, limit) }, s.expire(now)); err != nil {
		return res, err
	}
	// A lease that expired in this pass makes its callback scheduled again, with its
	// window open: announce it now rather than at the next pass.
	if res.Expired > 0 {
		n, err := s.announceDue(ctx, now)
		res.Due += n
		if err != nil {
			return res, err
		}
	}
	if res.Overdue, err = s.drain(ctx, func(limit int) ([]Callback, error) { return s.Store.OverdueWindows(ctx, now, limit) }, s.overdue(now)); err != nil {
		return res, err
	}
	if withFallback {
		res.FellBack, err = s.fallbackAll(ctx, now)
	}
	return res, err
}

// fallbackAll hands every tenant's overdue personal callbacks to their teams, by the
// tenant's policy.
func (s *Scheduler) fallbackAll(ctx context.Context, now time.Time) (int, error) {
	tenants, err := s.Store.ListTenants(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, t := range tenants {
		pol, err := s.policy(ctx, t.ID)
		if err != nil {
			return total, err
		}
		if pol.TeamFallback <= 0 {
			continue
		}
		cutoff := now.Add(-pol.TeamFallback)
		n, err := s.drain(ctx, func(limit int) ([]Callback, error) { return s.Store.OverduePersonal(ctx, t.ID, cutoff, limit) }, s.fallback(now, cutoff, pol))
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// announceDue marks the windows that opened by now announced and records a due event for
// each, a batch per transaction: one statement marks a batch (rows another transaction
// holds are skipped, so each window is announced once), one round trip records its
// events. Workers run batches side by side; each stops at its first empty batch.
func (s *Scheduler) announceDue(ctx context.Context, now time.Time) (int, error) {
	n := s.workers()
	if n == 1 {
		return s.announceBatches(ctx, now)
	}
	var wg sync.WaitGroup
	totals := make([]int, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			totals[i], errs[i] = s.announceBatches(ctx, now)
		}()
	}
	wg.Wait()
	total := 0
	for _, t := range totals {
		total += t
	}
	return total, errors.Join(errs...)
}

// announceBatches announces batches of opened windows until one comes back empty.
func (s *Scheduler) announceBatches(ctx context.Context, now time.Time) (int, error) {
	total := 0
	for {
		var events []Event
		err := s.Store.Write(ctx, func(tx Tx) error {
			events = nil
			cbs, err := tx.MarkDue(ctx, now, s.batch())
			if err != nil || len(cbs) == 0 {
				return err
			}
			at := s.Clock.Now()
			for _, cb := range cbs {
				events = append(events, Event{TenantID: cb.TenantID, CallbackID: cb.ID, Type: EventDue, At: at, Callback: cb,
					Data: map[string]any{"windowStart": cb.WindowStart, "windowEnd": cb.WindowEnd}})
			}
			events, err = tx.AppendEvents(ctx, events)
			return err
		})
		if err != nil {
			return total, err
		}
		if s.Bus != nil && len(events) > 0 {
			s.Bus.Publish(events)
		}
		total += len(events)
		// Only an empty batch ends: a batch comes back short when another pass (another
		// worker's, another server's) holds some of its rows.
		if len(events) == 0 {
			return total, nil
		}
	}
}

// rule changes one locked callback and returns its event, or nil to leave it.
type rule func(cb *Callback) *Event

func (s *Scheduler) expire(now time.Time) rule {
	return func(cb *Callback) *Event {
		if cb.Status != StatusClaimed || cb.ClaimExpiresAt == nil || cb.ClaimExpiresAt.After(now) {
			return nil
		}
		holder := cb.Holder()
		cb.lapse(now)
		return &Event{Type: EventReleased, Data: map[string]any{"reason": "lease_expired", "claimedBy": holder}}
	}
}

func (s *Scheduler) fallback(now, cutoff time.Time, pol Policy) rule {
	return func(cb *Callback) *Event {
		if !cb.Status.Open() || cb.AgentID == nil || !cb.WindowEnd.Before(cutoff) || cb.LeaseActive(now) {
			return nil
		}
		prev := *cb.AgentID
		cb.AgentID = nil
		cb.noteFallback(prev, now)
		cb.touch(now)
		return &Event{Type: EventFallback, Data: map[string]any{"reason": "overdue", "previousAgentId": prev,
			"overdueMinutes": int(now.Sub(cb.WindowEnd) / time.Minute), "fallbackMinutes": int(pol.TeamFallback / time.Minute)}}
	}
}

func (s *Scheduler) overdue(now time.Time) rule {
	return func(cb *Callback) *Event {
		if cb.Status != StatusScheduled || cb.OverdueNotifiedAt != nil || cb.WindowEnd.After(now) {
			return nil
		}
		// Bookkeeping like a due event: the version stays.
		cb.OverdueNotifiedAt = &now
		return &Event{Type: EventOverdue, Data: map[string]any{"windowStart": cb.WindowStart, "windowEnd": cb.WindowEnd,
			"overdueMinutes": int(now.Sub(cb.WindowEnd) / time.Minute)}}
	}
}

// drain applies r to batches of candidates until a batch changes nothing or comes back
// short, and returns how many callbacks it changed.
func (s *Scheduler) drain(ctx context.Context, find func(limit int) ([]Callback, error), r rule) (int, error) {
	total := 0
	for {
		cands, err := find(s.batch())
		if err != nil || len(cands) == 0 {
			return total, err
		}
		n, err := s.applyBatch(ctx, cands, r)
		total += n
		if err != nil || n == 0 || len(cands) < s.batch() {
			return total, err
		}
	}
}

func (s *Scheduler) applyBatch(ctx context.Context, cands []Callback, r rule) (int, error) {
	refs := make([]CallbackRef, len(cands))
	for i, c := range cands {
		refs[i] = CallbackRef{TenantID: c.TenantID, ID: c.ID}
	}
	var events []Event
	err := s.Store.Write(ctx, func(tx Tx) error {
		events = nil
		// The batch is read again under its row locks (one statement), the rule checked
		// again on what is read, and the changed rows written in one round trip: with
		// several servers, each change happens once.
		locked, err := tx.GetCallbacks(ctx, refs)
		if err != nil {
			return err
		}
		var changed []Callback
		var prev []int64
		now := s.Clock.Now()
		for _, cb := range locked {
			before := Owner{TeamID: cb.TeamID, AgentID: cb.AgentID}
			version := cb.Version
			ev := r(&cb)
			if ev == nil {
				continue
			}
			changed, prev = append(changed, cb), append(prev, version)
			ev.TenantID, ev.CallbackID, ev.At, ev.Callback = cb.TenantID, cb.ID, now, cb
			if before.AgentID != nil && cb.AgentID == nil {
				ev.Before = &before
			}
			events = append(events, *ev)
		}
		if len(events) == 0 {
			return nil
		}
		if err := tx.UpdateCallbacks(ctx, changed, prev); err != nil {
			return err
		}
		events, err = tx.AppendEvents(ctx, events)
		return err
	})
	if err != nil {
		return 0, err
	}
	if s.Bus != nil {
		s.Bus.Publish(events)
	}
	return len(events), nil
}

func (s *Scheduler) policy(ctx context.Context, tenantID string) (Policy, error) {
	if s.Policies == nil {
		return LoadPolicy(ctx, s.Store, tenantID)
	}
	return s.Policies.Get(ctx, tenantID)
}

func (s *Scheduler) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.Default()
	}
	return s.Logger
}
