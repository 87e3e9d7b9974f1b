package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// Opener returns a new, empty, migrated store for one test; it registers its own cleanup.
type Opener func(t *testing.T) velocity.Store

// bundle is what each suite test works with.
type bundle struct {
	store  velocity.Store
	svc    *velocity.Service
	clock  *Clock
	p      velocity.Principal // tenant "acme", account "system"
	other  velocity.Principal // tenant "globex"
	bus    *recordingBus
	phones *Phones // the test's own numbers; fixed numbers in tests are +1 212 555 01NN, which no range holds
}

type recordingBus struct {
	mu     sync.Mutex
	events []velocity.Event
}

func (b *recordingBus) Publish(evs []velocity.Event) {
	b.mu.Lock()
	b.events = append(b.events, evs...)
	b.mu.Unlock()
}

func (b *recordingBus) Subscribe(velocity.Scope) velocity.Subscription {
	panic("not used by the suite")
}

func (b *recordingBus) types() []velocity.EventType {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []velocity.EventType
	for _, e := range b.events {
		out = append(out, e.Type)
	}
	return out
}

// NewTenant creates a tenant with an admin account "system" and returns its principal.
func NewTenant(t testing.TB, s velocity.Store, name string) velocity.Principal {
	t.Helper()
	ctx := context.Background()
	tn := velocity.Tenant{ID: velocity.NewID("tn_"), Name: name, DefaultCountry: "US", DefaultTimezone: "America/New_York", CreatedAt: Epoch,
		TenantIdentity: velocity.TenantIdentity{AgentIdentity: velocity.IdentityOff}}
	if err := s.CreateTenant(ctx, tn); err != nil {
		t.Fatalf("create tenant: %v", err)
	}
	acc := velocity.Account{ID: velocity.NewID("ac_"), TenantID: tn.ID, Username: "system", PasswordHash: "x", CreatedAt: Epoch, Role: velocity.RoleAdmin}
	if err := s.CreateAccount(ctx, acc); err != nil {
		t.Fatalf("create account: %v", err)
	}
	return velocity.Principal{Tenant: tn, AccountID: acc.ID, Username: acc.Username, Role: acc.Role, KeyPrefix: "test", Remote: "127.0.0.1"}
}

func setup(t *testing.T, open Opener) *bundle {
	t.Helper()
	s := open(t)
	clock := NewClock(Epoch)
	bus := &recordingBus{}
	b := &bundle{store: s, clock: clock, bus: bus, phones: NewPhones(),
		svc: &velocity.Service{Store: s, Bus: bus, Clock: clock}}
	b.p = NewTenant(t, s, "acme")
	b.other = NewTenant(t, s, "globex")
	// Calling is allowed around the clock: most tests are not about calling hours (those
	// that are set their own policy and clock), and every test must hold at any instant.
	for _, p := range []velocity.Principal{b.p, b.other} {
		if err := s.PutPolicy(context.Background(), p.Tenant.ID, AllDay(), Epoch); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func ptr[T any](v T) *T { return &v }

func (b *bundle) create(t *testing.T, in velocity.CreateInput) velocity.Callback {
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

func wantCode(t *testing.T, err error, code velocity.Code) {
	t.Helper()
	e, ok := velocity.AsError(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want code %q", err, code)
	}
}

// Run runs every behaviour test against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := map[string]func(t *testing.T, b *bundle){
		"CreateAndGet":               testCreateAndGet,
		"NotFoundAndIsolation":       testIsolation,
		"OpenDuplicateRule":          testOpenDuplicate,
		"Idempotency":                testIdempotency,
		"VisibilityAndOrdering":      testVisibility,
		"PagingStableUnderChanges":   testPaging,
		"StatusFilter":               testStatusFilter,
		"ClaimLease":                 testClaimLease,
		"ClaimRace":                  testClaimRace,
		"Attempts":                   testAttempts,
		"CancelAndTransitions":       testCancel,
		"MarkReached":                testMarkReached,
		"InboundCall":                testInboundCall,
		"UpdateAndIfMatch":           testUpdate,
		"HistoryAndEvents":           testHistory,
		"StaleWrite":                 testStaleWrite,
		"Credentials":                testCredentials,
		"Secrets":                    testSecrets,
		"ConcurrentCreateSameNumber": testConcurrentCreate,
		"ConcurrentIdempotencyKey":   testConcurrentIdempotency,
		"ConflictCodes":              testConflictCodes,
		"EventsAllTenants":           testEventsAllTenants,
	}
	runAll(t, tests, func(t *testing.T) *bundle { return setup(t, open) })
}

// runAll runs each named test in parallel, in name order, on a bundle of its own.
func runAll[B any](t *testing.T, tests map[string]func(*testing.T, B), setup func(*testing.T) B) {
	names := make([]string, 0, len(tests))
	for n := range tests {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		fn := tests[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, setup(t))
		})
	}
}

