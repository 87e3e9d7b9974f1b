package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/storetest"
)

// TestDueQueueFollowsCallbacks checks the invariant the scheduler's due pass relies on
// (migrations/0008_due_queue.sql): callback_due holds exactly the scheduled callbacks
// whose window was not announced, each with its window's start, after a random history
// of changes and scheduler passes and after each kind of change its triggers follow.
func TestDueQueueFollowsCallbacks(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			pool := storetest.RandomHistory(t, open, seed).(*postgres.Store).Pool()
			ctx := context.Background()
			read := func(query string) []string {
				rows, err := pool.Query(ctx, query)
				return storetest.ReadStrings(t, rows, err)
			}
			check := func(after string) {
				t.Helper()
				want := read(`SELECT tenant_id || ' ' || id || ' ' || window_start FROM callbacks
					WHERE status = 'scheduled' AND due_notified_at IS NULL ORDER BY 1`)
				got := read(`SELECT tenant_id || ' ' || callback_id || ' ' || window_start FROM callback_due ORDER BY 1`)
				if !slices.Equal(got, want) {
					t.Fatalf("after %s, callback_due:\n%v\nwant the scheduled callbacks not announced:\n%v", after, got, want)
				}
			}
			exec := func(stmt string) {
				t.Helper()
				tag, err := pool.Exec(ctx, stmt)
				if err != nil || tag.RowsAffected() == 0 {
					t.Fatalf("%s: %d rows, %v", stmt, tag.RowsAffected(), err)
				}
				check(stmt)
			}
			check("the history")
			if n := len(read(`SELECT id FROM callbacks WHERE due_notified_at IS NOT NULL`)); n == 0 {
				t.Fatal("no window was announced: the history did not exercise the pass")
			}
			exec(`UPDATE callbacks SET window_start = window_start + interval '1 hour' WHERE status = 'scheduled' AND due_notified_at IS NULL`)
			exec(`UPDATE callbacks SET due_notified_at = NULL, window_start = window_start + interval '1 day'
				WHERE id IN (SELECT id FROM callbacks WHERE status = 'scheduled' AND due_notified_at IS NOT NULL LIMIT 2)`)
			exec(`UPDATE callbacks SET status = 'claimed' WHERE id IN (SELECT id FROM callbacks WHERE status = 'scheduled' LIMIT 2)`)
			exec(`UPDATE callbacks SET status = 'scheduled' WHERE status = 'claimed'`)
			exec(`UPDATE callbacks SET status = 'cancelled' WHERE id IN (SELECT id FROM callbacks WHERE status = 'scheduled' LIMIT 1)`)
			exec(`DELETE FROM callbacks WHERE id IN (SELECT id FROM callbacks WHERE status = 'scheduled' AND due_notified_at IS NULL LIMIT 1)`)
			// A statement run with another search path (an operator's, in psql) keeps
			// this schema's table all the same.
			var schema string
			if err := pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
				t.Fatal(err)
			}
			conn, err := pool.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Release()
			if _, err := conn.Exec(ctx, `SET search_path TO public`); err != nil {
				t.Fatal(err)
			}
			if tag, err := conn.Exec(ctx, `UPDATE "`+schema+`".callbacks SET window_start = window_start + interval '1 minute' WHERE status = 'scheduled'`); err != nil || tag.RowsAffected() == 0 {
				t.Fatalf("update under another search path: %d rows, %v", tag.RowsAffected(), err)
			}
			if _, err := conn.Exec(ctx, `RESET search_path`); err != nil {
				t.Fatal(err)
			}
			check("an update under another search path")
		})
	}
}

// TestMarkDueCleansStaleRows: rows of callback_due that changes made without the
// triggers left behind (a callback marked by an older server, one deleted by a TRUNCATE,
// a window moved by hand) never hold the queue's head: MarkDue removes or corrects them
// as it meets them, and every waiting window is still announced.
func TestMarkDueCleansStaleRows(t *testing.T) {
	t.Parallel()
	s := storetest.RandomHistory(t, open, 4).(*postgres.Store)
	pool, ctx := s.Pool(), context.Background()
	exec := func(stmt string) {
		t.Helper()
		if _, err := pool.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	// Bypass the triggers (as an older server's statement or a restore would).
	exec(`ALTER TABLE callbacks DISABLE TRIGGER USER`)
	exec(`UPDATE callbacks SET due_notified_at = now() WHERE id IN (SELECT callback_id FROM callback_due ORDER BY window_start LIMIT 3)`)
	exec(`UPDATE callbacks SET window_start = window_start + interval '1000 days', window_end = window_end + interval '1000 days'
		WHERE id IN (SELECT callback_id FROM callback_due ORDER BY window_start OFFSET 3 LIMIT 1)`)
	exec(`ALTER TABLE callbacks ENABLE TRIGGER USER`)
	exec(`INSERT INTO callback_due SELECT id, 'cb_gone', '2000-01-01' FROM tenants LIMIT 1`)
	// Batches of 2 from far in the suite's future: the stale rows are met first.
	now, marked := storetest.Epoch.Add(100*24*time.Hour), 0
	var waiting int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM callbacks WHERE status = 'scheduled' AND due_notified_at IS NULL
		AND window_start <= $1`, now).Scan(&waiting); err != nil || waiting == 0 {
		t.Fatalf("%d waiting callbacks: %v", waiting, err)
	}
	for empty := 0; empty < 3; {
		var n int
		err := s.Write(ctx, func(tx velocity.Tx) error {
			cbs, err := tx.MarkDue(ctx, now, 2)
			n = len(cbs)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if marked += n; n == 0 {
			empty++
		}
	}
	if marked != waiting {
		t.Fatalf("marked %d of %d waiting windows", marked, waiting)
	}
	rows, err := pool.Query(ctx, `SELECT q.callback_id FROM callback_due q LEFT JOIN callbacks c ON c.tenant_id = q.tenant_id AND c.id = q.callback_id
		WHERE c.id IS NULL OR c.status <> 'scheduled' OR c.due_notified_at IS NOT NULL OR c.window_start <> q.window_start`)
	if stale := storetest.ReadStrings(t, rows, err); len(stale) != 0 {
		t.Fatalf("stale rows left in callback_due: %v", stale)
	}
}
