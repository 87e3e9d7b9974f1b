package httpapi

import (
	"context"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// TestConcurrencyBound: with every slot taken a request waits briefly, then gets 503
// overloaded; a freed slot is taken again.
func TestConcurrencyBound(t *testing.T) {
	l := newLimiter(Limits{Concurrent: 2})
	r1, err := l.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := l.acquire(context.Background())
	start := time.Now()
	_, err = l.acquire(context.Background())
	if e, ok := velocity.AsError(err); !ok || e.Code != velocity.CodeOverloaded || time.Since(start) < 90*time.Millisecond {
		t.Fatalf("third request: %v after %s", err, time.Since(start))
	}
	r1()
	r3, err := l.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r2()
	r3()
}

// TestTokenBucket: the burst is twice the rate, tokens come back at the rate.
func TestTokenBucket(t *testing.T) {
	l := newLimiter(Limits{PerCredential: 10})
	now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	n := 0
	for ; n < 100; n++ {
		if _, ok := l.take("k", 10, now); !ok {
			break
		}
	}
	if n != 20 {
		t.Fatalf("burst of %d, want 20", n)
	}
	if wait, ok := l.take("k", 10, now); ok || wait <= 0 || wait > 100*time.Millisecond {
		t.Fatalf("empty bucket: wait %s ok %v", wait, ok)
	}
	if _, ok := l.take("k", 10, now.Add(150*time.Millisecond)); !ok {
		t.Fatal("no token after 150 ms at 10/s")
	}
}