func testCreateAndGet(t *testing.T, b *bundle) {
	ctx := context.Background()
	start := Epoch.Add(2 * time.Hour)
	cb := b.create(t, velocity.CreateInput{TeamID: "team-1", AgentID: ptr("agent-1"), CustomerName: " Ada Lovelace ",
		PhoneNumber: "(212) 555-0101", WindowStart: &start, Notes: "wants a refund", Reason: "billing",
		SourceInteractionID: "int-1", CreatedBy: "agent-1"})
	got, err := b.svc.Get(ctx, b.p, cb.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.PhoneNumber != "+12125550101" || got.CustomerName != "Ada Lovelace" || got.Timezone != "America/New_York" {
		t.Errorf("got %+v", got)
	}
	if !got.WindowStart.Equal(start) || !got.WindowEnd.Equal(start.Add(time.Hour)) {
		t.Errorf("window = %v..%v", got.WindowStart, got.WindowEnd)
	}
	if got.Status != velocity.StatusScheduled || got.Version != 1 || got.MaxAttempts != 3 || got.Owner() != "agent-1" {
		t.Errorf("got %+v", got)
	}
	if got.Notes != "wants a refund" || got.Reason != "billing" || got.SourceInteractionID != "int-1" || got.CreatedBy != "agent-1" {
		t.Errorf("got %+v", got)
	}
	if !got.CreatedAt.Equal(Epoch) || !got.UpdatedAt.Equal(Epoch) {
		t.Errorf("times %v %v", got.CreatedAt, got.UpdatedAt)
	}
	// A missing start means now; the zone comes from the number when it maps to one.
	uk := b.create(t, velocity.CreateInput{PhoneNumber: "020 7946 0018", Country: "GB"})
	if !uk.WindowStart.Equal(Epoch) || uk.Timezone != "Europe/London" || uk.PhoneNumber != "+442079460018" {
		t.Errorf("uk = %+v", uk)
	}
}

func testIsolation(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Get(ctx, b.other, cb.ID, ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("other tenant get: %v", err)
	}
	if _, err := b.svc.Claim(ctx, b.other, cb.ID, "agent-1"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("other tenant claim: %v", err)
	}
	if _, err := b.svc.Cancel(ctx, b.other, cb.ID, "", "x"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("other tenant cancel: %v", err)
	}
	if _, err := b.svc.History(ctx, b.other, cb.ID, ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("other tenant history: %v", err)
	}
	items, _, err := b.svc.List(ctx, b.other, velocity.ListQuery{TeamID: "team-1"})
	if err != nil || len(items) != 0 {
		t.Fatalf("other tenant list: %v %v", items, err)
	}
	// The same number may be open in two tenants.
	if _, _, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: cb.PhoneNumber}, ""); err != nil {
		t.Fatalf("same number in other tenant: %v", err)
	}
	if _, err := b.svc.Get(ctx, b.p, "cb_missing", ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
}

func testOpenDuplicate(t *testing.T, b *bundle) {
	ctx := context.Background()
	first := b.create(t, velocity.CreateInput{PhoneNumber: "+1 212 555 0199"})
	_, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-2", PhoneNumber: "212-555-0199"}, "")
	wantCode(t, err, "duplicate_open_callback")
	e, _ := velocity.AsError(err)
	if e.Extra["existingId"] != first.ID {
		t.Fatalf("extra = %v", e.Extra)
	}
	// Once the first is closed, the number may be scheduled again.
	if _, err := b.svc.Cancel(ctx, b.p, first.ID, "", "customer called in"); err != nil {
		t.Fatal(err)
	}
	b.create(t, velocity.CreateInput{PhoneNumber: "+12125550199"})
}

