package httpapi

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/customerdynamics/velocity"
)

// SessionCookie is the console session's cookie: HttpOnly, SameSite=Strict, Secure
// unless the server is reached on a loopback address.
const SessionCookie = "velocity_session"

type signInBody struct {
	Tenant   string `json:"tenant"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// sessionView is what the console learns of its session: whom it signed in as, and the
// CSRF token every change must send in X-CSRF-Token.
func sessionView(p velocity.Principal, s velocity.Session) map[string]any {
	return map[string]any{"tenant": p.Tenant.Name, "tenantId": p.Tenant.ID, "username": p.Username, "role": p.Role,
		"csrfToken": s.CSRFToken, "expiresAt": s.ExpiresAt, "idleTimeoutSeconds": int(velocity.DefaultIdleTimeout.Seconds())}
}

// signIn starts a console session for a supervisor or admin (agents and integrations
// get 403), with the API's limit on failed passwords.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	// A page of another site must not sign the browser in to an account of its choosing
	// (login CSRF): browsers name the page's origin on every cross-origin POST. Behind a
	// proxy that rewrites Host, the proxy's X-Forwarded-Host names the console's host.
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host == "" || (!strings.EqualFold(u.Host, r.Host) && !strings.EqualFold(u.Host, r.Header.Get("X-Forwarded-Host"))) {
			return velocity.NewError(velocity.CodeForbidden, "Sign in from the console's own page ("+r.Host+"/console), not from another site.").
				With("", map[string]any{"reason": "origin"})
		}
	}
	var b signInBody
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	secret, sess, p, err := s.cfg.Auth.SignIn(r.Context(), strings.TrimSpace(b.Tenant), strings.TrimSpace(b.Username), b.Password, remoteOf(r))
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: !loopback(r),
		SameSite: http.SameSiteStrictMode, MaxAge: int(velocity.DefaultAbsoluteTimeout.Seconds())})
	s.logger.Info("console sign-in", "tenant", p.Tenant.Name, "username", p.Username, "role", p.Role, "remote", p.Remote)
	s.writeJSON(w, r, http.StatusCreated, sessionView(p, sess))
	return nil
}

// currentSession tells the console whom its cookie signs in as.
func (s *Server) currentSession(w http.ResponseWriter, r *http.Request) error {
	p, sess, err := s.session(r)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, sessionView(p, sess))
	return nil
}

// signOut ends the session and clears the cookie.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if _, _, err := s.session(r); err != nil {
		return err
	}
	c, _ := r.Cookie(SessionCookie)
	if err := s.cfg.Auth.SignOut(r.Context(), c.Value); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: !loopback(r), SameSite: http.SameSiteStrictMode, MaxAge: -1})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// session resumes the request's console session; a change must carry its CSRF token.
func (s *Server) session(r *http.Request) (velocity.Principal, velocity.Session, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return velocity.Principal{}, velocity.Session{}, velocity.ErrSessionEnded
	}
	changes := r.Method != http.MethodGet && r.Method != http.MethodHead
	return s.cfg.Auth.Resume(r.Context(), c.Value, r.Header.Get("X-CSRF-Token"), changes, remoteOf(r))
}

func remoteOf(r *http.Request) string {
	remote, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return remote
}

// loopback reports whether the request came to a loopback host (no TLS needed there).
func loopback(r *http.Request) bool {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
