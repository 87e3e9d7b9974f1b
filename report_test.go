package velocity_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

const newYork = "America/New_York"

func TestParseReport(t *testing.T) {
	t.Parallel()
	now := monday10 // 10:00 in New York on Monday 2 March 2026
	ny, _ := time.LoadLocation(newYork)
	day := func(y int, m time.Month, d int, loc *time.Location) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()
	}

	// By default: the 30 days ending today, in the default zone.
	q, err := velocity.ParseReport(url.Values{}, newYork, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Days) != velocity.DefaultReportDays+1 || !q.Days[0].Equal(day(2026, 2, 1, ny)) || !q.Days[30].Equal(day(2026, 3, 3, ny)) ||
		q.Location.String() != newYork || !q.Now.Equal(now) || q.Teams != nil || q.By != velocity.GroupNone {
		t.Fatalf("default %+v", q)
	}
	if p := q.Period(); !p.From.Equal(q.Days[0]) || !p.To.Equal(q.Days[30]) {
		t.Fatalf("period %+v", p)
	}

	// A period across the spring-forward change has a 23-hour day.
	q, err = velocity.ParseReport(url.Values{"from": {"2026-03-07"}, "to": {"2026-03-09"}, "team": {"team-1", "team-2", "team-1"}}, newYork, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{day(2026, 3, 7, ny), day(2026, 3, 8, ny), day(2026, 3, 9, ny), day(2026, 3, 10, ny)}
	if !slices.EqualFunc(q.Days, want, time.Time.Equal) || q.Days[2].Sub(q.Days[1]) != 23*time.Hour {
		t.Fatalf("days %v", q.Days)
	}
	if !slices.Equal(q.Teams, []string{"team-1", "team-2"}) {
		t.Fatalf("teams %v", q.Teams)
	}

	// Another zone: its own midnights (it is 20:30 on Monday in Kolkata).
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	q, err = velocity.ParseReport(url.Values{"tz": {"Asia/Kolkata"}, "from": {"2026-03-02"}}, newYork, now)
	if err != nil || len(q.Days) != 2 || !q.Days[0].Equal(day(2026, 3, 2, kolkata)) || q.Location.String() != "Asia/Kolkata" {
		t.Fatalf("kolkata %+v %v", q, err)
	}
	// Tokyo's today is already Tuesday 3 March.
	q, err = velocity.ParseReport(url.Values{"tz": {"Asia/Tokyo"}}, newYork, now)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	if err != nil || !q.Days[len(q.Days)-2].Equal(day(2026, 3, 3, tokyo)) {
		t.Fatalf("tokyo %v %v", q.Days, err)
	}

	// The longest period allowed, and one day more.
	if q, err := velocity.ParseReport(url.Values{"from": {"2026-01-01"}, "to": {"2026-04-02"}}, newYork, now); err != nil || len(q.Days) != velocity.MaxReportDays+1 {
		t.Fatalf("92 days: %d %v", len(q.Days), err)
	}
	// A parameter the caller reads itself.
	if _, err := velocity.ParseReport(url.Values{"by": {"team"}}, newYork, now, "by"); err != nil {
		t.Fatalf("also: %v", err)
	}

	for _, c := range []struct {
		name  string
		v     url.Values
		field string
		msg   string
	}{
		{"unknown", url.Values{"by": {"team"}}, "by", "is not a parameter"},
		{"repeated", url.Values{"from": {"2026-03-01", "2026-03-02"}}, "from", "more than once"},
		{"repeated tz", url.Values{"tz": {newYork, newYork}}, "tz", "more than once"},
		{"a bad date", url.Values{"to": {"2026-02-30"}}, "to", "must be a date"},
		{"a time, not a date", url.Values{"from": {"2026-03-01T00:00:00Z"}}, "from", "must be a date"},
		{"reversed", url.Values{"from": {"2026-03-02"}, "to": {"2026-03-01"}}, "from", "must not be after to"},
		{"too long", url.Values{"from": {"2026-01-01"}, "to": {"2026-04-03"}}, "from", "at most 92 days"},
		{"a bad zone", url.Values{"tz": {"Mars/Olympus"}}, "tz", "IANA time zone"},
		{"an empty team", url.Values{"team": {""}}, "team", "must be an id"},
	} {
		_, err := velocity.ParseReport(c.v, newYork, now)
		e, ok := velocity.AsError(err)
		if !ok || e.Code != velocity.CodeInvalidParameter || len(e.Fields) != 1 || e.Fields[0].Field != c.field || !strings.Contains(e.Message, c.msg) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// figureSet returns every Figure of a report's figures by path (Rates' parts included).
func figureSet(path string, v reflect.Value, out map[string]velocity.Figure) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			figureSet(path, v.Elem(), out)
		}
	case reflect.Struct:
		if f, ok := v.Interface().(velocity.Figure); ok {
			out[path] = f
			return
		}
		for i := 0; i < v.NumField(); i++ {
			figureSet(path+"."+v.Type().Field(i).Name, v.Field(i), out)
		}
	}
}

