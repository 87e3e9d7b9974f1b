package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity/bench"
	"github.com/customerdynamics/velocity/postgres"
)

// Bench is "velocity bench": seed a data set, serve it on loopback and measure the API
// with concurrent clients (see package bench).
type Bench struct{ Env }

// Run parses the flags and runs the benchmark.
func (c *Bench) Run(ctx context.Context, args []string) error {
	fs := c.flags("bench")
	db := fs.String("db", "", "database to seed and measure: a SQLite path or postgres:// URL (default: a new SQLite file in a temp dir)")
	callbacks := fs.Int("callbacks", 100_000, "callbacks to seed")
	tenants := fs.Int("tenants", 1, "tenants to seed")
	teams := fs.Int("teams", 20, "teams to seed, across tenants")
	agents := fs.Int("agents", 200, "agents to seed, across teams")
	clients := fs.String("clients", "8", "comma-separated concurrent client counts, e.g. 1,8,32")
	duration := fs.Duration("duration", 5*time.Second, "measuring time per operation and client count")
	warmup := fs.Duration("warmup", time.Second, "warm-up before each measurement")
	ops := fs.String("ops", strings.Join(bench.OpNames, ","), "operations: "+strings.Join(bench.OpNames, ","))
	direct := fs.Bool("direct", false, "also run list, create and claim directly on the service and store, without HTTP")
	schedDue := fs.Int("scheduler-due", 0, "also time one scheduler pass that finds this many callbacks falling due at once")
	dueDelay := fs.Int("due-delay", 0, "also measure this many window-opening to due-event delays on an agent's stream")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	asJSON := fs.Bool("json", false, "print the results as JSON (the progress log still goes to stderr)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var cs []int
	for _, s := range splitList(*clients) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1024 {
			return usageErr("--clients must be numbers from 1 to 1024")
		}
		cs = append(cs, n)
	}
	if *db == "" {
		dir, err := os.MkdirTemp("", "velocity-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*db = filepath.Join(dir, "bench.db")
	}
	log := slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	out := io.Writer(c.Stdout)
	if *asJSON {
		out = c.Stderr // the human-readable table; stdout gets the JSON
	}
	fmt.Fprintf(out, "velocity bench: %d callbacks, %d tenants, %d teams, %d agents on %s; %s per measurement\n",
		*callbacks, *tenants, *teams, *agents, engine(*db), *duration)
	results, err := bench.Run(ctx, bench.Options{DB: *db, Shape: bench.Shape{Tenants: *tenants, Teams: *teams, Agents: *agents, Callbacks: *callbacks},
		Clients: cs, Duration: *duration, Warmup: *warmup, Ops: splitList(*ops), Direct: *direct, SchedulerDue: *schedDue, DueDelay: *dueDelay, Logger: log}, out)
	if err != nil || !*asJSON {
		return err
	}
	rows := make([]map[string]any, 0, len(results))
	for _, r := range results {
		rows = append(rows, map[string]any{"operation": r.Op, "clients": r.Clients, "requests": r.Requests, "errors": r.Errors,
			"requestsPerSecond": r.RPS(), "p50Ms": ms(r.P50), "p99Ms": ms(r.P99), "maxMs": ms(r.Max)})
	}
	return c.printJSON(map[string]any{"engine": engine(*db), "callbacks": *callbacks, "results": rows})
}

func engine(db string) string {
	if postgres.IsURL(db) {
		return "PostgreSQL"
	}
	return "SQLite"
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
