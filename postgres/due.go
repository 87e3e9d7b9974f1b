package postgres

import "github.com/customerdynamics/velocity/sqlstore"

// The scheduler's due windows on PostgreSQL are read from callback_due, a table that
// holds a row exactly while its callback is scheduled with its window not announced
// (migrations/0008_due_queue.sql keeps it with triggers). SQLite reads the partial
// index callbacks_due instead (sqlstore.Queries.MarkDue and NextDue).
var (
	// markDue marks up to $3 windows that opened by $2 announced at $1 and returns the
	// callbacks, oldest window first. It locks the first $3 rows of callback_due in
	// window order that no other transaction holds (read through its index, whatever
	// the tables' statistics say), then their callbacks, again skipping those another
	// transaction holds; checks each callback once locked, sets its mark (an unindexed
	// column: the row is updated in place) and deletes the marked ones' rows of
	// callback_due, all in one statement. Two passes (two servers, or two workers of
	// one) so take disjoint batches. It never waits for a callback's lock: a change of a
	// callback locks the callback and then, in its trigger, its row of callback_due, the
	// opposite order, so waiting could deadlock; a callback skipped because a change
	// holds it keeps its row and is marked by a later batch, or by the next pass.
	markDue = `WITH due AS MATERIALIZED (
	SELECT tenant_id, callback_id FROM callback_due WHERE window_start <= $2
	ORDER BY window_start, tenant_id, callback_id LIMIT $3 FOR UPDATE SKIP LOCKED
), picked AS MATERIALIZED (
	SELECT c.tenant_id AS t, c.id AS i FROM due d JOIN callbacks c ON c.tenant_id = d.tenant_id AND c.id = d.callback_id
	WHERE c.status = 'scheduled' AND c.due_notified_at IS NULL
	FOR UPDATE OF c SKIP LOCKED
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

// ParallelWrites says how many write transactions the scheduler runs at once
// (velocity.ParallelWriter): two keep this process and the database busy together, the
// one encoding a batch's events while the other marks the next.
func (s *Store) ParallelWrites() int { return 2 }
