// Package hub is the in-process event bus: it fans recorded events out to the live
// subscribers of this server. On its own it serves one server (the SQLite default); the
// PostgreSQL bus feeds it with the events every server records.
package hub

import (
	"sync"

	"github.com/customerdynamics/velocity"
)

// DefaultBuffer is how many events a subscriber may fall behind before it is dropped.
const DefaultBuffer = 256

// Hub is a velocity.Bus for one process. Publish never blocks: a subscriber whose buffer
// is full is dropped (its Dropped channel closes) and should reconnect and replay.
type Hub struct {
	Buffer int

	mu     sync.RWMutex
	subs   map[string]map[*sub]struct{} // by tenant
	closed bool
}

var _ velocity.Bus = (*Hub)(nil)

// New returns an empty hub.
func New() *Hub { return &Hub{subs: map[string]map[*sub]struct{}{}} }

type sub struct {
	h       *Hub
	tenant  string
	ch      chan velocity.Event
	dropped chan struct{}
	once    sync.Once
}

func (s *sub) Events() <-chan velocity.Event { return s.ch }
func (s *sub) Dropped() <-chan struct{}      { return s.dropped }

// Close ends the subscription.
func (s *sub) Close() { s.h.remove(s, false) }

// Subscribe starts receiving the tenant's events.
func (h *Hub) Subscribe(tenantID string) velocity.Subscription {
	n := h.Buffer
	if n <= 0 {
		n = DefaultBuffer
	}
	s := &sub{h: h, tenant: tenantID, ch: make(chan velocity.Event, n), dropped: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(s.dropped)
		return s
	}
	m := h.subs[tenantID]
	if m == nil {
		m = map[*sub]struct{}{}
		h.subs[tenantID] = m
	}
	m[s] = struct{}{}
	return s
}

func (h *Hub) remove(s *sub, drop bool) {
	h.mu.Lock()
	if m := h.subs[s.tenant]; m != nil {
		delete(m, s)
		if len(m) == 0 {
			delete(h.subs, s.tenant)
		}
	}
	h.mu.Unlock()
	if drop {
		s.once.Do(func() { close(s.dropped) })
	}
}

// Publish delivers events to their tenants' subscribers, in order. A subscriber that
// misses one event gets none after it from this call: it is dropped and replays from
// its last event, so it never skips one silently.
func (h *Hub) Publish(events []velocity.Event) {
	var slow []*sub
	missed := map[*sub]bool{}
	h.mu.RLock()
	for _, e := range events {
		for s := range h.subs[e.TenantID] {
			if missed[s] {
				continue
			}
			select {
			case s.ch <- e:
			default:
				missed[s] = true
				slow = append(slow, s)
			}
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
	n := 0
	for _, m := range h.subs {
		n += len(m)
	}
	return n
}

// Close drops every subscriber (their Dropped channels close) and refuses new ones; used
// at shutdown so that streams end.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	var all []*sub
	for _, m := range h.subs {
		for s := range m {
			all = append(all, s)
		}
	}
	h.subs = map[string]map[*sub]struct{}{}
	h.mu.Unlock()
	for _, s := range all {
		s.once.Do(func() { close(s.dropped) })
	}
}
