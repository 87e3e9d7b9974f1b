package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/customerdynamics/velocity"
)

// testConcurrentCreate has 16 requests create a callback for one number at once: exactly
// one succeeds and every other gets duplicate_open_callback naming it, however the store
// serialises them (one writer in SQLite, the open-number index in PostgreSQL).
func testConcurrentCreate(t *testing.T, b *bundle) {
	ctx := context.Background()
	const n = 16
	phone := b.phones.Next()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var won []string
	var existing []any
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			cb, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: phone}, "")
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				won = append(won, cb.ID)
				return
			}
			if !errors.Is(err, velocity.ErrDuplicateOpen) {
				t.Errorf("create: %v", err)
				return
			}
			e, _ := velocity.AsError(err)
			existing = append(existing, e.Extra["existingId"])
		}()
	}
	close(start)
	wg.Wait()
	if len(won) != 1 || len(existing) != n-1 {
		t.Fatalf("%d created, %d duplicates; want 1 and %d", len(won), len(existing), n-1)
	}
	for _, id := range existing {
		if id != won[0] {
			t.Fatalf("duplicate names %v, want the winner %s", id, won[0])
		}
	}
}

// testConcurrentIdempotency sends one request with one Idempotency-Key 16 times at once:
// one creates the callback, the others replay it, and only one callback and one event
// exist.
func testConcurrentIdempotency(t *testing.T, b *bundle) {
	ctx := context.Background()
	const n = 16
	in := velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ids := map[string]int{}
	fresh := 0
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			cb, replayed, err := b.svc.Create(ctx, b.p, "", in, "same-key")
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("create: %v", err)
				return
			}
			ids[cb.ID]++
			if !replayed {
				fresh++
			}
		}()
	}
	close(start)
	wg.Wait()
	if len(ids) != 1 || fresh != 1 {
		t.Fatalf("ids %v, %d not replayed; want one id, created once", ids, fresh)
	}
	items, _, err := b.svc.List(ctx, b.p, velocity.ListQuery{})
	if err != nil || len(items) != 1 {
		t.Fatalf("list: %d %v", len(items), err)
	}
	h, err := b.svc.History(ctx, b.p, items[0].ID, "")
	if err != nil || len(h) != 1 {
		t.Fatalf("history: %d %v", len(h), err)
	}
}

// testConflictCodes checks the codes a taken tenant name and a taken username return.
func testConflictCodes(t *testing.T, b *bundle) {
	ctx := context.Background()
	err := b.store.CreateTenant(ctx, velocity.Tenant{ID: velocity.NewID("tn_"), Name: "acme", DefaultCountry: "US", DefaultTimezone: "UTC", CreatedAt: Epoch})
	wantCode(t, err, "tenant_exists")
	err = b.store.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: b.p.Tenant.ID, Username: "system", PasswordHash: "h", CreatedAt: Epoch})
	wantCode(t, err, "account_exists")
	// The same username in another tenant is fine.
	if err := b.store.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: b.other.Tenant.ID, Username: "widget", PasswordHash: "h", CreatedAt: Epoch}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.GetAccount(ctx, b.p.Tenant.ID, "widget"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("account across tenants: %v", err)
	}
}

// testEventsAllTenants reads every tenant's events in id order, a page at a time, as the
// cross-server bus does.
func testEventsAllTenants(t *testing.T, b *bundle) {
	ctx := context.Background()
	before, err := b.store.LastEventID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b.create(t, velocity.CreateInput{})
		if _, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "t", PhoneNumber: b.phones.Next()}, ""); err != nil {
			t.Fatal(err)
		}
	}
	var all []velocity.Event
	after := before
	for {
		page, err := b.store.EventsAfter(ctx, "", after, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > 4 {
			t.Fatalf("page of %d, limit 4", len(page))
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
	tenants := map[string]int{}
	for i, e := range all {
		tenants[e.TenantID]++
		if i > 0 && e.ID <= all[i-1].ID {
			t.Fatal("events not in id order")
		}
		if e.Callback.ID != e.CallbackID || e.Callback.TenantID != e.TenantID {
			t.Fatalf("event %d carries callback %s of tenant %q", e.ID, e.Callback.ID, e.Callback.TenantID)
		}
	}
	if len(all) != 6 || tenants[b.p.Tenant.ID] != 3 || tenants[b.other.Tenant.ID] != 3 {
		t.Fatalf("read %d events %v", len(all), tenants)
	}
	last, err := b.store.LastEventID(ctx)
	if err != nil || last != all[5].ID {
		t.Fatalf("last event id %d, want %d (%v)", last, all[5].ID, err)
	}
}
