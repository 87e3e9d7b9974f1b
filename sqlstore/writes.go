package sqlstore

import (
	"context"
	"fmt"
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
	mode := t.AgentIdentity
	if mode == "" {
		mode = velocity.IdentityOff
	}
	_, err := w.exec(ctx, w.q.InsertTenant, t.ID, t.Name, t.DefaultCountry, t.DefaultTimezone, w.d.TimeArg(t.CreatedAt), t.WebexOrgID, string(mode))
	return err
}

// SetTenantIdentity sets the tenant's identity mode and Webex org; no such tenant is
// velocity.ErrNotFound.
func (w Writes) SetTenantIdentity(ctx context.Context, tenantID string, id velocity.TenantIdentity) error {
	rows, err := w.exec(ctx, w.q.SetTenantIdentity, id.WebexOrgID, string(id.AgentIdentity), tenantID)
	if err == nil && rows == 0 {
		return velocity.ErrNotFound.With("No such tenant.", nil)
	}
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
	role := a.Role
	if role == "" {
		role = velocity.RoleAgent
	}
	_, err := w.exec(ctx, w.q.InsertAccount, a.ID, a.TenantID, a.Username, a.PasswordHash, w.d.TimeArg(a.CreatedAt), string(role))
	return err
}

// SetAccountRole changes an account's role; no such account in the tenant is
// velocity.ErrNotFound.
func (w Writes) SetAccountRole(ctx context.Context, tenantID, username string, role velocity.Role) error {
	return oneAccount(w.exec(ctx, w.q.SetAccountRole, string(role), tenantID, username))
}

// AppendAudit records audit entries.
func (w Writes) AppendAudit(ctx context.Context, entries []velocity.AuditEntry) error {
	return w.d.AppendAudit(ctx, w.exec, entries)
}

// AppendAudit records audit entries with exec: a store's own, or its transaction's.
func (d Dialect) AppendAudit(ctx context.Context, exec Exec, entries []velocity.AuditEntry) error {
	q := d.Rebind(insertAudit)
	for _, e := range entries {
		args, err := d.AuditArgs(e)
		if err != nil {
			return err
		}
		if _, err := exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// CreateSession stores a console session.
func (w Writes) CreateSession(ctx context.Context, s velocity.Session) error {
	_, err := w.exec(ctx, w.q.CreateSession, w.d.SessionArgs(s)...)
	return err
}

// TouchSession records a session's activity; a session that is gone is
// velocity.ErrNotFound.
func (w Writes) TouchSession(ctx context.Context, idHash []byte, at time.Time) error {
	rows, err := w.exec(ctx, w.q.TouchSession, w.d.TimeArg(at), idHash)
	if err == nil && rows == 0 {
		return velocity.ErrNotFound
	}
	return err
}

// DeleteSession ends a session; one that is gone already is no error.
func (w Writes) DeleteSession(ctx context.Context, idHash []byte) error {
	_, err := w.exec(ctx, w.q.DeleteSession, idHash)
	return err
}

// DeleteSessionsBefore removes sessions that expired before expired or were last seen
// before idleSince.
func (w Writes) DeleteSessionsBefore(ctx context.Context, expired, idleSince time.Time) (int64, error) {
	return w.exec(ctx, w.q.DeleteSessionsBefore, w.d.TimeArg(expired), w.d.TimeArg(idleSince))
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

// PurgeEventLog deletes up to limit of the tenant's idempotency keys recorded before
// before, oldest first (see velocity.RetentionStore).
func (w Writes) PurgeEventLog(ctx context.Context, tenantID string, before time.Time, limit int) (int, error) {
	n, err := w.exec(ctx, w.q.PurgeIdempotency, tenantID, tenantID, w.d.TimeArg(before), limit)
	return int(n), err
}

// PurgeDeliveries deletes up to limit of the tenant's finished webhook deliveries
// recorded before before, oldest first, with their attempts (see
// velocity.RetentionStore).
func (w Writes) PurgeDeliveries(ctx context.Context, tenantID string, before time.Time, limit int) (int, error) {
	n, err := w.exec(ctx, w.q.PurgeDeliveries, tenantID, w.d.TimeArg(before), limit)
	return int(n), err
}

// PurgeAudit deletes up to limit of the tenant's audit entries recorded before before,
// oldest first.
func (w Writes) PurgeAudit(ctx context.Context, tenantID string, before time.Time, limit int) (int, error) {
	n, err := w.exec(ctx, w.q.PurgeAudit, tenantID, w.d.TimeArg(before), limit)
	return int(n), err
}

// PurgeCallbacks runs a transaction's purge (the engine's Tx has a PurgeCallbacks method
// of this signature) in one write transaction of write.
func PurgeCallbacks(ctx context.Context, write func(context.Context, func(velocity.Tx) error) error, tenantID string, before time.Time, limit int) (callbacks, events int, err error) {
	err = write(ctx, func(tx velocity.Tx) error {
		p, ok := tx.(interface {
			PurgeCallbacks(ctx context.Context, tenantID string, before time.Time, limit int) (int, int, error)
		})
		if !ok {
			return fmt.Errorf("sqlstore: %T cannot purge callbacks", tx)
		}
		callbacks, events, err = p.PurgeCallbacks(ctx, tenantID, before, limit)
		return err
	})
	return callbacks, events, err
}
