package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/sqlstore"
)

// ConsoleOptions configures the console benchmark (velocity bench --console).
type ConsoleOptions struct {
	DB       string
	Shape    ConsoleShape
	Clients  []int         // for the searches (the dashboards run at 1 and at each)
	Duration time.Duration // per measurement
	Warmup   time.Duration
	Direct   bool   // also run each operation on the service and store, without HTTP
	Only     string // run only the operations whose name contains this
	Plans    bool   // print each operation's query plans
	Logger   *slog.Logger
}

// consoleOp is one measured console request: a search (query parameters) or a report
// (path and parameters), for a random tenant, team and agent.
type consoleOp struct {
	name    string
	indexed bool // the search reads through an index for its filters (README, "The console's API")
	// isReport marks a report grouped by report; the others are searches.
	isReport bool
	report   velocity.ReportGroup
	query    func(s ConsoleShape, r *rand.Rand, now time.Time) (tenant int, v url.Values)
}

// consoleOps are the searches the console makes, one per filter combination with an
// index and a few without, then the dashboards.
func consoleOps() []consoleOp {
	team := func(s ConsoleShape, r *rand.Rand, i int) string { return consoleTeam(i, r.IntN(s.TeamsPerTenant)) }
	agent := func(s ConsoleShape, r *rand.Rand, i int) string {
		return consoleAgent(i, r.IntN(s.TeamsPerTenant), r.IntN(s.AgentsPerTeam))
	}
	search := func(name string, indexed bool, f func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values)) consoleOp {
		return consoleOp{name: name, indexed: indexed, query: func(s ConsoleShape, r *rand.Rand, now time.Time) (int, url.Values) {
			i := r.IntN(s.Tenants)
			v := url.Values{"limit": {"50"}}
			f(s, r, i, now, v)
			return i, v
		}}
	}
	report := func(name string, by velocity.ReportGroup, oneTeam bool) consoleOp {
		return consoleOp{name: name, indexed: true, isReport: true, report: by, query: func(s ConsoleShape, r *rand.Rand, now time.Time) (int, url.Values) {
			i := r.IntN(s.Tenants)
			v := url.Values{"tz": {"America/New_York"}}
			if oneTeam {
				v.Set("team", team(s, r, i))
			}
			return i, v
		}}
	}
	open := "scheduled,claimed"
	return []consoleOp{
		search("tenant, all statuses", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {}),
		search("tenant, open", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) { v.Set("status", open) }),
		search("tenant, deep page (cursor)", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			at := now.Add(-time.Duration(r.Int64N(int64(time.Duration(s.Days) * 24 * time.Hour))))
			v.Set("cursor", velocity.SearchCursor{Sort: velocity.SortWindowStart, Time: at, ID: "cb_"}.Encode())
		}),
		search("tenant, window range", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			from := now.Add(-time.Duration(r.IntN(s.Days*24)) * time.Hour)
			v.Set("windowFrom", from.Format(time.RFC3339))
			v.Set("windowTo", from.Add(24*time.Hour).Format(time.RFC3339))
		}),
		search("tenant, one status (failed)", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) { v.Set("status", "failed") }),
		search("tenant, overdue", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) { v.Set("overdue", "true") }),
		search("tenant, due now", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) { v.Set("dueNow", "true") }),
		search("team, all statuses", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) { v.Set("team", team(s, r, i)) }),
		search("team, open", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("team", team(s, r, i))
			v.Set("status", open)
		}),
		search("3 teams, open", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v["team"] = []string{team(s, r, i), team(s, r, i), team(s, r, i)}
			v.Set("status", open)
		}),
		search("team, overdue", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("team", team(s, r, i))
			v.Set("overdue", "true")
		}),
		search("team, window range, desc", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("team", team(s, r, i))
			v.Set("windowFrom", now.Add(-7*24*time.Hour).Format(time.RFC3339))
			v.Set("order", "desc")
		}),
		search("agent, all statuses", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) { v.Set("agent", agent(s, r, i)) }),
		search("agent, open", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("agent", agent(s, r, i))
			v.Set("status", open)
		}),
		search("tenant, by created, desc", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("sort", "createdAt")
			v.Set("order", "desc")
		}),
		search("tenant, by attempts >= 2, desc", true, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("sort", "attempts")
			v.Set("order", "desc")
			v.Set("minAttempts", "2")
		}),
		search("team, text (no index)", false, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("team", team(s, r, i))
			v.Set("q", strings.ToLower(lastNames[r.IntN(len(lastNames))]))
		}),
		search("tenant, text (no index)", false, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("q", "refund")
		}),
		search("tenant, closed by supervisor (no index)", false, func(s ConsoleShape, r *rand.Rand, i int, now time.Time, v url.Values) {
			v.Set("closeReason", "supervisor")
			v.Set("closedFrom", now.Add(-30*24*time.Hour).Format(time.RFC3339))
		}),
		report("dashboard, one team, 30 days", velocity.GroupNone, true),
		report("dashboard, tenant, 30 days", velocity.GroupNone, false),
		report("per-team table, tenant, 30 days", velocity.GroupTeam, false),
		report("per-agent table, tenant, 30 days", velocity.GroupAgent, false),
		report("daily trend, tenant, 30 days", velocity.GroupDay, false),
	}
}

