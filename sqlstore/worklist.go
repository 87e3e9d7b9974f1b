package sqlstore

import (
	"strconv"

	"github.com/customerdynamics/velocity"
)

// ListCallbacks returns the statement and arguments that read a page of
// velocity.Store.ListCallbacks: q's callbacks of the tenant in (window_start, id) order,
// after q.After when it is set, at most q.Limit. For an agent of a team it is a UNION
// ALL of two ordered, limited halves, each served by its own partial index (the agent's
// open callbacks, the team's unassigned open ones), merged and limited again. Statuses
// are written as literals (StatusList), so that the open ones match the partial
// indexes' predicate; with IndexHints the halves name their index when q asks for the
// open statuses.
func (d Dialect) ListCallbacks(tenantID string, q velocity.ListQuery) (string, []any) {
	statuses := q.Statuses
	if len(statuses) == 0 {
		statuses = velocity.OpenStatuses
	}
	p := &params{numbered: d.Numbered}
	tenant, limit := p.add(tenantID), p.add(q.Limit)
	var afterStart, afterID param
	if q.After != nil {
		afterStart, afterID = p.add(d.TimeArg(q.After.WindowStart)), p.add(q.After.ID)
	}
	// half writes one SELECT: the tenant's callbacks, those whose column col equals v when
	// col is set, and the condition extra. With ? placeholders the arguments follow the
	// text, so each part is written in order.
	half := func(index, col string, v param, extra string) string {
		s := `SELECT ` + CallbackCols + ` FROM callbacks`
		if index != "" && isOpenOnly(statuses) {
			s += d.indexedBy(index)
		}
		s += ` WHERE tenant_id = ` + p.use(tenant)
		if col != "" {
			s += ` AND ` + col + ` = ` + p.use(v)
		}
		s += extra + ` AND status IN (` + StatusList(statuses) + `)`
		if q.After != nil {
			s += ` AND (window_start, id) > (` + p.use(afterStart)
			s += `, ` + p.use(afterID) + `)`
		}
		return s + ` ORDER BY window_start, id LIMIT ` + p.use(limit)
	}
	var query string
	switch {
	case q.AgentID != "" && q.TeamID != "":
		agent, team := p.add(q.AgentID), p.add(q.TeamID)
		mine := half("callbacks_agent_open", "agent_id", agent, "")
		unassigned := half("callbacks_team_unassigned_open", "team_id", team, ` AND agent_id IS NULL`)
		if d.WrapUnion {
			query = `SELECT * FROM (` + mine + `) UNION ALL SELECT * FROM (` + unassigned + `)`
		} else {
			query = `(` + mine + `) UNION ALL (` + unassigned + `)`
		}
		query += ` ORDER BY window_start, id LIMIT ` + p.use(limit)
	case q.AgentID != "":
		query = half("callbacks_agent_open", "agent_id", p.add(q.AgentID), "")
	case q.TeamID != "":
		query = half("", "team_id", p.add(q.TeamID), "")
	default:
		query = half("", "", param{}, "")
	}
	return query, p.args
}

// params collects a statement's arguments while it is written. A parameter is declared
// once (add) and written where it is used (use): numbered, it is one argument however
// often it is used; with ? placeholders, each use is an argument of its own, in the
// order of the uses.
type params struct {
	numbered bool
	args     []any
}

// param is a declared parameter: its value, and its number when parameters are numbered.
type param struct {
	v any
	n int
}

func (p *params) add(v any) param {
	if !p.numbered {
		return param{v: v}
	}
	p.args = append(p.args, v)
	return param{v: v, n: len(p.args)}
}

func (p *params) use(x param) string {
	if p.numbered {
		return "$" + strconv.Itoa(x.n)
	}
	p.args = append(p.args, x.v)
	return "?"
}
