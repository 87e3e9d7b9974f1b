// Package app assembles a running Velocity server from its parts: the store named by a
// database string, the event bus, the service, the authenticator and the HTTP handler.
// The CLI's serve command and the end-to-end tests both start the product through it.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/httpapi"
	"github.com/customerdynamics/velocity/hub"
	"github.com/customerdynamics/velocity/metrics"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/webexid"
	"github.com/customerdynamics/velocity/webhook"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Config configures an App.
type Config struct {
	// DB is a SQLite file path (the default, embedded) or a postgres:// URL.
	DB string
	// Demo creates the demo tenant, credentials and callbacks if they are missing.
	Demo   bool
	Logger *slog.Logger
	Clock  velocity.Clock
	// CORSOrigins are the browser origins allowed to call the API (see httpapi.Config).
	CORSOrigins []string
	// KeepAlive is the event stream's keep-alive interval (default 15s).
	KeepAlive time.Duration
	// SQLiteDurability is how much a SQLite commit waits for the disk (default full: an
	// acknowledged write survives a power failure).
	SQLiteDurability sqlite.Durability
	// Limits bound requests per credential and tenant, streams per tenant and requests
	// at once; nil means httpapi.DefaultLimits (benchmarks pass an empty Limits).
	Limits *httpapi.Limits
	// WebexAPIURL is the base URL of Webex's identity API, which checks agents' access
	// tokens for tenants with proven agent identity (default https://webexapis.com).
	WebexAPIURL string
	// SchedulerInterval is the longest time between scheduler passes (default 1s).
	SchedulerInterval time.Duration
	// busless opens the store without the cross-server bus (admin commands).
	busless bool
	// WebhookAllowPrivate lets webhooks use plain http and reach loopback, private and
	// link-local addresses (tests, intranets).
	WebhookAllowPrivate bool
	// WebhookTimeout bounds one delivery attempt (default 10s); a server holds a
	// delivery for three times as long before another may send it.
	WebhookTimeout time.Duration
	// WebhookRetryBase is the first retry's delay (default 5s; tests shorten it).
	WebhookRetryBase time.Duration
	// MetricsToken, when set, serves GET /metrics on the API's listener to requests with
	// "Authorization: Bearer <token>" (see also App.Metrics for a listener of its own).
	MetricsToken string
	// MetricsTenantLimit is how many tenants get metric series of their own (default 20).
	MetricsTenantLimit int
	// PasswordIterations is the PBKDF2 cost of the demo account's password (0 means
	// velocity.PasswordIterations; tests lower it).
	PasswordIterations int
}

// DefaultCORSOrigins allow the Webex Contact Center Desktop in every data center.
var DefaultCORSOrigins = []string{"https://*.cisco.com", "https://*.webex.com"}

// App is a running server's parts. Close releases them.
type App struct {
	Store     velocity.Store
	Hub       *hub.Hub
	Bus       velocity.Bus
	Service   *velocity.Service
	Policies  *velocity.Policies
	Scheduler *velocity.Scheduler
	Deliverer *webhook.Deliverer
	Metrics   *metrics.Metrics
	Auth      *velocity.Authenticator
	Server    *httpapi.Server
	Logger    *slog.Logger

	webex    *webexid.Client
	closers  []func() error
	startBus func(ctx context.Context) error // starts the bus once the store is ready
}

// Open opens the database (applying migrations), seeds the demo tenant when asked, and
// builds the HTTP handler.
func Open(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Clock == nil {
		cfg.Clock = velocity.SystemClock{}
	}
	if cfg.CORSOrigins == nil {
		cfg.CORSOrigins = DefaultCORSOrigins
	}
	a := &App{Logger: cfg.Logger, Hub: hub.New()}
	a.Bus = a.Hub
	store, err := a.openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a.Store = store
	if cfg.Demo {
		if err := SeedDemo(ctx, store, cfg.Clock, cfg.Logger, cfg.PasswordIterations); err != nil {
			a.Close()
			return nil, fmt.Errorf("seed demo: %w", err)
		}
	}
	if a.startBus != nil {
		// After the demo seed, so that its events are history, not live news.
		if err := a.startBus(context.WithoutCancel(ctx)); err != nil {
			a.Close()
			return nil, fmt.Errorf("event bus: %w", err)
		}
	}
	secret, err := store.Secret(ctx, "stream-token", func() []byte { return velocity.NewSecret(32) })
	if err != nil {
		a.Close()
		return nil, fmt.Errorf("stream secret: %w", err)
	}
	a.Policies = &velocity.Policies{Store: store, Clock: cfg.Clock}
	a.Metrics = metrics.New(metrics.Options{Store: store, Clock: cfg.Clock, TenantLimit: cfg.MetricsTenantLimit, Logger: cfg.Logger,
		Streams: func() int64 { return a.Server.Streams() }, Pools: func() []metrics.Pool { return pools(store) }})
	a.Bus = metrics.Bus{Bus: a.Bus, Metrics: a.Metrics}
	a.Deliverer = &webhook.Deliverer{Store: store, Clock: cfg.Clock, Logger: cfg.Logger, AllowPrivate: cfg.WebhookAllowPrivate,
		Timeout: cfg.WebhookTimeout, RetryBase: cfg.WebhookRetryBase, OnAttempt: a.Metrics.WebhookAttempt}
	// Every change this server records may have made webhook deliveries: send them now
	// rather than at the deliverer's next look.
	a.Bus = notifyingBus{Bus: a.Bus, notify: a.Deliverer.Notify}
	a.Service = &velocity.Service{Store: store, Bus: a.Bus, Clock: cfg.Clock, Policies: a.Policies, AllowPrivateWebhooks: cfg.WebhookAllowPrivate}
	a.Scheduler = &velocity.Scheduler{Store: store, Bus: a.Bus, Clock: cfg.Clock,
		Policies: a.Policies, Logger: cfg.Logger, Interval: cfg.SchedulerInterval, OnPass: a.Metrics.SchedulerPass}
	// Windows the service sets wake the scheduler when they open, not at its next pass.
	a.Service.Bus = velocity.NoticingBus{Bus: a.Bus, Scheduler: a.Scheduler}
	a.webex = &webexid.Client{BaseURL: cfg.WebexAPIURL, Clock: cfg.Clock, Logger: cfg.Logger}
	a.closers = append(a.closers, func() error { a.webex.Close(); return nil })
	a.Auth = &velocity.Authenticator{Store: store, Sessions: store, Clock: cfg.Clock, Logger: cfg.Logger}
	var metricsHandler http.Handler
	if cfg.MetricsToken != "" {
		metricsHandler = a.Metrics.Protected(cfg.MetricsToken)
	}
	a.Server = httpapi.New(httpapi.Config{
		Service: a.Service, Auth: a.Auth, Logger: cfg.Logger, Observe: a.Metrics.Observe, Metrics: metricsHandler,
		Identity: webexid.Verifier{Client: a.webex}, Limits: cfg.limits(),
		StreamSecret: secret, KeepAlive: cfg.KeepAlive, CORSOrigins: cfg.CORSOrigins,
		Assets: assets(cfg.Demo), Index: http.HandlerFunc(index),
	})
	return a, nil
}

