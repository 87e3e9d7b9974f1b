package postgres

import (
	"time"

	"github.com/customerdynamics/velocity"
)

// Statement is one SQL statement the store runs, with example arguments, for EXPLAIN and
// for benchmarks that run the store's statements on their own.
type Statement struct {
	Name string
	SQL  string
	Args []any
}

// HotStatements returns the statements on the API's and the scheduler's hot paths,
// exactly as the store sends them, with the given arguments: an agent's worklist (first
// page, then the page after a cursor), a claim's locked read, the open-number check, the
// event readers and the scheduler's reads of opened windows and expired leases.
func HotStatements(tenantID, agentID, teamID, callbackID, phone string, after *velocity.Cursor, afterEventID int64) []Statement {
	q := velocity.ListQuery{AgentID: agentID, TeamID: teamID, Limit: velocity.DefaultListLimit + 1}
	list, listArgs := dialect.ListCallbacks(tenantID, q)
	q.After = after
	page, pageArgs := dialect.ListCallbacks(tenantID, q)
	now := time.Now().UTC()
	return []Statement{
		{"list for an agent (its own + its team's unassigned, open, 51 rows)", list, listArgs},
		{"list for an agent, next page after a cursor", page, pageArgs},
		{"get by id FOR UPDATE (claim, any change)", getForUpdate, []any{tenantID, callbackID}},
		{"find the open callback for a number", queries.FindOpenByPhone, []any{tenantID, phone}},
		{"EventsAfter, all tenants (the bus)", queries.EventsAfter, []any{afterEventID, 500}},
		{"EventsAfter, one tenant (stream replay)", queries.TenantEventsAfter, []any{tenantID, afterEventID, 500}},
		{"scheduler: windows that opened, marked announced", markDue, []any{now, now, 100}},
		{"scheduler: expired leases", queries.ExpiredClaims, []any{now, 100}},
		{"history of a callback", queries.History, []any{tenantID, callbackID}},
	}
}
