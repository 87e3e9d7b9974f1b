// Package metrics exposes the server's Prometheus metrics (the official Go client):
// requests by route and status, open and overdue callbacks by status and tenant (the
// tenants with the most open callbacks get series of their own, the rest are summed as
// "other"), events published, open event streams, the scheduler's passes, webhook
// attempts and their queue, the database pools, and the Go runtime. The domain knows
// nothing of it: the app passes its hooks (Observe, Published, SchedulerPass,
// WebhookAttempt) to the parts that report.
package metrics

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/webhook"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Store is what the metrics read from the database at scrape time.
type Store interface {
	velocity.StatsStore
	ListTenants(ctx context.Context) ([]velocity.Tenant, error)
}

// Pool describes one database connection pool at scrape time.
type Pool struct {
	Name        string // "main", "aux", "read", "write"
	InUse, Idle int
	Max         int
	// Waits counts acquisitions that had to wait for a connection, WaitSeconds their
	// total wait, since the pool opened.
	Waits       int64
	WaitSeconds float64
}

// Options configures Metrics.
type Options struct {
	Store Store
	Clock velocity.Clock
	// TenantLimit is how many tenants get series of their own (default 20; the rest are
	// summed under tenant="other"), so that the series stay bounded however many tenants.
	TenantLimit int
	// Streams returns how many event streams are open; Pools the database pools' use.
	Streams func() int64
	Pools   func() []Pool
	Logger  *slog.Logger
}

// Metrics is the server's registry and what the parts report to it.
type Metrics struct {
	reg  *prometheus.Registry
	opts Options

	requests     *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	events       *prometheus.CounterVec
	schedPass    prometheus.Histogram
	schedChanges *prometheus.CounterVec
	schedErrors  prometheus.Counter
	schedLast    prometheus.Gauge
	whAttempts   *prometheus.CounterVec
	whDuration   prometheus.Histogram
	whDelay      prometheus.Histogram
}

// New returns the metrics of one server, registered with a registry of their own.
func New(o Options) *Metrics {
	if o.TenantLimit <= 0 {
		o.TenantLimit = 20
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	m := &Metrics{reg: prometheus.NewRegistry(), opts: o}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "velocity_http_requests_total",
		Help: "HTTP requests answered, by route, method and status."}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "velocity_http_request_duration_seconds",
		Help: "Time to answer HTTP requests, by route, method and status.", Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}},
		[]string{"route", "method", "status"})
	m.events = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "velocity_events_published_total",
		Help: "Callback events this server recorded and published, by type."}, []string{"type"})
	m.schedPass = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "velocity_scheduler_pass_duration_seconds",
		Help: "How long the scheduler's passes take.", Buckets: []float64{.001, .005, .01, .05, .1, .5, 1, 5, 10, 30}})
	m.schedChanges = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "velocity_scheduler_changes_total",
		Help: "What the scheduler's passes did: leases expired, callbacks handed to their team, windows announced due and overdue."}, []string{"kind"})
	m.schedErrors = prometheus.NewCounter(prometheus.CounterOpts{Name: "velocity_scheduler_pass_errors_total", Help: "Scheduler passes that failed."})
	m.schedLast = prometheus.NewGauge(prometheus.GaugeOpts{Name: "velocity_scheduler_last_pass_timestamp_seconds",
		Help: "When the scheduler last finished a pass without error (Unix time); a stalled scheduler stops moving it."})
	m.whAttempts = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "velocity_webhook_deliveries_total",
		Help: "Webhook delivery attempts by result: delivered (2xx), retry (failed, tried again later), failed (retries ran out), lost (the lease passed to another server)."},
		[]string{"result"})
	m.whDuration = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "velocity_webhook_attempt_duration_seconds",
		Help: "How long webhook endpoints take to answer an attempt.", Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}})
	m.whDelay = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "velocity_webhook_delivery_delay_seconds",
		Help: "From a change to its webhook endpoint's 2xx answer.", Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 3600}})
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.events, m.schedPass, m.schedChanges, m.schedErrors, m.schedLast,
		m.whAttempts, m.whDuration, m.whDelay} {
		f(c)
	}
	for _, k := range []string{"expired", "fell_back", "due", "overdue"} {
		m.schedChanges.WithLabelValues(k)
	}
	for _, r := range []string{"delivered", "retry", "failed", "lost"} {
		m.whAttempts.WithLabelValues(r)
	}
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if o.Streams != nil {
		f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "velocity_event_streams", Help: "Event streams open on this server."},
			func() float64 { return float64(o.Streams()) }))
	}
	if o.Store != nil {
		f(&dbCollector{m: m})
	}
	if o.Pools != nil {
		f(&poolCollector{pools: o.Pools})
	}
	return m
}

