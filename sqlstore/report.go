package sqlstore

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// Each runs a query on a store's read connections and calls fn with each row, mapping
// the driver's errors (a store's own, and fn's, unchanged otherwise).
type Each func(ctx context.Context, query string, args []any, fn func(Scanner) error) error

// ReportStatement is one statement of a report, for EXPLAIN and benchmarks.
type ReportStatement struct {
	Name string
	SQL  string
	Args []any
}

// cohort is one statement of a report: the callbacks of one cohort, grouped.
type cohort struct {
	name string
	sql  string
	args []any
	scan func(sc Scanner, get func(key string) *velocity.ReportCounts) error
}

// ReportStatements returns the statements Report runs for q, one per cohort: the open
// callbacks, and those claimed by each agent (by agent only), through the partial index
// callbacks_team_open (named to SQLite; not for a report by day); created
// (callbacks_tenant_created), closed (callbacks_closed), first dialed
// (callbacks_first_attempt; its rows, for the delays' percentiles) and fallen back
// (callbacks_fell_back) in the period. Each is one read of one index range
// of the tenant, grouped by the cohort's own column (see velocity.ReportCounts).
func (d Dialect) ReportStatements(tenantID string, q velocity.ReportQuery) []ReportStatement {
	var out []ReportStatement
	for _, c := range d.cohorts(tenantID, q) {
		out = append(out, ReportStatement{Name: c.name, SQL: c.sql, Args: c.args})
	}
	return out
}

