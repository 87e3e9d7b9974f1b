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
	// transaction holds, and reads each locked callback as it is now: one scheduled
	// and not announced, whose window opened, is marked (an unindexed column: the row
	// is updated in place) and its row deleted; one whose window moved later gets its
	// row's window corrected; one that no longer waits (changed without the triggers:
	// marked by an older server during an upgrade, an operator's statement) loses its
	// row, as does a row whose callback is gone. So no row can stay at the head of the
	// queue for ever. Two passes (two servers, two workers) take disjoint batches. It
	// never waits for a callback's lock: a change of a callback locks the callback and
	// then, in its trigger, its row of callback_due, the opposite order, so waiting
	// could deadlock; a callback skipped because a change holds it keeps its row and
	// is marked by a later batch or pass. A batch that only cleaned rows comes back
	// empty; the next pass goes on.
	markDue = `WITH due AS MATERIALIZED (
	SELECT tenant_id, callback_id FROM callback_due WHERE window_start <= $2
	ORDER BY window_start, tenant_id, callback_id LIMIT $3 FOR UPDATE SKIP LOCKED
), picked AS MATERIALIZED (
	SELECT c.tenant_id AS t, c.id AS i, c.window_start AS ws,
		c.status = 'scheduled' AND c.due_notified_at IS NULL AS waiting
	FROM due d JOIN callbacks c ON c.tenant_id = d.tenant_id AND c.id = d.callback_id
	FOR UPDATE OF c SKIP LOCKED
), marked AS (
	UPDATE callbacks SET due_notified_at = $1 FROM picked WHERE tenant_id = picked.t AND id = picked.i
	AND picked.waiting AND picked.ws <= $2
	RETURNING ` + sqlstore.CallbackCols + `
), gone AS (
	DELETE FROM callback_due q USING picked p WHERE q.tenant_id = p.t AND q.callback_id = p.i AND (NOT p.waiting OR p.ws <= $2)
), moved AS (
	UPDATE callback_due q SET window_start = p.ws FROM picked p WHERE q.tenant_id = p.t AND q.callback_id = p.i AND p.waiting AND p.ws > $2
), orphans AS (
	DELETE FROM callback_due q USING due d WHERE q.tenant_id = d.tenant_id AND q.callback_id = d.callback_id
	AND NOT EXISTS (SELECT 1 FROM callbacks c WHERE c.tenant_id = d.tenant_id AND c.id = d.callback_id)
)
SELECT * FROM marked ORDER BY window_start, tenant_id, id`

	// nextDue is the earliest window start after $1 still to be announced.
	nextDue = `SELECT min(window_start) FROM callback_due WHERE window_start > $1`
)

// ParallelWrites says how many write transactions the scheduler runs at once
// (velocity.ParallelWriter): two keep this process and the database busy together, the
// one encoding a batch's events while the other marks the next.
func (s *Store) ParallelWrites() int { return 2 }
