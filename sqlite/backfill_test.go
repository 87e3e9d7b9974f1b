package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/storetest"
)

// TestBackfill runs migration 0004's backfill of the report facts on callbacks whose
// facts the service set, and compares.
func TestBackfill(t *testing.T) {
	storetest.RunBackfill(t, func(t *testing.T) velocity.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "velocity.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}, func(t *testing.T, st velocity.Store) {
		s := st.(*Store)
		body, err := migrations.ReadFile("migrations/0004_console.sql")
		if err != nil {
			t.Fatal(err)
		}
		_, fill, ok := strings.Cut(string(body), "-- Backfill:")
		if !ok {
			t.Fatal("migration 0004 has no backfill")
		}
		ctx := context.Background()
		if _, err := s.write.ExecContext(ctx, `UPDATE callbacks SET first_attempt_at = NULL, first_attempt_by = '', first_outcome = NULL,
			first_delay_us = NULL, first_in_window = NULL, fell_back_at = NULL, fell_back_from = '', closed_at = NULL, closed_by = '', close_reason = ''`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.write.ExecContext(ctx, "--"+fill); err != nil {
			t.Fatal(err)
		}
	})
}
