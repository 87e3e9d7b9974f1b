package httpapi

import (
	"errors"
	"net"
	"net/http"

	"github.com/customerdynamics/velocity"
)

// Route is one API endpoint the server serves.
type Route struct {
	Method  string
	Path    string // a Go ServeMux pattern path, e.g. /api/v1/callbacks/{id}
	handler http.Handler
}

// apiFunc is an authenticated API handler; it returns an error to report as a problem.
type apiFunc func(w http.ResponseWriter, r *http.Request, p velocity.Principal) error

// routeTable lists the API: the single source of what the server serves under /api/v1
// (the OpenAPI test holds the published description against it).
func (s *Server) routeTable() []Route {
	authed := func(method, path string, h apiFunc) Route {
		return Route{Method: method, Path: path, handler: s.authenticated(h)}
	}
	return []Route{
		authed("POST", "/api/v1/callbacks", s.createCallback),
		authed("GET", "/api/v1/callbacks", s.listCallbacks),
		authed("GET", "/api/v1/callbacks/{id}", s.getCallback),
		authed("PATCH", "/api/v1/callbacks/{id}", s.updateCallback),
		authed("GET", "/api/v1/callbacks/{id}/history", s.callbackHistory),
		authed("POST", "/api/v1/callbacks/{id}/claim", s.claimCallback),
		authed("POST", "/api/v1/callbacks/{id}/release", s.releaseCallback),
		authed("POST", "/api/v1/callbacks/{id}/attempts", s.recordAttempt),
		authed("POST", "/api/v1/callbacks/{id}/cancel", s.cancelCallback),
		authed("POST", "/api/v1/callbacks/{id}/reached", s.markReached),
		authed("POST", "/api/v1/events/token", s.streamToken),
		authed("GET", "/api/v1/me", s.me),
		authed("GET", "/api/v1/phone-numbers/lookup", s.lookupPhone),
		authed("GET", "/api/v1/policy", s.getPolicy),
		authed("PATCH", "/api/v1/policy", s.updatePolicy),
		authed("GET", "/api/v1/do-not-call", s.listDoNotCall),
		authed("POST", "/api/v1/do-not-call", s.addDoNotCall),
		authed("POST", "/api/v1/do-not-call/import", s.importDoNotCall),
		authed("DELETE", "/api/v1/do-not-call/{phone}", s.removeDoNotCall),
		{Method: "GET", Path: "/api/v1/events", handler: s.handle(s.streamEvents)},
	}
}

// handle adapts an error-returning handler.
func (s *Server) handle(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// authenticated checks X-Api-Key and Basic credentials before calling h.
func (s *Server) authenticated(h apiFunc) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.principal(r)
		if err != nil {
			return err
		}
		return h(w, r, p)
	})
}

func (s *Server) principal(r *http.Request) (velocity.Principal, error) {
	user, pass, ok := r.BasicAuth()
	if !ok {
		user, pass = "", ""
	}
	remote, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		remote = r.RemoteAddr
	}
	return s.cfg.Auth.Authenticate(r.Context(), r.Header.Get("X-Api-Key"), user, pass, remote)
}

// me tells a client whom its credentials name: a cheap way to check them.
func (s *Server) me(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	s.writeJSON(w, r, http.StatusOK, map[string]any{"tenantId": p.Tenant.ID, "tenant": p.Tenant.Name, "username": p.Username,
		"defaultCountry": p.Tenant.DefaultCountry, "defaultTimezone": p.Tenant.DefaultTimezone})
	return nil
}

var lookupParams = map[string]bool{"number": true, "country": true}

// lookupPhone parses a number as a create would (E.164, the zone it maps to, whether it
// is on the do-not-call list), so that a form can show the customer's local time before
// the callback exists.
func (s *Server) lookupPhone(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	q := r.URL.Query()
	if err := checkParams(q, lookupParams); err != nil {
		return err
	}
	country := q.Get("country")
	if country != "" && !velocity.ValidRegion(country) {
		return velocity.ValidationError(velocity.FieldError{Field: "country", Code: velocity.FieldInvalidCountry, Message: "must be an ISO 3166 two-letter country code such as US or GB"})
	}
	if country == "" {
		country = p.Tenant.DefaultCountry
	}
	e164, zone, fe := velocity.ParsePhone("number", q.Get("number"), country)
	if fe != nil {
		return velocity.ValidationError(*fe)
	}
	out := map[string]any{"phoneNumber": e164, "timezone": nil, "defaultTimezone": p.Tenant.DefaultTimezone, "doNotCall": false}
	if zone != "" {
		out["timezone"] = zone
	}
	dnc, err := s.cfg.Service.IsDoNotCall(r.Context(), p, e164)
	if err != nil {
		return err
	}
	out["doNotCall"] = dnc
	// The customer's open callback, so that an agent on a call from them can say so (and
	// mark it reached) instead of calling them back later.
	out["openCallback"] = nil
	open, err := s.cfg.Service.FindOpenByPhone(r.Context(), p, e164, "")
	switch {
	case err == nil:
		out["openCallback"] = s.viewer(r.Context(), p.Tenant.ID).callback(open)
	case !errors.Is(err, velocity.ErrNotFound):
		return err
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}