// Registry returns the registry, for tests and further collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(m.opts.Logger.Handler(), slog.LevelWarn)})
}

// Protected serves the metrics to requests that carry "Authorization: Bearer <token>"
// and answers 401 to others.
func (m *Metrics) Protected(token string) http.Handler {
	h := m.Handler()
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "metrics need Authorization: Bearer <the server's --metrics-token>", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Observe records an answered request ("POST /api/v1/callbacks", its status, its
// duration): httpapi's Config.Observe.
func (m *Metrics) Observe(route string, status int, took time.Duration) {
	method, path := route, ""
	for i := 0; i < len(route); i++ {
		if route[i] == ' ' {
			method, path = route[:i], route[i+1:]
			break
		}
	}
	s := strconv.Itoa(status)
	m.requests.WithLabelValues(path, method, s).Inc()
	m.latency.WithLabelValues(path, method, s).Observe(took.Seconds())
}

// Published counts recorded events by type.
func (m *Metrics) Published(events []velocity.Event) {
	for _, e := range events {
		m.events.WithLabelValues(string(e.Type)).Inc()
	}
}

// SchedulerPass records a scheduler pass: velocity.Scheduler's OnPass.
func (m *Metrics) SchedulerPass(res velocity.PassResult, err error) {
	m.schedPass.Observe(res.Took.Seconds())
	m.schedChanges.WithLabelValues("expired").Add(float64(res.Expired))
	m.schedChanges.WithLabelValues("fell_back").Add(float64(res.FellBack))
	m.schedChanges.WithLabelValues("due").Add(float64(res.Due))
	m.schedChanges.WithLabelValues("overdue").Add(float64(res.Overdue))
	if err != nil {
		m.schedErrors.Inc()
		return
	}
	m.schedLast.SetToCurrentTime()
}

// WebhookAttempt records a webhook delivery attempt: webhook.Deliverer's OnAttempt.
func (m *Metrics) WebhookAttempt(a webhook.Attempt) {
	m.whAttempts.WithLabelValues(a.Result).Inc()
	m.whDuration.Observe(a.Took.Seconds())
	if a.Result == "delivered" {
		m.whDelay.Observe(a.Delay.Seconds())
	}
}

// Bus is a velocity.Bus that counts what it publishes.
type Bus struct {
	velocity.Bus
	Metrics *Metrics
}

// Publish counts the events and publishes them.
func (b Bus) Publish(events []velocity.Event) {
	b.Metrics.Published(events)
	b.Bus.Publish(events)
}

var (
	openDesc = prometheus.NewDesc("velocity_callbacks_open", "Open callbacks, by status.", []string{"status"}, nil)
	overDesc = prometheus.NewDesc("velocity_callbacks_overdue",
		"Open callbacks whose window has ended, by status.", []string{"status"}, nil)
	tenantOpenDesc = prometheus.NewDesc("velocity_tenant_callbacks_open",
		"Open callbacks by tenant and status: the tenants with the most have their own series, the rest are summed as tenant=\"other\".", []string{"tenant", "status"}, nil)
	tenantOverDesc = prometheus.NewDesc("velocity_tenant_callbacks_overdue",
		"Open callbacks past their window by tenant and status (tenants as velocity_tenant_callbacks_open).", []string{"tenant", "status"}, nil)
	queueDesc    = prometheus.NewDesc("velocity_webhook_queue", "Webhook deliveries waiting: pending in all, and due now.", []string{"state"}, nil)
	queueAgeDesc = prometheus.NewDesc("velocity_webhook_queue_age_seconds",
		"How long the longest-waiting due webhook delivery has been due (0 when none is): the senders are this far behind.", nil, nil)
	scrapeErrDesc = prometheus.NewDesc("velocity_metrics_database_errors",
		"1 when the last scrape could not read the database's figures.", nil, nil)
)

// dbCollector reads the callback and webhook figures from the database at scrape time,
// at most once a second however many scrapers there are.
type dbCollector struct {
	m      *Metrics
	mu     sync.Mutex
	at     time.Time
	cached []prometheus.Metric
}

// cacheFor is how long one reading of the database serves scrapes.
const cacheFor = time.Second

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{openDesc, overDesc, tenantOpenDesc, tenantOverDesc, queueDesc, queueAgeDesc, scrapeErrDesc} {
		ch <- d
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) > cacheFor || c.cached == nil {
		c.cached, c.at = c.read(), time.Now()
	}
	for _, m := range c.cached {
		ch <- m
	}
}

func (c *dbCollector) read() []prometheus.Metric {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	o := c.m.opts
	now := o.Clock.Now()
	var out []prometheus.Metric
	g := func(d *prometheus.Desc, v float64, labels ...string) {
		out = append(out, prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...))
	}
	failed := 0.0
	counts, err := o.Store.OpenCallbackCounts(ctx, now)
	tenants, terr := o.Store.ListTenants(ctx)
	if err != nil || terr != nil {
		o.Logger.Warn("metrics: cannot read the open callbacks", "error", err, "tenantsError", terr)
		failed = 1
	} else {
		names := map[string]string{}
		for _, t := range tenants {
			names[t.ID] = t.Name
		}
		byStatus := map[velocity.Status][2]int{}
		perTenant := map[string]int{}
		for _, k := range counts {
			s := byStatus[k.Status]
			byStatus[k.Status] = [2]int{s[0] + k.Count, s[1] + k.Overdue}
			perTenant[k.TenantID] += k.Count
		}
		for _, st := range velocity.OpenStatuses {
			g(openDesc, float64(byStatus[st][0]), string(st))
			g(overDesc, float64(byStatus[st][1]), string(st))
		}
		ids := make([]string, 0, len(perTenant))
		for id := range perTenant {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			if perTenant[ids[i]] != perTenant[ids[j]] {
				return perTenant[ids[i]] > perTenant[ids[j]]
			}
			return ids[i] < ids[j]
		})
		own := map[string]bool{}
		for i, id := range ids {
			own[id] = i < o.TenantLimit
		}
		type key struct{ tenant, status string }
		sums := map[key][2]int{}
		for _, k := range counts {
			name := "other"
			if own[k.TenantID] {
				if name = names[k.TenantID]; name == "" {
					name = k.TenantID
				}
			}
			s := sums[key{name, string(k.Status)}]
			sums[key{name, string(k.Status)}] = [2]int{s[0] + k.Count, s[1] + k.Overdue}
		}
		for k, v := range sums {
			g(tenantOpenDesc, float64(v[0]), k.tenant, k.status)
			g(tenantOverDesc, float64(v[1]), k.tenant, k.status)
		}
	}
	q, err := o.Store.WebhookQueue(ctx, now)
	if err != nil {
		o.Logger.Warn("metrics: cannot read the webhook queue", "error", err)
		failed = 1
	} else {
		g(queueDesc, float64(q.Pending), "pending")
		g(queueDesc, float64(q.Due), "due")
		age := 0.0
		if q.OldestDue != nil {
			age = max(0, now.Sub(*q.OldestDue).Seconds())
		}
		g(queueAgeDesc, age)
	}
	g(scrapeErrDesc, failed)
	return out
}

var (
	poolConnsDesc = prometheus.NewDesc("velocity_db_connections", "Database connections by pool and state (in_use, idle, max).", []string{"pool", "state"}, nil)
	poolWaitsDesc = prometheus.NewDesc("velocity_db_connection_waits_total", "Connection acquisitions that waited, by pool.", []string{"pool"}, nil)
	poolWaitDesc  = prometheus.NewDesc("velocity_db_connection_wait_seconds_total", "Time spent waiting for connections, by pool.", []string{"pool"}, nil)
)

// poolCollector reports the database pools' use at scrape time.
type poolCollector struct{ pools func() []Pool }

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolConnsDesc
	ch <- poolWaitsDesc
	ch <- poolWaitDesc
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for _, p := range c.pools() {
		ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(p.InUse), p.Name, "in_use")
		ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(p.Idle), p.Name, "idle")
		ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(p.Max), p.Name, "max")
		ch <- prometheus.MustNewConstMetric(poolWaitsDesc, prometheus.CounterValue, float64(p.Waits), p.Name)
		ch <- prometheus.MustNewConstMetric(poolWaitDesc, prometheus.CounterValue, p.WaitSeconds, p.Name)
	}
}
