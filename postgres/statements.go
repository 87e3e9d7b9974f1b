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

// HotStatements returns the statements on the API's hot paths, exactly as the store
// sends them, with the given arguments: an agent's worklist (first page, then the page
// after a cursor), a claim's locked read, the open-number check, the event readers.
func HotStatements(tenantID, agentID, teamID, callbackID, phone string, after *velocity.Cursor, afterEventID int64) []Statement {
	q := velocity.ListQuery{AgentID: agentID, TeamID: teamID, Limit: velocity.DefaultListLimit + 1}
	list, listArgs := listQuery(tenantID, q)
	q.After = after
	page, pageArgs := listQuery(tenantID, q)
	return []Statement{
		{"list for an agent (its own + its team's unassigned, open, 51 rows)", list, listArgs},
		{"list for an agent, next page after a cursor", page, pageArgs},
		{"get by id FOR UPDATE (claim, any change)", `SELECT ` + callbackCols + ` FROM callbacks WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, []any{tenantID, callbackID}},
		{"find the open callback for a number", `SELECT ` + callbackCols + ` FROM callbacks
		WHERE tenant_id = $1 AND phone_number = $2 AND status IN (` + openStatuses + `)`, []any{tenantID, phone}},
		{"EventsAfter, all tenants (the bus)", `SELECT ` + eventCols + ` FROM callback_events WHERE id > $1 ORDER BY id LIMIT $2`, []any{afterEventID, 500}},
		{"EventsAfter, one tenant (stream replay)", `SELECT ` + eventCols + ` FROM callback_events WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3`, []any{tenantID, afterEventID, 500}},
		{"scheduler: windows that opened", `SELECT ` + callbackCols + ` FROM callbacks
		WHERE status = 'scheduled' AND due_notified_at IS NULL AND window_start <= $1 ORDER BY window_start LIMIT $2`, []any{time.Now().UTC(), 100}},
		{"scheduler: expired leases", `SELECT ` + callbackCols + ` FROM callbacks
		WHERE status = 'claimed' AND claim_expires_at <= $1 ORDER BY claim_expires_at LIMIT $2`, []any{time.Now().UTC(), 100}},
		{"history of a callback", `SELECT ` + eventCols + ` FROM callback_events WHERE tenant_id = $1 AND callback_id = $2 ORDER BY id`, []any{tenantID, callbackID}},
	}
}
