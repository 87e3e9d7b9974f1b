package velocity_test

import (
	"context"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestPoliciesCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	attempts := func(t *testing.T, ps *velocity.Policies, p velocity.Principal) int {
		t.Helper()
		pol, err := ps.Get(ctx, p.Tenant.ID)
		if err != nil {
			t.Fatal(err)
		}
		return pol.MaxAttempts
	}
	withAttempts := func(n int) velocity.Policy {
		p := velocity.AroundTheClockPolicy()
		p.MaxAttempts = n
		return p
	}

	t.Run("a change shows after the TTL, or at once after Forget", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		ps := &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Minute}
		b.putPolicy(t, b.p, withAttempts(4))
		if n := attempts(t, ps, b.p); n != 4 {
			t.Fatalf("first read: %d", n)
		}
		b.putPolicy(t, b.p, withAttempts(6))
		b.clock.Advance(59 * time.Second)
		if n := attempts(t, ps, b.p); n != 4 {
			t.Fatalf("within the TTL: %d, want the cached 4", n)
		}
		b.clock.Advance(time.Second)
		if n := attempts(t, ps, b.p); n != 6 {
			t.Fatalf("after the TTL: %d, want 6", n)
		}
		b.putPolicy(t, b.p, withAttempts(7))
		ps.Forget(b.p.Tenant.ID)
		if n := attempts(t, ps, b.p); n != 7 {
			t.Fatalf("after Forget: %d, want 7", n)
		}
	})

	t.Run("the TTL defaults to five seconds", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		ps := &velocity.Policies{Store: b.store, Clock: b.clock}
		b.putPolicy(t, b.p, withAttempts(4))
		attempts(t, ps, b.p)
		b.putPolicy(t, b.p, withAttempts(6))
		b.clock.Advance(4 * time.Second)
		if n := attempts(t, ps, b.p); n != 4 {
			t.Fatalf("after 4s: %d, want the cached 4", n)
		}
		b.clock.Advance(time.Second)
		if n := attempts(t, ps, b.p); n != 6 {
			t.Fatalf("after 5s: %d, want 6", n)
		}
	})

	t.Run("each tenant has its own entry; without a stored policy, the defaults", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		ps := &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Hour}
		b.putPolicy(t, b.p, withAttempts(9))
		fresh := velocity.Principal{Tenant: velocity.Tenant{ID: "tn_never_stored"}}
		if n := attempts(t, ps, b.p); n != 9 {
			t.Fatalf("acme: %d", n)
		}
		if got, err := ps.Get(ctx, fresh.Tenant.ID); err != nil || got.MaxAttempts != velocity.DefaultPolicy().MaxAttempts || got.CallingHours != velocity.DefaultPolicy().CallingHours {
			t.Fatalf("no stored policy: %+v %v", got, err)
		}
		ps.Forget(fresh.Tenant.ID) // forgetting one tenant keeps the others
		b.putPolicy(t, b.p, withAttempts(2))
		if n := attempts(t, ps, b.p); n != 9 {
			t.Fatalf("acme after forgetting another tenant: %d, want the cached 9", n)
		}
		var none *velocity.Policies
		none.Forget(b.p.Tenant.ID) // a service without a cache forgets nothing, safely
	})

	t.Run("a store error is returned, not cached", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		ps := &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Hour}
		b.store.Close()
		if _, err := ps.Get(ctx, b.p.Tenant.ID); err == nil {
			t.Fatal("read of a closed store succeeded")
		}
	})
}

func TestServicePolicy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("UpdatePolicy is seen at once by its own server, within the TTL by others", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.svc.Policies = &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Hour}
		peer := &velocity.Service{Store: b.store, Clock: b.clock, Policies: &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Hour}}
		for _, s := range []*velocity.Service{b.svc, peer} {
			if p, err := s.Policy(ctx, b.p.Tenant.ID); err != nil || p.MaxAttempts != 3 {
				t.Fatalf("before: %+v %v", p, err)
			}
		}
		if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{MaxAttempts: ptr(5)}); err != nil {
			t.Fatal(err)
		}
		if p, _ := b.svc.Policy(ctx, b.p.Tenant.ID); p.MaxAttempts != 5 {
			t.Fatalf("own server sees %d", p.MaxAttempts)
		}
		if p, _ := peer.Policy(ctx, b.p.Tenant.ID); p.MaxAttempts != 3 {
			t.Fatalf("peer within its TTL sees %d, want its cached 3", p.MaxAttempts)
		}
		b.clock.Advance(time.Hour)
		if p, _ := peer.Policy(ctx, b.p.Tenant.ID); p.MaxAttempts != 5 {
			t.Fatalf("peer after its TTL sees %d", p.MaxAttempts)
		}
		// A new callback takes the policy the service applies.
		if cb := b.create(t, velocity.CreateInput{}); cb.MaxAttempts != 5 {
			t.Fatalf("new callback maxAttempts %d", cb.MaxAttempts)
		}
	})

	t.Run("UpdatePolicy builds on the stored policy, not a cached one", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.svc.Policies = &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Hour}
		peer := &velocity.Service{Store: b.store, Clock: b.clock}
		if _, err := b.svc.Policy(ctx, b.p.Tenant.ID); err != nil { // cache the old policy
			t.Fatal(err)
		}
		if _, err := peer.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{ClaimLeaseMinutes: ptr(9)}); err != nil {
			t.Fatal(err)
		}
		got, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{MaxAttempts: ptr(4)})
		if err != nil || got.ClaimLease != 9*time.Minute || got.MaxAttempts != 4 {
			t.Fatalf("lost the peer's change: %+v %v", got, err)
		}
		stored, _, _ := b.store.GetPolicy(ctx, b.p.Tenant.ID)
		if stored.ClaimLease != 9*time.Minute || stored.MaxAttempts != 4 {
			t.Fatalf("stored %+v", stored)
		}
	})

	t.Run("a refused update stores nothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		before, _, _ := b.store.GetPolicy(ctx, b.p.Tenant.ID)
		_, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{MaxAttempts: ptr(5), ClaimLeaseMinutes: ptr(0)})
		wantFields(t, err, "claimLeaseMinutes:out_of_range")
		after, _, _ := b.store.GetPolicy(ctx, b.p.Tenant.ID)
		if after.MaxAttempts != before.MaxAttempts || after.ClaimLease != before.ClaimLease {
			t.Fatalf("refused update stored: %+v", after)
		}
	})
}
