package storetest

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// RunConsole runs the supervisor console's behaviour tests (the report facts, search,
// reports) against stores made by open.
func RunConsole(t *testing.T, open Opener) {
	tests := map[string]func(t *testing.T, b *bundle){
		"FactsAgreeWithHistory": testFactsAgreeWithHistory,
		"SearchFilters":         testSearchFilters,
		"SearchRandomQueries":   testSearchRandomQueries,
		"SearchPagingStable":    testSearchPagingStable,
		"SearchText":            testSearchText,
		"ReportsExact":          testReportsExact,
		"BulkRefusesTooMany":    testBulkTooMany,
	}
	runAll(t, tests, func(t *testing.T) *bundle { return setup(t, open) })
}

// seeded returns a world with a random history of about 150 callbacks.
func seeded(t *testing.T, b *bundle, seed uint64) *world {
	w := newWorld(t, b)
	w.run(t, rand.New(rand.NewPCG(seed, 7)), 600)
	return w
}

// testFactsAgreeWithHistory checks every callback's stored facts against the ones its
// history implies, after a random mix of changes.
func testFactsAgreeWithHistory(t *testing.T, b *bundle) {
	w := seeded(t, b, 1)
	sup := map[string]bool{w.sup.Username: true, w.p.Username: true}
	kinds := map[velocity.CloseReason]int{}
	for _, cb := range w.callbacks(t) {
		want := factsFromHistory(b.history(t, cb.ID), sup)
		if !reflect.DeepEqual(cb.Facts, want) {
			t.Errorf("%s (%s, %d attempts): facts\n got %s\nwant %s", cb.ID, cb.Status, cb.Attempts, fmtFacts(cb.Facts), fmtFacts(want))
		}
		if (cb.Facts.ClosedAt != nil) == cb.Status.Open() || (cb.Facts.CloseReason != "" && cb.Facts.CloseReason.Status() != cb.Status) {
			t.Errorf("%s: status %s with facts %s", cb.ID, cb.Status, fmtFacts(cb.Facts))
		}
		kinds[cb.Facts.CloseReason]++
	}
	// The mix reaches every way a callback ends.
	for _, r := range velocity.CloseReasons {
		if kinds[r] == 0 {
			t.Errorf("no callback closed as %s: %v", r, kinds)
		}
	}
}

