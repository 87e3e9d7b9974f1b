package velocity

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
)

// countingStore is an AdminStore whose LookupCredentials answers from one record and
// counts calls. (Only the method the Authenticator uses is implemented.)
type countingStore struct {
	AdminStore
	calls atomic.Int32
	creds Credentials
	gate  chan struct{}
}

func (s *countingStore) LookupCredentials(ctx context.Context, keyHash []byte, username string) (Credentials, error) {
	s.calls.Add(1)
	if s.gate != nil {
		<-s.gate
	}
	if string(keyHash) != string(HashAPIKey("key")) {
		return Credentials{}, ErrNotFound
	}
	c := s.creds
	if username != c.Account.Username {
		c.Account = nil
	}
	return c, nil
}

type fixedClock struct{ t atomic.Pointer[time.Time] }

func (c *fixedClock) Now() time.Time      { return *c.t.Load() }
func (c *fixedClock) set(t time.Time)     { c.t.Store(&t) }
func (c *fixedClock) add(d time.Duration) { c.set(c.Now().Add(d)) }

func TestAuthenticatorCachesAndShares(t *testing.T) {
	hash, _ := HashPasswordCost("pw-123456789", 1000)
	st := &countingStore{creds: Credentials{Tenant: Tenant{ID: "t1"}, KeyActive: true, Account: &Account{ID: "a1", Username: "sys", PasswordHash: hash}}, gate: make(chan struct{})}
	clock := &fixedClock{}
	clock.set(t0)
	a := &Authenticator{Store: st, Clock: clock, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p, err := a.Authenticate(context.Background(), "key", "sys", "pw-123456789", ""); err != nil || p.Tenant.ID != "t1" {
				t.Errorf("%+v %v", p, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(st.gate)
	wg.Wait()
	if n := st.calls.Load(); n != 1 {
		t.Fatalf("16 concurrent first requests made %d store lookups, want 1", n)
	}
	st.gate = nil
	if _, err := a.Authenticate(context.Background(), "key", "sys", "pw-123456789", ""); err != nil || st.calls.Load() != 1 {
		t.Fatalf("fresh entry not used: %v calls=%d", err, st.calls.Load())
	}
	clock.add(6 * time.Second)
	if _, err := a.Authenticate(context.Background(), "key", "sys", "pw-123456789", ""); err != nil || st.calls.Load() != 2 {
		t.Fatalf("stale entry not rechecked: %v calls=%d", err, st.calls.Load())
	}
	if _, err := a.Authenticate(context.Background(), "key", "sys", "wrong", ""); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := a.Authenticate(context.Background(), "nokey", "sys", "pw-123456789", ""); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("wrong key: %v", err)
	}
}

func TestAuthenticatorLimitsFailures(t *testing.T) {
	hash, _ := HashPasswordCost("pw-123456789", 1000)
	st := &countingStore{creds: Credentials{Tenant: Tenant{ID: "t1"}, KeyActive: true, Account: &Account{ID: "a1", Username: "sys", PasswordHash: hash}}}
	clock := &fixedClock{}
	clock.set(t0)
	a := &Authenticator{Store: st, Clock: clock, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	// An agent's widget verified the right password before the attack.
	if _, err := a.Authenticate(context.Background(), "key", "sys", "pw-123456789", ""); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < MaxFailuresPerMinute; i++ {
		if _, err := a.Authenticate(context.Background(), "key", "sys", fmt.Sprint("guess", i), ""); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := a.Authenticate(context.Background(), "key", "sys", "guess-again", ""); !errors.Is(err, ErrTooManyAttempts) {
		t.Fatalf("after %d failures: %v", MaxFailuresPerMinute, err)
	}
	// The verified credentials keep working, even past the freshness window.
	clock.add(6 * time.Second)
	if _, err := a.Authenticate(context.Background(), "key", "sys", "pw-123456789", ""); err != nil {
		t.Fatalf("verified credentials locked out: %v", err)
	}
	clock.add(time.Minute)
	if _, err := a.Authenticate(context.Background(), "key", "sys", "guess-again", ""); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("a minute later: %v", err)
	}
}
