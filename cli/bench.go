package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/customerdynamics/velocity/bench"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/sqlite"
)

// Bench is "velocity bench": seed a data set, serve it on loopback and measure the API
// with concurrent clients; or, with --streams, measure how changes fan out to agents'
// event streams on separate `velocity serve` processes (see package bench).
type Bench struct {
	Env
	// Binary is the velocity program the stream mode starts servers with (default: this
	// program, os.Executable()).
	Binary string
}

const benchHelp = `Usage:
  velocity bench [--callbacks N] [--clients N,...] [--duration D] [--db PATH|URL] [--json]
      seeds a data set, serves it in this process on a loopback port, and measures
      requests per second and latency with concurrent clients.
  velocity bench --streams N [--stream-teams T] [--rate R] [--duration D] [--servers K] [--db PATH|URL] [--json]
      starts K separate "velocity serve" processes on loopback ports (on --db, else a new
      SQLite file), opens N agents' event streams (agent i in team i mod T) and creates R team
      callbacks a second for D; reports deliveries expected, received and MISSING, the
      delay from create to event (p50/p99/max), the servers' memory per idle stream and
      their CPU. Exits 1 when the run found a problem: a stream that did not connect,
      a change not made, a delivery missing, a stream the server dropped.
  velocity bench --console [--db PATH|URL] [--clients N,...] [--duration D] [--direct] [--plans] [--only TEXT]
      the supervisor console's searches (each filter combination with an index, and a
      few without) and dashboards on a data set of --callbacks (default 1,000,000) over
      --tenants (100), --teams (2,000) and --agents (20,000), seeded into --db unless it
      holds it already (a postgres:// URL may name a scratch schema with
      ?search_path=NAME, created when missing); --plans prints each one's query plans.

Flags:
`

// streamFlags are the flags of the stream mode alone; requestFlags those of the request
// mode alone.
var (
	streamFlags  = []string{"stream-teams", "rate", "servers", "writers", "drain"}
	requestFlags = []string{"callbacks", "tenants", "teams", "agents", "clients", "warmup", "ops", "direct", "scheduler-due", "due-delay"}
)

