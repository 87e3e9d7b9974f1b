package velocity

import (
	"context"
	"strings"
)

// AccountInput is a new account: a username unique in the tenant, a role, and a password
// (generated when empty; at least 12 characters when given).
type AccountInput struct {
	Username string `json:"username"`
	Role     Role   `json:"role"`
	Password string `json:"password,omitempty"`
}

// CheckUsername validates a username: 1 to 128 characters of text without a colon (it
// goes into HTTP Basic credentials).
func CheckUsername(field, username string) error {
	var c checker
	c.text(field, username, MaxIDLen, true)
	if strings.Contains(username, ":") {
		c.add(field, FieldInvalid, "must not contain a colon")
	}
	return c.err()
}

// CreateAccount adds an account with a role and returns it with its password (generated
// when in.Password is empty; returned only then).
func (s *Service) CreateAccount(ctx context.Context, p Principal, in AccountInput) (Account, string, error) {
	in.Username = strings.TrimSpace(in.Username)
	if err := CheckUsername("username", in.Username); err != nil {
		return Account{}, "", err
	}
	if in.Role == "" {
		in.Role = RoleAgent
	}
	role, err := ParseRole("role", string(in.Role))
	if err != nil {
		return Account{}, "", err
	}
	in.Role = role
	generated := ""
	if in.Password == "" {
		in.Password, generated = NewPassword(), "yes"
	} else if len(in.Password) < 12 || len(in.Password) > 1024 {
		return Account{}, "", ValidationError(FieldError{Field: "password", Code: FieldOutOfRange, Message: "must be 12 to 1024 characters"})
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return Account{}, "", err
	}
	a := Account{ID: NewID("ac_"), TenantID: p.Tenant.ID, Username: in.Username, PasswordHash: hash, CreatedAt: s.now(), Role: in.Role}
	if err := s.Store.CreateAccount(ctx, a); err != nil {
		return Account{}, "", err
	}
	if err := s.recordAudit(ctx, p, "account.create", a.Username, nil, a); err != nil {
		return Account{}, "", err
	}
	if generated == "" {
		return a, "", nil
	}
	return a, in.Password, nil
}

// ListAccounts returns the tenant's accounts by username.
func (s *Service) ListAccounts(ctx context.Context, p Principal) ([]Account, error) {
	return s.Store.ListAccounts(ctx, p.Tenant.ID)
}

// SetAccountRole changes an account's role. Nobody raises their own role: an account
// may lower its own, but only another account with the privilege may raise it.
func (s *Service) SetAccountRole(ctx context.Context, p Principal, username string, role Role) (Account, error) {
	role, err := ParseRole("role", string(role))
	if err != nil {
		return Account{}, err
	}
	a, err := s.Store.GetAccount(ctx, p.Tenant.ID, username)
	if err != nil {
		return Account{}, notFoundAccount(err)
	}
	if a.ID == p.AccountID && role.Outranks(a.Role) {
		return Account{}, NewError(CodeForbidden, "Nobody raises their own role; ask another administrator.").With("", map[string]any{"role": a.Role})
	}
	if err := s.Store.SetAccountRole(ctx, p.Tenant.ID, username, role); err != nil {
		return Account{}, notFoundAccount(err)
	}
	before := a
	a.Role = role
	return a, s.recordAudit(ctx, p, "account.role", username, before, a)
}

// SetAccountDisabled disables or enables an account (servers refuse it within seconds).
func (s *Service) SetAccountDisabled(ctx context.Context, p Principal, username string, disabled bool) (Account, error) {
	a, err := s.Store.GetAccount(ctx, p.Tenant.ID, username)
	if err != nil {
		return Account{}, notFoundAccount(err)
	}
	before := a
	a.DisabledAt = nil
	if disabled {
		now := s.now()
		a.DisabledAt = &now
	}
	if err := s.Store.SetAccountDisabled(ctx, p.Tenant.ID, username, a.DisabledAt); err != nil {
		return Account{}, notFoundAccount(err)
	}
	kind := "account.enable"
	if disabled {
		kind = "account.disable"
	}
	return a, s.recordAudit(ctx, p, kind, username, before, a)
}

// ResetPassword gives an account a new generated password and returns it (shown once).
func (s *Service) ResetPassword(ctx context.Context, p Principal, username string) (string, error) {
	password := NewPassword()
	return password, s.SetPassword(ctx, p, username, password)
}

// SetPassword gives an account a password of 12 to 1024 characters.
func (s *Service) SetPassword(ctx context.Context, p Principal, username, password string) error {
	if len(password) < 12 || len(password) > 1024 {
		return ValidationError(FieldError{Field: "password", Code: FieldOutOfRange, Message: "must be 12 to 1024 characters"})
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if err := s.Store.SetAccountPassword(ctx, p.Tenant.ID, username, hash); err != nil {
		return notFoundAccount(err)
	}
	return s.recordAudit(ctx, p, "account.password", username, nil, nil)
}

func notFoundAccount(err error) error {
	if e, ok := AsError(err); ok && e.Code == CodeNotFound {
		return ErrNotFound.With("No such account in this tenant.", nil)
	}
	return err
}

// CreateAPIKey makes a new API key for the tenant and returns it (the key is shown once;
// only its hash is kept).
func (s *Service) CreateAPIKey(ctx context.Context, p Principal, name string) (APIKey, string, error) {
	var c checker
	c.text("name", name, MaxIDLen, false)
	if err := c.err(); err != nil {
		return APIKey{}, "", err
	}
	key, rec := NewAPIKey()
	rec.ID, rec.TenantID, rec.Name, rec.CreatedAt = NewID("ak_"), p.Tenant.ID, strings.TrimSpace(name), s.now()
	if err := s.Store.CreateAPIKey(ctx, rec); err != nil {
		return APIKey{}, "", err
	}
	return rec, key, s.recordAudit(ctx, p, "apiKey.create", rec.ID, nil, rec)
}

// ListAPIKeys returns the tenant's keys (without secrets), oldest first.
func (s *Service) ListAPIKeys(ctx context.Context, p Principal) ([]APIKey, error) {
	return s.Store.ListAPIKeys(ctx, p.Tenant.ID)
}

// RevokeAPIKey revokes the tenant's key with this id or prefix.
func (s *Service) RevokeAPIKey(ctx context.Context, p Principal, idOrPrefix string) (APIKey, error) {
	k, err := s.Store.RevokeAPIKey(ctx, p.Tenant.ID, idOrPrefix, s.now())
	if err != nil {
		if e, ok := AsError(err); ok && e.Code == CodeNotFound {
			return APIKey{}, ErrNotFound.With("No API key of this tenant has this id or prefix.", nil)
		}
		return APIKey{}, err
	}
	return k, s.recordAudit(ctx, p, "apiKey.revoke", k.ID, nil, k)
}

// SetIdentity changes how the tenant's agents prove who they are.
func (s *Service) SetIdentity(ctx context.Context, p Principal, id TenantIdentity) (Tenant, error) {
	id.WebexOrgID = strings.TrimSpace(id.WebexOrgID)
	if err := id.Validate(); err != nil {
		return Tenant{}, err
	}
	t, err := s.Store.GetTenant(ctx, p.Tenant.ID)
	if err != nil {
		return Tenant{}, err
	}
	before := t.TenantIdentity
	if err := s.Store.SetTenantIdentity(ctx, t.ID, id); err != nil {
		return Tenant{}, err
	}
	t.TenantIdentity = id
	return t, s.recordAudit(ctx, p, "tenant.identity", t.ID, before, id)
}