func testIdempotency(t *testing.T, b *bundle) {
	ctx := context.Background()
	in := velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next(), Notes: "n"}
	a, replayed, err := b.svc.Create(ctx, b.p, "", in, "key-1")
	if err != nil || replayed {
		t.Fatalf("first: %v %v", replayed, err)
	}
	b.clock.Advance(time.Minute)
	c, replayed, err := b.svc.Create(ctx, b.p, "", in, "key-1")
	if err != nil || !replayed || c.ID != a.ID {
		t.Fatalf("repeat: %v %v %v", c.ID, replayed, err)
	}
	in.Notes = "different"
	_, _, err = b.svc.Create(ctx, b.p, "", in, "key-1")
	wantCode(t, err, "idempotency_key_reused")
	// Keys are per tenant.
	if _, replayed, err := b.svc.Create(ctx, b.other, "", velocity.CreateInput{TeamID: "t", PhoneNumber: in.PhoneNumber}, "key-1"); err != nil || replayed {
		t.Fatalf("other tenant same key: %v %v", replayed, err)
	}
	items, _, _ := b.svc.List(ctx, b.p, velocity.ListQuery{})
	if len(items) != 1 {
		t.Fatalf("created %d callbacks, want 1", len(items))
	}
}

func ids(cbs []velocity.Callback) []string {
	out := make([]string, len(cbs))
	for i, c := range cbs {
		out[i] = c.ID
	}
	return out
}

func testVisibility(t *testing.T, b *bundle) {
	ctx := context.Background()
	at := func(h int) *time.Time { v := Epoch.Add(time.Duration(h) * time.Hour); return &v }
	mine := b.create(t, velocity.CreateInput{TeamID: "team-1", AgentID: ptr("agent-1"), WindowStart: at(3)})
	team := b.create(t, velocity.CreateInput{TeamID: "team-1", WindowStart: at(1)})
	theirs := b.create(t, velocity.CreateInput{TeamID: "team-1", AgentID: ptr("agent-2"), WindowStart: at(2)})
	otherTeam := b.create(t, velocity.CreateInput{TeamID: "team-2", WindowStart: at(0)})
	mineElsewhere := b.create(t, velocity.CreateInput{TeamID: "team-2", AgentID: ptr("agent-1"), WindowStart: at(4)})

	cases := []struct {
		q    velocity.ListQuery
		want []string
	}{
		{velocity.ListQuery{AgentID: "agent-1", TeamID: "team-1"}, []string{team.ID, mine.ID, mineElsewhere.ID}},
		{velocity.ListQuery{AgentID: "agent-2", TeamID: "team-1"}, []string{team.ID, theirs.ID}},
		{velocity.ListQuery{TeamID: "team-1"}, []string{team.ID, theirs.ID, mine.ID}},
		{velocity.ListQuery{AgentID: "agent-1"}, []string{mine.ID, mineElsewhere.ID}},
		{velocity.ListQuery{}, []string{otherTeam.ID, team.ID, theirs.ID, mine.ID, mineElsewhere.ID}},
	}
	for _, c := range cases {
		items, next, err := b.svc.List(ctx, b.p, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids(items)) != fmt.Sprint(c.want) || next != "" {
			t.Errorf("%+v: got %v next %q, want %v", c.q, ids(items), next, c.want)
		}
	}
}