// Run parses the flags and runs the benchmark.
func (c *Bench) Run(ctx context.Context, args []string) error {
	fs := c.flags("bench")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, benchHelp)
		fs.PrintDefaults()
	}
	db := fs.String("db", "", "database to seed and measure (with --streams: the servers' database): a SQLite path or postgres:// URL (default: a new SQLite file in a temp dir)")
	callbacks := fs.Int("callbacks", 100_000, "callbacks to seed")
	tenants := fs.Int("tenants", 1, "tenants to seed")
	teams := fs.Int("teams", 20, "teams to seed, across tenants")
	agents := fs.Int("agents", 200, "agents to seed, across teams")
	clients := fs.String("clients", "8", "comma-separated concurrent client counts, e.g. 1,8,32")
	duration := fs.Duration("duration", 5*time.Second, "measuring time per operation and client count; with --streams, how long changes are created")
	warmup := fs.Duration("warmup", time.Second, "warm-up before each measurement")
	ops := fs.String("ops", strings.Join(bench.OpNames, ","), "operations: "+strings.Join(bench.OpNames, ","))
	direct := fs.Bool("direct", false, "also run list, create and claim directly on the service and store, without HTTP")
	schedDue := fs.Int("scheduler-due", 0, "also time one scheduler pass that finds this many callbacks falling due at once")
	dueDelay := fs.Int("due-delay", 0, "also measure this many window-opening to due-event delays on an agent's stream")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	asJSON := fs.Bool("json", false, "print the results as JSON (the progress log still goes to stderr)")
	durability := fs.String("sqlite-durability", "full", "SQLite: full or normal (see velocity serve -h)")
	streams := fs.Int("streams", 0, "stream mode: open this many agents' event streams on separate velocity serve processes and measure how changes reach them")
	streamTeams := fs.Int("stream-teams", 10, "with --streams: teams the agents are spread over (agent i in team i mod T); each change reaches streams/T streams")
	rate := fs.Float64("rate", 20, "with --streams: team callbacks created per second, round-robin over the teams")
	servers := fs.Int("servers", 1, "with --streams: velocity serve processes sharing the database (more than 1 needs a postgres:// --db); streams and creates are spread over them")
	writers := fs.Int("writers", 16, "with --streams: create requests in flight at most")
	drain := fs.Duration("drain", 10*time.Second, "with --streams: how long to wait after the last create for deliveries still on their way")
	console := fs.Bool("console", false, "console mode: measure the supervisor console's searches and dashboards")
	only := fs.String("only", "", "with --console: only the operations whose name contains this text")
	plans := fs.Bool("plans", false, "with --console: print each operation's query plans")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *streams > 0 {
		for _, name := range requestFlags {
			if set[name] {
				return usageErr("--%s measures requests; it does not apply with --streams", name)
			}
		}
		if *streamTeams < 1 || *streamTeams > *streams {
			return usageErr("--stream-teams must be from 1 to --streams")
		}
		if *rate <= 0 || *duration <= 0 || *servers < 1 || *writers < 1 || *drain <= 0 {
			return usageErr("--rate, --duration, --servers, --writers and --drain must be above zero")
		}
		if *servers > 1 && !postgres.IsURL(*db) {
			return usageErr("--servers %d needs PostgreSQL: several servers share events only through a postgres:// --db", *servers)
		}
		return c.streams(ctx, bench.StreamOptions{DB: *db, Servers: *servers, Streams: *streams, Teams: *streamTeams,
			Rate: *rate, Duration: *duration, Writers: *writers, Drain: *drain}, *asJSON, *cpuprofile)
	}
	for _, name := range streamFlags {
		if set[name] {
			return usageErr("--%s applies only with --streams", name)
		}
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
	if *console {
		for _, name := range []string{"ops", "scheduler-due", "due-delay"} {
			if set[name] {
				return usageErr("--%s does not apply with --console", name)
			}
		}
		shape := bench.DefaultConsoleShape
		if set["callbacks"] {
			shape.Callbacks = *callbacks
		}
		if set["tenants"] {
			shape.Tenants = *tenants
		}
		teamsTotal, agentsTotal := shape.Tenants*shape.TeamsPerTenant, shape.Tenants*shape.TeamsPerTenant*shape.AgentsPerTeam
		if set["teams"] {
			teamsTotal = *teams
		}
		if set["agents"] {
			agentsTotal = *agents
		}
		if shape.Tenants < 1 || teamsTotal < shape.Tenants || agentsTotal < teamsTotal || shape.Callbacks < shape.Tenants {
			return usageErr("need callbacks >= tenants >= 1, teams >= tenants, agents >= teams")
		}
		shape.TeamsPerTenant, shape.AgentsPerTeam = teamsTotal/shape.Tenants, agentsTotal/teamsTotal
		return c.console(ctx, *db, shape, *clients, *duration, *warmup, *direct, *only, *plans)
	} else if set["only"] || set["plans"] {
		return usageErr("--only and --plans apply only with --console")
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
		Clients: cs, Duration: *duration, Warmup: *warmup, Ops: splitList(*ops), Direct: *direct, SchedulerDue: *schedDue, DueDelay: *dueDelay, Logger: log, SQLiteDurability: sqlite.Durability(*durability)}, out)
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

// streams runs the stream mode and prints its report; it fails when the run found a
// problem, after printing it.
func (c *Bench) streams(ctx context.Context, o bench.StreamOptions, asJSON bool, cpuprofile string) error {
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	o.Binary = c.Binary
	if o.Binary == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("the velocity program to serve with: %w", err)
		}
		o.Binary = exe
	}
	// Ctrl-C ends the run; the servers are stopped before RunStreams returns.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.Logger = slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	rep, err := bench.RunStreams(ctx, o)
	if err != nil && ctx.Err() != nil {
		return errors.New("interrupted; the servers were stopped")
	}
	if err != nil {
		return err
	}
	if asJSON {
		rep.Print(c.Stderr)
		if err := c.printJSON(rep); err != nil {
			return err
		}
	} else {
		rep.Print(c.Stdout)
	}
	if !rep.OK() {
		return errors.New("the stream run found problems (above)")
	}
	return nil
}

// console runs the console mode.
func (c *Bench) console(ctx context.Context, db string, shape bench.ConsoleShape, clients string, d, warmup time.Duration, direct bool, only string, plans bool) error {
	var cs []int
	for _, s := range splitList(clients) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1024 {
			return usageErr("--clients must be numbers from 1 to 1024")
		}
		cs = append(cs, n)
	}
	if db == "" {
		dir, err := os.MkdirTemp("", "velocity-console-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "console.db")
	}
	if postgres.IsURL(db) {
		if err := postgres.EnsureSchema(ctx, db); err != nil {
			return err
		}
	}
	log := slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	fmt.Fprintf(c.Stdout, "velocity bench --console on %s; %s per measurement\n", engine(db), d)
	_, err := bench.RunConsole(ctx, bench.ConsoleOptions{DB: db, Shape: shape, Clients: cs, Duration: d, Warmup: warmup,
		Direct: direct, Only: only, Plans: plans, Logger: log}, c.Stdout)
	return err
}

func engine(db string) string {
	if postgres.IsURL(db) {
		return "PostgreSQL"
	}
	return "SQLite"
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