// checkSearches fails unless every figure's search lists exactly as many callbacks as the
// figure counts, at the service's now.
func (b *testBundle) checkSearches(t *testing.T, name string, f velocity.Figures) {
	t.Helper()
	figs := map[string]velocity.Figure{}
	figureSet("", reflect.ValueOf(f), figs)
	if len(figs) < 20 {
		t.Fatalf("%s: only %d figures", name, len(figs))
	}
	for path, fig := range figs {
		v, err := url.ParseQuery(fig.Search)
		if err != nil {
			t.Fatalf("%s%s: %q: %v", name, path, fig.Search, err)
		}
		q, err := velocity.ParseSearch(v, newYork)
		if err != nil {
			t.Fatalf("%s%s: %q: %v", name, path, fig.Search, err)
		}
		n, _, err := b.svc.Export(context.Background(), b.p, q, 0, func(velocity.Callback) error { return nil })
		if err != nil || n != fig.Count {
			t.Errorf("%s%s: count %d, but %q lists %d (%v)", name, path, fig.Count, fig.Search, n, err)
		}
	}
}

// reportDay sets up a day of callbacks: five created at 10:00, dialed (first dials 10,
// 20 and 30 minutes into their windows), closed in each way, and two left overdue, and
// the clock at 12:30.
func (b *testBundle) reportDay(t *testing.T) (connected, invalid, retried, cancelled, waiting velocity.Callback) {
	t.Helper()
	ctx := context.Background()
	connected = b.create(t, velocity.CreateInput{})
	invalid = b.create(t, velocity.CreateInput{TeamID: "team-2", AgentID: ptr("agent-2")})
	retried = b.create(t, velocity.CreateInput{})
	cancelled = b.create(t, velocity.CreateInput{})
	waiting = b.create(t, velocity.CreateInput{})
	dial := func(cb velocity.Callback, agent string, o velocity.Outcome) {
		t.Helper()
		b.clock.Advance(10 * time.Minute)
		b.claim(t, cb.ID, agent)
		if _, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: agent, Outcome: o}); err != nil {
			t.Fatal(err)
		}
	}
	dial(connected, "agent-1", velocity.OutcomeConnected)
	dial(invalid, "agent-2", velocity.OutcomeInvalidNumber)
	dial(retried, "agent-1", velocity.OutcomeNoAnswer) // retried from 11:00 to 12:00
	if _, err := b.svc.Cancel(ctx, b.p, cancelled.ID, "", "duplicate"); err != nil {
		t.Fatal(err)
	}
	b.clock.Set(monday10.Add(150 * time.Minute))
	return
}