func testPaging(t *testing.T, b *bundle) {
	ctx := context.Background()
	var all []string
	for i := 0; i < 25; i++ {
		ws := Epoch.Add(time.Duration(i%5) * time.Hour) // ties on windowStart, broken by id
		agent := (*string)(nil)
		if i%3 == 0 {
			agent = ptr("agent-1")
		}
		all = append(all, b.create(t, velocity.CreateInput{TeamID: "team-1", AgentID: agent, WindowStart: &ws}).ID)
	}
	q := velocity.ListQuery{AgentID: "agent-1", TeamID: "team-1", Limit: 7}
	full, _, err := b.svc.List(ctx, b.p, velocity.ListQuery{AgentID: "agent-1", TeamID: "team-1", Limit: 100})
	if err != nil || len(full) != 25 {
		t.Fatalf("full list: %d %v", len(full), err)
	}
	for i := 1; i < len(full); i++ {
		a, c := full[i-1], full[i]
		if a.WindowStart.After(c.WindowStart) || (a.WindowStart.Equal(c.WindowStart) && a.ID > c.ID) {
			t.Fatalf("not ordered at %d", i)
		}
	}
	var seen []string
	page := 0
	for {
		items, next, err := b.svc.List(ctx, b.p, q)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, ids(items)...)
		if page == 0 {
			// Rows change between pages: one already seen is cancelled and one not yet
			// seen moves earlier than the cursor. Neither repeats nor shifts the rest.
			if _, err := b.svc.Cancel(ctx, b.p, items[0].ID, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		page++
		if next == "" {
			break
		}
		c, err := velocity.DecodeCursor(next)
		if err != nil {
			t.Fatal(err)
		}
		q.After = &c
	}
	if len(seen) != 25 {
		t.Fatalf("saw %d items over %d pages, want 25: %v", len(seen), page, seen)
	}
	for i, id := range ids(full) {
		if seen[i] != id {
			t.Fatalf("page order differs at %d", i)
		}
	}
	if _, err := velocity.DecodeCursor("not-a-cursor!"); err == nil {
		t.Fatal("bad cursor accepted")
	}
}

func testStatusFilter(t *testing.T, b *bundle) {
	ctx := context.Background()
	open := b.create(t, velocity.CreateInput{})
	done := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Cancel(ctx, b.p, done.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	items, _, _ := b.svc.List(ctx, b.p, velocity.ListQuery{TeamID: "team-1"})
	if fmt.Sprint(ids(items)) != fmt.Sprint([]string{open.ID}) {
		t.Fatalf("open: %v", ids(items))
	}
	items, _, _ = b.svc.List(ctx, b.p, velocity.ListQuery{TeamID: "team-1", Statuses: []velocity.Status{velocity.StatusCancelled}})
	if fmt.Sprint(ids(items)) != fmt.Sprint([]string{done.ID}) {
		t.Fatalf("cancelled: %v", ids(items))
	}
}

func testClaimLease(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	c1, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1")
	if err != nil || c1.Status != velocity.StatusClaimed || c1.Holder() != "agent-1" || !c1.ClaimExpiresAt.Equal(Epoch.Add(5*time.Minute)) {
		t.Fatalf("claim: %+v %v", c1, err)
	}
	_, err = b.svc.Claim(ctx, b.p, cb.ID, "agent-2")
	wantCode(t, err, "already_claimed")
	b.clock.Advance(2 * time.Minute)
	renewed, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1")
	if err != nil || !renewed.ClaimExpiresAt.Equal(Epoch.Add(7*time.Minute)) {
		t.Fatalf("renew: %v %v", renewed.ClaimExpiresAt, err)
	}
	b.clock.Advance(5 * time.Minute) // the lease has expired
	taken, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-2")
	if err != nil || taken.Holder() != "agent-2" {
		t.Fatalf("take over expired lease: %v", err)
	}
	_, err = b.svc.Release(ctx, b.p, cb.ID, "agent-1")
	wantCode(t, err, "not_claim_holder")
	rel, err := b.svc.Release(ctx, b.p, cb.ID, "agent-2")
	if err != nil || rel.Status != velocity.StatusScheduled || rel.ClaimedBy != nil || rel.ClaimExpiresAt != nil {
		t.Fatalf("release: %+v %v", rel, err)
	}
	personal := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")})
	_, err = b.svc.Claim(ctx, b.p, personal.ID, "agent-2")
	wantCode(t, err, "personal_callback")
	if _, err := b.svc.Claim(ctx, b.p, personal.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	_, err = b.svc.Claim(ctx, b.p, cb.ID, "")
	wantCode(t, err, "validation_failed")
}

// testClaimRace has 64 agents claim one callback at once, many times: exactly one wins
// each time and every other gets already_claimed.
func testClaimRace(t *testing.T, b *bundle) {
	ctx := context.Background()
	const agents, rounds = 64, 10
	for r := 0; r < rounds; r++ {
		cb := b.create(t, velocity.CreateInput{})
		var wins, conflicts atomic.Int32
		var winner atomic.Value
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < agents; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				agent := fmt.Sprintf("agent-%d", i)
				_, err := b.svc.Claim(ctx, b.p, cb.ID, agent)
				switch {
				case err == nil:
					wins.Add(1)
					winner.Store(agent)
				case errors.Is(err, velocity.ErrAlreadyClaimed):
					conflicts.Add(1)
				default:
					t.Errorf("claim: %v", err)
				}
			}(i)
		}
		close(start)
		wg.Wait()
		if wins.Load() != 1 || conflicts.Load() != agents-1 {
			t.Fatalf("round %d: %d wins, %d conflicts", r, wins.Load(), conflicts.Load())
		}
		got, _ := b.svc.Get(ctx, b.p, cb.ID, "")
		if got.Holder() != winner.Load().(string) || got.Version != 2 {
			t.Fatalf("round %d: holder %s version %d, winner %v", r, got.Holder(), got.Version, winner.Load())
		}
	}
}

func testAttempts(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{MaxAttempts: ptr(2)})
	_, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeBusy})
	wantCode(t, err, "invalid_transition")
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	_, err = b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-2", Outcome: velocity.OutcomeBusy})
	wantCode(t, err, "not_claim_holder")
	_, err = b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: "maybe"})
	wantCode(t, err, "validation_failed")
	retry := Epoch.Add(3 * time.Hour)
	got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeNoAnswer, RetryAt: &retry, Notes: "rang out"})
	if err != nil || got.Status != velocity.StatusScheduled || got.Attempts != 1 || !got.WindowStart.Equal(retry) ||
		!got.WindowEnd.Equal(retry.Add(time.Hour)) || got.ClaimedBy != nil || *got.LastOutcome != velocity.OutcomeNoAnswer {
		t.Fatalf("retry: %+v %v", got, err)
	}
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	got, err = b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeBusy})
	if err != nil || got.Status != velocity.StatusFailed || got.Attempts != 2 {
		t.Fatalf("exhausted: %+v %v", got, err)
	}
	// Default delay per outcome; connected completes; invalid_number fails at once.
	for _, c := range []struct {
		outcome velocity.Outcome
		status  velocity.Status
		start   time.Time
	}{
		{velocity.OutcomeBusy, velocity.StatusScheduled, Epoch.Add(10 * time.Minute)},
		{velocity.OutcomeVoicemail, velocity.StatusScheduled, Epoch.Add(2 * time.Hour)},
		{velocity.OutcomeConnected, velocity.StatusCompleted, Epoch},
		{velocity.OutcomeDeclined, velocity.StatusCompleted, Epoch},
		{velocity.OutcomeInvalidNumber, velocity.StatusFailed, Epoch},
	} {
		cb := b.create(t, velocity.CreateInput{})
		if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
			t.Fatal(err)
		}
		got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: c.outcome})
		if err != nil || got.Status != c.status || !got.WindowStart.Equal(c.start) {
			t.Errorf("%s: status %s start %v err %v", c.outcome, got.Status, got.WindowStart, err)
		}
	}
}

