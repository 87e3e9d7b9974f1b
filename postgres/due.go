package postgres

import "github.com/customerdynamics/velocity/sqlstore"

// The scheduler's due windows on PostgreSQL are read from callback_due, a table that
// holds a row exactly while its callback is scheduled with its window not announced
// (migrations/0008_due_queue.sql keeps it with triggers). SQLite reads the partial
// index callbacks_due instead (sqlstore.Queries.MarkDue and NextDue).
var (
	// markDue marks up to $3 windows that opened by $2 announced at $1 and returns the
	// callbacks, oldest window first. It locks the callbacks first, in window order,
	// skipping those another transaction holds (another server's pass, or a change
	// that will move the window), checks each again once locked, sets its mark (an
	// unindexed column: the row is updated in place) and deletes the marked ones'
	// rows of callback_due in the same statement. A change of a callback locks it
	// before its trigger touches callback_due, as this does, so the two cannot
	// deadlock.
	markDue = `WITH picked AS (
	SELECT c.tenant_id AS t, c.id AS i FROM callback_due d JOIN callbacks c ON c.tenant_id = d.tenant_id AND c.id = d.callback_id
	WHERE d.window_start <= $2 AND c.status = 'scheduled' AND c.due_notified_at IS NULL
	ORDER BY d.window_start, d.tenant_id, d.callback_id LIMIT $3 FOR UPDATE OF c SKIP LOCKED
), marked AS (
	UPDATE callbacks SET due_notified_at = $1 FROM picked WHERE tenant_id = picked.t AND id = picked.i
	AND status = 'scheduled' AND due_notified_at IS NULL AND window_start <= $2
	RETURNING ` + sqlstore.CallbackCols + `
), gone AS (
	DELETE FROM callback_due USING marked WHERE callback_due.tenant_id = marked.tenant_id AND callback_due.callback_id = marked.id
)
SELECT * FROM marked ORDER BY window_start, tenant_id, id`

	// nextDue is the earliest window start after $1 still to be announced.
	nextDue = `SELECT min(window_start) FROM callback_due WHERE window_start > $1`
)
