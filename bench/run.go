package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/httpapi"
	"github.com/customerdynamics/velocity/sqlite"
)

// Options configures a benchmark run.
type Options struct {
	DB       string
	Shape    Shape
	Clients  []int
	Duration time.Duration
	Warmup   time.Duration
	Ops      []string // of OpNames
	Direct   bool     // also run the operations directly on the store, without HTTP
	// SchedulerDue, when > 0, times SchedulerPasses scheduler passes (at least one),
	// each finding this many new callbacks falling due at once; DueDelay, when > 0, measures that many window-opening to
	// due-event delays on an agent's stream.
	SchedulerDue    int
	SchedulerPasses int
	DueDelay        int
	Logger          *slog.Logger
	// SQLiteDurability is the SQLite store's durability (default full).
	SQLiteDurability sqlite.Durability
}

// OpNames lists the operations in the order they run. Claims run last: each claims a
// distinct seeded team callback.
var OpNames = []string{"healthz", "me", "list", "create", "claim"}

var opKeys = map[string]string{"healthz": "healthz", "me": "me (authenticated)", "list": "list-for-agent", "create": "create", "claim": "claim"}

// Run seeds the store, serves the product on a loopback port, and measures each
// operation at each client count, writing a table to out.
func Run(ctx context.Context, o Options, out io.Writer) ([]Result, error) {
	// The server logs every request as in production, but to nowhere, so that the cost
	// is measured and the output stays readable.
	serverLog := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	// No request limits: the benchmark measures what the server can do.
	a, err := app.Open(ctx, app.Config{DB: o.DB, Logger: serverLog, SQLiteDurability: o.SQLiteDurability, Limits: &httpapi.Limits{}})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	if o.DueDelay > 0 {
		a.StartScheduler(ctx)
	}
	o.Logger.Info("seeding", "db", o.DB, "tenants", o.Shape.Tenants, "teams", o.Shape.Teams, "agents", o.Shape.Agents, "callbacks", o.Shape.Callbacks)
	w, err := Seed(ctx, a.Store, o.Shape, o.Logger)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	maxClients := 1
	for _, c := range o.Clients {
		maxClients = max(maxClients, c)
	}
	transport := &http.Transport{MaxIdleConns: maxClients * 2, MaxIdleConnsPerHost: maxClients * 2, IdleConnTimeout: time.Minute}
	ht := &HTTPTarget{Base: "http://" + ln.Addr().String(), Client: &http.Client{Transport: transport, Timeout: 30 * time.Second}, World: w}
	st := &StoreTarget{Service: a.Service, World: w}
	// A running server has verified its tenants' credentials long ago; verify each once
	// (a slow password hash apiece) so that no measurement pays for a cold cache.
	o.Logger.Info("verifying each tenant's credentials once")
	for i := range w.Tenants {
		if err := ht.do(ctx, &w.Tenants[i], "GET", "/api/v1/me", nil, 200); err != nil {
			return nil, fmt.Errorf("warm-up: %w", err)
		}
	}

	want := map[string]bool{}
	for _, op := range o.Ops {
		if _, ok := opKeys[op]; !ok {
			return nil, fmt.Errorf("unknown operation %q; choose from %v", op, OpNames)
		}
		want[op] = true
	}
	var results []Result
	for _, op := range OpNames {
		if !want[op] {
			continue
		}
		for _, clients := range o.Clients {
			if o.Direct && op != "healthz" && op != "me" {
				if f, ok := st.Ops(clients)[opKeys[op]]; ok {
					r := drive(ctx, opKeys[op]+" (direct)", clients, o.Duration, o.Warmup, f)
					results = append(results, r)
					o.Logger.Info("measured", "op", r.Op, "clients", clients, "rps", int(r.RPS()), "p99", r.P99)
				}
			}
			r := drive(ctx, opKeys[op], clients, o.Duration, o.Warmup, ht.Ops(clients)[opKeys[op]])
			results = append(results, r)
			o.Logger.Info("measured", "op", r.Op, "clients", clients, "rps", int(r.RPS()), "p99", r.P99)
		}
	}
	fmt.Fprintln(out, "The benchmark tenants' policy allows calling around the clock, so each operation measures the same at any hour; the server runs without request limits.")
	Print(out, results)
	if o.DueDelay > 0 {
		d, err := DueDelay(ctx, ht.Base, ht.Client, &w.Tenants[0], o.DueDelay)
		if err != nil {
			return results, fmt.Errorf("due delay: %w", err)
		}
		fmt.Fprintf(out, "due event delay (window opens -> event on an agent's stream), %d samples: p50 %s, p99 %s, max %s\n",
			len(d), fmtDur(d[len(d)/2]), fmtDur(d[min(len(d)-1, len(d)*99/100)]), fmtDur(d[len(d)-1]))
	}
	if o.SchedulerDue > 0 {
		if a.Scheduler != nil {
			a.Scheduler.Stop()
		}
		res, err := SchedulerPass(ctx, a.Store, w, o.SchedulerDue, o.SchedulerPasses, serverLog)
		if err != nil {
			return results, fmt.Errorf("scheduler pass: %w", err)
		}
		took := make([]time.Duration, len(res))
		each := make([]string, len(res))
		for i, r := range res {
			took[i], each[i] = r.Took, r.Took.Round(time.Millisecond).String()
		}
		slices.Sort(took)
		if len(res) == 1 {
			fmt.Fprintf(out, "scheduler pass with %d callbacks of which %d fall due at once: %s (%d due events)",
				o.Shape.Callbacks+o.SchedulerDue, o.SchedulerDue, res[0].Took.Round(time.Millisecond), res[0].Due)
		} else {
			// Each pass adds its own due callbacks to what the earlier ones left (announced).
			fmt.Fprintf(out, "scheduler passes, each finding %d callbacks falling due at once among %d to %d: median %s (%s)",
				o.SchedulerDue, o.Shape.Callbacks+o.SchedulerDue, o.Shape.Callbacks+len(res)*o.SchedulerDue,
				took[(len(took)-1)/2].Round(time.Millisecond), strings.Join(each, ", "))
		}
		fmt.Fprintln(out)
	}
	return results, nil
}