func testCancel(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	got, err := b.svc.Cancel(ctx, b.p, cb.ID, "agent-1", "customer asked")
	if err != nil || got.Status != velocity.StatusCancelled || got.ClaimedBy != nil {
		t.Fatalf("cancel claimed: %+v %v", got, err)
	}
	for name, f := range map[string]func() error{
		"cancel":  func() error { _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", ""); return err },
		"claim":   func() error { _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); return err },
		"release": func() error { _, err := b.svc.Release(ctx, b.p, cb.ID, "agent-1"); return err },
		"update": func() error {
			_, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("x")}, nil)
			return err
		},
	} {
		if err := f(); !errors.Is(err, velocity.ErrInvalidTransition) {
			t.Errorf("%s after cancel: %v", name, err)
		}
	}
}

func testUpdate(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")})
	ns := Epoch.Add(24 * time.Hour)
	got, err := b.svc.Update(ctx, b.p, cb.ID, "agent-1", velocity.UpdateInput{WindowStart: &ns, AgentIDSet: true, Notes: ptr("later")}, ptr(cb.Version))
	if err != nil || !got.WindowStart.Equal(ns) || !got.WindowEnd.Equal(ns.Add(time.Hour)) || got.AgentID != nil || got.Version != 2 || got.Notes != "later" {
		t.Fatalf("update: %+v %v", got, err)
	}
	_, err = b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("stale")}, ptr(int64(1)))
	wantCode(t, err, "version_mismatch")
	again, _ := b.svc.Get(ctx, b.p, cb.ID, "")
	if again.Notes != "later" || again.Version != 2 {
		t.Fatalf("stale update changed something: %+v", again)
	}
	// No change, no new version.
	same, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("later")}, nil)
	if err != nil || same.Version != 2 {
		t.Fatalf("no-op update: %v %v", same.Version, err)
	}
	past := Epoch.Add(-3 * time.Hour)
	_, err = b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{WindowStart: &past}, nil)
	wantCode(t, err, "validation_failed")
	// Reassigning to a number that is open elsewhere is refused too.
	other := b.create(t, velocity.CreateInput{})
	_, err = b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{PhoneNumber: ptr(other.PhoneNumber)}, nil)
	if !errors.Is(err, velocity.ErrDuplicateOpen) {
		t.Fatalf("phone change onto an open number: %v", err)
	}
}

