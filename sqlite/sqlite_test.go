package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// paths maps each store the tests open to its file, for search.
var paths sync.Map

func open(t *testing.T) velocity.Store {
	path := filepath.Join(t.TempDir(), "velocity.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	paths.Store(s, path)
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestRules(t *testing.T) { storetest.RunRules(t, open) }

func TestRetention(t *testing.T) { storetest.RunRetention(t, open, search) }

// search reads every row of every table of the store's file, on a connection of its own.
func search(t *testing.T, s velocity.Store, text string) []string {
	t.Helper()
	path, ok := paths.Load(s)
	if !ok {
		t.Fatal("search: not a store of this test")
	}
	db, err := sql.Open("sqlite", "file:"+path.(string)+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	tables := storetest.ReadStrings(t, rows, err)
	var hits []string
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var row []string
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				row = append(row, fmt.Sprint(v))
			}
			if line := strings.Join(row, " | "); strings.Contains(line, text) {
				hits = append(hits, table+": "+line)
			}
		}
		rows.Close()
	}
	return hits
}
func TestWebhooks(t *testing.T) { storetest.RunWebhooks(t, open) }
func TestConsole(t *testing.T)  { storetest.RunConsole(t, open) }
