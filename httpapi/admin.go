package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/customerdynamics/velocity"
)

// accountView is an account as the admin API shows it (never its password hash).
type accountView struct {
	Username   string        `json:"username"`
	Role       velocity.Role `json:"role"`
	CreatedAt  time.Time     `json:"createdAt"`
	DisabledAt *time.Time    `json:"disabledAt"`
}

func viewAccount(a velocity.Account) accountView {
	return accountView{Username: a.Username, Role: a.Role, CreatedAt: a.CreatedAt, DisabledAt: a.DisabledAt}
}

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	accs, err := s.cfg.Service.ListAccounts(r.Context(), p)
	if err != nil {
		return err
	}
	out := make([]accountView, len(accs))
	for i, a := range accs {
		out[i] = viewAccount(a)
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": out})
	return nil
}

// createAccount adds an account with a role; the answer carries the password (when it
// was generated) and the velocityAuth value for a desktop layout, shown this once.
func (s *Server) createAccount(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var in velocity.AccountInput
	if err := decodeJSON(r, &in, false); err != nil {
		return err
	}
	password := in.Password
	a, generated, err := s.cfg.Service.CreateAccount(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := map[string]any{"account": viewAccount(a)}
	if generated != "" {
		out["password"] = generated
		password = generated
	}
	out["velocityAuth"] = velocity.BasicAuth(a.Username, password)
	w.Header().Set("Location", "/api/v1/accounts/"+a.Username)
	s.writeJSON(w, r, http.StatusCreated, out)
	return nil
}

type accountPatch struct {
	Role     *velocity.Role `json:"role"`
	Disabled *bool          `json:"disabled"`
}

// updateAccount changes an account's role or disables or enables it.
func (s *Server) updateAccount(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b accountPatch
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	user := r.PathValue("username")
	var a velocity.Account
	var err error
	if b.Role == nil && b.Disabled == nil {
		return velocity.ValidationError(velocity.FieldError{Field: "body", Code: velocity.FieldRequired, Message: "name role or disabled"})
	}
	if b.Role != nil {
		if a, err = s.cfg.Service.SetAccountRole(r.Context(), p, user, *b.Role); err != nil {
			return err
		}
	}
	if b.Disabled != nil {
		if a, err = s.cfg.Service.SetAccountDisabled(r.Context(), p, user, *b.Disabled); err != nil {
			return err
		}
	}
	s.writeJSON(w, r, http.StatusOK, viewAccount(a))
	return nil
}

// resetPassword gives an account a new generated password, shown this once.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	user := r.PathValue("username")
	password, err := s.cfg.Service.ResetPassword(r.Context(), p, user)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"username": user, "password": password, "velocityAuth": velocity.BasicAuth(user, password)})
	return nil
}

func (s *Server) listAPIKeys(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	keys, err := s.cfg.Service.ListAPIKeys(r.Context(), p)
	if err != nil {
		return err
	}
	if keys == nil {
		keys = []velocity.APIKey{}
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": keys})
	return nil
}

// createAPIKey makes a key; the key itself is in the answer, this once.
func (s *Server) createAPIKey(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &b, true); err != nil {
		return err
	}
	rec, key, err := s.cfg.Service.CreateAPIKey(r.Context(), p, b.Name)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusCreated, map[string]any{"apiKey": rec, "key": key})
	return nil
}

func (s *Server) revokeAPIKey(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	k, err := s.cfg.Service.RevokeAPIKey(r.Context(), p, r.PathValue("key"))
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, k)
	return nil
}

// getTenant shows the tenant and its settings.
func (s *Server) getTenant(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	s.writeJSON(w, r, http.StatusOK, p.Tenant)
	return nil
}

// setIdentity turns proven agent identity on (with the tenant's Webex org) or off.
func (s *Server) setIdentity(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b velocity.TenantIdentity
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	t, err := s.cfg.Service.SetIdentity(r.Context(), p, b)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, t)
	return nil
}

var auditParams = map[string]bool{"actor": true, "kind": true, "from": true, "to": true, "before": true, "limit": true}

// listAudit pages through the audit trail, newest first; nextBefore continues it.
func (s *Server) listAudit(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	q := r.URL.Query()
	if err := checkParams(q, auditParams); err != nil {
		return err
	}
	aq := velocity.AuditQuery{Actor: q.Get("actor"), Kind: q.Get("kind"), Limit: 100}
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"from", &aq.From}, {"to", &aq.To}} {
		if v := q.Get(f.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return badParam(f.name, "must be an RFC 3339 time such as 2026-11-30T00:00:00Z")
			}
			*f.dst = t.UTC()
		}
	}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return badParam("before", "must be an audit entry id")
		}
		aq.Before = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > velocity.MaxAuditLimit {
			return badParam("limit", "must be a whole number from 1 to "+strconv.Itoa(velocity.MaxAuditLimit))
		}
		aq.Limit = n
	}
	items, err := s.cfg.Service.Audit(r.Context(), p, aq)
	if err != nil {
		return err
	}
	if items == nil {
		items = []velocity.AuditEntry{}
	}
	var next *int64
	if len(items) == aq.Limit {
		n := items[len(items)-1].ID
		next = &n
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": items, "nextBefore": next})
	return nil
}
