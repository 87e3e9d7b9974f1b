package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/httpapi"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/webexid"
)

// Serve is "velocity serve": the API, live updates, the widget and the simulator.
type Serve struct {
	Env
	// Ready, when set, receives the listening address once the server accepts
	// connections (for tests); DebugReady the --debug-addr listener's.
	Ready      func(addr string)
	DebugReady func(addr string)
}

// Run serves until SIGINT/SIGTERM or ctx ends, then shuts down gracefully: in-flight
// requests finish (up to 30s) and event streams end.
func (c *Serve) Run(ctx context.Context, args []string) error {
	fs := c.flags("serve")
	defAddr := c.Getenv("VELOCITY_ADDR")
	if defAddr == "" {
		defAddr = "127.0.0.1:8080"
	}
	addr := fs.String("addr", defAddr, "address to listen on (env VELOCITY_ADDR)")
	db := c.dbFlag(fs)
	demo := fs.Bool("demo", false, "create the demo tenant, credentials and callbacks (loopback only)")
	level := fs.String("log-level", "info", "log level: debug, info, warn, error")
	format := fs.String("log-format", "text", "log format: text or json")
	clockStart := fs.String("clock-start", "", "for tests and training only: run the server's clock as if it had started at this RFC 3339 instant (calling hours, windows, the scheduler)")
	webexAPI := fs.String("webex-api-url", webexid.DefaultBaseURL, "base URL of Webex's identity API, which checks agents' access tokens for tenants with proven agent identity")
	durability := fs.String("sqlite-durability", "full", "SQLite only: full (an acknowledged write survives a power failure) or normal (faster commits; a power failure may lose the last acknowledged writes)")
	perCred := fs.Float64("rate-limit-credential", httpapi.DefaultLimits.PerCredential, "requests per second of one API key and account (bursts of twice as many); 0: no limit")
	perTenant := fs.Float64("rate-limit-tenant", httpapi.DefaultLimits.PerTenant, "requests per second of one tenant (bursts of twice as many); 0: no limit")
	maxStreams := fs.Int("max-streams-per-tenant", httpapi.DefaultLimits.StreamsPerTenant, "open event streams of one tenant on this server; 0: no limit")
	maxConc := fs.Int("max-concurrent-requests", httpapi.DefaultLimits.Concurrent, "API requests served at once (event streams excluded); 0: no limit")
	allowPrivate := fs.Bool("webhook-allow-private", false, "let webhooks use plain http and reach loopback, private and link-local addresses (tests, intranets)")
	webhookTimeout := fs.Duration("webhook-timeout", 10*time.Second, "the longest one webhook delivery attempt may take")
	metricsAddr := fs.String("metrics-addr", "", "serve GET /metrics (Prometheus) on this address, a listener of its own apart from the API (e.g. 127.0.0.1:9090)")
	metricsTokenFile := fs.String("metrics-token-file", "", "serve GET /metrics on the API's address too, to requests with Authorization: Bearer and the token in this file (env VELOCITY_METRICS_TOKEN)")
	tenantLimit := fs.Int("metrics-tenant-limit", 20, "how many tenants (those with the most open callbacks) get metric series of their own; the rest are summed as \"other\"")
	cors := fs.String("cors-origins", strings.Join(app.DefaultCORSOrigins, ","), "comma-separated browser origins allowed to call the API (https://*.example.com for subdomains)")
	tlsCert := fs.String("tls-cert", "", "serve HTTPS with this PEM certificate (chain); needs --tls-key")
	tlsKey := fs.String("tls-key", "", "the PEM private key of --tls-cert")
	debugAddr := fs.String("debug-addr", "", "also serve GET /debug/vars (goroutines and Go memory statistics, read-only) on this loopback address, e.g. 127.0.0.1:6060; off by default")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageErr("--tls-cert and --tls-key go together: give both PEM files to serve HTTPS, or neither")
	}
	var tlsConfig *tls.Config
	if *tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			return usageErr("--tls-cert/--tls-key: %v", err)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		return usageErr("--log-level must be debug, info, warn or error")
	}
	var handler slog.Handler
	switch *format {
	case "text":
		handler = slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: lvl})
	case "json":
		handler = slog.NewJSONHandler(c.Stderr, &slog.HandlerOptions{Level: lvl})
	default:
		return usageErr("--log-format must be text or json")
	}
	log := slog.New(handler)
	if *durability != string(sqlite.DurabilityFull) && *durability != string(sqlite.DurabilityNormal) {
		return usageErr("--sqlite-durability must be full or normal")
	}
	webexURL, err := webexid.ParseBaseURL(*webexAPI)
	if err != nil {
		return usageErr("--webex-api-url: %v", err)
	}
	var clock velocity.Clock = velocity.SystemClock{}
	if *clockStart != "" {
		start, err := time.Parse(time.RFC3339, *clockStart)
		if err != nil {
			return usageErr("--clock-start %q is not an RFC 3339 instant such as 2026-12-01T06:30:00Z", *clockStart)
		}
		clock = velocity.NewShiftedClock(start)
		log.Warn("the server's clock is shifted (--clock-start): for tests and training only", "start", start.UTC().Format(time.RFC3339))
	}
	if *demo {
		if err := requireLoopback(*addr); err != nil {
			return err
		}
	}
	var debugLn net.Listener
	var debugSrv *http.Server
	if *debugAddr != "" {
		if debugLn, debugSrv, err = listenDebug(*debugAddr); err != nil {
			return err
		}
		defer debugSrv.Close()
		go debugSrv.Serve(debugLn)
		log.Info("debug variables", "url", "http://"+debugLn.Addr().String()+"/debug/vars")
		if c.DebugReady != nil {
			c.DebugReady(debugLn.Addr().String())
		}
	}

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *webhookTimeout < 100*time.Millisecond || *webhookTimeout > time.Minute {
		return usageErr("--webhook-timeout must be from 100ms to 1m")
	}
	metricsToken := c.Getenv("VELOCITY_METRICS_TOKEN")
	if *metricsTokenFile != "" {
		b, err := os.ReadFile(*metricsTokenFile)
		if err != nil {
			return usageErr("--metrics-token-file: %v", err)
		}
		metricsToken = strings.TrimSpace(string(b))
	}
	if metricsToken != "" && len(metricsToken) < 16 {
		return usageErr("the metrics token must be at least 16 characters")
	}
	if *tenantLimit < 1 || *tenantLimit > 1000 {
		return usageErr("--metrics-tenant-limit must be from 1 to 1000")
	}
	if *allowPrivate {
		log.Warn("webhooks may reach loopback, private and link-local addresses and use plain http (--webhook-allow-private)")
	}
	a, err := app.Open(ctx, app.Config{DB: *db, Demo: *demo, Logger: log, Clock: clock, CORSOrigins: splitList(*cors), WebexAPIURL: webexURL,
		WebhookAllowPrivate: *allowPrivate, WebhookTimeout: *webhookTimeout, MetricsToken: metricsToken, MetricsTenantLimit: *tenantLimit,
		SQLiteDurability: sqlite.Durability(*durability),
		Limits:           &httpapi.Limits{PerCredential: *perCred, PerTenant: *perTenant, StreamsPerTenant: *maxStreams, Concurrent: *maxConc}})
	if err != nil {
		return err
	}
	defer a.Close()
	a.StartScheduler(ctx)
	a.StartWebhooks(ctx)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(handler, slog.LevelWarn), TLSConfig: tlsConfig}
	base := "http://" + ln.Addr().String()
	if tlsConfig != nil {
		base = "https://" + ln.Addr().String()
		ln = tls.NewListener(ln, tlsConfig)
	}
	log.Info("velocity listening", "url", base, "db", redactDB(*db))
	if *demo {
		fmt.Fprintf(c.Stdout, `Velocity demo is running at %[1]s
  Desktop simulator:  %[1]s/simulator
  API description:    %[1]s/api/v1/openapi.json
  Demo credentials (demo only):
    velocityApiKey  %[2]s
    account         %[3]s / %[4]s (role agent: the widgets')
    velocityAuth    %[5]s
    console         tenant demo: supervisor / supervisor-password, admin / admin-password
  Try:  curl -H 'X-Api-Key: %[2]s' -u %[3]s:%[4]s '%[1]s/api/v1/callbacks?agentId=agent-1&teamId=team-1'
`, base, app.DemoAPIKey, app.DemoUsername, app.DemoPassword, basicAuth(app.DemoUsername, app.DemoPassword))
	}
	if c.Ready != nil {
		c.Ready(ln.Addr().String())
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	var msrv *http.Server
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("listen on %s (--metrics-addr): %w", *metricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", a.Metrics.Handler())
		msrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(handler, slog.LevelWarn)}
		log.Info("metrics listening", "url", "http://"+mln.Addr().String()+"/metrics")
		go func() { errc <- msrv.Serve(mln) }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	a.Server.Shutdown() // end event streams so that Shutdown can finish
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if msrv != nil {
		_ = msrv.Shutdown(sctx)
	}
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// The middleware of requests whose handler took the connection over (event streams)
	// may still be logging them.
	if !a.Server.Drain(5 * time.Second) {
		log.Warn("requests still in the handler 5s after shutdown")
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// requireLoopback refuses a demo server on anything but a loopback address: its
// credentials are public.
func requireLoopback(addr string) error {
	ok, err := loopback(addr)
	if err != nil {
		return usageErr("--addr %q: %v", addr, err)
	}
	if ok {
		return nil
	}
	return usageErr("--demo uses public, documented credentials, so it listens only on loopback (127.0.0.1, ::1, localhost); %q is not", addr)
}

// loopback reports whether addr, HOST:PORT, names a loopback host.
func loopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// redactDB hides a password in a database URL for logs.
func redactDB(db string) string {
	if !postgres.IsURL(db) {
		return db
	}
	if at := strings.LastIndex(db, "@"); at > 0 {
		scheme, rest, _ := strings.Cut(db[:at], "://")
		if user, _, ok := strings.Cut(rest, ":"); ok {
			return scheme + "://" + user + ":***" + db[at:]
		}
	}
	return db
}