func testHistory(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	b.clock.Advance(time.Minute)
	if _, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected, InteractionID: "int-9"}); err != nil {
		t.Fatal(err)
	}
	h, err := b.svc.History(ctx, b.p, cb.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var types []velocity.EventType
	for _, e := range h {
		types = append(types, e.Type)
	}
	want := []velocity.EventType{velocity.EventCreated, velocity.EventClaimed, velocity.EventAttempted, velocity.EventCompleted}
	if fmt.Sprint(types) != fmt.Sprint(want) {
		t.Fatalf("history %v, want %v", types, want)
	}
	if h[1].Actor.AgentID != "agent-1" || h[1].Actor.Account != "system" || !h[1].At.Equal(Epoch.Add(time.Minute)) {
		t.Errorf("claimed event: %+v", h[1])
	}
	if h[2].Data["outcome"] != "connected" || h[2].Data["interactionId"] != "int-9" || h[3].Callback.Status != velocity.StatusCompleted {
		t.Errorf("attempt events: %+v / %+v", h[2].Data, h[3].Callback.Status)
	}
	if fmt.Sprint(b.bus.types()) != fmt.Sprint(want) {
		t.Errorf("published %v", b.bus.types())
	}
	for i := 1; i < len(h); i++ {
		if h[i].ID <= h[i-1].ID {
			t.Fatal("event ids not increasing")
		}
	}
	after, err := b.store.EventsAfter(ctx, b.p.Tenant.ID, h[1].ID, 10)
	if err != nil || len(after) != 2 || after[0].ID != h[2].ID {
		t.Fatalf("events after: %v %v", after, err)
	}
	if other, _ := b.store.EventsAfter(ctx, b.other.Tenant.ID, 0, 10); len(other) != 0 {
		t.Fatalf("other tenant sees %d events", len(other))
	}
	last, err := b.store.LastEventID(ctx)
	if err != nil || last < h[3].ID {
		t.Fatalf("last event id %d %v", last, err)
	}
	// A reassignment records who had it before.
	c2 := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")})
	if _, err := b.svc.Update(ctx, b.p, c2.ID, "", velocity.UpdateInput{AgentIDSet: true}, nil); err != nil {
		t.Fatal(err)
	}
	h2, _ := b.svc.History(ctx, b.p, c2.ID, "")
	if len(h2) != 2 || h2[1].Before == nil || h2[1].Before.AgentID == nil || *h2[1].Before.AgentID != "agent-1" {
		t.Fatalf("reassign history: %+v", h2)
	}
	if !h2[1].VisibleTo("agent-1", "team-9") || !h2[1].VisibleTo("agent-7", "team-1") || h2[1].VisibleTo("agent-7", "team-9") {
		t.Error("reassign visibility")
	}
}

