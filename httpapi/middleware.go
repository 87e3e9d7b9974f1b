package httpapi

import (
	"bufio"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (for Flush).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// streamRoute is the event stream's pattern: its duration is until its headers.
const streamRoute = "GET /api/v1/events"

// observed reports every request next answers to Config.Observe, outside every other
// middleware so that what they refuse counts too: under the pattern mux routes it to
// (one of patterns, so that the labels stay bounded), or its method and "unmatched".
func (s *Server) observed(mux *http.ServeMux, patterns map[string]bool, next http.Handler) http.Handler {
	if s.cfg.Observe == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		_, route := mux.Handler(r)
		if !patterns[route] {
			route = boundedMethod(r.Method) + " unmatched"
		}
		mw := &measuredWriter{ResponseWriter: w}
		next.ServeHTTP(mw, r)
		took := time.Since(start)
		if route == streamRoute && !mw.headerAt.IsZero() {
			took = mw.headerAt.Sub(start)
		}
		if mw.status == 0 {
			mw.status = http.StatusOK
		}
		s.cfg.Observe(route, mw.status, took)
	})
}

// boundedMethod returns a standard method as it is, another as "OTHER".
func boundedMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// measuredWriter records a response's status and when its headers went out: written
// through it, or by a handler that took the connection over (the event stream, which
// answers 200 itself).
type measuredWriter struct {
	http.ResponseWriter
	status   int
	headerAt time.Time
}

func (w *measuredWriter) sent(code int) {
	if w.status == 0 {
		w.status, w.headerAt = code, time.Now()
	}
}

func (w *measuredWriter) WriteHeader(code int) {
	if code >= 200 { // not an informational answer
		w.sent(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *measuredWriter) Write(b []byte) (int, error) {
	w.sent(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// Hijack takes the connection over (http.ResponseController finds it here).
func (w *measuredWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil {
		w.sent(http.StatusOK)
	}
	return conn, brw, err
}

// Unwrap lets http.ResponseController reach the underlying writer (for Flush).
func (w *measuredWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs each request once it is done: method, path (never the query, which
// may hold a stream token), status, size and duration. Successful health checks log at
// debug level.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK // nothing written (an event stream that took its connection over)
		}
		level := slog.LevelInfo
		switch {
		case sw.status >= 500:
			level = slog.LevelError
		case sw.status < 400 && (r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || !strings.HasPrefix(r.URL.Path, "/api/")):
			level = slog.LevelDebug
		}
		if !s.logger.Enabled(r.Context(), level) {
			return
		}
		s.logger.LogAttrs(r.Context(), level, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr))
	})
}

// recoverer turns a panic into a 500 problem, logged with its stack by writeError,
// instead of a dropped connection. It is a last line of defence: no client input is
// meant to reach it.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.writeError(w, r, velocity.NewError(velocity.CodeInternal, "Something went wrong on our side; it has been logged.").
					Wrap(fmt.Errorf("panic serving request: %v\n%s", v, debug.Stack())))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// cors answers the browser's cross-origin checks for the Desktop's origins: a request
// whose Origin matches CORSOrigins may call the API with our headers. A preflight that
// asks for Private Network Access (Chrome, for a server on an intranet address called
// from the Desktop's public origin) is granted to those origins too.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" {
			w.Header().Add("Vary", "Origin")
			if originAllowed(origin, s.cfg.CORSOrigins) {
				h := w.Header()
				h.Set("Access-Control-Allow-Origin", origin)
				h.Set("Access-Control-Expose-Headers", "Location, ETag, Idempotent-Replayed, Retry-After, Date")
				if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
					h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
					h.Set("Access-Control-Allow-Headers", "Authorization, X-Api-Key, Content-Type, Idempotency-Key, If-Match, X-Agent-Id, X-Webex-Token, X-CSRF-Token, Last-Event-ID")
					h.Set("Access-Control-Max-Age", "600")
					if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
						h.Set("Access-Control-Allow-Private-Network", "true")
					}
					w.WriteHeader(http.StatusNoContent)
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// originAllowed matches an Origin against exact origins and patterns whose host starts
// with "*." (any subdomain, at any depth).
func originAllowed(origin string, allowed []string) bool {
	for _, a := range allowed {
		if a == "*" || strings.EqualFold(a, origin) {
			return true
		}
		scheme, host, ok := strings.Cut(a, "://*.")
		if !ok {
			continue
		}
		prefix := scheme + "://"
		if !strings.HasPrefix(strings.ToLower(origin), strings.ToLower(prefix)) {
			continue
		}
		rest := origin[len(prefix):]
		if strings.HasSuffix(strings.ToLower(rest), "."+strings.ToLower(host)) && !strings.ContainsAny(rest, "/@") {
			return true
		}
	}
	return false
}

// checkedHeaders are the request headers the API reads as text (credentials are the
// authenticator's: malformed ones are a 401), each with the code that refuses it: the
// one its handler gives any other fault of that header.
var checkedHeaders = []struct {
	name string
	code velocity.Code
}{
	{"Idempotency-Key", velocity.CodeInvalidIdempotencyKey},
	{"X-Agent-Id", velocity.CodeInvalidHeader},
	{"If-Match", velocity.CodeInvalidIfMatch},
	{"Last-Event-ID", velocity.CodeInvalidHeader},
}

// cleanInput refuses, in one place, request paths, query values and text headers that
// are not valid UTF-8 or hold control characters: no handler or database sees them.
func (s *Server) cleanInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		if !velocity.CleanText(r.URL.Path, false) {
			s.writeError(w, r, velocity.NewError(velocity.CodeNotFound, "No such resource: the path is not valid text."))
			return
		}
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			s.writeError(w, r, velocity.NewError(velocity.CodeInvalidParameter, "The query string is malformed: "+err.Error()+"."))
			return
		}
		for k, vs := range q {
			for _, v := range append([]string{k}, vs...) {
				if !velocity.CleanText(v, false) {
					s.writeError(w, r, velocity.NewError(velocity.CodeInvalidParameter, "Query parameters must be valid UTF-8 text without control characters.",
						velocity.FieldError{Field: k, Code: velocity.FieldInvalidText, Message: "is not valid text"}))
					return
				}
			}
		}
		for _, h := range checkedHeaders {
			if v := r.Header.Get(h.name); v != "" && !velocity.CleanText(v, false) {
				s.writeError(w, r, velocity.NewError(h.code, "The "+h.name+" header must be valid UTF-8 text without control characters."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