// RunConsole seeds the console data set (unless the database has it), serves the
// product on a loopback port and measures each console operation (consoleOps) with
// each client count over HTTP and, with Direct, on the service and store; with Plans it
// prints each operation's query plans first.
func RunConsole(ctx context.Context, o ConsoleOptions, out io.Writer) ([]Result, error) {
	serverLog := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, app.Config{DB: o.DB, Logger: serverLog})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	if err := seedConsole(ctx, a.Store, o.Shape, o.Logger); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	maxClients := slices.Max(o.Clients)
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 2 * maxClients, MaxIdleConnsPerHost: 2 * maxClients}, Timeout: time.Minute}
	principals := make([]velocity.Principal, o.Shape.Tenants)
	for i := range principals {
		t, err := a.Store.GetTenantByName(ctx, consoleTenant(i))
		if err != nil {
			return nil, err
		}
		principals[i] = velocity.Principal{Tenant: t, Username: "lead", Role: velocity.RoleSupervisor, KeyPrefix: "bench", Remote: "127.0.0.1"}
		// Verify each tenant's credentials once, as a running server has long ago.
		if _, err := get(ctx, client, base+"/api/v1/me", i); err != nil {
			return nil, err
		}
	}
	now := time.Now()
	var results []Result
	for _, op := range consoleOps() {
		if o.Only != "" && !strings.Contains(op.name, o.Only) {
			continue
		}
		if o.Plans {
			if err := printPlans(ctx, a.Store, principals, o.Shape, op, now, out); err != nil {
				return results, err
			}
		}
		path := "/api/v1/callbacks/search?"
		if op.isReport {
			path = "/api/v1/reports/" + map[velocity.ReportGroup]string{velocity.GroupNone: "summary", velocity.GroupTeam: "teams",
				velocity.GroupAgent: "agents", velocity.GroupDay: "daily"}[op.report] + "?"
		}
		clients := o.Clients
		if strings.Contains(path, "reports") && !slices.Contains(clients, 1) {
			clients = append([]int{1}, clients...)
		}
		for _, n := range clients {
			rs := rngs(n)
			if o.Direct {
				r := drive(ctx, op.name+" (direct)", n, o.Duration, o.Warmup, func(ctx context.Context, c int) error {
					i, v := op.query(o.Shape, rs[c], now)
					return direct(ctx, a.Service, principals[i], op, v)
				})
				results = append(results, r)
				o.Logger.Info("measured", "op", r.Op, "clients", n, "p50", r.P50, "p95", r.P95, "p99", r.P99)
			}
			r := drive(ctx, op.name, n, o.Duration, o.Warmup, func(ctx context.Context, c int) error {
				i, v := op.query(o.Shape, rs[c], now)
				_, err := get(ctx, client, base+path+v.Encode(), i)
				return err
			})
			results = append(results, r)
			o.Logger.Info("measured", "op", r.Op, "clients", n, "p50", r.P50, "p95", r.P95, "p99", r.P99)
		}
	}
	fmt.Fprintf(out, "%d callbacks over %d tenants (%d each), %d teams, %d agents, created over %d days\n", o.Shape.Callbacks, o.Shape.Tenants,
		o.Shape.Callbacks/o.Shape.Tenants, o.Shape.Tenants*o.Shape.TeamsPerTenant, o.Shape.Tenants*o.Shape.TeamsPerTenant*o.Shape.AgentsPerTeam, o.Shape.Days)
	Print(out, results)
	return results, nil
}

