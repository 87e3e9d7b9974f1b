// Package hub is the in-process event bus: it fans recorded events out to the live
// subscribers of this server. On its own it serves one server (the SQLite default); the
// PostgreSQL bus feeds it with the events every server records.
//
// It is built for many thousands of idle subscribers: an event reaches only the
// subscribers whose scope can see it, found through indexes by tenant, team and agent
// rather than by scanning all of them; the event is shared by pointer, not copied per
// subscriber; and a subscriber costs a small struct plus the events waiting for it,
// with no buffer reserved in advance.
package hub

import (
	"sync"

	"github.com/customerdynamics/velocity"
)

// DefaultBuffer is how many events a subscriber may fall behind before it is dropped.
const DefaultBuffer = 1024

// Hub is a velocity.Bus for one process. Publish never blocks: a subscriber with Buffer
// events waiting is dropped (its Dropped channel closes) and should reconnect and replay.
type Hub struct {
	Buffer int

	mu      sync.RWMutex
	tenants map[string]*tenantSubs
	n       int
	closed  bool
}

// tenantSubs indexes one tenant's subscribers by what they see.
type tenantSubs struct {
	all      set            // no agent, no team: every event of the tenant
	byAgent  map[string]set // with an agent: its personal callbacks
	teamOpen map[string]set // with an agent and a team: the team's unassigned callbacks
	teamAll  map[string]set // with a team only: every callback of the team
}

type set map[*sub]struct{}

var _ velocity.Bus = (*Hub)(nil)

// New returns an empty hub.
func New() *Hub { return &Hub{tenants: map[string]*tenantSubs{}} }

type sub struct {
	h       *Hub
	scope   velocity.Scope
	ready   chan struct{}
	dropped chan struct{}
	once    sync.Once

	mu      sync.Mutex
	pending []*velocity.Event
	last    int64 // the id of the event queued last, so that one event is queued once
}

func (s *sub) Ready() <-chan struct{}   { return s.ready }
func (s *sub) Dropped() <-chan struct{} { return s.dropped }

// Next returns the waiting events and empties the queue.
func (s *sub) Next() []*velocity.Event {
	s.mu.Lock()
	out := s.pending
	s.pending = nil
	s.mu.Unlock()
	return out
}

// Close ends the subscription.
func (s *sub) Close() { s.h.remove(s, false) }

// offer queues e unless the subscriber is full; it reports false when it is.
func (s *sub) offer(e *velocity.Event, limit int) bool {
	s.mu.Lock()
	if e.ID != 0 && e.ID == s.last {
		s.mu.Unlock()
		return true // reached through a second index (its owner moved within the scope)
	}
	if len(s.pending) >= limit {
		s.mu.Unlock()
		return false
	}
	s.pending = append(s.pending, e)
	s.last = e.ID
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
	return true
}

// Subscribe starts receiving the events scope sees.
func (h *Hub) Subscribe(scope velocity.Scope) velocity.Subscription {
	s := &sub{h: h, scope: scope, ready: make(chan struct{}, 1), dropped: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(s.dropped)
		return s
	}
	t := h.tenants[scope.TenantID]
	if t == nil {
		t = &tenantSubs{all: set{}, byAgent: map[string]set{}, teamOpen: map[string]set{}, teamAll: map[string]set{}}
		h.tenants[scope.TenantID] = t
	}
	t.index(s, true)
	h.n++
	return s
}

// index adds s to (or removes it from) the index its scope belongs in.
func (t *tenantSubs) index(s *sub, add bool) {
	put := func(m map[string]set, k string) {
		if add {
			if m[k] == nil {
				m[k] = set{}
			}
			m[k][s] = struct{}{}
			return
		}
		delete(m[k], s)
		if len(m[k]) == 0 {
			delete(m, k)
		}
	}
	a, tm := s.scope.AgentID, s.scope.TeamID
	switch {
	case a == "" && tm == "":
		if add {
			t.all[s] = struct{}{}
		} else {
			delete(t.all, s)
		}
	case a == "":
		put(t.teamAll, tm)
	default:
		put(t.byAgent, a)
		if tm != "" {
			put(t.teamOpen, tm)
		}
	}
}

func (t *tenantSubs) empty() bool {
	return len(t.all) == 0 && len(t.byAgent) == 0 && len(t.teamOpen) == 0 && len(t.teamAll) == 0
}

func (h *Hub) remove(s *sub, drop bool) {
	h.mu.Lock()
	if t := h.tenants[s.scope.TenantID]; t != nil {
		if t.has(s) {
			t.index(s, false)
			h.n--
		}
		if t.empty() {
			delete(h.tenants, s.scope.TenantID)
		}
	}
	h.mu.Unlock()
	if drop {
		s.once.Do(func() { close(s.dropped) })
	}
}

// has reports whether s is indexed.
func (t *tenantSubs) has(s *sub) bool {
	a, tm := s.scope.AgentID, s.scope.TeamID
	switch {
	case a == "" && tm == "":
		_, ok := t.all[s]
		return ok
	case a == "":
		_, ok := t.teamAll[tm][s]
		return ok
	}
	_, ok := t.byAgent[a][s]
	return ok
}

// candidates calls fn for each subscriber of t that may see a callback owned by owner
// (team, and agent or nil).
func (t *tenantSubs) candidates(team string, agent *string, fn func(*sub)) {
	each := func(m set) {
		for s := range m {
			fn(s)
		}
	}
	each(t.all)
	each(t.teamAll[team])
	if agent != nil {
		each(t.byAgent[*agent])
	} else {
		each(t.teamOpen[team])
	}
}

// Publish delivers events to the subscribers that see them, in order. A subscriber that
// cannot take one more is dropped and gets nothing after it, so it never skips one
// silently.
func (h *Hub) Publish(events []velocity.Event) {
	limit := h.Buffer
	if limit <= 0 {
		limit = DefaultBuffer
	}
	var slow []*sub
	full := map[*sub]bool{}
	h.mu.RLock()
	for i := range events {
		e := &events[i]
		t := h.tenants[e.TenantID]
		if t == nil {
			continue
		}
		deliver := func(s *sub) {
			if full[s] || !e.VisibleTo(s.scope.AgentID, s.scope.TeamID) {
				return
			}
			if !s.offer(e, limit) {
				full[s] = true
				slow = append(slow, s)
			}
		}
		t.candidates(e.Callback.TeamID, e.Callback.AgentID, deliver)
		if e.Before != nil {
			t.candidates(e.Before.TeamID, e.Before.AgentID, deliver)
		}
	}
	h.mu.RUnlock()
	for _, s := range slow {
		h.remove(s, true)
	}
}

// Subscribers returns how many subscriptions are open.
func (h *Hub) Subscribers() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.n
}

// Close drops every subscriber (their Dropped channels close) and refuses new ones; used
// at shutdown so that streams end.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	var all []*sub
	for _, t := range h.tenants {
		for s := range t.all {
			all = append(all, s)
		}
		for _, m := range []map[string]set{t.teamAll, t.byAgent} {
			for _, ss := range m {
				for s := range ss {
					all = append(all, s)
				}
			}
		}
	}
	h.tenants = map[string]*tenantSubs{}
	h.n = 0
	h.mu.Unlock()
	for _, s := range all {
		s.once.Do(func() { close(s.dropped) })
	}
}
