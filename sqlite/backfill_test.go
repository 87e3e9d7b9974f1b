package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/storetest"
)

// TestBackfill runs migration 0004's backfill of the report facts on callbacks whose
// facts the service set, and compares.
func TestBackfill(t *testing.T) {
	body, err := migrations.ReadFile("migrations/0004_console.sql")
	if err != nil {
		t.Fatal(err)
	}
	open := func(t *testing.T) velocity.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "velocity.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	storetest.RunBackfill(t, open, body, func(t *testing.T, st velocity.Store, sql string) {
		if _, err := st.(*Store).write.ExecContext(context.Background(), sql); err != nil {
			t.Fatal(err)
		}
	})
}
