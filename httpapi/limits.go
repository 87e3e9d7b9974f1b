package httpapi

import (
	"context"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/customerdynamics/velocity"
)

// Limits bound what one client or tenant may take of a server, so that one tenant's
// script cannot starve the others. Each server enforces its own limits: with several
// servers behind a load balancer, a client gets up to the limit on each. Zero values
// mean no limit.
type Limits struct {
	// PerCredential is the sustained requests per second of one API key and account
	// (the widget's credentials are shared by all of a tenant's agents), with bursts of
	// twice as many.
	PerCredential float64
	// PerTenant is the sustained requests per second of a whole tenant, bursts twice.
	PerTenant float64
	// StreamsPerTenant caps the open event streams of one tenant.
	StreamsPerTenant int
	// Concurrent caps the API requests served at once (event streams excluded); a
	// request waits up to 100 ms for a slot, then gets 503 overloaded.
	Concurrent int
}

// DefaultLimits are generous for a contact center: every agent's widget shares the tenant's
// widget credentials, so their limit must carry a morning's sign-ins of thousands of agents.
var DefaultLimits = Limits{PerCredential: 1000, PerTenant: 2000, StreamsPerTenant: 25_000, Concurrent: 512}

// limiter keeps the token buckets and counters of Limits.
type limiter struct {
	cfg     Limits
	mu      sync.Mutex
	buckets map[string]*bucket
	streams map[string]int
	slots   chan struct{}
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(cfg Limits) *limiter {
	l := &limiter{cfg: cfg, buckets: map[string]*bucket{}, streams: map[string]int{}}
	if cfg.Concurrent > 0 {
		l.slots = make(chan struct{}, cfg.Concurrent)
	}
	return l
}

// take spends one token of key's bucket (rate per second, burst twice that); it returns
// how long to wait when there is none.
func (l *limiter) take(key string, rate float64, now time.Time) (time.Duration, bool) {
	if rate <= 0 {
		return 0, true
	}
	burst := 2 * rate
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets { // full buckets carry no information
			if b.tokens+now.Sub(b.at).Seconds()*rate >= burst {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(burst, b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second)), false
}

// allow checks the per-credential and per-tenant rates of one request by p.
func (l *limiter) allow(p velocity.Principal, now time.Time) error {
	if wait, ok := l.take("c\x00"+p.Tenant.ID+"\x00"+p.KeyPrefix+"\x00"+p.Username, l.cfg.PerCredential, now); !ok {
		return rateLimited("these credentials", wait)
	}
	if wait, ok := l.take("t\x00"+p.Tenant.ID, l.cfg.PerTenant, now); !ok {
		return rateLimited("this tenant", wait)
	}
	return nil
}

func rateLimited(who string, wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	return velocity.NewError(velocity.CodeRateLimited, "Too many requests from "+who+"; retry in "+strconv.Itoa(secs)+" s.").
		With("", map[string]any{"retryAfterSeconds": secs})
}

// openStream counts a stream of the tenant, refusing it over the cap; close releases it.
func (l *limiter) openStream(tenantID string) (close func(), err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cfg.StreamsPerTenant > 0 && l.streams[tenantID] >= l.cfg.StreamsPerTenant {
		return nil, velocity.NewError(velocity.CodeTooManyStreams, "This tenant has "+strconv.Itoa(l.streams[tenantID])+" event streams open on this server, its limit; close some (a closed page's stream ends by itself).").
			With("", map[string]any{"retryAfterSeconds": 30})
	}
	l.streams[tenantID]++
	return func() {
		l.mu.Lock()
		if l.streams[tenantID]--; l.streams[tenantID] <= 0 {
			delete(l.streams, tenantID)
		}
		l.mu.Unlock()
	}, nil
}

// Streams returns the open event streams of a tenant on this server.
func (l *limiter) Streams(tenantID string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.streams[tenantID]
}

// acquire takes a request slot, waiting up to 100 ms; release gives it back.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	if l.slots == nil {
		return func() {}, nil
	}
	t := time.NewTimer(100 * time.Millisecond)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	case <-t.C:
		return nil, velocity.NewError(velocity.CodeOverloaded, "The server is serving as many requests as it allows at once; retry in a second.").
			With("", map[string]any{"retryAfterSeconds": 1})
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