func (a *App) openStore(ctx context.Context, cfg Config) (velocity.Store, error) {
	if cfg.DB == "" {
		return nil, errors.New("no database: give --db a SQLite file path or a postgres:// URL")
	}
	if postgres.IsURL(cfg.DB) {
		return a.openPostgres(ctx, cfg)
	}
	s, err := sqlite.OpenWith(ctx, cfg.DB, sqlite.Options{Durability: cfg.SQLiteDurability})
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, s.Close)
	if cfg.busless {
		return s, nil
	}
	seq := hub.NewSequencer(s, a.Hub, cfg.Logger)
	a.Bus = seq
	a.startBus = func(ctx context.Context) error {
		if err := seq.Start(ctx); err != nil {
			return err
		}
		a.closers = append(a.closers, func() error { seq.Stop(); return nil })
		return nil
	}
	return s, nil
}

// StartScheduler runs the scheduler's passes in the background until Close.
func (a *App) StartScheduler(ctx context.Context) {
	if a.Scheduler != nil {
		a.Scheduler.Start(ctx)
	}
}

// pools reports the store's connection pools for the metrics.
func pools(s velocity.Store) []metrics.Pool {
	switch s := s.(type) {
	case *sqlite.Store:
		r, w := s.PoolStats()
		return []metrics.Pool{
			{Name: "read", InUse: r.InUse, Idle: r.Idle, Max: r.MaxOpenConnections, Waits: r.WaitCount, WaitSeconds: r.WaitDuration.Seconds()},
			{Name: "write", InUse: w.InUse, Idle: w.Idle, Max: w.MaxOpenConnections, Waits: w.WaitCount, WaitSeconds: w.WaitDuration.Seconds()},
		}
	case *postgres.Store:
		m, x := s.PoolStats()
		p := func(name string, st *pgxpool.Stat) metrics.Pool {
			return metrics.Pool{Name: name, InUse: int(st.AcquiredConns()), Idle: int(st.IdleConns()), Max: int(st.MaxConns()),
				Waits: st.EmptyAcquireCount(), WaitSeconds: st.EmptyAcquireWaitTime().Seconds()}
		}
		return []metrics.Pool{p("main", m), p("aux", x)}
	}
	return nil
}

// StartWebhooks sends webhook deliveries in the background until Close.
func (a *App) StartWebhooks(ctx context.Context) {
	if a.Deliverer != nil {
		a.Deliverer.Start(ctx)
	}
}

// notifyingBus is a Bus that also calls notify when it publishes events.
type notifyingBus struct {
	velocity.Bus
	notify func()
}

// Publish publishes the events and calls notify.
func (b notifyingBus) Publish(events []velocity.Event) {
	b.Bus.Publish(events)
	b.notify()
}

// Handler returns the HTTP handler of the whole product.
func (a *App) Handler() http.Handler { return a.Server }

// Close ends event streams and releases the store and bus.
func (a *App) Close() error {
	if a.Scheduler != nil {
		a.Scheduler.Stop()
	}
	if a.Deliverer != nil {
		a.Deliverer.Stop()
	}
	if a.Server != nil {
		a.Server.Shutdown()
	}
	a.Hub.Close()
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		errs = append(errs, a.closers[i]())
	}
	return errors.Join(errs...)
}

// OpenStoreOnly opens just the store (applying migrations), for admin commands.
func OpenStoreOnly(ctx context.Context, db string, logger *slog.Logger) (*App, error) {
	a := &App{Logger: logger, Hub: hub.New()}
	s, err := a.openStore(ctx, Config{DB: db, Logger: logger, busless: true})
	if err != nil {
		return nil, err
	}
	a.Store = s
	return a, nil
}

// AdminService returns a service on the store for admin commands (no bus: the servers'
// live streams are not told; their reads see the changes).
func (a *App) AdminService() *velocity.Service {
	return &velocity.Service{Store: a.Store, Clock: velocity.SystemClock{}}
}

func (c Config) limits() httpapi.Limits {
	if c.Limits == nil {
		return httpapi.DefaultLimits
	}
	return *c.Limits
}
