package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/bench"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/postgres/pgscale"
	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/storetest"
)

// The BenchmarkDirect* benchmarks run the service's statements on the scale data set
// (pgscale.Default in schema velocity_scale, seeded on first use, about a minute) straight
// on the database, without HTTP: the denominator for the HTTP figures. Each runs at 1, 8
// and 32 concurrent clients and reports ops/s, p50 and p99.
//
//	go test ./postgres -run '^$' -bench Direct -benchtime 5s

var (
	scaleOnce sync.Once
	scaleData pgscale.Dataset
	scaleErr  error
)

func scale(b *testing.B) pgscale.Dataset {
	base := pgtest.BaseURL(b)
	scaleOnce.Do(func() {
		scaleData, scaleErr = pgscale.Ensure(context.Background(), base, pgscale.DefaultSchema, pgscale.Default, b.Logf)
	})
	if scaleErr != nil {
		b.Fatal(scaleErr)
	}
	return scaleData
}

// clients runs op from n goroutines until b.N operations are done and reports
// throughput and latency percentiles. (b.RunParallel starts a multiple of GOMAXPROCS
// goroutines, so it cannot run exactly one client on two cores; this runs exactly n.)
func clients(b *testing.B, n int, op func(ctx context.Context, client int, r *rand.Rand) error) {
	ctx := context.Background()
	var next atomic.Int64
	lat := make([][]time.Duration, n)
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := 0; c < n; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), uint64(time.Now().UnixNano())))
			for next.Add(1) <= int64(b.N) {
				t := time.Now()
				if err := op(ctx, c, r); err != nil {
					if failed.Add(1) == 1 {
						b.Errorf("client %d: %v", c, err)
					}
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[min(len(all)-1, int(float64(len(all))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "ops/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}

func benchService(b *testing.B, n int) (pgscale.Dataset, *velocity.Service) {
	d := scale(b)
	s, err := postgres.Open(context.Background(), d.URL, postgres.Options{MaxConns: int32(max(n, 4))})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	// Calling is allowed around the clock so that claims measure the same at any hour.
	for i := 0; i < d.Sizes.Tenants; i++ {
		if err := s.PutPolicy(context.Background(), pgscale.TenantID(i), storetest.AllDay(), velocity.SystemClock{}.Now()); err != nil {
			b.Fatal(err)
		}
	}
	clock := velocity.SystemClock{}
	return d, &velocity.Service{Store: s, Clock: clock, Policies: &velocity.Policies{Store: s, Clock: clock}}
}

var clientCounts = []int{1, 8, 32}

// BenchmarkDirectList lists a random agent's worklist (its own and its team's unassigned
// open callbacks, 50 rows), as GET /api/v1/callbacks?agentId=&teamId= does.
func BenchmarkDirectList(b *testing.B) {
	for _, n := range clientCounts {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			d, svc := benchService(b, n)
			clients(b, n, func(ctx context.Context, _ int, r *rand.Rand) error {
				agent := r.IntN(d.Agents())
				team := d.TeamOfAgent(agent)
				items, _, err := svc.List(ctx, d.Principal(d.TenantOfTeam(team)), velocity.ListQuery{AgentID: pgscale.AgentID(agent), TeamID: pgscale.TeamID(team)})
				if err == nil && len(items) == 0 {
					err = errors.New("empty worklist")
				}
				return err
			})
		})
	}
}

var createSeq atomic.Int64

// areaCodes are valid US area codes; each run of the benchmark uses one, so that runs
// rarely meet numbers an earlier run left open.
var areaCodes = []int{212, 646, 718, 917, 347, 415, 312, 617, 206, 303, 512, 702, 305, 404, 713}

// BenchmarkDirectCreate creates a team callback for a new number (open-number check,
// insert, event, one transaction), as POST /api/v1/callbacks does.
func BenchmarkDirectCreate(b *testing.B) {
	run := time.Now().Unix() % 100000
	for _, n := range clientCounts {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			d, svc := benchService(b, n)
			clients(b, n, func(ctx context.Context, _ int, r *rand.Rand) error {
				team := r.IntN(d.Teams())
				phone := fmt.Sprintf("+1%d%07d", areaCodes[run%int64(len(areaCodes))], 2_000_000+createSeq.Add(1)%8_000_000)
				_, _, err := svc.Create(ctx, d.Principal(d.TenantOfTeam(team)), "", velocity.CreateInput{TeamID: pgscale.TeamID(team), PhoneNumber: phone, Notes: "bench"}, "")
				if errors.Is(err, velocity.ErrDuplicateOpen) {
					return nil // a number left open by an earlier run
				}
				return err
			})
		})
	}
}

// BenchmarkDirectClaim claims a random open team callback (locked read, update, event,
// one transaction), as POST /api/v1/callbacks/{id}/claim does. Each client is one agent
// who renews its own claims, so every claim succeeds.
func BenchmarkDirectClaim(b *testing.B) {
	for _, n := range clientCounts {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			d, svc := benchService(b, n)
			ids := claimable(b, d)
			clients(b, n, func(ctx context.Context, c int, r *rand.Rand) error {
				t := ids[r.IntN(len(ids))]
				_, err := svc.Claim(ctx, d.Principal(t.tenant), t.id, fmt.Sprintf("bench-agent-%d", c))
				if errors.Is(err, velocity.ErrAlreadyClaimed) {
					return nil // another client holds it: the transaction ran all the same
				}
				return err
			})
		})
	}
}

type target struct {
	tenant int
	id     string
}

// claimable returns up to 50,000 open team callbacks spread over all tenants.
func claimable(b *testing.B, d pgscale.Dataset) []target {
	s, err := postgres.Open(context.Background(), d.URL, postgres.Options{SkipMigrate: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rows, err := s.Pool().Query(context.Background(), `SELECT tenant_id, id FROM callbacks TABLESAMPLE SYSTEM (10)
		WHERE agent_id IS NULL AND status IN ('scheduled', 'claimed') LIMIT 50000`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []target
	for rows.Next() {
		var tn, id string
		if err := rows.Scan(&tn, &id); err != nil {
			b.Fatal(err)
		}
		var i int
		fmt.Sscanf(tn, "tn_scale_%d", &i)
		out = append(out, target{tenant: i, id: id})
	}
	if len(out) == 0 {
		b.Fatal("no open team callbacks in the data set")
	}
	return out
}

// BenchmarkConsoleIndexCost measures a create and a claim with and without the
// console's indexes (bench.BenchIndexCost).
func BenchmarkConsoleIndexCost(b *testing.B) {
	bench.BenchIndexCost(b, func(b *testing.B) velocity.Store {
		return pgtest.Open(b, postgres.Options{MaxConns: 8})
	}, func(b *testing.B, s velocity.Store, stmt string) {
		if _, err := s.(*postgres.Store).Pool().Exec(context.Background(), stmt); err != nil {
			b.Fatal(err)
		}
	})
}