// get requests path as tenant i's supervisor and reads the whole answer.
func get(ctx context.Context, client *http.Client, u string, i int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Api-Key", consoleKey(i))
	req.SetBasicAuth("lead", consolePassword)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("GET %s: %d %.300s", u, resp.StatusCode, b)
	}
	return b, err
}

// direct runs op on the service, as its handler does, without HTTP.
func direct(ctx context.Context, svc *velocity.Service, p velocity.Principal, op consoleOp, v url.Values) error {
	if op.isReport {
		q, err := velocity.ParseReport(v, p.Tenant.DefaultTimezone, svc.Clock.Now())
		if err != nil {
			return err
		}
		q.By = op.report
		_, err = svc.Report(ctx, p, q)
		return err
	}
	q, err := velocity.ParseSearch(v, p.Tenant.DefaultTimezone)
	if err != nil {
		return err
	}
	_, _, err = svc.Search(ctx, p, q)
	return err
}

// Explainer is a store that shows how its database runs a statement: the SQL dialect it
// builds statements in, and the plan of one (PostgreSQL: EXPLAIN ANALYZE of the generic
// plan; SQLite: EXPLAIN QUERY PLAN).
type Explainer interface {
	Dialect() sqlstore.Dialect
	Explain(ctx context.Context, query string, args []any) (string, error)
}

// printPlans prints the plans of one example of op.
func printPlans(ctx context.Context, s velocity.Store, ps []velocity.Principal, shape ConsoleShape, op consoleOp, now time.Time, out io.Writer) error {
	ex, ok := s.(Explainer)
	if !ok {
		return fmt.Errorf("this store cannot explain its plans")
	}
	d := ex.Dialect()
	i, v := op.query(shape, rand.New(rand.NewPCG(42, 42)), now)
	tenant := ps[i].Tenant
	var stmts []sqlstore.ReportStatement
	if op.isReport {
		q, err := velocity.ParseReport(v, tenant.DefaultTimezone, now)
		if err != nil {
			return err
		}
		q.By, q.Now = op.report, now
		stmts = d.ReportStatements(tenant.ID, q)
	} else {
		q, err := velocity.ParseSearch(v, tenant.DefaultTimezone)
		if err != nil {
			return err
		}
		q.Now, q.Limit = now, 51
		sql, args := d.SearchCallbacks(tenant.ID, q)
		plan := sqlstore.PlanSearch(q)
		stmts = []sqlstore.ReportStatement{{Name: fmt.Sprintf("%s (driven by %s, %d read(s))", v.Encode(), plan.Index, plan.Branches), SQL: sql, Args: args}}
	}
	fmt.Fprintf(out, "### %s\n\n", op.name)
	for _, st := range stmts {
		plan, err := ex.Explain(ctx, st.SQL, st.Args)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", op.name, st.Name, err)
		}
		fmt.Fprintf(out, "%s:\n\n```sql\n%s\n```\n\n```\n%s\n```\n\n", st.Name, strings.Join(strings.Fields(st.SQL), " "), plan)
	}
	return nil
}
