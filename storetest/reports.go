package storetest

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// oracleCounts counts q plainly from every callback of the tenant (see
// velocity.ReportCounts).
func oracleCounts(q velocity.ReportQuery, all []velocity.Callback) map[string]velocity.ReportCounts {
	groups := map[string]*velocity.ReportCounts{}
	get := func(key string) *velocity.ReportCounts {
		c, ok := groups[key]
		if !ok {
			c = &velocity.ReportCounts{Key: key, Closed: map[velocity.CloseReason]int{}}
			groups[key] = c
		}
		return c
	}
	period := q.Period()
	// key returns the group of a callback in a cohort whose agent is agent and whose time
	// is at; ok is false when it is outside the period.
	key := func(agent string, at *time.Time) (string, bool) {
		if at != nil && (at.Before(period.From) || !at.Before(period.To)) {
			return "", false
		}
		switch q.By {
		case velocity.GroupAgent:
			return agent, true
		case velocity.GroupDay:
			for i := 0; i+1 < len(q.Days); i++ {
				if at.Before(q.Days[i+1]) {
					return strconv.Itoa(i), true
				}
			}
		}
		return "", true
	}
	for _, cb := range all {
		if len(q.Teams) > 0 && !slices.Contains(q.Teams, cb.TeamID) {
			continue
		}
		team := func(k string, ok bool) (string, bool) {
			if q.By == velocity.GroupTeam {
				return cb.TeamID, ok
			}
			return k, ok
		}
		f := cb.Facts
		if cb.Status.Open() && q.By != velocity.GroupDay && (q.By != velocity.GroupAgent || cb.AgentID != nil) {
			k, _ := team(key(cb.Owner(), nil))
			c := get(k)
			c.Open++
			if !cb.WindowStart.After(q.Now) && cb.WindowEnd.After(q.Now) {
				c.DueNow++
			}
			if !cb.WindowEnd.After(q.Now) {
				late := q.Now.Sub(cb.WindowEnd)
				i := 0
				for i < len(velocity.OverdueBuckets) && late > velocity.OverdueBuckets[i] {
					i++
				}
				c.Overdue[i]++
				if c.OldestOverdue == nil || cb.WindowEnd.Before(*c.OldestOverdue) {
					end := cb.WindowEnd
					c.OldestOverdue = &end
				}
			}
			if cb.Status == velocity.StatusClaimed && q.By != velocity.GroupAgent {
				c.Claimed++
			}
			if cb.AgentID != nil {
				c.Personal++
			}
		}
		if cb.Status == velocity.StatusClaimed && q.By == velocity.GroupAgent {
			get(*cb.ClaimedBy).Claimed++
		}
		if k, ok := team(key(cb.CreatedBy, &cb.CreatedAt)); ok {
			get(k).Created++
		}
		if f.ClosedAt != nil {
			if k, ok := team(key(f.ClosedBy, f.ClosedAt)); ok {
				c := get(k)
				c.Closed[f.CloseReason]++
				if cb.Status == velocity.StatusCompleted {
					c.CompletedAttempts += cb.Attempts
				}
				if cb.Attempts > 0 {
					c.ClosedDialed++
				}
				if f.FellBackAt != nil {
					c.ClosedFellBack++
				}
			}
		}
		if f.FirstAttemptAt != nil {
			if k, ok := team(key(f.FirstAttemptBy, f.FirstAttemptAt)); ok {
				c := get(k)
				c.FirstDialed++
				if f.FirstOutcome.Connects() {
					c.FirstConnected++
				}
				if *f.FirstInWindow {
					c.FirstInWindow++
				}
				c.Delays = append(c.Delays, *f.FirstDelay)
			}
		}
		if f.FellBackAt != nil {
			if k, ok := team(key(f.FellBackFrom, f.FellBackAt)); ok {
				get(k).FellBack++
			}
		}
	}
	out := map[string]velocity.ReportCounts{}
	for k, c := range groups {
		slices.Sort(c.Delays)
		out[k] = *c
	}
	return out
}

// figureList returns every Figure in v (a Figures, walked by reflection), by path.
func figureList(path string, v reflect.Value, out map[string]velocity.Figure) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			figureList(path, v.Elem(), out)
		}
	case reflect.Struct:
		if f, ok := v.Interface().(velocity.Figure); ok {
			out[path] = f
			return
		}
		for i := 0; i < v.NumField(); i++ {
			figureList(path+"."+v.Type().Field(i).Name, v.Field(i), out)
		}
	}
}

