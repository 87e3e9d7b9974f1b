package velocity

import (
	"context"
	"time"
)

// day is 24 hours: retention is counted in whole days from the clock's instant.
const day = 24 * time.Hour

// Retention is how long a tenant keeps what it no longer works on. The scheduler
// enforces it (Scheduler.RetentionEvery), a batch per transaction.
//
// In this schema the events table is both each callback's history and the outbox that
// live streams read, so events go with their callback: a kept callback keeps its whole
// history, and a closed one (completed, failed or cancelled) whose last change is older
// than Callbacks is deleted with all its events and its idempotency keys. EventLog bounds
// what is kept only to deliver changes and replay requests: idempotency keys of callbacks
// still kept, and finished webhook deliveries with their attempts (a delivery's body is
// a copy of the change, so it needs nothing else kept); console sessions end by their own
// rules and are removed in the same pass. Audit bounds the audit trail.
type Retention struct {
	Callbacks time.Duration // closed callbacks and their history, after their last change
	EventLog  time.Duration // delivery bookkeeping: idempotency keys, finished webhook deliveries
	Audit     time.Duration // audit entries
}

// DefaultRetention keeps closed callbacks and their history for 400 days, delivery
// bookkeeping for 30 days and the audit trail for 400 days.
func DefaultRetention() Retention {
	return Retention{Callbacks: 400 * day, EventLog: 30 * day, Audit: 400 * day}
}

// retentionFields are the PolicyDoc fields of Retention and their ranges. The audit trail
// keeps at least 90 days, so that an administrator cannot shorten it to hide a change
// they just made.
var retentionFields = []struct {
	name     string
	min, max int
	get      func(d PolicyDoc) *int
	field    func(r *Retention) *time.Duration
}{
	{"callbackRetentionDays", 1, 3650, func(d PolicyDoc) *int { return d.CallbackRetentionDays }, func(r *Retention) *time.Duration { return &r.Callbacks }},
	{"eventLogRetentionDays", 1, 400, func(d PolicyDoc) *int { return d.EventLogRetentionDays }, func(r *Retention) *time.Duration { return &r.EventLog }},
	{"auditRetentionDays", 90, 3650, func(d PolicyDoc) *int { return d.AuditRetentionDays }, func(r *Retention) *time.Duration { return &r.Audit }},
}

// days returns d in whole days.
func days(d time.Duration) int { return int(d / day) }

// RetentionStore removes what a tenant's retention no longer keeps. Each call is one
// transaction that removes at most limit rows of its kind (callbacks for
// PurgeCallbacks), oldest first, and says how many it removed; the scheduler calls it
// again until a call comes back short.
type RetentionStore interface {
	// PurgeCallbacks deletes the tenant's closed callbacks (completed, failed,
	// cancelled) last changed before before, with their events and idempotency keys.
	// It returns how many callbacks and events it deleted.
	PurgeCallbacks(ctx context.Context, tenantID string, before time.Time, limit int) (callbacks, events int, err error)
	// PurgeEventLog deletes the tenant's idempotency keys recorded before before.
	PurgeEventLog(ctx context.Context, tenantID string, before time.Time, limit int) (int, error)
	// PurgeDeliveries deletes the tenant's finished webhook deliveries (delivered,
	// given up, or paused while their endpoint is disabled) recorded before before,
	// with their attempts; never a pending one (to be sent, or being sent).
	PurgeDeliveries(ctx context.Context, tenantID string, before time.Time, limit int) (int, error)
	// PurgeAudit deletes the tenant's audit entries recorded before before.
	PurgeAudit(ctx context.Context, tenantID string, before time.Time, limit int) (int, error)
}

// Purged counts what retention removed.
type Purged struct {
	Callbacks  int // closed callbacks
	Events     int // their events
	EventLog   int // idempotency keys
	Deliveries int // finished webhook deliveries (their attempts go with them)
	Audit      int // audit entries
	Sessions   int // ended console sessions
}

func (p Purged) any() bool { return p != Purged{} }

func (p *Purged) add(q Purged) {
	p.Callbacks += q.Callbacks
	p.Events += q.Events
	p.EventLog += q.EventLog
	p.Deliveries += q.Deliveries
	p.Audit += q.Audit
	p.Sessions += q.Sessions
}

// retentionLoop enforces retention a minute after Start (so that a server restarted more
// often than RetentionEvery still does it) and then every RetentionEvery, on its own
// goroutine: deleting old rows must never delay the loop that announces windows.
func (s *Scheduler) retentionLoop(ctx context.Context, done chan struct{}) {
	defer close(done)
	every := s.RetentionEvery
	if every <= 0 {
		every = time.Hour
	}
	t := time.NewTimer(min(every, time.Minute))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		res, err := s.purgeAll(ctx, s.Clock.Now())
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.logger().Warn("retention failed; retrying at the next run", "error", err, "callbacks", res.Callbacks, "events", res.Events)
		case res.any():
			s.logRetention(res)
		}
		t.Reset(every)
	}
}

func (s *Scheduler) logRetention(res Purged) {
	s.logger().Info("retention", "callbacks", res.Callbacks, "events", res.Events, "idempotencyKeys", res.EventLog,
		"webhookDeliveries", res.Deliveries, "auditEntries", res.Audit, "sessions", res.Sessions)
}

// purgeAll removes, tenant by tenant, what each tenant's retention no longer keeps, and
// ended console sessions.
func (s *Scheduler) purgeAll(ctx context.Context, now time.Time) (Purged, error) {
	var res Purged
	n, err := s.Store.DeleteSessionsBefore(ctx, now, now.Add(-DefaultIdleTimeout))
	res.Sessions = int(n)
	if err != nil {
		return res, err
	}
	tenants, err := s.Store.ListTenants(ctx)
	if err != nil {
		return res, err
	}
	for _, t := range tenants {
		pol, err := s.policy(ctx, t.ID)
		if err != nil {
			return res, err
		}
		got, err := s.purgeTenant(ctx, t.ID, now, pol.Retention)
		res.add(got)
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// purgeTenant applies one tenant's retention, a batch per transaction.
func (s *Scheduler) purgeTenant(ctx context.Context, tenantID string, now time.Time, r Retention) (Purged, error) {
	var res Purged
	limit := s.batch()
	for {
		cbs, evs, err := s.Store.PurgeCallbacks(ctx, tenantID, now.Add(-r.Callbacks), limit)
		res.Callbacks, res.Events = res.Callbacks+cbs, res.Events+evs
		if err != nil {
			return res, err
		}
		if cbs < limit {
			break
		}
	}
	drain := func(purge func(context.Context, string, time.Time, int) (int, error), before time.Time, count *int) error {
		for {
			n, err := purge(ctx, tenantID, before, limit)
			*count += n
			if err != nil || n < limit {
				return err
			}
		}
	}
	if err := drain(s.Store.PurgeEventLog, now.Add(-r.EventLog), &res.EventLog); err != nil {
		return res, err
	}
	if err := drain(s.Store.PurgeDeliveries, now.Add(-r.EventLog), &res.Deliveries); err != nil {
		return res, err
	}
	return res, drain(s.Store.PurgeAudit, now.Add(-r.Audit), &res.Audit)
}
