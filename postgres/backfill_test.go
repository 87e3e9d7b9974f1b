package postgres_test

import (
	"context"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/jackc/pgx/v5"
)

// TestBackfill runs migration 0004's backfill of the report facts on callbacks whose
// facts the service set, and compares.
func TestBackfill(t *testing.T) {
	body, err := postgres.Migrations.ReadFile("migrations/0004_console.sql")
	if err != nil {
		t.Fatal(err)
	}
	storetest.RunBackfill(t, open, body, func(t *testing.T, st velocity.Store, sql string) {
		if _, err := st.(*postgres.Store).Pool().Exec(context.Background(), sql, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatal(err)
		}
	})
}
