package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

func open(t *testing.T) velocity.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "velocity.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestRules(t *testing.T) { storetest.RunRules(t, open) }

func TestConsole(t *testing.T) { storetest.RunConsole(t, open) }
