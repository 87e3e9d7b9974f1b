package httpapi

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// Route is one API endpoint the server serves, and the permission it needs.
type Route struct {
	Method     string
	Path       string              // a Go ServeMux pattern path, e.g. /api/v1/callbacks/{id}
	Permission velocity.Permission // "" for the event stream, which its token authorises
	handler    http.Handler
}

// apiFunc is an authenticated API handler; it returns an error to report as a problem.
type apiFunc func(w http.ResponseWriter, r *http.Request, p velocity.Principal) error

// routeTable lists the API: the single source of what the server serves under /api/v1
// and which role may call each route (the OpenAPI test holds the published description
// against it, the roles test every route against every role).
func (s *Server) routeTable() []Route {
	authed := func(method, path string, perm velocity.Permission, h apiFunc) Route {
		return Route{Method: method, Path: path, Permission: perm, handler: s.authenticated(perm, h)}
	}
	return []Route{
		authed("POST", "/api/v1/callbacks", velocity.PermCreate, s.createCallback),
		authed("GET", "/api/v1/callbacks", velocity.PermReadOwn, s.listCallbacks),
		authed("GET", "/api/v1/callbacks/search", velocity.PermReadAll, s.searchCallbacks),
		authed("GET", "/api/v1/callbacks/export.csv", velocity.PermReadAll, s.exportCallbacks),
		authed("POST", "/api/v1/callbacks/bulk", velocity.PermBulk, s.bulkCallbacks),
		authed("GET", "/api/v1/callbacks/{id}", velocity.PermReadOwn, s.getCallback),
		authed("PATCH", "/api/v1/callbacks/{id}", velocity.PermEdit, s.updateCallback),
		authed("GET", "/api/v1/callbacks/{id}/history", velocity.PermReadOwn, s.callbackHistory),
		authed("POST", "/api/v1/callbacks/{id}/claim", velocity.PermDial, s.claimCallback),
		authed("POST", "/api/v1/callbacks/{id}/release", velocity.PermDial, s.releaseCallback),
		authed("POST", "/api/v1/callbacks/{id}/attempts", velocity.PermDial, s.recordAttempt),
		authed("POST", "/api/v1/callbacks/{id}/cancel", velocity.PermCancel, s.cancelCallback),
		authed("POST", "/api/v1/callbacks/{id}/reached", velocity.PermDial, s.markReached),
		authed("POST", "/api/v1/events/token", velocity.PermStream, s.streamToken),
		authed("GET", "/api/v1/me", velocity.PermMe, s.me),
		authed("GET", "/api/v1/phone-numbers/lookup", velocity.PermLookup, s.lookupPhone),
		authed("POST", "/api/v1/interactions/inbound", velocity.PermInbound, s.inbound),
		authed("GET", "/api/v1/policy", velocity.PermReadPolicy, s.getPolicy),
		authed("PATCH", "/api/v1/policy", velocity.PermManagePolicy, s.updatePolicy),
		authed("GET", "/api/v1/do-not-call", velocity.PermListDoNotCall, s.listDoNotCall),
		authed("POST", "/api/v1/do-not-call", velocity.PermAddDoNotCall, s.addDoNotCall),
		authed("POST", "/api/v1/do-not-call/import", velocity.PermManageDoNotCall, s.importDoNotCall),
		authed("DELETE", "/api/v1/do-not-call/{phone}", velocity.PermManageDoNotCall, s.removeDoNotCall),
		authed("GET", "/api/v1/accounts", velocity.PermAccounts, s.listAccounts),
		authed("POST", "/api/v1/accounts", velocity.PermAccounts, s.createAccount),
		authed("PATCH", "/api/v1/accounts/{username}", velocity.PermAccounts, s.updateAccount),
		authed("POST", "/api/v1/accounts/{username}/password", velocity.PermAccounts, s.resetPassword),
		authed("GET", "/api/v1/api-keys", velocity.PermAPIKeys, s.listAPIKeys),
		authed("POST", "/api/v1/api-keys", velocity.PermAPIKeys, s.createAPIKey),
		authed("DELETE", "/api/v1/api-keys/{key}", velocity.PermAPIKeys, s.revokeAPIKey),
		authed("GET", "/api/v1/tenant", velocity.PermSettings, s.getTenant),
		authed("PATCH", "/api/v1/tenant/identity", velocity.PermSettings, s.setIdentity),
		authed("GET", "/api/v1/audit", velocity.PermAudit, s.listAudit),
		authed("POST", "/api/v1/customers/erase", velocity.PermErase, s.eraseCustomer),
		authed("POST", "/api/v1/webhooks", velocity.PermWebhooks, s.createWebhook),
		authed("GET", "/api/v1/webhooks", velocity.PermWebhooks, s.listWebhooks),
		authed("GET", "/api/v1/webhooks/{id}", velocity.PermWebhooks, s.getWebhook),
		authed("PATCH", "/api/v1/webhooks/{id}", velocity.PermWebhooks, s.updateWebhook),
		authed("DELETE", "/api/v1/webhooks/{id}", velocity.PermWebhooks, s.deleteWebhook),
		authed("POST", "/api/v1/webhooks/{id}/rotate-secret", velocity.PermWebhooks, s.rotateWebhookSecret),
		authed("POST", "/api/v1/webhooks/{id}/test", velocity.PermWebhooks, s.testWebhook),
		authed("GET", "/api/v1/webhooks/{id}/deliveries", velocity.PermWebhooks, s.listDeliveries),
		authed("GET", "/api/v1/webhooks/{id}/deliveries/{delivery}", velocity.PermWebhooks, s.getDelivery),
		authed("POST", "/api/v1/webhooks/{id}/deliveries/{delivery}/resend", velocity.PermWebhooks, s.resendDelivery),
		authed("GET", "/api/v1/reports/summary", velocity.PermReports, s.report(velocity.GroupNone)),
		authed("GET", "/api/v1/reports/teams", velocity.PermReports, s.report(velocity.GroupTeam)),
		authed("GET", "/api/v1/reports/agents", velocity.PermReports, s.report(velocity.GroupAgent)),
		authed("GET", "/api/v1/reports/daily", velocity.PermReports, s.report(velocity.GroupDay)),
		{Method: "GET", Path: "/api/v1/events", handler: s.handle(s.streamEvents)},
		{Method: "POST", Path: "/api/v1/session", handler: s.handle(s.signIn)},
		{Method: "GET", Path: "/api/v1/session", handler: s.handle(s.currentSession)},
		{Method: "DELETE", Path: "/api/v1/session", handler: s.handle(s.signOut)},
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

// authenticated checks X-Api-Key and Basic credentials, then that the account's role
// holds perm (403 forbidden, nothing done, otherwise), then the agent's identity where
// the tenant requires it, before calling h.
func (s *Server) authenticated(perm velocity.Permission, h apiFunc) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.principal(r)
		if err != nil {
			return err
		}
		if err := s.limits.allow(p, time.Now()); err != nil {
			return err
		}
		if err := p.Require(perm); err != nil {
			return err
		}
		if p, err = s.proveAgent(r, p); err != nil {
			return err
		}
		release, err := s.limits.acquire(r.Context())
		if err != nil {
			return err
		}
		defer release()
		return h(w, r, p)
	})
}

