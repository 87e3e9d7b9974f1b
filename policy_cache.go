package velocity

import (
	"context"
	"sync"
	"time"
)

// LoadPolicy returns the tenant's stored policy, or DefaultPolicy when it has none.
func LoadPolicy(ctx context.Context, s PolicyStore, tenantID string) (Policy, error) {
	p, found, err := s.GetPolicy(ctx, tenantID)
	if err != nil {
		return Policy{}, err
	}
	if !found {
		return DefaultPolicy(), nil
	}
	return p, nil
}

// Policies returns tenants' policies, remembering each for TTL so that a request does
// not read it each time; a change reaches every server within TTL.
type Policies struct {
	Store PolicyStore
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
	p, err := LoadPolicy(ctx, ps.Store, tenantID)
	if err != nil {
		return Policy{}, err
	}
	ps.mu.Lock()
	if ps.cache == nil {
		ps.cache = map[string]cachedPolicy{}
	}
	ps.cache[tenantID] = cachedPolicy{p: p, at: now}
	ps.mu.Unlock()
	return p, nil
}

// Forget drops a tenant's cached policy (after this server changed it); a nil Policies
// caches nothing.
func (ps *Policies) Forget(tenantID string) {
	if ps == nil {
		return
	}
	ps.mu.Lock()
	delete(ps.cache, tenantID)
	ps.mu.Unlock()
}

// Policy returns the tenant's policy as the service applies it (cached when the service
// has Policies).
func (s *Service) Policy(ctx context.Context, tenantID string) (Policy, error) {
	return s.policy(ctx, tenantID)
}

// UpdatePolicy changes the fields of the tenant's policy that doc sets and stores it.
func (s *Service) UpdatePolicy(ctx context.Context, p Principal, doc PolicyDoc) (Policy, error) {
	// Read the stored policy, not a cached one, so a change made by another server a
	// moment ago is kept.
	cur, err := LoadPolicy(ctx, s.Store, p.Tenant.ID)
	if err != nil {
		return Policy{}, err
	}
	next, err := doc.Apply(cur)
	if err != nil {
		return Policy{}, err
	}
	if err := s.Store.PutPolicy(ctx, p.Tenant.ID, next, s.now()); err != nil {
		return Policy{}, err
	}
	if err := s.recordAudit(ctx, p, "policy.update", p.Tenant.ID, cur.Doc(), next.Doc()); err != nil {
		return Policy{}, err
	}
	// This server sees the change at once; the others within their cache's TTL.
	s.Policies.Forget(p.Tenant.ID)
	return next, nil
}
