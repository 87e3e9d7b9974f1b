package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/jackc/pgx/v5"
)

// TestBackfill runs migration 0004's backfill of the report facts on callbacks whose
// facts the service set, and compares.
func TestBackfill(t *testing.T) {
	storetest.RunBackfill(t, open, func(t *testing.T, st velocity.Store) {
		pool := st.(*postgres.Store).Pool()
		body, err := postgres.Migrations.ReadFile("migrations/0004_console.sql")
		if err != nil {
			t.Fatal(err)
		}
		_, fill, ok := strings.Cut(string(body), "-- Backfill:")
		if !ok {
			t.Fatal("migration 0004 has no backfill")
		}
		ctx := context.Background()
		if _, err := pool.Exec(ctx, `UPDATE callbacks SET first_attempt_at = NULL, first_attempt_by = '', first_outcome = NULL,
			first_delay_us = NULL, first_in_window = NULL, fell_back_at = NULL, fell_back_from = '', closed_at = NULL, closed_by = '', close_reason = ''`); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, "--"+fill, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatal(err)
		}
	})
}
