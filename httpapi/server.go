// Package httpapi is the HTTP adapter: the REST API under /api/v1, its live event stream,
// health checks, and the mounting of the widget's assets. Handlers return errors; one
// function (writeError) turns every error into an RFC 9457 problem, its status chosen by
// the kind the error catalogue (velocity.ProblemCodes) gives its code.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/customerdynamics/velocity"
)

// Config is what a Server needs. Service (with its Bus and Clock) and Auth are required.
type Config struct {
	Service *velocity.Service
	Auth    *velocity.Authenticator
	Logger  *slog.Logger
	// Limits bound requests per credential and tenant, streams per tenant and requests
	// at once (zero value: no limits; app uses DefaultLimits).
	Limits Limits
	// Identity checks agents' Webex access tokens for tenants that require proven agent
	// identity; nil refuses such tenants' agent requests (503 identity_unavailable).
	Identity velocity.IdentityVerifier

	// StreamSecret signs event-stream tokens; servers sharing a database share it.
	StreamSecret []byte
	// StreamTokenTTL is how long an event-stream token may be used to open a stream
	// (default 60s). KeepAlive is the interval of keep-alive comments (default 15s).
	// MaxStream ends a stream after this long so credentials are checked again (default 1h).
	StreamTokenTTL time.Duration
	KeepAlive      time.Duration
	MaxStream      time.Duration

	// CORSOrigins are the origins allowed to call the API from a browser: exact origins
	// ("https://desktop.wxcc-us1.cisco.com") or with a wildcard host part
	// ("https://*.cisco.com").
	CORSOrigins []string

	// Assets serves the widget script, the logo, the simulator and the console (may be nil).
	Assets http.Handler
	// Index serves GET / (may be nil).
	Index http.Handler
	// Observe, when set, is told about every request once it is answered (metrics): its
	// route, the pattern it matched ("POST /api/v1/callbacks"), or its method and
	// "unmatched" when it matched none ("GET unmatched"; a method outside the standard
	// ones is "OTHER"), refusals by the middleware before routing included; its status;
	// and its duration, which for the event stream, open as long as the client stays, is
	// the time until its headers were sent.
	Observe func(route string, status int, took time.Duration)
	// Metrics, when set, serves GET /metrics on the API's listener.
	Metrics http.Handler
}

// Server serves the API. Create it with New; call Shutdown to end live streams.
type Server struct {
	cfg     Config
	logger  *slog.Logger
	clock   velocity.Clock
	handler http.Handler
	routes  []Route

	done     chan struct{}
	doneOnce sync.Once
	frames   frames // each event's stream frame, encoded once
	limits   *limiter
	streams  atomic.Int64
	group    streamGroup // streams on taken-over connections
	inflight streamGroup // requests in the handler chain
}

// New returns a Server for cfg.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.StreamTokenTTL == 0 {
		cfg.StreamTokenTTL = time.Minute
	}
	if cfg.KeepAlive == 0 {
		cfg.KeepAlive = 15 * time.Second
	}
	if cfg.MaxStream == 0 {
		cfg.MaxStream = time.Hour
	}
	s := &Server{cfg: cfg, logger: cfg.Logger, clock: cfg.Service.Clock, done: make(chan struct{}), limits: newLimiter(cfg.Limits)}
	mux := http.NewServeMux()
	s.routes = s.routeTable()
	patterns := map[string]bool{}
	handle := func(pattern string, h http.Handler) {
		mux.Handle(pattern, h)
		patterns[pattern] = true
	}
	for _, rt := range s.routes {
		handle(rt.Method+" "+rt.Path, rt.handler)
	}
	handle("GET /healthz", http.HandlerFunc(s.healthz))
	handle("GET /readyz", http.HandlerFunc(s.readyz))
	handle("GET /api/v1/openapi.json", http.HandlerFunc(s.openapi))
	if cfg.Metrics != nil {
		handle("GET /metrics", cfg.Metrics)
	}
	if cfg.Assets != nil {
		for _, p := range []string{"GET /assets/", "GET /logo.svg", "GET /simulator", "GET /simulator/", "GET /console", "GET /console/"} {
			handle(p, cfg.Assets)
		}
	}
	if cfg.Index != nil {
		handle("GET /{$}", cfg.Index)
	}
	s.handler = s.observed(mux, patterns, s.recoverer(s.logRequests(s.cors(s.cleanInput(s.apiProblems(mux))))))
	return s
}

// Streams returns how many event streams are open.
func (s *Server) Streams() int64 { return s.streams.Load() }

// ServeHTTP serves a request. The request is counted until the middleware is done with
// it (see Drain).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inflight.add()
	defer s.inflight.done()
	s.handler.ServeHTTP(w, r)
}

// Shutdown ends every open event stream, so that http.Server.Shutdown can finish, and
// waits (at most 5 seconds) until the streams on connections taken over from net/http
// (which its Shutdown does not wait for) have sent their shutdown event and closed.
func (s *Server) Shutdown() {
	s.doneOnce.Do(func() { close(s.done) })
	if !s.group.wait(5 * time.Second) {
		s.logger.Warn("event streams did not end within 5s of shutdown")
	}
}

// Drain waits, at most timeout, until no request is left in the server's handler chain,
// and reports whether none is. Call it after http.Server.Shutdown has returned (no new
// requests come then): that Shutdown stops waiting for a request once its handler has
// taken the connection over (an event stream), though the middleware still logs it and
// counts it in the metrics afterwards.
func (s *Server) Drain(timeout time.Duration) bool { return s.inflight.wait(timeout) }

// Routes returns the API routes the server serves (for the OpenAPI check).
func (s *Server) Routes() []Route { return s.routes }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.cfg.Service.Ping(ctx); err != nil {
		s.writeError(w, r, velocity.ErrUnavailable.Wrap(err))
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ready"})
}

// apiProblems makes the mux's own 404 and 405 answers under /api/ JSON problems.
func (s *Server) apiProblems(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" && strings.HasPrefix(r.URL.Path, "/api/") {
			mux.ServeHTTP(&problemWriter{ResponseWriter: w, s: s, r: r}, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// problemWriter replaces the mux's plain-text 404 and 405 answers with problems written
// by writeError (the mux has set Allow by then).
type problemWriter struct {
	http.ResponseWriter
	s     *Server
	r     *http.Request
	wrote bool
}

func (p *problemWriter) WriteHeader(code int) {
	if p.wrote {
		return
	}
	p.wrote = true
	switch code {
	case http.StatusMethodNotAllowed:
		p.s.writeError(p.ResponseWriter, p.r, velocity.NewError(velocity.CodeMethodNotAllowed, "This method is not allowed here; see the Allow header."))
	case http.StatusNotFound:
		p.s.writeError(p.ResponseWriter, p.r, velocity.NewError(velocity.CodeRouteNotFound, "No such API endpoint; see /api/v1/openapi.json."))
	default:
		p.ResponseWriter.WriteHeader(code)
	}
}

func (p *problemWriter) Write(b []byte) (int, error) {
	if !p.wrote {
		p.WriteHeader(http.StatusOK)
	}
	return len(b), nil
}