func (d Dialect) cohorts(tenantID string, q velocity.ReportQuery) []cohort {
	period := q.Period()
	// build writes one statement: SELECT <key> AS k, cols FROM callbacks WHERE the
	// tenant's, of q's teams, where, GROUP BY k (when keyed) and group; "-" for group
	// reads rows, not groups.
	build := func(keyCol, timeCol, cols string, where func(*params) string, group string, index string) (string, []any) {
		p := &params{numbered: d.Numbered}
		tenant := p.add(tenantID)
		var from, to param
		if timeCol != "" {
			from, to = p.add(d.TimeArg(period.From)), p.add(d.TimeArg(period.To))
		}
		teams := make([]param, len(q.Teams))
		for i, t := range q.Teams {
			teams[i] = p.add(t)
		}
		// With ? placeholders, arguments follow the text: the key first.
		var key string
		switch {
		case q.By == velocity.GroupDay && timeCol != "":
			bounds := make([]param, len(q.Days)-2)
			for i := range bounds {
				bounds[i] = p.add(d.TimeArg(q.Days[i+1]))
			}
			last := `'` + strconv.Itoa(len(q.Days)-2) + `'`
			key = last
			if len(bounds) > 0 {
				key = `CASE`
				for i, b := range bounds {
					key += ` WHEN ` + timeCol + ` < ` + p.use(b) + ` THEN '` + strconv.Itoa(i) + `'`
				}
				key += ` ELSE ` + last + ` END`
			}
		case q.By == velocity.GroupNone:
			key = `''`
		default:
			key = keyCol
		}
		s := `SELECT ` + key + ` AS k, ` + cols + ` FROM callbacks`
		if index != "" {
			s += d.indexedBy(index)
		}
		s += ` WHERE tenant_id = ` + p.use(tenant)
		if timeCol != "" {
			s += ` AND ` + timeCol + ` >= ` + p.use(from) + ` AND ` + timeCol + ` < ` + p.use(to)
		}
		if len(teams) > 0 {
			us := make([]string, len(teams))
			for i, t := range teams {
				us[i] = p.use(t)
			}
			s += ` AND team_id IN (` + strings.Join(us, ", ") + `)`
		}
		s += where(p)
		var groups []string
		if group == "-" {
			return s, p.args
		}
		if q.By != velocity.GroupNone {
			groups = append(groups, "k")
		}
		if group != "" {
			groups = append(groups, group)
		}
		if len(groups) > 0 {
			s += ` GROUP BY ` + strings.Join(groups, ", ")
		}
		return s, p.args
	}
	noWhere := func(*params) string { return "" }
	// keyCol is the column a cohort is grouped by: the team, or the cohort's own agent
	// column.
	keyCol := func(agentCol string) string {
		if q.By == velocity.GroupTeam {
			return "team_id"
		}
		return agentCol
	}
	var out []cohort

	if q.By != velocity.GroupDay {
		// The open callbacks at q.Now. An agent's are its personal ones.
		now, b1, b2, b3 := d.TimeArg(q.Now), d.TimeArg(q.Now.Add(-velocity.OverdueBuckets[0])),
			d.TimeArg(q.Now.Add(-velocity.OverdueBuckets[1])), d.TimeArg(q.Now.Add(-velocity.OverdueBuckets[2]))
		var sql string
		var args []any
		sql, args = build(keyCol("agent_id"), "", `count(*), `+
			`coalesce(sum(CASE WHEN window_start <= ? AND window_end > ? THEN 1 ELSE 0 END), 0), `+
			`coalesce(sum(CASE WHEN window_end <= ? AND window_end >= ? THEN 1 ELSE 0 END), 0), `+
			`coalesce(sum(CASE WHEN window_end < ? AND window_end >= ? THEN 1 ELSE 0 END), 0), `+
			`coalesce(sum(CASE WHEN window_end < ? AND window_end >= ? THEN 1 ELSE 0 END), 0), `+
			`coalesce(sum(CASE WHEN window_end < ? THEN 1 ELSE 0 END), 0), `+
			`min(CASE WHEN window_end <= ? THEN window_end END), `+
			`coalesce(sum(CASE WHEN status = 'claimed' THEN 1 ELSE 0 END), 0), `+
			`coalesce(sum(CASE WHEN agent_id IS NOT NULL THEN 1 ELSE 0 END), 0)`,
			func(p *params) string {
				s := ` AND status IN (` + OpenStatuses + `)`
				if q.By == velocity.GroupAgent {
					s += ` AND agent_id IS NOT NULL`
				}
				return s
			}, "", indexTeamOpen)
		// The select list's ? come before the WHERE's in the text, after the key's (this
		// cohort's key has none: it is not counted by day).
		sql, args = placeSelectArgs(d, sql, args, []any{now, now, now, b1, b1, b2, b2, b3, b3, now})
		out = append(out, cohort{"open callbacks now", sql, args, func(sc Scanner, get func(string) *velocity.ReportCounts) error {
			var key string
			var open, due, claimed, personal int
			var over [4]int
			var oldest *time.Time
			if err := sc.Scan(&key, &open, &due, &over[0], &over[1], &over[2], &over[3], d.ScanNullTime(&oldest), &claimed, &personal); err != nil || open == 0 {
				return err
			}
			c := get(key)
			c.Open, c.DueNow, c.Overdue, c.OldestOverdue, c.Personal = open, due, over, oldest, personal
			if q.By != velocity.GroupAgent { // an agent's are those it holds the claim of, below
				c.Claimed = claimed
			}
			return nil
		}})
		if q.By == velocity.GroupAgent {
			sql, args := build("claimed_by", "", `count(*)`, func(*params) string {
				return ` AND status IN (` + OpenStatuses + `) AND status = 'claimed'`
			}, "", indexTeamOpen)
			out = append(out, cohort{"claimed by each agent", sql, args, func(sc Scanner, get func(string) *velocity.ReportCounts) error {
				var key *string
				var n int
				if err := sc.Scan(&key, &n); err != nil || key == nil {
					return err
				}
				get(*key).Claimed = n
				return nil
			}})
		}
	}

	sql, args := build(keyCol("created_by"), "created_at", `count(*)`, noWhere, "", "")
	out = append(out, cohort{"created in the period", sql, args, func(sc Scanner, get func(string) *velocity.ReportCounts) error {
		var key string
		var n int
		if err := sc.Scan(&key, &n); err != nil || n == 0 {
			return err
		}
		get(key).Created = n
		return nil
	}})

	// One column per close reason, so that the rows of a group need no sorting.
	cols := ""
	for _, r := range velocity.CloseReasons {
		cols += `coalesce(sum(CASE WHEN close_reason = '` + string(r) + `' THEN 1 ELSE 0 END), 0), `
	}
	cols += `coalesce(sum(CASE WHEN close_reason IN ('connected', 'declined', 'reached_inbound') THEN attempts ELSE 0 END), 0), ` +
		`coalesce(sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0), ` +
		`coalesce(sum(CASE WHEN fell_back_at IS NOT NULL THEN 1 ELSE 0 END), 0)`
	sql, args = build(keyCol("closed_by"), "closed_at", cols, noWhere, "", "")
	out = append(out, cohort{"closed in the period", sql, args, func(sc Scanner, get func(string) *velocity.ReportCounts) error {
		var key string
		n := make([]int, len(velocity.CloseReasons))
		dest := []any{&key}
		for i := range n {
			dest = append(dest, &n[i])
		}
		var attempts, dialed, fell int
		if err := sc.Scan(append(dest, &attempts, &dialed, &fell)...); err != nil {
			return err
		}
		total := 0
		for _, x := range n {
			total += x
		}
		if total == 0 {
			return nil // the one row of an ungrouped count of none
		}
		c := get(key)
		for i, r := range velocity.CloseReasons {
			if n[i] > 0 {
				c.Closed[r] = n[i]
			}
		}
		c.CompletedAttempts, c.ClosedDialed, c.ClosedFellBack = attempts, dialed, fell
		return nil
	}})

	sql, args = build(keyCol("first_attempt_by"), "first_attempt_at", `first_delay_us, first_in_window, first_outcome`, noWhere, "-", "")
	out = append(out, cohort{"first dialed in the period", sql, args, func(sc Scanner, get func(string) *velocity.ReportCounts) error {
		var key string
		var delay *int64
		var in *bool
		var outcome *string
		if err := sc.Scan(&key, &delay, &in, &outcome); err != nil {
			return err
		}
		c := get(key)
		c.FirstDialed++
		if in != nil && *in {
			c.FirstInWindow++
		}
		if outcome != nil && velocity.Outcome(*outcome).Connects() {
			c.FirstConnected++
		}
		if delay != nil {
			c.Delays = append(c.Delays, time.Duration(*delay)*time.Microsecond)
		}
		return nil
	}})

	sql, args = build(keyCol("fell_back_from"), "fell_back_at", `count(*)`, noWhere, "", "")
	out = append(out, cohort{"fell back in the period", sql, args, func(sc Scanner, get func(string) *velocity.ReportCounts) error {
		var key string
		var n int
		if err := sc.Scan(&key, &n); err != nil || n == 0 {
			return err
		}
		get(key).FellBack = n
		return nil
	}})
	return out
}

