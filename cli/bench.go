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
	"slices"
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
// event streams on separate `velocity serve` processes; or, with --soak, hold one such
// process under mixed traffic and stream churn and show whether its memory, goroutines
// and open files stay flat (see package bench).
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
  velocity bench --soak D [--rate R] [--streams N] [--stream-teams T] [--churn F] [--warmup W] [--tolerance P] [--db PATH|URL] [--json]
      starts one "velocity serve" process on a loopback port (on --db, else a new SQLite
      file) and for D makes R requests a second of mixed traffic (creates, lists, claims,
      attempts, reschedules, cancels, number look-ups, policy and callback reads) while it
      holds N agents' event streams open and closes and reopens a share F of them every
      second (every other reopening with Last-Event-ID); it samples the server's resident
      memory (what its Go runtime holds, and the rest), live Go heap, goroutines and open
      files every few seconds (D/120, 0.25-5 s). After the warm-up W it reports each
      series' first, last, least and greatest value and calls it flat when its last
      quarter's average exceeds its second quarter's by at most P percent (or a small
      absolute slack). Exits 1 when a judged series grew (Go's memory, the heap, goroutines,
      open files; resident memory too on PostgreSQL: on SQLite it holds SQLite's page
      caches, which fill as the database grows), a request failed, or a stream was dropped
      or could not open. "make soak-ci" runs it for 60 s.

  velocity bench --webhooks [--rate R] [--duration D] [--endpoints E] [--db PATH|URL] [--json]
      serves the product in this process on --db (else a new SQLite file), registers E
      webhook endpoints on loopback for callback.created and creates R callbacks a second
      for D through the API; reports messages expected, received (signatures verified)
      and MISSING, and the delay from each create request to its message (p50/p90/p99/max).
  velocity bench --console [--db PATH|URL] [--clients N,...] [--duration D] [--direct] [--plans] [--only TEXT]
      the supervisor console's searches (each filter combination with an index, and a
      few without) and dashboards on a data set of --callbacks (default 1,000,000) over
      --tenants (100), --teams (2,000) and --agents (20,000), seeded into --db unless it
      holds it already (a postgres:// URL may name a scratch schema with
      ?search_path=NAME, created when missing); --plans prints each one's query plans.

