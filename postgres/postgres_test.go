package postgres_test

import (
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/storetest"
)

func open(t *testing.T) velocity.Store {
	return pgtest.Open(t, postgres.Options{MaxConns: 8})
}

// TestStore runs the behaviour suite every store passes, each test on its own schema.
func TestStore(t *testing.T) { storetest.Run(t, open) }

// TestRules runs the scheduling-rules behaviour suite.
func TestRules(t *testing.T) { storetest.RunRules(t, open) }

// TestConsole runs the supervisor console's behaviour suite.
func TestConsole(t *testing.T) { storetest.RunConsole(t, open) }