// testReportsExact counts reports of every grouping, for the tenant and for a team, after
// a random mix of changes: the store's counts equal a plain count of the rows, and every
// figure's search lists exactly as many callbacks as the figure counts.
func testReportsExact(t *testing.T, b *bundle) {
	ctx := context.Background()
	w := seeded(t, b, 4)
	all := w.callbacks(t)
	now := b.clock.Now()
	figures, searches := 0, 0
	for _, tz := range []string{"America/New_York", "Asia/Kolkata"} {
		for _, teams := range [][]string{nil, {"team-b"}, {"team-a", "team-c"}} {
			for _, by := range []velocity.ReportGroup{velocity.GroupNone, velocity.GroupTeam, velocity.GroupAgent, velocity.GroupDay} {
				v := url.Values{"tz": {tz}, "team": teams,
					"from": {Epoch.AddDate(0, 0, -1).In(velocity.Location(tz)).Format(time.DateOnly)},
					"to":   {now.AddDate(0, 0, 1).In(velocity.Location(tz)).Format(time.DateOnly)}}
				q, err := velocity.ParseReport(v, "UTC", now)
				if err != nil {
					t.Fatal(err)
				}
				q.By = by
				name := tz + " " + v.Encode() + " by " + string(by)
				got, err := b.store.Report(ctx, b.p.Tenant.ID, q)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				q.Now = now
				want := oracleCounts(q, all)
				gotBy := map[string]velocity.ReportCounts{}
				for _, c := range got {
					gotBy[c.Key] = c
				}
				for k := range want {
					if !reflect.DeepEqual(gotBy[k], want[k]) {
						t.Errorf("%s, group %q:\n got %+v\nwant %+v", name, k, gotBy[k], want[k])
					}
				}
				for k := range gotBy {
					if _, ok := want[k]; !ok {
						t.Errorf("%s: group %q counted, none expected: %+v", name, k, gotBy[k])
					}
				}
				// Every figure links to the list behind it (checked in one zone: the
				// searches are the same in the other).
				res, err := b.svc.Report(ctx, b.p, q)
				if err != nil {
					t.Fatal(err)
				}
				fs := map[string]velocity.Figure{}
				if res.Figures != nil {
					figureList("figures", reflect.ValueOf(*res.Figures), fs)
				}
				for i, r := range res.Rows {
					figureList("rows["+strconv.Itoa(i)+"]"+r.TeamID+r.AgentID+r.Date, reflect.ValueOf(r.Figures), fs)
				}
				for path, f := range fs {
					figures++
					if tz != "America/New_York" || f.Count == 0 && searches%3 != 0 {
						continue // a third of the empty ones suffice
					}
					searches++
					sv, err := url.ParseQuery(f.Search)
					if err != nil {
						t.Fatal(err)
					}
					sq, err := velocity.ParseSearch(sv, tz)
					if err != nil {
						t.Fatalf("%s %s: search %q: %v", name, path, f.Search, err)
					}
					if n := len(b.searchAll(t, sq, 500)); n != f.Count {
						t.Errorf("%s %s: counts %d, its search %q lists %d", name, path, f.Count, f.Search, n)
					}
				}
				if by == velocity.GroupNone {
					checkPercentiles(t, name, res.Figures, want[""].Delays)
				}
			}
		}
	}
	t.Logf("%d figures, %d of their searches run", figures, searches)
}

func checkPercentiles(t *testing.T, name string, f *velocity.Figures, delays []time.Duration) {
	t.Helper()
	d := f.Punctuality.FirstDelay
	if len(delays) == 0 {
		if d.MedianSeconds != nil || d.P90Seconds != nil {
			t.Errorf("%s: percentiles of nothing: %v %v", name, d.MedianSeconds, d.P90Seconds)
		}
		return
	}
	// Nearest rank: the value at rank ceil(p*n).
	at := func(p float64) float64 {
		n := len(delays)
		rank := int(p * float64(n))
		if float64(rank) < p*float64(n) {
			rank++
		}
		return delays[max(rank, 1)-1].Seconds()
	}
	if *d.MedianSeconds != at(0.5) || *d.P90Seconds != at(0.9) {
		t.Errorf("%s: median %v p90 %v, want %v %v (of %d)", name, *d.MedianSeconds, *d.P90Seconds, at(0.5), at(0.9), len(delays))
	}
}
