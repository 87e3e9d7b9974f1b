package postgres_test

import (
	"context"
	"strings"
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

// TestRetention runs the retention and erasure behaviour suite.
func TestRetention(t *testing.T) { storetest.RunRetention(t, open, search) }

// search reads every row of every table of the store's schema as text.
func search(t *testing.T, s velocity.Store, text string) []string {
	t.Helper()
	ctx := context.Background()
	pool := s.(*postgres.Store).Pool()
	rows, err := pool.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)
	tables := storetest.ReadStrings(t, rows, err)
	var hits []string
	for _, table := range tables {
		rows, err := pool.Query(ctx, `SELECT t::text FROM "`+table+`" t`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(line, text) {
				hits = append(hits, table+": "+line)
			}
		}
		rows.Close()
	}
	return hits
}

// TestWebhooks runs the webhook behaviour suite.
func TestWebhooks(t *testing.T) { storetest.RunWebhooks(t, open) }

// TestConsole runs the supervisor console's behaviour suite.
func TestConsole(t *testing.T) { storetest.RunConsole(t, open) }