func testStaleWrite(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	err := b.store.Write(ctx, func(tx velocity.Tx) error {
		c, err := tx.GetCallback(ctx, b.p.Tenant.ID, cb.ID)
		if err != nil {
			return err
		}
		c.Notes = "x"
		return tx.UpdateCallback(ctx, c, c.Version+5)
	})
	if !errors.Is(err, velocity.ErrStaleWrite) {
		t.Fatalf("stale write: %v", err)
	}
	err = b.store.Write(ctx, func(tx velocity.Tx) error {
		_, err := tx.GetCallback(ctx, b.p.Tenant.ID, "nope")
		return err
	})
	if !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("tx get missing: %v", err)
	}
	// A failed transaction leaves nothing behind.
	boom := errors.New("boom")
	err = b.store.Write(ctx, func(tx velocity.Tx) error {
		c := cb
		c.ID, c.PhoneNumber = velocity.NewID("cb_"), b.phones.Next()
		if err := tx.InsertCallback(ctx, c); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	items, _, _ := b.svc.List(ctx, b.p, velocity.ListQuery{})
	if len(items) != 1 {
		t.Fatalf("rolled-back insert visible: %d items", len(items))
	}
}

func testCredentials(t *testing.T, b *bundle) {
	ctx := context.Background()
	key, rec := velocity.NewAPIKey()
	rec.ID, rec.TenantID, rec.Name, rec.CreatedAt = velocity.NewID("ak_"), b.p.Tenant.ID, "widget", Epoch
	if err := b.store.CreateAPIKey(ctx, rec); err != nil {
		t.Fatal(err)
	}
	c, err := b.store.LookupCredentials(ctx, velocity.HashAPIKey(key), "system")
	if err != nil || !c.KeyActive || c.Account == nil || c.Account.Username != "system" || c.Tenant.ID != b.p.Tenant.ID || c.Tenant.Name != "acme" {
		t.Fatalf("lookup: %+v %v", c, err)
	}
	c, err = b.store.LookupCredentials(ctx, velocity.HashAPIKey(key), "nobody")
	if err != nil || c.Account != nil {
		t.Fatalf("unknown user: %+v %v", c, err)
	}
	if _, err := b.store.LookupCredentials(ctx, velocity.HashAPIKey("nope"), "system"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("unknown key: %v", err)
	}
	if err := b.store.SetAccountDisabled(ctx, b.p.Tenant.ID, "system", &Epoch); err != nil {
		t.Fatal(err)
	}
	c, _ = b.store.LookupCredentials(ctx, velocity.HashAPIKey(key), "system")
	if c.Account.DisabledAt == nil {
		t.Fatal("disable not seen")
	}
	if err := b.store.SetAccountPassword(ctx, b.p.Tenant.ID, "system", "h2"); err != nil {
		t.Fatal(err)
	}
	if err := b.store.SetAccountPassword(ctx, b.p.Tenant.ID, "ghost", "h2"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("ghost: %v", err)
	}
	k, err := b.store.RevokeAPIKey(ctx, b.p.Tenant.ID, rec.Prefix, Epoch)
	if err != nil || k.RevokedAt == nil {
		t.Fatalf("revoke: %+v %v", k, err)
	}
	if _, err := b.store.RevokeAPIKey(ctx, b.other.Tenant.ID, rec.ID, Epoch); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("revoke across tenants: %v", err)
	}
	c, _ = b.store.LookupCredentials(ctx, velocity.HashAPIKey(key), "system")
	if c.KeyActive {
		t.Fatal("revoked key still active")
	}
	keys, err := b.store.ListAPIKeys(ctx, b.p.Tenant.ID)
	if err != nil || len(keys) != 1 || keys[0].RevokedAt == nil {
		t.Fatalf("list keys: %+v %v", keys, err)
	}
	if err := b.store.CreateTenant(ctx, velocity.Tenant{ID: "x", Name: "acme", DefaultCountry: "US", DefaultTimezone: "UTC", CreatedAt: Epoch}); err == nil {
		t.Fatal("duplicate tenant name accepted")
	}
	if err := b.store.CreateAccount(ctx, velocity.Account{ID: "y", TenantID: b.p.Tenant.ID, Username: "system", PasswordHash: "h", CreatedAt: Epoch}); err == nil {
		t.Fatal("duplicate username accepted")
	}
	byName, err := b.store.GetTenantByName(ctx, "globex")
	if err != nil || byName.ID != b.other.Tenant.ID {
		t.Fatalf("by name: %v", err)
	}
}

func testSecrets(t *testing.T, b *bundle) {
	ctx := context.Background()
	s1, err := b.store.Secret(ctx, "stream", func() []byte { return []byte("first") })
	if err != nil {
		t.Fatal(err)
	}
	s2, err := b.store.Secret(ctx, "stream", func() []byte { return []byte("second") })
	if err != nil || string(s1) != string(s2) {
		t.Fatalf("secret changed: %q %q %v", s1, s2, err)
	}
}

