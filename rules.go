package velocity

import (
	"context"
	"sync"
	"time"
)

// RulesStore keeps what the scheduling rules need besides callbacks: each tenant's
// policy, its do-not-call list, and the queries of the scheduler's passes.
type RulesStore interface {
	// GetPolicy returns the tenant's stored policy; ok is false when it has none (the
	// defaults apply).
	GetPolicy(ctx context.Context, tenantID string) (p Policy, ok bool, err error)
	PutPolicy(ctx context.Context, tenantID string, p Policy, at time.Time) error

	// IsDoNotCall reports whether an E.164 number is on the tenant's list.
	IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error)
	// AddDoNotCall adds entries, keeping existing ones; it returns how many were new.
	AddDoNotCall(ctx context.Context, entries []DoNotCall) (int, error)
	// RemoveDoNotCall removes a number; ErrNotFound if it was not listed.
	RemoveDoNotCall(ctx context.Context, tenantID, phone string) error
	// ListDoNotCall returns up to limit entries ordered by number, after the given one.
	ListDoNotCall(ctx context.Context, tenantID, after string, limit int) ([]DoNotCall, error)

	// DueCallbacks returns scheduled callbacks whose window has opened (start <= now)
	// and whose due event has not been sent, oldest first, across tenants.
	DueCallbacks(ctx context.Context, now time.Time, limit int) ([]Callback, error)
	// ExpiredClaims returns claimed callbacks whose lease ended at or before now.
	ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]Callback, error)
	// OverduePersonal returns a tenant's open personal callbacks whose window ended
	// before endedBefore.
	OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]Callback, error)
	// NextDue returns the earliest window start after now of a scheduled callback whose
	// due event has not been sent; ok is false when there is none.
	NextDue(ctx context.Context, now time.Time) (at time.Time, ok bool, err error)
}

// DoNotCall is one number a tenant must not call.
type DoNotCall struct {
	TenantID    string    `json:"-"`
	PhoneNumber string    `json:"phoneNumber"`
	Reason      string    `json:"reason"`
	AddedBy     string    `json:"addedBy"`
	AddedAt     time.Time `json:"addedAt"`
}

// Errors of the scheduling rules.
var (
	ErrOutsideHours = &Error{Kind: KindConflict, Code: "outside_calling_hours", Message: "It is outside the customer's calling hours; dial when they open."}
	ErrDoNotCall    = &Error{Kind: KindConflict, Code: "do_not_call", Message: "This number is on the do-not-call list."}
	ErrNoRules      = &Error{Kind: KindNotFound, Code: "rules_unavailable", Message: "This server's store keeps no scheduling rules."}
)

// Policies returns tenants' policies, remembering each for TTL so that a request does
// not read it each time; a change reaches every server within TTL.
type Policies struct {
	Store RulesStore
	Clock Clock
	TTL   time.Duration // default 5s

	mu    sync.Mutex
	cache map[string]cachedPolicy
}

type cachedPolicy struct {
	p  Policy
	at time.Time
}

// Get returns the tenant's policy (the defaults when none is stored).
func (ps *Policies) Get(ctx context.Context, tenantID string) (Policy, error) {
	ttl := ps.TTL
	if ttl == 0 {
		ttl = 5 * time.Second
	}
	now := ps.Clock.Now()
	ps.mu.Lock()
	c, ok := ps.cache[tenantID]
	ps.mu.Unlock()
	if ok && now.Sub(c.at) < ttl {
		return c.p, nil
	}
	p, found, err := ps.Store.GetPolicy(ctx, tenantID)
	if err != nil {
		return Policy{}, err
	}
	if !found {
		p = DefaultPolicy()
	}
	ps.mu.Lock()
	if ps.cache == nil {
		ps.cache = map[string]cachedPolicy{}
	}
	ps.cache[tenantID] = cachedPolicy{p: p, at: now}
	ps.mu.Unlock()
	return p, nil
}

// Forget drops a tenant's cached policy (after this server changed it).
func (ps *Policies) Forget(tenantID string) {
	ps.mu.Lock()
	delete(ps.cache, tenantID)
	ps.mu.Unlock()
}

// UpdatePolicy changes the fields of the tenant's policy that doc sets and stores it.
func (s *Service) UpdatePolicy(ctx context.Context, p Principal, doc PolicyDoc) (Policy, error) {
	if s.Rules == nil {
		return Policy{}, ErrNoRules
	}
	// Read the stored policy, not a cached one, so a change made by another server a
	// moment ago is kept.
	cur, found, err := s.Rules.GetPolicy(ctx, p.Tenant.ID)
	if err != nil {
		return Policy{}, err
	}
	if !found {
		cur = DefaultPolicy()
	}
	next, err := doc.Apply(cur)
	if err != nil {
		return Policy{}, err
	}
	return next, s.Rules.PutPolicy(ctx, p.Tenant.ID, next, s.now())
}
