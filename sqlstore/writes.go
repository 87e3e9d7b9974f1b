package sqlstore

import (
	"context"
	"time"

	"github.com/customerdynamics/velocity"
)

// Writes implements the store methods that run one statement outside a transaction and
// read no rows back, which every engine runs alike. A store embeds the Writes that
// NewWrites makes for it.
type Writes struct {
	d    Dialect
	q    Queries
	exec Exec
}

// NewWrites returns Writes that run d's statements with exec, which maps the driver's
// errors to the domain's (a violated unique constraint to its conflict).
func NewWrites(d Dialect, exec Exec) Writes {
	return Writes{d: d, q: d.Queries(), exec: exec}
}

// CreateTenant adds a tenant; a taken name is a conflict (code tenant_exists).
func (w Writes) CreateTenant(ctx context.Context, t velocity.Tenant) error {
	_, err := w.exec(ctx, w.q.InsertTenant, t.ID, t.Name, t.DefaultCountry, t.DefaultTimezone, w.d.TimeArg(t.CreatedAt))
	return err
}

// CreateAPIKey stores a key's hash.
func (w Writes) CreateAPIKey(ctx context.Context, k velocity.APIKey) error {
	_, err := w.exec(ctx, w.q.InsertAPIKey, k.ID, k.TenantID, k.Name, k.Prefix, k.Hash, w.d.TimeArg(k.CreatedAt))
	return err
}

// CreateAccount adds a system account; a taken username in the tenant is a conflict
// (code account_exists).
func (w Writes) CreateAccount(ctx context.Context, a velocity.Account) error {
	_, err := w.exec(ctx, w.q.InsertAccount, a.ID, a.TenantID, a.Username, a.PasswordHash, w.d.TimeArg(a.CreatedAt))
	return err
}

// SetAccountDisabled disables (at != nil) or enables an account; no such account in the
// tenant is velocity.ErrNotFound.
func (w Writes) SetAccountDisabled(ctx context.Context, tenantID, username string, at *time.Time) error {
	return oneAccount(w.exec(ctx, w.q.SetAccountDisabled, w.d.NullTimeArg(at), tenantID, username))
}

// SetAccountPassword replaces an account's password hash; no such account in the tenant
// is velocity.ErrNotFound.
func (w Writes) SetAccountPassword(ctx context.Context, tenantID, username, hash string) error {
	return oneAccount(w.exec(ctx, w.q.SetAccountPassword, hash, tenantID, username))
}

// oneAccount is the outcome of a statement that changes one account, given how many
// rows it changed.
func oneAccount(rows int64, err error) error {
	if err == nil && rows == 0 {
		return velocity.ErrNotFound.With("No such account in this tenant.", nil)
	}
	return err
}

// PutPolicy stores the tenant's policy, replacing the one stored.
func (w Writes) PutPolicy(ctx context.Context, tenantID string, p velocity.Policy, at time.Time) error {
	doc, err := encodePolicy(p)
	if err != nil {
		return err
	}
	_, err = w.exec(ctx, w.q.PutPolicy, tenantID, doc, w.d.TimeArg(at))
	return err
}

// RemoveDoNotCall unlists a number; a number not listed is velocity.ErrNotFound.
func (w Writes) RemoveDoNotCall(ctx context.Context, tenantID, phone string) error {
	rows, err := w.exec(ctx, w.q.RemoveDoNotCall, tenantID, phone)
	if err == nil && rows == 0 {
		return velocity.ErrNotFound
	}
	return err
}
