// Package webexidtest is a fake of Webex's identity API (GET /v1/people/me) for tests:
// an HTTP server on loopback that knows the tokens a test gives it, answers like Webex
// (a person as JSON, or a 401 error object), and can be made slow, down or rate
// limited. Only tests import it.
package webexidtest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/webexid"
)

// Server is the fake identity API. Its methods are safe to call while requests run.
type Server struct {
	// URL is the base URL to give webexid.Client.BaseURL, such as http://127.0.0.1:40123.
	URL string

	srv   *httptest.Server
	calls atomic.Int64
	seq   atomic.Int64

	mu         sync.Mutex
	tokens     map[string]webexid.Person
	types      map[string]string // a token's person type, when not "person"
	status     int               // non-zero: every request gets this status
	retryAfter string
	hangUp     bool
	latency    time.Duration
}

// NewServer starts a fake identity API on loopback that knows no tokens; it stops when
// the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{tokens: map[string]webexid.Person{}, types: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/people/me", s.peopleMe)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, http.StatusNotFound, "The requested resource could not be found.")
	})
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// AddToken makes token valid for p (a person of type "person"). A later AddToken of the
// same token replaces p.
func (s *Server) AddToken(token string, p webexid.Person) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = p
	delete(s.types, token)
}

// AddTokenOfType is AddToken for a person whose type is typ ("bot" or "appuser").
func (s *Server) AddTokenOfType(token string, p webexid.Person, typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = p
	s.types[token] = typ
}

// Revoke makes token unknown: Webex answers 401 for it from now on.
func (s *Server) Revoke(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, token)
	delete(s.types, token)
}

// SetDown makes every request get 503 Service Unavailable (true) or be served again
// (false); it clears SetStatus.
func (s *Server) SetDown(down bool) {
	if down {
		s.SetStatus(http.StatusServiceUnavailable, "")
	} else {
		s.SetStatus(0, "")
	}
}

// SetStatus makes every request get status with Webex's error object, and a Retry-After
// header when retryAfter is not empty (as Webex sends with 429); status 0 serves
// requests again.
func (s *Server) SetStatus(status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.retryAfter = status, retryAfter
}

// SetHangUp makes the server close every connection without answering (true), as an
// unreachable or crashing Webex would, or answer again (false).
func (s *Server) SetHangUp(hangUp bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hangUp = hangUp
}

// SetLatency delays every answer by d (less if the request is cancelled first).
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Calls returns how many requests reached GET /v1/people/me.
func (s *Server) Calls() int { return int(s.calls.Load()) }

// PersonID returns the Webex person id of the person whose CI user id is uuid: the
// base64 (without padding) of "ciscospark://us/PEOPLE/<uuid>", as Webex writes it.
func PersonID(uuid string) string { return resourceID("PEOPLE", uuid) }

// OrgID returns the Webex organization id of the organization uuid: the base64 of
// "ciscospark://us/ORGANIZATION/<uuid>".
func OrgID(uuid string) string { return resourceID("ORGANIZATION", uuid) }

func resourceID(kind, uuid string) string {
	return base64.RawStdEncoding.EncodeToString([]byte("ciscospark://us/" + kind + "/" + uuid))
}

func (s *Server) peopleMe(w http.ResponseWriter, r *http.Request) {
	s.calls.Add(1)
	s.mu.Lock()
	latency, hangUp, status, retry := s.latency, s.hangUp, s.status, s.retryAfter
	s.mu.Unlock()
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if hangUp {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		panic(http.ErrAbortHandler) // HTTP/2 cannot be hijacked; abort the stream instead
	}
	if status != 0 {
		if retry != "" {
			w.Header().Set("Retry-After", retry)
		}
		s.writeError(w, status, http.StatusText(status))
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	p, known := s.tokens[token]
	typ := s.types[token]
	s.mu.Unlock()
	if !ok || !known {
		s.writeError(w, http.StatusUnauthorized, "The request requires a valid access token set in the Authorization request header.")
		return
	}
	if typ == "" {
		typ = "person"
	}
	emails := p.Emails
	if emails == nil {
		emails = []string{}
	}
	first, last, _ := strings.Cut(p.DisplayName, " ")
	s.writeJSON(w, http.StatusOK, map[string]any{
		"id":           p.ID,
		"emails":       emails,
		"phoneNumbers": []any{},
		"displayName":  p.DisplayName,
		"nickName":     first,
		"firstName":    first,
		"lastName":     last,
		"orgId":        p.OrgID,
		"created":      "2024-01-15T09:30:00.000Z",
		"lastModified": "2025-06-01T12:00:00.000Z",
		"lastActivity": "2026-01-01T08:00:00.000Z",
		"status":       "active",
		"type":         typ,
	})
}

// writeError answers as Webex does: {"message", "errors": [{"description"}], "trackingId"}.
func (s *Server) writeError(w http.ResponseWriter, status int, msg string) {
	s.writeJSON(w, status, map[string]any{
		"message":    msg,
		"errors":     []map[string]string{{"description": msg}},
		"trackingId": s.track(w),
	})
}

// track gives the answer a tracking id, as Webex does in its Trackingid header, and
// returns it.
func (s *Server) track(w http.ResponseWriter) string {
	id := w.Header().Get("Trackingid")
	if id == "" {
		id = "ROUTER_FAKE_" + strconv.FormatInt(s.seq.Add(1), 10)
		w.Header().Set("Trackingid", id)
	}
	return id
}

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	s.track(w)
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