Flags:
`

// The flags each mode alone takes: a flag of another mode is refused.
var (
	requestFlags = []string{"callbacks", "tenants", "teams", "agents", "clients", "ops", "direct", "scheduler-due", "scheduler-passes", "due-delay"}
	streamFlags  = []string{"stream-teams", "rate", "servers", "writers", "drain"}
	soakFlags    = []string{"churn", "tolerance"}
	webhookFlags = []string{"webhooks", "endpoints"}
)

// modeFlags says, for each mode, which flags it takes besides --db, --json and
// --cpuprofile: the request mode takes --duration and --warmup, the stream mode
// --streams and --duration, the soak the stream mode's --rate, --streams,
// --stream-teams and --writers, and --warmup.
var modeFlags = map[string][]string{
	"request":  append([]string{"duration", "warmup"}, requestFlags...),
	"streams":  append([]string{"streams", "duration"}, streamFlags...),
	"soak":     append([]string{"soak", "rate", "streams", "stream-teams", "writers", "warmup"}, soakFlags...),
	"webhooks": append([]string{"rate", "duration", "writers", "drain"}, webhookFlags...),
}

// Run parses the flags and runs the benchmark.
func (c *Bench) Run(ctx context.Context, args []string) error {
	fs := c.flags("bench")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, benchHelp)
		fs.PrintDefaults()
	}
	db := fs.String("db", "", "database to seed and measure (with --streams or --soak: the servers' database): a SQLite path or postgres:// URL (default: a new SQLite file in a temp dir)")
	callbacks := fs.Int("callbacks", 100_000, "callbacks to seed")
	tenants := fs.Int("tenants", 1, "tenants to seed")
	teams := fs.Int("teams", 20, "teams to seed, across tenants")
	agents := fs.Int("agents", 200, "agents to seed, across teams")
	clients := fs.String("clients", "8", "comma-separated concurrent client counts, e.g. 1,8,32")
	duration := fs.Duration("duration", 5*time.Second, "measuring time per operation and client count; with --streams, how long changes are created")
	warmup := fs.Duration("warmup", 0, "warm-up before each measurement (default 1s); with --soak, the first part of the run, whose samples are not judged (default a sixth of --soak, at most 1m)")
	ops := fs.String("ops", strings.Join(bench.OpNames, ","), "operations: "+strings.Join(bench.OpNames, ","))
	direct := fs.Bool("direct", false, "also run list, create and claim directly on the service and store, without HTTP")
	schedDue := fs.Int("scheduler-due", 0, "also time a scheduler pass that finds this many callbacks falling due at once (see --scheduler-passes)")
	schedPasses := fs.Int("scheduler-passes", 1, "with --scheduler-due: time this many passes, each over that many new callbacks, and report each and the median (the lower middle one of an even number)")
	dueDelay := fs.Int("due-delay", 0, "also measure this many window-opening to due-event delays on an agent's stream")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	asJSON := fs.Bool("json", false, "print the results as JSON (the progress log still goes to stderr)")
	durability := fs.String("sqlite-durability", "full", "SQLite: full or normal (see velocity serve -h)")
	streams := fs.Int("streams", 0, "stream mode: open this many agents' event streams on separate velocity serve processes and measure how changes reach them; with --soak, the streams held open and churned (default 300)")
	streamTeams := fs.Int("stream-teams", 10, "with --streams or --soak: teams the agents are spread over (agent i in team i mod T); each change reaches streams/T streams")
	rate := fs.Float64("rate", 0, "with --streams: team callbacks created per second, round-robin over the teams (default 20); with --soak: requests a second of mixed traffic (default 40)")
	servers := fs.Int("servers", 1, "with --streams: velocity serve processes sharing the database (more than 1 needs a postgres:// --db); streams and creates are spread over them")
	writers := fs.Int("writers", 16, "with --streams, --soak or --webhooks: requests in flight at most")
	drain := fs.Duration("drain", 10*time.Second, "with --streams or --webhooks: how long to wait after the last create for deliveries still on their way")
	soak := fs.Duration("soak", 0, "soak mode: run mixed traffic and stream churn against one velocity serve process for this long, e.g. 10m, and judge whether its memory, goroutines and open files stay flat")
	churn := fs.Float64("churn", 0.05, "with --soak: the share of the streams closed and reopened every second")
	tolerance := fs.Float64("tolerance", 10, "with --soak: how much, in percent, a series' last-quarter average may exceed its second-quarter average and still be flat")
	webhooks := fs.Bool("webhooks", false, "webhook mode: measure the delay from a change to its webhook message at --rate creates a second")
	endpoints := fs.Int("endpoints", 1, "with --webhooks: webhook endpoints on loopback, each receiving every message")
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
	mode := "request"
	switch {
	case set["soak"]:
		mode = "soak"
	case *webhooks:
		mode = "webhooks"
	case *streams > 0:
		mode = "streams"
	}
	if err := checkModeFlags(mode, set); err != nil {
		return err
	}
	if mode == "webhooks" {
		if *rate == 0 && !set["rate"] {
			*rate = 200
		}
		if *rate <= 0 || *duration <= 0 || *writers < 1 || *drain <= 0 || *endpoints < 1 || *endpoints > 20 {
			return usageErr("--rate, --duration, --writers and --drain must be above zero, --endpoints from 1 to 20")
		}
		return c.webhooks(ctx, bench.WebhookOptions{DB: *db, Rate: *rate, Duration: *duration, Writers: *writers, Endpoints: *endpoints, Drain: *drain}, *asJSON)
	}
	if mode == "soak" {
		if *soak <= 0 || *soak > 24*time.Hour {
			return usageErr("--soak must be a duration above zero and at most 24h, e.g. 10m")
		}
		if set["streams"] && (*streams < 1 || *streams > 20_000) {
			return usageErr("--streams must be from 1 to 20000")
		}
		if *streams == 0 {
			*streams = 300
		}
		if *streamTeams < 1 || *streamTeams > *streams {
			return usageErr("--stream-teams must be from 1 to --streams")
		}
		if set["rate"] && (*rate <= 0 || *rate > 2000) {
			return usageErr("--rate must be above zero and at most 2000 requests a second")
		}
		if *writers < 1 || *churn < 0 || *churn > 1 || *tolerance < 0 {
			return usageErr("--writers must be at least 1, --churn a share from 0 to 1, --tolerance a percentage of 0 or more")
		}
		if set["warmup"] && (*warmup < 0 || *warmup >= *soak) {
			return usageErr("--warmup must be shorter than --soak")
		}
		return c.soak(ctx, bench.SoakOptions{DB: *db, Duration: *soak, Warmup: *warmup, Rate: *rate, Writers: *writers,
			Streams: *streams, Teams: *streamTeams, Churn: *churn, Tolerance: *tolerance}, *asJSON, *cpuprofile)
	}
	if mode == "streams" {
		if *streamTeams < 1 || *streamTeams > *streams {
			return usageErr("--stream-teams must be from 1 to --streams")
		}
		if *rate == 0 && !set["rate"] {
			*rate = 20
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
	if !set["warmup"] {
		*warmup = time.Second
	}
	stopProfile, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if *console {
		for _, name := range []string{"ops", "scheduler-due", "scheduler-passes", "due-delay"} {
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
	if *schedPasses < 1 || *schedPasses > 100 {
		return usageErr("--scheduler-passes must be from 1 to 100")
	}
	if set["scheduler-passes"] && *schedDue == 0 {
		return usageErr("--scheduler-passes needs --scheduler-due")
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
	log := c.logger()
	out := io.Writer(c.Stdout)
	if *asJSON {
		out = c.Stderr // the human-readable table; stdout gets the JSON
	}
	fmt.Fprintf(out, "velocity bench: %d callbacks, %d tenants, %d teams, %d agents on %s; %s per measurement\n",
		*callbacks, *tenants, *teams, *agents, engine(*db), *duration)
	results, err := bench.Run(ctx, bench.Options{DB: *db, Shape: bench.Shape{Tenants: *tenants, Teams: *teams, Agents: *agents, Callbacks: *callbacks},
		Clients: cs, Duration: *duration, Warmup: *warmup, Ops: splitList(*ops), Direct: *direct, SchedulerDue: *schedDue, SchedulerPasses: *schedPasses, DueDelay: *dueDelay, Logger: log, SQLiteDurability: sqlite.Durability(*durability)}, out)
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
	stopProfile, err := startCPUProfile(cpuprofile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if o.Binary, err = c.binary(); err != nil {
		return err
	}
	// Ctrl-C ends the run; the servers are stopped before RunStreams returns.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.Logger = c.logger()
	rep, err := bench.RunStreams(ctx, o)
	if err != nil && ctx.Err() != nil {
		return errors.New("interrupted; the servers were stopped")
	}
	if err != nil {
		return err
	}
	return c.report(rep, asJSON, "the stream run found problems (above)")
}

// benchReport is a report of a mode that drives servers: it prints itself for people
// and says whether the run found a problem.
type benchReport interface {
	Print(w io.Writer)
	OK() bool
}

// report prints rep (as JSON on standard output, the text on standard error, when
// asJSON) and fails with problem when the run found one.
func (c *Bench) report(rep benchReport, asJSON bool, problem string) error {
	if asJSON {
		rep.Print(c.Stderr)
		if err := c.printJSON(rep); err != nil {
			return err
		}
	} else {
		rep.Print(c.Stdout)
	}
	if !rep.OK() {
		return errors.New(problem)
	}
	return nil
}

// startCPUProfile writes a CPU profile of this process to path until the returned
// function is called; with no path it does nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// binary is the velocity program the modes that start servers run: c.Binary, else
// this program.
func (c *Bench) binary() (string, error) {
	if c.Binary != "" {
		return c.Binary, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("the velocity program to serve with: %w", err)
	}
	return exe, nil
}

// logger logs a run's progress to standard error.
func (c *Bench) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

var modeNames = map[string]string{"request": "the request mode", "streams": "--streams", "soak": "--soak", "webhooks": "--webhooks"}

// checkModeFlags refuses a flag that mode does not take, naming the modes that do.
func checkModeFlags(mode string, set map[string]bool) error {
	if mode == "soak" && set["duration"] {
		return usageErr("--soak D is the soak's duration; --duration does not apply with it")
	}
	takes := map[string]bool{}
	for _, name := range modeFlags[mode] {
		takes[name] = true
	}
	for name := range set {
		if takes[name] {
			continue
		}
		var in []string
		for _, m := range []string{"request", "streams", "soak", "webhooks"} {
			if slices.Contains(modeFlags[m], name) {
				in = append(in, modeNames[m])
			}
		}
		switch {
		case len(in) == 0: // --db, --json and the like: every mode's
		case in[0] == modeNames["request"] && len(in) == 1:
			return usageErr("--%s measures requests; it does not apply with %s", name, modeNames[mode])
		default:
			return usageErr("--%s applies only to %s, not to %s", name, strings.Join(in, " and "), modeNames[mode])
		}
	}
	return nil
}

// webhooks runs the webhook mode and prints its report; it fails when a message was
// missing, duplicated or badly signed, after printing the report.
func (c *Bench) webhooks(ctx context.Context, o bench.WebhookOptions, asJSON bool) error {
	if o.DB == "" {
		dir, err := os.MkdirTemp("", "velocity-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.DB = filepath.Join(dir, "bench.db")
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.Logger = c.logger()
	rep, err := bench.RunWebhooks(ctx, o)
	if err != nil {
		return err
	}
	return c.report(rep, asJSON, "the webhook run found problems (above)")
}

// soak runs the soak mode and prints its report; it fails when the run found a problem
// (a series that grew among them), after printing it.
func (c *Bench) soak(ctx context.Context, o bench.SoakOptions, asJSON bool, cpuprofile string) error {
	stopProfile, err := startCPUProfile(cpuprofile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if o.Binary, err = c.binary(); err != nil {
		return err
	}
	// Ctrl-C ends the run; the server is stopped before RunSoak returns.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.Logger = c.logger()
	rep, err := bench.RunSoak(ctx, o)
	if err != nil && ctx.Err() != nil {
		return errors.New("interrupted; the server was stopped")
	}
	if err != nil {
		return err
	}
	return c.report(rep, asJSON, "the soak found problems (above)")
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
	log := c.logger()
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
