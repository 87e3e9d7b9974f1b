package velocity_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// fiveWindows creates five team-1 callbacks whose windows start an hour apart, from an
// hour from now, and returns their ids in that order.
func (b *testBundle) fiveWindows(t *testing.T) []string {
	t.Helper()
	var ids []string
	for i := range 5 {
		start := b.clock.Now().Add(time.Duration(5-i) * time.Hour) // created latest first
		end := start.Add(time.Hour)
		ids = append([]string{b.create(t, velocity.CreateInput{WindowStart: &start, WindowEnd: &end}).ID}, ids...)
	}
	return ids
}

func idList(cbs []velocity.Callback) []string {
	out := make([]string, len(cbs))
	for i, cb := range cbs {
		out[i] = cb.ID
	}
	return out
}

func TestSearchPages(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	ids := b.fiveWindows(t)
	other := b.tenant(t, "globex")
	if _, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}, ""); err != nil {
		t.Fatal(err)
	}

	// By window start, two at a time, each page continuing with its cursor.
	var got []string
	q := velocity.SearchQuery{Limit: 2}
	pages := 0
	for {
		page, next, err := b.svc.Search(ctx, b.p, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		got = append(got, idList(page)...)
		if next == "" {
			if len(page) != 1 {
				t.Fatalf("last page %d", len(page))
			}
			break
		}
		if len(page) != 2 {
			t.Fatalf("page of %d", len(page))
		}
		cur, err := velocity.DecodeSearchCursor(next, velocity.SortWindowStart, false)
		if err != nil {
			t.Fatal(err)
		}
		q.After = &cur
	}
	if pages != 3 || fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatalf("%d pages %v, want %v", pages, got, ids)
	}
	// Newest created first, in one page with the default limit.
	all, next, err := b.svc.Search(ctx, b.p, velocity.SearchQuery{Sort: velocity.SortCreatedAt, Desc: true})
	if err != nil || next != "" || len(all) != 5 {
		t.Fatalf("by created: %d %q %v", len(all), next, err)
	}
	// A page exactly full has no next page.
	if page, next, err := b.svc.Search(ctx, b.p, velocity.SearchQuery{Limit: 5}); err != nil || len(page) != 5 || next != "" {
		t.Fatalf("a full page: %d %q %v", len(page), next, err)
	}
	// Only supervisors, admins and integrations search.
	_, _, err = b.svc.Search(ctx, b.agentPrincipal(), velocity.SearchQuery{})
	if e := wantCode(t, err, "forbidden"); e.Extra["permission"] != velocity.PermReadAll {
		t.Fatalf("extra %v", e.Extra)
	}
}

// TestSearchJudgesAtTheServicesNow: overdue and due now are judged at the service's
// clock, whatever the query says.
func TestSearchJudgesAtTheServicesNow(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	soon := b.create(t, velocity.CreateInput{}) // window now to an hour from now
	later := b.clock.Now().Add(3 * time.Hour)
	laterEnd := later.Add(time.Hour)
	next := b.create(t, velocity.CreateInput{WindowStart: &later, WindowEnd: &laterEnd})

	search := func(q velocity.SearchQuery) []string {
		t.Helper()
		q.Now = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // ignored
		got, _, err := b.svc.Search(ctx, b.p, q)
		if err != nil {
			t.Fatal(err)
		}
		return idList(got)
	}
	if got := search(velocity.SearchQuery{DueNow: true}); fmt.Sprint(got) != fmt.Sprint([]string{soon.ID}) {
		t.Fatalf("due now %v", got)
	}
	if got := search(velocity.SearchQuery{Overdue: true}); len(got) != 0 {
		t.Fatalf("overdue %v", got)
	}
	b.clock.Advance(3*time.Hour + time.Minute)
	if got := search(velocity.SearchQuery{DueNow: true}); fmt.Sprint(got) != fmt.Sprint([]string{next.ID}) {
		t.Fatalf("due now later %v", got)
	}
	if got := search(velocity.SearchQuery{Overdue: true}); fmt.Sprint(got) != fmt.Sprint([]string{soon.ID}) {
		t.Fatalf("overdue later %v", got)
	}
}

func TestExport(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	ids := b.fiveWindows(t)

	collect := func(q velocity.SearchQuery, limit int) ([]string, int, bool, error) {
		var got []string
		n, more, err := b.svc.Export(ctx, b.p, q, limit, func(cb velocity.Callback) error {
			got = append(got, cb.ID)
			return nil
		})
		return got, n, more, err
	}
	got, n, more, err := collect(velocity.SearchQuery{}, 0)
	if err != nil || n != 5 || more || fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatalf("all: %v %d %v %v", got, n, more, err)
	}
	got, n, more, err = collect(velocity.SearchQuery{Desc: true}, 3)
	if err != nil || n != 3 || !more || fmt.Sprint(got) != fmt.Sprint([]string{ids[4], ids[3], ids[2]}) {
		t.Fatalf("limited: %v %d %v %v", got, n, more, err)
	}
	if _, n, more, _ := collect(velocity.SearchQuery{}, 5); n != 5 || more {
		t.Fatalf("limit equal to the matches: %d %v", n, more)
	}
	// A cursor in the query is ignored: an export starts at the beginning.
	cur := velocity.SearchQuery{}.CursorAfter(velocity.Callback{ID: ids[2], WindowStart: b.clock.Now().Add(3 * time.Hour)})
	if got, _, _, _ := collect(velocity.SearchQuery{After: &cur}, 0); len(got) != 5 {
		t.Fatalf("with a cursor: %v", got)
	}
	// A filter narrows it.
	if got, _, _, _ := collect(velocity.SearchQuery{Teams: []string{"team-2"}}, 0); len(got) != 0 {
		t.Fatalf("team-2: %v", got)
	}

	// An error from fn stops the export and is returned.
	stop := errors.New("disk full")
	calls := 0
	n, _, err = b.svc.Export(ctx, b.p, velocity.SearchQuery{}, 0, func(velocity.Callback) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 1 || calls != 2 {
		t.Fatalf("stopped: n=%d calls=%d %v", n, calls, err)
	}
	// Agents may not export.
	_, _, err = b.svc.Export(ctx, b.agentPrincipal(), velocity.SearchQuery{}, 0, func(velocity.Callback) error { return nil })
	wantCode(t, err, "forbidden")
}

// TestSearchFromQueryString: a search read from the console's query string lists what
// its filters say.
func TestSearchFromQueryString(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	mine := b.create(t, velocity.CreateInput{TeamID: "team-2", AgentID: ptr("agent-1"), CustomerName: "Grace Hopper"})
	b.create(t, velocity.CreateInput{TeamID: "team-2", CustomerName: "Alan Turing"})
	b.create(t, velocity.CreateInput{CustomerName: "Grace Kelly"})
	q, err := velocity.ParseSearch(url.Values{"team": {"team-2"}, "q": {"grace"}, "assigned": {"personal"}}, "America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := b.svc.Search(ctx, b.p, q)
	if err != nil || fmt.Sprint(idList(got)) != fmt.Sprint([]string{mine.ID}) {
		t.Fatalf("search %v %v", idList(got), err)
	}
	// By the digits of its number.
	q, _ = velocity.ParseSearch(url.Values{"q": {national(mine.PhoneNumber)}}, "America/New_York")
	if got, _, _ := b.svc.Search(ctx, b.p, q); fmt.Sprint(idList(got)) != fmt.Sprint([]string{mine.ID}) {
		t.Fatalf("by number %v", idList(got))
	}
}