func (b *bundle) history(t *testing.T, id string) []velocity.Event {
	t.Helper()
	h, err := b.svc.History(context.Background(), b.p, id, "")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func fmtFacts(f velocity.Facts) string {
	var b strings.Builder
	tm := func(name string, t *time.Time) {
		if t != nil {
			b.WriteString(name + "=" + t.Format(time.RFC3339Nano) + " ")
		}
	}
	tm("first", f.FirstAttemptAt)
	if f.FirstOutcome != nil {
		b.WriteString("by=" + f.FirstAttemptBy + " outcome=" + string(*f.FirstOutcome) + " ")
	}
	if f.FirstDelay != nil {
		b.WriteString("delay=" + f.FirstDelay.String() + " ")
	}
	if f.FirstInWindow != nil && *f.FirstInWindow {
		b.WriteString("inWindow ")
	}
	tm("fellBack", f.FellBackAt)
	if f.FellBackFrom != "" {
		b.WriteString("from=" + f.FellBackFrom + " ")
	}
	tm("closed", f.ClosedAt)
	b.WriteString("closedBy=" + f.ClosedBy + " reason=" + string(f.CloseReason))
	return b.String()
}

// matches is the search's meaning, written plainly: whether q selects cb at now.
func matches(q velocity.SearchQuery, cb velocity.Callback, now time.Time) bool {
	in := func(r velocity.TimeRange, t *time.Time) bool {
		if r.IsZero() {
			return true
		}
		return t != nil && (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || t.Before(r.To))
	}
	f := cb.Facts
	text := strings.ToLower(q.Text)
	digits := velocity.PhoneDigits(q.Text)
	switch {
	case len(q.Teams) > 0 && !slices.Contains(q.Teams, cb.TeamID),
		len(q.Agents) > 0 && !slices.Contains(q.Agents, cb.Owner()),
		q.Assigned == velocity.AssignedPersonal && cb.AgentID == nil,
		q.Assigned == velocity.AssignedTeam && cb.AgentID != nil,
		len(q.Statuses) > 0 && !slices.Contains(q.Statuses, cb.Status),
		!in(q.Window, &cb.WindowStart), !in(q.End, &cb.WindowEnd),
		q.Overdue && !(cb.Status.Open() && !cb.WindowEnd.After(now)),
		q.DueNow && !(cb.Status.Open() && !cb.WindowStart.After(now) && cb.WindowEnd.After(now)),
		cb.Attempts < q.MinAttempts,
		q.CreatedBy != "" && cb.CreatedBy != q.CreatedBy,
		!in(q.Created, &cb.CreatedAt),
		q.Text != "" && !strings.Contains(strings.ToLower(cb.CustomerName), text) && !strings.Contains(strings.ToLower(cb.Notes), text) &&
			(digits == "" || !strings.Contains(cb.PhoneNumber, digits)),
		q.ClaimedBy != "" && (cb.Status != velocity.StatusClaimed || cb.ClaimedBy == nil || *cb.ClaimedBy != q.ClaimedBy),
		!in(q.Closed, f.ClosedAt),
		len(q.CloseReasons) > 0 && !slices.Contains(q.CloseReasons, f.CloseReason),
		q.ClosedBy != "" && (f.ClosedAt == nil || f.ClosedBy != q.ClosedBy),
		!in(q.FirstDial, f.FirstAttemptAt),
		len(q.FirstOutcomes) > 0 && (f.FirstOutcome == nil || !slices.Contains(q.FirstOutcomes, *f.FirstOutcome)),
		q.FirstInWindow != nil && (f.FirstInWindow == nil || *f.FirstInWindow != *q.FirstInWindow),
		q.FirstDialBy != "" && (f.FirstAttemptAt == nil || f.FirstAttemptBy != q.FirstDialBy),
		q.FellBack && f.FellBackAt == nil,
		!in(q.FellBackAt, f.FellBackAt),
		q.FellBackAgent != "" && (f.FellBackAt == nil || f.FellBackFrom != q.FellBackAgent):
		return false
	}
	return true
}

// ordered sorts cbs in q's order.
func ordered(q velocity.SearchQuery, cbs []velocity.Callback) {
	key := func(cb velocity.Callback) int64 {
		switch q.Sort {
		case velocity.SortCreatedAt:
			return cb.CreatedAt.UnixMicro()
		case velocity.SortAttempts:
			return int64(cb.Attempts)
		}
		return cb.WindowStart.UnixMicro()
	}
	slices.SortFunc(cbs, func(a, b velocity.Callback) int {
		c := 0
		switch ka, kb := key(a), key(b); {
		case ka < kb:
			c = -1
		case ka > kb:
			c = 1
		default:
			c = strings.Compare(a.ID, b.ID)
		}
		if q.Desc {
			c = -c
		}
		return c
	})
}

// searchAll pages through a search with pages of limit and returns the ids in order.
func (b *bundle) searchAll(t *testing.T, q velocity.SearchQuery, limit int) []string {
	t.Helper()
	var ids []string
	q.Limit = limit
	for pages := 0; ; pages++ {
		items, next, err := b.svc.Search(context.Background(), b.p, q)
		if err != nil {
			t.Fatalf("search %s: %v", q.Encode(), err)
		}
		for _, cb := range items {
			ids = append(ids, cb.ID)
		}
		if next == "" {
			return ids
		}
		if pages > 1000 {
			t.Fatal("search does not end")
		}
		c, err := velocity.DecodeSearchCursor(next, q.Sort, q.Desc)
		if err != nil {
			t.Fatal(err)
		}
		q.After = &c
	}
}

// expect returns the ids q should list, in order.
func expect(q velocity.SearchQuery, all []velocity.Callback, now time.Time) []string {
	var sel []velocity.Callback
	for _, cb := range all {
		if matches(q, cb, now) {
			sel = append(sel, cb)
		}
	}
	ordered(q, sel)
	ids := []string{}
	for _, cb := range sel {
		ids = append(ids, cb.ID)
	}
	return ids
}

func checkSearch(t *testing.T, b *bundle, q velocity.SearchQuery, all []velocity.Callback, limit int) int {
	t.Helper()
	want := expect(q, all, b.clock.Now())
	got := b.searchAll(t, q, limit)
	if got == nil {
		got = []string{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("search %s (limit %d): got %d ids, want %d\n got %v\nwant %v", q.Encode(), limit, len(got), len(want), got, want)
	}
	return len(want)
}

// testSearchFilters runs each filter, and each sort in both directions, against the
// plain meaning of the search on a random world.
func testSearchFilters(t *testing.T, b *bundle) {
	w := seeded(t, b, 2)
	all := w.callbacks(t)
	now := b.clock.Now()
	yes, no := true, false
	pick := func(by func(cb velocity.Callback) *time.Time) velocity.TimeRange {
		// A range holding about the middle half of the values.
		var ts []time.Time
		for _, cb := range all {
			if t := by(cb); t != nil {
				ts = append(ts, *t)
			}
		}
		slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
		if len(ts) < 4 {
			return velocity.TimeRange{From: now}
		}
		return velocity.TimeRange{From: ts[len(ts)/4], To: ts[3*len(ts)/4]}
	}
	window := pick(func(cb velocity.Callback) *time.Time { return &cb.WindowStart })
	end := pick(func(cb velocity.Callback) *time.Time { return &cb.WindowEnd })
	created := pick(func(cb velocity.Callback) *time.Time { return &cb.CreatedAt })
	closed := pick(func(cb velocity.Callback) *time.Time { return cb.Facts.ClosedAt })
	first := pick(func(cb velocity.Callback) *time.Time { return cb.Facts.FirstAttemptAt })
	fell := pick(func(cb velocity.Callback) *time.Time { return cb.Facts.FellBackAt })
	var claimer string
	for _, cb := range all {
		if cb.Status == velocity.StatusClaimed {
			claimer = *cb.ClaimedBy
		}
	}
	queries := []velocity.SearchQuery{
		{},
		{Teams: []string{"team-a"}},
		{Teams: []string{"team-a", "team-c"}},
		{Teams: []string{"team-b"}, Statuses: velocity.OpenStatuses},
		{Teams: []string{"team-a", "team-b"}, Statuses: []velocity.Status{velocity.StatusClaimed}},
		{Teams: []string{"team-b"}, Statuses: []velocity.Status{velocity.StatusCompleted, velocity.StatusScheduled}},
		{Agents: []string{"ag-1"}},
		{Agents: []string{"ag-3", "ag-4"}, Statuses: velocity.OpenStatuses},
		{Agents: []string{"ag-3"}, Teams: []string{"team-b"}},
		{Assigned: velocity.AssignedPersonal},
		{Assigned: velocity.AssignedTeam, Statuses: velocity.OpenStatuses},
		{Statuses: []velocity.Status{velocity.StatusCancelled}},
		{Statuses: []velocity.Status{velocity.StatusFailed, velocity.StatusCompleted}},
		{Statuses: velocity.OpenStatuses},
		{Window: window},
		{Window: velocity.TimeRange{From: window.From}},
		{Window: velocity.TimeRange{To: window.To}},
		{End: end},
		{Overdue: true},
		{Overdue: true, Teams: []string{"team-b"}},
		{DueNow: true},
		{DueNow: true, Agents: []string{"ag-2"}},
		{Overdue: true, DueNow: true},
		{MinAttempts: 1},
		{MinAttempts: 2, Teams: []string{"team-a"}},
		{CreatedBy: "ag-3"},
		{CreatedBy: w.sup.Username},
		{Created: created},
		{ClaimedBy: claimer},
		{Closed: closed},
		{Closed: closed, CloseReasons: []velocity.CloseReason{velocity.CloseConnected, velocity.CloseDeclined}},
		{CloseReasons: []velocity.CloseReason{velocity.CloseSupervisor}},
		{CloseReasons: []velocity.CloseReason{velocity.CloseDoNotCall, velocity.CloseCustomer}, Teams: []string{"team-b"}},
		{ClosedBy: "ag-4"},
		{FirstDial: first},
		{FirstDial: first, FirstOutcomes: []velocity.Outcome{velocity.OutcomeConnected, velocity.OutcomeDeclined}},
		{FirstInWindow: &yes},
		{FirstInWindow: &no, Teams: []string{"team-a"}},
		{FirstDialBy: "ag-1"},
		{FellBack: true},
		{FellBackAt: fell},
		{FellBackAgent: "ag-5"},
		{Text: "maria"},
		{Statuses: []velocity.Status{"bogus"}},
	}
	nonEmpty := 0
	for _, q := range queries {
		for _, sort := range []velocity.SearchSort{velocity.SortWindowStart, velocity.SortCreatedAt, velocity.SortAttempts} {
			for _, desc := range []bool{false, true} {
				q.Sort, q.Desc = sort, desc
				if checkSearch(t, b, q, all, 20) > 0 {
					nonEmpty++
				}
			}
		}
	}
	if nonEmpty < len(queries)*6*2/3 {
		t.Errorf("only %d of %d searches matched anything: the world is too thin to test them", nonEmpty, len(queries)*6)
	}
}

// testSearchRandomQueries combines random filters and checks each search, paged, against
// the plain meaning.
func testSearchRandomQueries(t *testing.T, b *bundle) {
	w := seeded(t, b, 3)
	all := w.callbacks(t)
	r := rand.New(rand.NewPCG(3, 3))
	now := b.clock.Now()
	at := func() time.Time { return now.Add(time.Duration(r.IntN(16*60)-12*60) * time.Minute) }
	statuses := []velocity.Status{velocity.StatusScheduled, velocity.StatusClaimed, velocity.StatusCompleted, velocity.StatusFailed, velocity.StatusCancelled}
	for i := 0; i < 80; i++ {
		var q velocity.SearchQuery
		for n := 1 + r.IntN(3); n > 0; n-- {
			switch r.IntN(14) {
			case 0:
				q.Teams = append(q.Teams, w.teams[r.IntN(3)])
			case 1:
				q.Agents = append(q.Agents, w.staff["team-b"][r.IntN(3)])
			case 2:
				q.Statuses = append(q.Statuses, statuses[r.IntN(5)])
			case 3:
				q.Statuses = velocity.OpenStatuses
			case 4:
				q.Window = velocity.TimeRange{From: at()}
			case 5:
				q.Window.To = at()
			case 6:
				q.Overdue = true
			case 7:
				q.DueNow = true
			case 8:
				q.MinAttempts = r.IntN(3)
			case 9:
				q.Assigned = []string{velocity.AssignedPersonal, velocity.AssignedTeam}[r.IntN(2)]
			case 10:
				q.Closed = velocity.TimeRange{From: at()}
			case 11:
				q.FirstDial = velocity.TimeRange{To: at()}
			case 12:
				q.Text = []string{"é", "REFUND", "o'b", "%", "_", "212"}[r.IntN(6)]
			case 13:
				q.FellBack = true
			}
		}
		q.Sort = []velocity.SearchSort{velocity.SortWindowStart, velocity.SortCreatedAt, velocity.SortAttempts}[r.IntN(3)]
		q.Desc = r.IntN(2) == 0
		checkSearch(t, b, q, all, 1+r.IntN(20))
	}
}

// testSearchPagingStable pages through a search while callbacks change: no callback is
// listed twice, and every callback whose sort key stayed put is listed.
func testSearchPagingStable(t *testing.T, b *bundle) {
	ctx := context.Background()
	for _, sort := range []velocity.SearchSort{velocity.SortWindowStart, velocity.SortCreatedAt, velocity.SortAttempts} {
		for _, desc := range []bool{false, true} {
			var ids []string
			for i := 0; i < 30; i++ {
				start := b.clock.Now().Add(time.Duration(i%7) * time.Hour)
				ids = append(ids, b.create(t, velocity.CreateInput{TeamID: "paging-" + string(sort), WindowStart: &start}).ID)
				b.clock.Advance(time.Second)
			}
			q := velocity.SearchQuery{Teams: []string{"paging-" + string(sort)}, Sort: sort, Desc: desc, Limit: 4}
			seen := map[string]int{}
			moved := map[string]bool{}
			for page := 0; ; page++ {
				items, next, err := b.svc.Search(ctx, b.p, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, cb := range items {
					seen[cb.ID]++
				}
				if next == "" {
					break
				}
				c, _ := velocity.DecodeSearchCursor(next, sort, desc)
				q.After = &c
				// Between pages: a new callback, one cancelled (its keys stay), one
				// rescheduled or dialed (its key moves).
				if page < 5 {
					b.create(t, velocity.CreateInput{TeamID: q.Teams[0]})
				}
				if page > 100 {
					t.Fatal("paging does not end")
				}
				victim := ids[(page*7)%len(ids)]
				if _, err := b.svc.Cancel(ctx, b.p, ids[(page*11+3)%len(ids)], "", "x"); err != nil && !isConflict(err) {
					t.Fatal(err)
				}
				start := b.clock.Now().Add(5 * time.Hour)
				if _, err := b.svc.Update(ctx, b.p, victim, "", velocity.UpdateInput{WindowStart: &start}, nil); err == nil {
					moved[victim] = true
				} else if !isConflict(err) {
					t.Fatal(err)
				}
			}
			for _, id := range ids {
				if seen[id] > 1 && !(moved[id] && sort == velocity.SortWindowStart) {
					t.Errorf("%s %v: %s listed %d times", sort, desc, id, seen[id])
				}
				if seen[id] == 0 && !(moved[id] && sort == velocity.SortWindowStart) {
					t.Errorf("%s %v: %s never listed", sort, desc, id)
				}
			}
		}
	}
}

func isConflict(err error) bool {
	e, ok := velocity.AsError(err)
	return ok && e.Kind == velocity.KindConflict
}

// testSearchText checks the text filter: case-insensitive substrings of the name and
// notes in any script, wildcards taken literally, digits of the number.
func testSearchText(t *testing.T, b *bundle) {
	mk := func(name, notes string) velocity.Callback {
		return b.create(t, velocity.CreateInput{TeamID: "text", CustomerName: name, Notes: notes})
	}
	jose := mk("José Álvarez", "")
	pct := mk("Sale 100%", "")
	under := mk("snake_case", "")
	notes := mk("", "Wants a REFUND")
	plain := mk("Josb Alvarez", "100 percent, one cat")
	num := b.create(t, velocity.CreateInput{TeamID: "text", PhoneNumber: b.phones.N(9876)})
	for _, tc := range []struct {
		text string
		want []velocity.Callback
	}{
		{"JOSÉ", []velocity.Callback{jose}},
		{"álvarez", []velocity.Callback{jose}},
		{"alvarez", []velocity.Callback{plain}},
		{"100%", []velocity.Callback{pct}},
		{"e_c", []velocity.Callback{under}},
		{"refund", []velocity.Callback{notes}},
		{num.PhoneNumber[len(num.PhoneNumber)-7:len(num.PhoneNumber)-4] + "-" + num.PhoneNumber[len(num.PhoneNumber)-4:], []velocity.Callback{num}},
		{"(" + num.PhoneNumber[2:5] + ") " + num.PhoneNumber[5:], []velocity.Callback{num}},
		{"nobody", nil},
	} {
		q := velocity.SearchQuery{Teams: []string{"text"}, Text: tc.text}
		got := b.searchAll(t, q, 10)
		var want []string
		for _, cb := range tc.want {
			want = append(want, cb.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("text %q: got %v, want %v", tc.text, got, want)
		}
	}
}

// RunBackfill checks a migration's backfill of the report facts from history: after a
// random mix of changes, the facts are cleared and the migration's text after its
// "-- Backfill:" line is run (exec runs one SQL text on the store, as migration 0004 does
// for the callbacks made before it); every callback must have the facts the service set,
// the first dial's delay to the millisecond.
func RunBackfill(t *testing.T, open Opener, migration []byte, exec func(t *testing.T, s velocity.Store, sql string)) {
	t.Parallel()
	b := setup(t, open)
	w := seeded(t, b, 5)
	before := w.callbacks(t)
	_, fill, ok := strings.Cut(string(migration), "-- Backfill:")
	if !ok {
		t.Fatal("the migration has no backfill")
	}
	// Forget every fact, then let the migration's backfill find them again.
	exec(t, b.store, `UPDATE callbacks SET first_attempt_at = NULL, first_attempt_by = '', first_outcome = NULL,
			first_delay_us = NULL, first_in_window = NULL, fell_back_at = NULL, fell_back_from = '', closed_at = NULL, closed_by = '', close_reason = ''`)
	exec(t, b.store, "--"+fill)
	after := w.callbacks(t)
	ms := func(f velocity.Facts) velocity.Facts {
		if f.FirstDelay != nil {
			d := f.FirstDelay.Truncate(time.Millisecond)
			f.FirstDelay = &d
		}
		return f
	}
	closed := 0
	for i := range before {
		if !reflect.DeepEqual(ms(after[i].Facts), ms(before[i].Facts)) {
			t.Errorf("%s: backfilled\n got %s\nwant %s", before[i].ID, fmtFacts(after[i].Facts), fmtFacts(before[i].Facts))
		}
		if before[i].Facts.ClosedAt != nil {
			closed++
		}
	}
	if closed == 0 {
		t.Fatal("no callback closed: the backfill was not tested")
	}
}

// RandomHistory returns a store made by open after a random history of about 150
// callbacks (creates, claims, calls, reschedules, reassignments, cancellations, scheduler
// passes as the clock moves), for an engine's tests of what it keeps beside the
// callbacks.
func RandomHistory(t *testing.T, open Opener, seed uint64) velocity.Store {
	b := setup(t, open)
	seeded(t, b, seed)
	return b.store
}

// testBulkTooMany: a bulk change of more than MaxBulkItems callbacks, by ids or by a
// filter, is refused whole with a field problem, and changes nothing.
func testBulkTooMany(t *testing.T, b *bundle) {
	ctx := context.Background()
	now := b.clock.Now()
	ranges := []*Phones{NewPhones(), NewPhones()}
	n := velocity.MaxBulkItems + 1
	ids := make([]string, 0, n)
	// Written in transactions of at most 1,000 callbacks: one transaction of 10,001
	// inserts can outlast a store's per-call time limit on a loaded machine, and the
	// limit is not what this test is about. A store may run a function again (a retried
	// transaction): each batch starts over, with the same numbers.
	const batch = 1000
	for from := 0; from < n; from += batch {
		to := min(from+batch, n)
		var made []string
		err := b.store.Write(ctx, func(tx velocity.Tx) error {
			made = made[:0]
			for i := from; i < to; i++ {
				cb := velocity.Callback{ID: velocity.NewID("cb_"), TenantID: b.p.Tenant.ID, TeamID: "team-9", CustomerName: "Many",
					PhoneNumber: ranges[i%2].N(i / 2), Timezone: "America/New_York", WindowStart: now.Add(time.Hour), WindowEnd: now.Add(2 * time.Hour),
					CreatedBy: "test", Status: velocity.StatusScheduled, MaxAttempts: 3, CreatedAt: now, UpdatedAt: now, Version: 1}
				if err := tx.InsertCallback(ctx, cb); err != nil {
					return err
				}
				made = append(made, cb.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, made...)
	}
	refused := func(in velocity.BulkInput, field string) {
		t.Helper()
		in.Action, in.Reason = velocity.BulkCancel, "too many"
		res, err := b.svc.Bulk(ctx, b.p, in)
		wantCode(t, err, velocity.CodeValidationFailed)
		e, _ := velocity.AsError(err)
		if len(e.Fields) != 1 || e.Fields[0].Field != field || e.Fields[0].Code != velocity.FieldTooMany || res.Total != 0 {
			t.Fatalf("refusal %+v, result %+v", e, res)
		}
	}
	refused(velocity.BulkInput{IDs: ids}, "ids")
	refused(velocity.BulkInput{Filter: &velocity.SearchQuery{Teams: []string{"team-9"}}}, "filter")
	// Nothing changed: every callback is still scheduled, and one fewer is accepted.
	left, _, err := b.svc.Export(ctx, b.p, velocity.SearchQuery{Teams: []string{"team-9"}, Statuses: []velocity.Status{velocity.StatusScheduled}}, n+1, func(velocity.Callback) error { return nil })
	if err != nil || left != n {
		t.Fatalf("after the refusals: %d scheduled of %d, %v", left, n, err)
	}
	res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: ids[:2], Action: velocity.BulkCancel, Reason: "two"})
	if err != nil || res.Succeeded != 2 {
		t.Fatalf("a small bulk: %+v %v", res, err)
	}
}