// testMarkReached: a customer who called in is marked reached on that call, which
// completes the callback with the interaction in its history; not while another agent is
// dialing it, and not once it is closed.
func testMarkReached(t *testing.T, b *bundle) {
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	found, err := b.svc.FindOpenByPhone(ctx, b.p, cb.PhoneNumber, "")
	if err != nil || found.ID != cb.ID {
		t.Fatalf("find open by phone: %v %v", found.ID, err)
	}
	if _, err := b.svc.FindOpenByPhone(ctx, b.other, cb.PhoneNumber, ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("another tenant found it: %v", err)
	}
	got, err := b.svc.MarkReached(ctx, b.p, cb.ID, "agent-1", "int-42")
	if err != nil || got.Status != velocity.StatusCompleted || got.Attempts != 0 {
		t.Fatalf("mark reached: %+v %v", got, err)
	}
	h, _ := b.svc.History(ctx, b.p, cb.ID, "")
	if last := h[len(h)-1]; last.Type != velocity.EventCompleted || last.Data["reason"] != "reached_inbound" || last.Data["interactionId"] != "int-42" || last.Actor.AgentID != "agent-1" {
		t.Fatalf("history: %+v", last)
	}
	if _, err := b.svc.FindOpenByPhone(ctx, b.p, cb.PhoneNumber, ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("a completed callback is still open: %v", err)
	}
	_, err = b.svc.MarkReached(ctx, b.p, cb.ID, "agent-1", "int-43")
	wantCode(t, err, "invalid_transition")

	dialing := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Claim(ctx, b.p, dialing.ID, "agent-2"); err != nil {
		t.Fatal(err)
	}
	_, err = b.svc.MarkReached(ctx, b.p, dialing.ID, "agent-1", "int-44")
	wantCode(t, err, "already_claimed")
	_, err = b.svc.MarkReached(ctx, b.p, dialing.ID, "agent-1", "")
	wantCode(t, err, "validation_failed")
}

// testInboundCall: a customer calling in finds their open callback; the policy decides
// whether the call completes it (mark_reached, not while an agent is dialing it) or only
// reports it (report_only, the default).
func testInboundCall(t *testing.T, b *bundle) {
	ctx := context.Background()
	none, err := b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: b.phones.Next(), InteractionID: "int-0"})
	if err != nil || len(none.Callbacks) != 0 || none.InboundMatch != velocity.InboundReportOnly {
		t.Fatalf("no callback: %+v %v", none, err)
	}
	cb := b.create(t, velocity.CreateInput{})
	res, err := b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "int-1", QueueID: "q-1"})
	if err != nil || len(res.Callbacks) != 1 || res.MarkedReached != 0 || res.Callbacks[0].Status != velocity.StatusScheduled {
		t.Fatalf("report_only: %+v %v", res, err)
	}
	if other, _ := b.svc.Inbound(ctx, b.other, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "int-1"}); len(other.Callbacks) != 0 {
		t.Fatal("another tenant's inbound call found the callback")
	}
	pol := AllDay()
	pol.InboundMatch = velocity.InboundMarkReached
	if err := b.store.PutPolicy(ctx, b.p.Tenant.ID, pol, Epoch); err != nil {
		t.Fatal(err)
	}
	dialing := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Claim(ctx, b.p, dialing.ID, "agent-2"); err != nil {
		t.Fatal(err)
	}
	res, err = b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: dialing.PhoneNumber, InteractionID: "int-2"})
	if err != nil || res.MarkedReached != 0 || len(res.Callbacks) != 1 || res.Callbacks[0].Status != velocity.StatusClaimed {
		t.Fatalf("while an agent dials it: %+v %v", res, err)
	}
	res, err = b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "int-3", QueueID: "q-7"})
	if err != nil || res.MarkedReached != 1 || res.Callbacks[0].Status != velocity.StatusCompleted || res.InboundMatch != velocity.InboundMarkReached {
		t.Fatalf("mark_reached: %+v %v", res, err)
	}
	h, _ := b.svc.History(ctx, b.p, cb.ID, "")
	if last := h[len(h)-1]; last.Data["reason"] != "reached_inbound" || last.Data["interactionId"] != "int-3" || last.Data["queueId"] != "q-7" {
		t.Fatalf("history: %+v", last.Data)
	}
	_, err = b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: "12", InteractionID: "int-4"})
	wantCode(t, err, "validation_failed")
	_, err = b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: cb.PhoneNumber})
	wantCode(t, err, "validation_failed")
}