// proveAgent checks an agent-role request's Webex access token (X-Webex-Token) when the
// tenant requires proven agent identity, and returns the principal acting as that agent.
func (s *Server) proveAgent(r *http.Request, p velocity.Principal) (velocity.Principal, error) {
	if p.Role != velocity.RoleAgent || p.Tenant.AgentIdentity != velocity.IdentityWebex {
		return p, nil
	}
	if s.cfg.Identity == nil {
		return p, velocity.NewError(velocity.CodeIdentityUnavailable, "This server cannot check Webex identities; ask the administrator (velocity serve --webex-api-url).")
	}
	token := strings.TrimSpace(r.Header.Get("X-Webex-Token"))
	if token == "" {
		return p, velocity.NewError(velocity.CodeInvalidWebexToken, "This tenant requires the agent's Webex access token in X-Webex-Token (the widget's accessToken property, bound to $STORE.auth.accessToken).")
	}
	agent, ids, err := s.cfg.Identity.VerifyAgent(r.Context(), p.Tenant, token)
	if err != nil {
		return p, err
	}
	p.Agent, p.AgentIDs = agent, ids
	return p, nil
}

// principal authenticates a request: by its API key and Basic credentials, or, without
// an API key, by its console session cookie (with the CSRF token for changes).
func (s *Server) principal(r *http.Request) (velocity.Principal, error) {
	if r.Header.Get("X-Api-Key") == "" {
		if _, err := r.Cookie(SessionCookie); err == nil {
			p, _, err := s.session(r)
			return p, err
		}
	}
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
	out := map[string]any{"tenantId": p.Tenant.ID, "tenant": p.Tenant.Name, "username": p.Username, "role": p.Role,
		"defaultCountry": p.Tenant.DefaultCountry, "defaultTimezone": p.Tenant.DefaultTimezone, "agentIdentity": p.Tenant.AgentIdentity}
	if p.Agent != "" {
		out["agent"] = p.Agent
	}
	s.writeJSON(w, r, http.StatusOK, out)
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
