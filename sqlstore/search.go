package sqlstore

import (
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// The indexes a console search reads through (see SearchCallbacks and
// */migrations/0004_console.sql).
const (
	indexTenantWindow   = "callbacks_tenant_window"   // (tenant, window_start, id)
	indexTenantCreated  = "callbacks_tenant_created"  // (tenant, created_at, id)
	indexTenantAttempts = "callbacks_tenant_attempts" // (tenant, attempts, id)
	indexTeamWindow     = "callbacks_team_window"     // (tenant, team, window_start, id)
	indexTeamOpen       = "callbacks_team_open"       // (tenant, team, window_start, id), open
	indexAgentWindow    = "callbacks_agent_window"    // (tenant, agent, window_start, id), personal
	indexAgentOpen      = "callbacks_agent_open"      // (tenant, agent, window_start, id), open and personal
	indexStatusWindow   = "callbacks_status_window"   // (tenant, status, window_start, id)
)

// SearchPlan says how SearchCallbacks reads a query: the index it drives the read with,
// and, when it reads several ranges of it (one per team, agent or status) merged in
// order, how many. Filters the index does not cover are checked on the rows the read
// passes, so they cost time in proportion to the rows they pass over.
type SearchPlan struct {
	Index    string
	Branches int
}

// PlanSearch returns how SearchCallbacks reads q.
func PlanSearch(q velocity.SearchQuery) SearchPlan {
	statuses := q.EffectiveStatuses()
	open := openOnly(statuses)
	switch {
	case q.Sort == velocity.SortCreatedAt:
		return SearchPlan{indexTenantCreated, 1}
	case q.Sort == velocity.SortAttempts:
		return SearchPlan{indexTenantAttempts, 1}
	case len(statuses) == 0:
		return SearchPlan{"", 1} // nothing can match
	case len(q.Teams) > 0 && open:
		return SearchPlan{indexTeamOpen, len(q.Teams)}
	case len(q.Teams) > 0:
		return SearchPlan{indexTeamWindow, len(q.Teams)}
	case len(q.Agents) > 0 && open:
		return SearchPlan{indexAgentOpen, len(q.Agents)}
	case len(q.Agents) > 0:
		return SearchPlan{indexAgentWindow, len(q.Agents)}
	case len(statuses) < 5:
		return SearchPlan{indexStatusWindow, len(statuses)}
	}
	return SearchPlan{indexTenantWindow, 1}
}

// openOnly reports whether st holds open statuses only (and at least one).
func openOnly(st []velocity.Status) bool {
	for _, s := range st {
		if !s.Open() {
			return false
		}
	}
	return len(st) > 0
}

// SearchCallbacks returns the statement and arguments that read a page of
// velocity.Store.SearchCallbacks: the tenant's callbacks matching q in q's order
// (sort key, then id), after q.After when it is set, at most q.Limit. The read is driven
// by one index (PlanSearch); with several teams, agents or statuses it is a UNION ALL of
// one ordered, limited read per value, merged and limited again, like the agent's
// worklist. Statuses, close reasons and outcomes are written as literals of their known
// values, the open statuses word for word as the partial indexes' predicate.
func (d Dialect) SearchCallbacks(tenantID string, q velocity.SearchQuery) (string, []any) {
	plan := PlanSearch(q)
	statuses := q.EffectiveStatuses()
	p := &params{numbered: d.Numbered}
	tenant, limit := p.add(tenantID), p.add(max(1, q.Limit))
	sortCol := map[velocity.SearchSort]string{velocity.SortCreatedAt: "created_at", velocity.SortAttempts: "attempts"}[q.Sort]
	if sortCol == "" {
		sortCol = "window_start"
	}
	order, after := sortCol+", id", ">"
	if q.Desc {
		order, after = sortCol+" DESC, id DESC", "<"
	}

	// Each condition is written when a read's text is: with ? placeholders a parameter
	// is an argument at each use, in the order of the text.
	var conds []func() string
	add := func(f func() string) { conds = append(conds, f) }
	eq := func(col string, v any) {
		x := p.add(v)
		add(func() string { return col + ` = ` + p.use(x) })
	}
	in := func(col string, vs []string) {
		xs := make([]param, len(vs))
		for i, v := range vs {
			xs[i] = p.add(v)
		}
		add(func() string {
			s := make([]string, len(xs))
			for i, x := range xs {
				s[i] = p.use(x)
			}
			return col + ` IN (` + strings.Join(s, ", ") + `)`
		})
	}
	between := func(col string, r velocity.TimeRange) {
		if !r.From.IsZero() {
			x := p.add(d.TimeArg(r.From))
			add(func() string { return col + ` >= ` + p.use(x) })
		}
		if !r.To.IsZero() {
			x := p.add(d.TimeArg(r.To))
			add(func() string { return col + ` < ` + p.use(x) })
		}
	}
	literal := func(s string) { add(func() string { return s }) }

	// The value each read is driven by.
	var branchCol string
	var branchVals []any
	switch plan.Index {
	case indexTeamOpen, indexTeamWindow:
		branchCol = "team_id"
		for _, t := range q.Teams {
			branchVals = append(branchVals, t)
		}
	case indexAgentOpen, indexAgentWindow:
		branchCol = "agent_id"
		for _, a := range q.Agents {
			branchVals = append(branchVals, a)
		}
	}
	if branchCol != "team_id" && len(q.Teams) > 0 {
		in("team_id", q.Teams)
	}
	if branchCol != "agent_id" && len(q.Agents) > 0 {
		in("agent_id", q.Agents)
	}
	switch q.Assigned {
	case velocity.AssignedPersonal:
		literal(`agent_id IS NOT NULL`)
	case velocity.AssignedTeam:
		literal(`agent_id IS NULL`)
	}
	switch {
	case plan.Index == indexStatusWindow:
		// each read is one status
	case len(statuses) == 0:
		literal(`status IN ('')`)
	case openOnly(statuses):
		literal(`status IN (` + OpenStatuses + `)`)
		if len(statuses) == 1 {
			literal(`status = '` + string(statuses[0]) + `'`)
		}
	case len(statuses) < 5:
		literal(`status IN (` + StatusList(statuses) + `)`)
	}
	between("window_start", q.Window)
	between("window_end", q.End)
	if !q.Now.IsZero() {
		now := d.TimeArg(q.Now)
		if q.Overdue {
			// An ended window started before now: a bound for the read by window start.
			between("window_end", velocity.TimeRange{To: q.Now.Add(time.Microsecond)})
			x := p.add(now)
			add(func() string { return `window_start < ` + p.use(x) })
		}
		if q.DueNow {
			// A running window started at most MaxWindow ago.
			between("window_start", velocity.TimeRange{From: q.Now.Add(-velocity.MaxWindow), To: q.Now.Add(time.Microsecond)})
			x := p.add(now)
			add(func() string { return `window_end > ` + p.use(x) })
		}
	}
	if q.MinAttempts > 0 {
		x := p.add(q.MinAttempts)
		add(func() string { return `attempts >= ` + p.use(x) })
	}
	if q.CreatedBy != "" {
		eq("created_by", q.CreatedBy)
	}
	between("created_at", q.Created)
	if q.Text != "" {
		pattern := p.add("%" + likeEscape(strings.ToLower(q.Text)) + "%")
		var digits param
		ds := velocity.PhoneDigits(q.Text)
		if ds != "" {
			digits = p.add("%" + ds + "%")
		}
		add(func() string {
			s := `(` + d.lower("customer_name") + ` LIKE ` + p.use(pattern) + ` ESCAPE '\'`
			s += ` OR ` + d.lower("notes") + ` LIKE ` + p.use(pattern) + ` ESCAPE '\'`
			if ds != "" {
				s += ` OR phone_number LIKE ` + p.use(digits)
			}
			return s + `)`
		})
	}
	if q.ClaimedBy != "" {
		eq("claimed_by", q.ClaimedBy)
	}
	between("closed_at", q.Closed)
	if len(q.CloseReasons) > 0 {
		literal(`close_reason IN (` + literals(q.CloseReasons, velocity.CloseReason.Valid) + `)`)
	}
	if q.ClosedBy != "" {
		eq("closed_by", q.ClosedBy)
	}
	between("first_attempt_at", q.FirstDial)
	if len(q.FirstOutcomes) > 0 {
		literal(`first_outcome IN (` + literals(q.FirstOutcomes, velocity.Outcome.Valid) + `)`)
	}
	if q.FirstInWindow != nil {
		eq("first_in_window", *q.FirstInWindow)
	}
	if q.FirstDialBy != "" {
		eq("first_attempt_by", q.FirstDialBy)
	}
	if q.FellBack {
		literal(`fell_back_at IS NOT NULL`)
	}
	between("fell_back_at", q.FellBackAt)
	if q.FellBackAgent != "" {
		eq("fell_back_from", q.FellBackAgent)
	}
	if c := q.After; c != nil {
		var key any = c.N
		if q.Sort != velocity.SortAttempts {
			key = d.TimeArg(c.Time)
		}
		k, id := p.add(key), p.add(c.ID)
		add(func() string { return `(` + sortCol + `, id) ` + after + ` (` + p.use(k) + `, ` + p.use(id) + `)` })
	}

	// One read per branch: per team or agent, per status, or the one read.
	var branches []func() string
	switch {
	case branchCol != "":
		for _, v := range branchVals {
			x := p.add(v)
			branches = append(branches, func() string { return ` AND ` + branchCol + ` = ` + p.use(x) })
		}
	case plan.Index == indexStatusWindow:
		for _, st := range statuses {
			branches = append(branches, func() string { return ` AND status = '` + string(st) + `'` })
		}
	default:
		branches = append(branches, func() string { return "" })
	}
	// Merged reads on SQLite carry only each row's sort key and id: SQLite sorts each
	// member of a UNION ALL again before merging (it does not know a subquery's order),
	// and the reads then stay inside a covering index such as callbacks_team_open. Only
	// the page's rows are read whole, by primary key.
	cols := CallbackCols
	keyed := d.WrapUnion && len(branches) > 1
	if keyed {
		cols = sortCol + `, id`
	}
	reads := make([]string, len(branches))
	for i, branch := range branches {
		s := `SELECT ` + cols + ` FROM callbacks`
		if plan.Index != "" {
			s += d.indexedBy(plan.Index)
		}
		s += ` WHERE tenant_id = ` + p.use(tenant) + branch()
		for _, c := range conds {
			s += ` AND ` + c()
		}
		reads[i] = s + ` ORDER BY ` + order + ` LIMIT ` + p.use(limit)
	}
	if len(reads) == 1 {
		return reads[0], p.args
	}
	var query string
	for i, r := range reads {
		if i > 0 {
			query += ` UNION ALL `
		}
		if d.WrapUnion {
			query += `SELECT * FROM (` + r + `)`
		} else {
			query += `(` + r + `)`
		}
	}
	query += ` ORDER BY ` + order + ` LIMIT ` + p.use(limit)
	if keyed {
		// CROSS JOIN keeps the page's ids the outer loop, each row read by primary key.
		query = `SELECT ` + CallbackCols + ` FROM (SELECT id AS page_id FROM (` + query + `)) CROSS JOIN callbacks WHERE tenant_id = ` +
			p.use(tenant) + ` AND id = page_id ORDER BY ` + order
	}
	return query, p.args
}

// lower returns the expression that lower-cases col for a case-insensitive match.
func (d Dialect) lower(col string) string {
	if d.Lower == "" {
		return "lower(" + col + ")"
	}
	return d.Lower + "(" + col + ")"
}

// likeEscape escapes the LIKE wildcards of s (and the escape character, \).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// literals renders the valid values of vs as an SQL list of literals (invalid ones are
// left out, so nothing but a known value reaches the SQL); with none it is ”.
func literals[T ~string](vs []T, valid func(T) bool) string {
	parts := make([]string, 0, len(vs))
	for _, v := range vs {
		if valid(v) {
			parts = append(parts, "'"+string(v)+"'")
		}
	}
	if len(parts) == 0 {
		return "''"
	}
	return strings.Join(parts, ", ")
}
