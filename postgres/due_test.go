package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

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
