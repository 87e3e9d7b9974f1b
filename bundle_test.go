package velocity_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// monday10 is 10:00 in New York on Monday 2 March 2026 (15:00 UTC): the instant the
// service tests start at, whatever the wall clock says.
var monday10 = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

// testBundle is what each service test works with: a real SQLite store in the test's own
// directory, a stopped clock, the tenant "acme" (calling allowed around the clock) and a
// range of phone numbers no other test uses.
type testBundle struct {
	store  *sqlite.Store
	svc    *velocity.Service
	clock  *storetest.Clock
	bus    *recordingBus
	p      velocity.Principal
	phones *storetest.Phones
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clock := storetest.NewClock(monday10)
	bus := &recordingBus{}
	b := &testBundle{store: store, clock: clock, bus: bus, phones: storetest.NewPhones(),
		svc: &velocity.Service{Store: store, Bus: bus, Clock: clock}}
	b.p = b.tenant(t, "acme")
	return b
}

// tenant adds a tenant whose policy allows calling at every hour.
func (b *testBundle) tenant(t *testing.T, name string) velocity.Principal {
	t.Helper()
	p := storetest.NewTenant(t, b.store, name)
	b.putPolicy(t, p, storetest.AllDay())
	return p
}

func (b *testBundle) putPolicy(t *testing.T, p velocity.Principal, pol velocity.Policy) {
	t.Helper()
	if err := b.store.PutPolicy(context.Background(), p.Tenant.ID, pol, b.clock.Now()); err != nil {
		t.Fatal(err)
	}
}

// create schedules a callback for acme, on team-1 and the bundle's next number unless the
// input says otherwise.
func (b *testBundle) create(t *testing.T, in velocity.CreateInput) velocity.Callback {
	t.Helper()
	if in.TeamID == "" {
		in.TeamID = "team-1"
	}
	if in.PhoneNumber == "" {
		in.PhoneNumber = b.phones.Next()
	}
	cb, _, err := b.svc.Create(context.Background(), b.p, "", in, "")
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return cb
}

func (b *testBundle) claim(t *testing.T, id, agent string) velocity.Callback {
	t.Helper()
	cb, err := b.svc.Claim(context.Background(), b.p, id, agent)
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	return cb
}

// history returns the types of a callback's recorded events, oldest first.
func (b *testBundle) history(t *testing.T, id string) []velocity.Event {
	t.Helper()
	h, err := b.svc.History(context.Background(), b.p, id, "")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func types(events []velocity.Event) []velocity.EventType {
	out := make([]velocity.EventType, len(events))
	for i, e := range events {
		out[i] = e.Type
	}
	return out
}

// recordingBus keeps what the service publishes.
type recordingBus struct {
	mu     sync.Mutex
	events []velocity.Event
}

func (r *recordingBus) Publish(events []velocity.Event) {
	r.mu.Lock()
	r.events = append(r.events, events...)
	r.mu.Unlock()
}

func (r *recordingBus) Subscribe(velocity.Scope) velocity.Subscription {
	panic("the tests do not subscribe")
}

func (r *recordingBus) published() []velocity.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]velocity.Event(nil), r.events...)
}

func ptr[T any](v T) *T { return &v }

// wantCode fails unless err is a *velocity.Error with the code.
func wantCode(t *testing.T, err error, code velocity.Code) *velocity.Error {
	t.Helper()
	e, ok := velocity.AsError(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want code %q", err, code)
	}
	return e
}

// wantFields fails unless err is a validation error naming exactly these fields and
// codes, as "field:code", in order.
func wantFields(t *testing.T, err error, want ...string) {
	t.Helper()
	e := wantCode(t, err, "validation_failed")
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field+":"+string(f.Code))
	}
	if len(got) != len(want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("fields %v, want %v", got, want)
		}
	}
}

// dataTime reads a time from event data: a time.Time as the service recorded it, or its
// RFC 3339 text as a store returns it.
func dataTime(t *testing.T, v any) time.Time {
	t.Helper()
	switch v := v.(type) {
	case time.Time:
		return v
	case string:
		at, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			t.Fatalf("event time %q: %v", v, err)
		}
		return at
	}
	t.Fatalf("event data %v (%T) is not a time", v, v)
	return time.Time{}
}
