package sqlite_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/bench"
	"github.com/customerdynamics/velocity/sqlite"
)

var (
	benchOnce  sync.Once
	benchStore *sqlite.Store
	benchWorld *bench.World
)

// seeded returns a store with 100,000 callbacks, made once per test binary run.
func seeded(b *testing.B) (*sqlite.Store, *bench.World) {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "velocity-bench-")
		if err != nil {
			b.Fatal(err)
		}
		s, err := sqlite.Open(context.Background(), filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		w, err := bench.Seed(context.Background(), s, bench.Shape{Tenants: 1, Teams: 20, Agents: 200, Callbacks: 100_000}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			b.Fatal(err)
		}
		benchStore, benchWorld = s, w
	})
	return benchStore, benchWorld
}

// BenchmarkListForAgent lists an agent's worklist (personal + team, 50 rows) directly on
// the store, 8 goroutines per CPU.
func BenchmarkListForAgent(b *testing.B) {
	s, w := seeded(b)
	st := w.Tenants[0]
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		r := rand.New(rand.NewPCG(rand.Uint64(), 1))
		for pb.Next() {
			team := st.Teams[r.IntN(len(st.Teams))]
			agent := st.Agents[team][r.IntN(len(st.Agents[team]))]
			items, err := s.ListCallbacks(context.Background(), st.Tenant.ID, velocity.ListQuery{AgentID: agent, TeamID: team, Limit: 51})
			if err != nil || len(items) != 51 {
				b.Fatalf("%d items, %v", len(items), err)
			}
		}
	})
}

// BenchmarkConsoleIndexCost measures a create and a claim with and without the
// console's indexes (bench.BenchIndexCost).
func BenchmarkConsoleIndexCost(b *testing.B) {
	var path string // of the store being measured
	bench.BenchIndexCost(b, func(b *testing.B) velocity.Store {
		path = filepath.Join(b.TempDir(), "ix.db")
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}, func(b *testing.B, _ velocity.Store, stmt string) {
		db, err := sql.Open("sqlite", path)
		if err == nil {
			_, err = db.Exec(stmt)
			db.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
	})
}