func TestReport(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.reportDay(t)
	q, err := velocity.ParseReport(url.Values{}, newYork, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	q.Now = time.Time{} // the service sets it
	res, err := b.svc.Report(ctx, b.p, q)
	if err != nil {
		t.Fatal(err)
	}
	if res.From != "2026-02-01" || res.To != "2026-03-02" || res.Timezone != newYork || res.Teams == nil || len(res.Teams) != 0 ||
		!res.At.Equal(b.clock.Now()) || res.Figures == nil || res.Rows != nil {
		t.Fatalf("report %+v", res)
	}
	f := res.Figures
	o, p, now := f.Outcomes, f.Punctuality, f.Now
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"created", f.Created.Count, 5},
		{"open", now.Open.Count, 2},
		{"overdue", now.Overdue.Count, 2},
		{"overdue up to 1h", now.OverdueBy.UpTo1h.Count, 1}, // retried: ended at 12:00
		{"overdue up to 4h", now.OverdueBy.UpTo4h.Count, 1}, // waiting: ended at 11:00
		{"overdue up to 24h", now.OverdueBy.UpTo24h.Count, 0},
		{"overdue over 24h", now.OverdueBy.Over24h.Count, 0},
		{"due now", now.DueNow.Count, 0},
		{"claimed", now.Claimed.Count, 0},
		{"personal", now.Personal.Count, 0},
		{"team", now.Team.Count, 2},
		{"closed", o.Closed.Count, 3},
		{"completed", o.Completed.Count, 1},
		{"connected", o.CompletedBy.Connected.Count, 1},
		{"failed", o.Failed.Count, 1},
		{"invalid number", o.FailedBy.InvalidNumber.Count, 1},
		{"cancelled", o.Cancelled.Count, 1},
		{"by a supervisor", o.CancelledBy.Supervisor.Count, 1},
		{"by the customer", o.CancelledBy.Customer.Count, 0},
		{"first dialed", p.FirstDialed.Count, 3},
		{"first connected", o.ConnectRateFirst.Part.Count, 1},
		{"closed dialed", o.ConnectRate.Of.Count, 2},
		{"in window", p.FirstDialedInWindow.Part.Count, 3},
		{"fell back", p.FellBackInPeriod.Count, 0},
		{"attempts on completed", o.AttemptsPerCompleted.Attempts, 1},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
	if now.OldestOverdueSince == nil || !now.OldestOverdueSince.Equal(monday10.Add(time.Hour)) {
		t.Errorf("oldest overdue since %v", now.OldestOverdueSince)
	}
	rate := func(r *float64) float64 {
		if r == nil {
			return -1
		}
		return *r
	}
	if rate(o.ConnectRateFirst.Rate) != 1.0/3 || rate(o.ConnectRate.Rate) != 0.5 || rate(o.AttemptsPerCompleted.Value) != 1 ||
		rate(p.FirstDialedInWindow.Rate) != 1 || rate(p.FellBack.Rate) != 0 {
		t.Errorf("rates %v %v %v %v %v", rate(o.ConnectRateFirst.Rate), rate(o.ConnectRate.Rate), rate(o.AttemptsPerCompleted.Value),
			rate(p.FirstDialedInWindow.Rate), rate(p.FellBack.Rate))
	}
	// First dials 10, 20 and 30 minutes into their windows: the median is the 2nd, the
	// 90th percentile (nearest rank, ceil(2.7)) the 3rd.
	if rate(p.FirstDelay.MedianSeconds) != 1200 || rate(p.FirstDelay.P90Seconds) != 1800 || p.FirstDelay.Of != p.FirstDialed {
		t.Errorf("delays %v %v", rate(p.FirstDelay.MedianSeconds), rate(p.FirstDelay.P90Seconds))
	}
	b.checkSearches(t, "report", *f)

	// A period before any callback: zero counts and no rates.
	empty, err := velocity.ParseReport(url.Values{"from": {"2026-01-01"}, "to": {"2026-01-31"}}, newYork, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	res, err = b.svc.Report(ctx, b.p, empty)
	if err != nil {
		t.Fatal(err)
	}
	f = res.Figures
	if f.Created.Count != 0 || f.Outcomes.Closed.Count != 0 || f.Outcomes.ConnectRate.Rate != nil || f.Punctuality.FirstDelay.MedianSeconds != nil ||
		f.Outcomes.AttemptsPerCompleted.Value != nil || f.Now.Open.Count != 2 {
		t.Errorf("empty period %+v", f)
	}

	// Reports are for supervisors and admins.
	_, err = b.svc.Report(ctx, b.agentPrincipal(), q)
	if e := wantCode(t, err, "forbidden"); e.Extra["permission"] != velocity.PermReports {
		t.Fatalf("extra %v", e.Extra)
	}
}

func TestReportRows(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.reportDay(t)
	sup := b.agentPrincipal()
	sup.Role = velocity.RoleSupervisor
	base, err := velocity.ParseReport(url.Values{"from": {"2026-03-01"}, "to": {"2026-03-02"}}, newYork, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}

	// By team: every team with callbacks, in order.
	q := base
	q.By = velocity.GroupTeam
	res, err := b.svc.Report(ctx, sup, q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Figures != nil || len(res.Rows) != 2 || res.Rows[0].TeamID != "team-1" || res.Rows[1].TeamID != "team-2" ||
		res.Rows[0].Figures.Created.Count != 4 || res.Rows[1].Figures.Created.Count != 1 || res.Rows[1].Figures.Outcomes.Failed.Count != 1 {
		t.Fatalf("by team %+v", res.Rows)
	}
	for _, r := range res.Rows {
		b.checkSearches(t, "team "+r.TeamID, r.Figures)
	}
	// The teams asked for, with none: a row of zeros for a team without callbacks.
	q.Teams = []string{"team-9", "team-1"}
	res, err = b.svc.Report(ctx, sup, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || res.Rows[0].TeamID != "team-1" || res.Rows[1].TeamID != "team-9" || res.Rows[1].Figures.Created.Count != 0 ||
		res.Rows[1].Figures.Now.Open.Count != 0 || !slices.Equal(res.Teams, []string{"team-9", "team-1"}) {
		t.Fatalf("teams asked for %+v", res.Rows)
	}
	b.checkSearches(t, "team-9", res.Rows[1].Figures)

	// By agent: every agent in a cohort, in order.
	q = base
	q.By = velocity.GroupAgent
	res, err = b.svc.Report(ctx, sup, q)
	if err != nil {
		t.Fatal(err)
	}
	var agents []string
	for _, r := range res.Rows {
		agents = append(agents, r.AgentID)
		b.checkSearches(t, "agent "+r.AgentID, r.Figures)
	}
	// Each cohort by its own agent: the first dials and ends by the agents who made
	// them, the created ones by who created them (the system account here).
	if !slices.Equal(agents, []string{"agent-1", "agent-2", "system"}) {
		t.Fatalf("by agent %v", agents)
	}
	a1, a2, sys := res.Rows[0].Figures, res.Rows[1].Figures, res.Rows[2].Figures
	if a1.Punctuality.FirstDialed.Count != 2 || a1.Outcomes.CompletedBy.Connected.Count != 1 || a1.Created.Count != 0 ||
		a2.Outcomes.FailedBy.InvalidNumber.Count != 1 || a2.Punctuality.FirstDialed.Count != 1 ||
		sys.Created.Count != 5 || sys.Outcomes.Closed.Count != 0 {
		t.Fatalf("by agent: agent-1 %+v, agent-2 %+v, system %+v", a1.Outcomes, a2.Outcomes, sys.Created)
	}

	// By day: a row for every day of the period, without open-callback figures.
	q = base
	q.By = velocity.GroupDay
	res, err = b.svc.Report(ctx, sup, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || res.Rows[0].Date != "2026-03-01" || res.Rows[1].Date != "2026-03-02" {
		t.Fatalf("by day %+v", res.Rows)
	}
	for i, r := range res.Rows {
		if r.Figures.Now != nil || r.From == nil || r.To == nil || !r.From.Equal(q.Days[i]) || !r.To.Equal(q.Days[i+1]) {
			t.Errorf("day %s: %+v", r.Date, r)
		}
		b.checkSearches(t, "day "+r.Date, r.Figures)
	}
	if res.Rows[0].Figures.Created.Count != 0 || res.Rows[1].Figures.Created.Count != 5 || res.Rows[1].Figures.Outcomes.Closed.Count != 3 {
		t.Fatalf("day counts %+v", res.Rows)
	}
}