// placeSelectArgs numbers the ? of a statement's select list (written before any other
// parameter in the text) as parameters: with numbered parameters they become $n after
// the statement's own; with ? placeholders their arguments go first.
func placeSelectArgs(d Dialect, sql string, args, selectArgs []any) (string, []any) {
	if !d.Numbered {
		return sql, append(selectArgs, args...)
	}
	n := len(args)
	var b strings.Builder
	i := 0
	for _, r := range sql {
		if r == '?' {
			b.WriteString("$" + strconv.Itoa(n+i+1))
			i++
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), append(args, selectArgs...)
}

// Report runs the statements of q (ReportStatements) with each and adds up their rows
// per group.
func (d Dialect) Report(ctx context.Context, each Each, tenantID string, q velocity.ReportQuery) ([]velocity.ReportCounts, error) {
	groups := map[string]*velocity.ReportCounts{}
	get := func(key string) *velocity.ReportCounts {
		c, ok := groups[key]
		if !ok {
			c = &velocity.ReportCounts{Key: key, Closed: map[velocity.CloseReason]int{}}
			groups[key] = c
		}
		return c
	}
	for _, c := range d.cohorts(tenantID, q) {
		if err := each(ctx, c.sql, c.args, func(sc Scanner) error { return c.scan(sc, get) }); err != nil {
			return nil, err
		}
	}
	out := make([]velocity.ReportCounts, 0, len(groups))
	for _, c := range groups {
		slices.Sort(c.Delays)
		out = append(out, *c)
	}
	return out, nil
}
