package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/customerdynamics/velocity"
)

func scanTenant(s scanner) (velocity.Tenant, error) {
	var t velocity.Tenant
	var at int64
	err := s.Scan(&t.ID, &t.Name, &t.DefaultCountry, &t.DefaultTimezone, &at)
	t.CreatedAt = fromMicros(at)
	return t, mapErr(err)
}

const tenantCols = `id, name, default_country, default_timezone, created_at`

// CreateTenant adds a tenant; a taken name is a conflict.
func (s *Store) CreateTenant(ctx context.Context, t velocity.Tenant) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO tenants (`+tenantCols+`) VALUES (?, ?, ?, ?, ?)`,
		t.ID, t.Name, t.DefaultCountry, t.DefaultTimezone, micros(t.CreatedAt))
	return mapErr(err)
}

// GetTenant finds a tenant by id.
func (s *Store) GetTenant(ctx context.Context, id string) (velocity.Tenant, error) {
	return scanTenant(s.read.QueryRowContext(ctx, `SELECT `+tenantCols+` FROM tenants WHERE id = ?`, id))
}

// GetTenantByName finds a tenant by name.
func (s *Store) GetTenantByName(ctx context.Context, name string) (velocity.Tenant, error) {
	return scanTenant(s.read.QueryRowContext(ctx, `SELECT `+tenantCols+` FROM tenants WHERE name = ?`, name))
}

// ListTenants returns all tenants by name.
func (s *Store) ListTenants(ctx context.Context) ([]velocity.Tenant, error) {
	return collect(scanTenant)(s.read.QueryContext(ctx, `SELECT `+tenantCols+` FROM tenants ORDER BY name`))
}

// CreateAPIKey stores a key's hash.
func (s *Store) CreateAPIKey(ctx context.Context, k velocity.APIKey) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO api_keys (id, tenant_id, name, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		k.ID, k.TenantID, k.Name, k.Prefix, k.Hash, micros(k.CreatedAt))
	return mapErr(err)
}

func scanKey(s scanner) (velocity.APIKey, error) {
	var k velocity.APIKey
	var at int64
	var rev sql.NullInt64
	err := s.Scan(&k.ID, &k.TenantID, &k.Name, &k.Prefix, &at, &rev)
	k.CreatedAt = fromMicros(at)
	if rev.Valid {
		t := fromMicros(rev.Int64)
		k.RevokedAt = &t
	}
	return k, mapErr(err)
}

// ListAPIKeys returns a tenant's keys (without hashes), oldest first.
func (s *Store) ListAPIKeys(ctx context.Context, tenantID string) ([]velocity.APIKey, error) {
	return collect(scanKey)(s.read.QueryContext(ctx, `SELECT id, tenant_id, name, prefix, created_at, revoked_at FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id`, tenantID))
}

// RevokeAPIKey revokes the tenant's key with this id or prefix.
func (s *Store) RevokeAPIKey(ctx context.Context, tenantID, idOrPrefix string, at time.Time) (velocity.APIKey, error) {
	var k velocity.APIKey
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		k, err = scanKey(tx.QueryRowContext(ctx, `SELECT id, tenant_id, name, prefix, created_at, revoked_at FROM api_keys
			WHERE tenant_id = ? AND (id = ? OR prefix = ?) ORDER BY revoked_at IS NOT NULL, created_at LIMIT 1`, tenantID, idOrPrefix, idOrPrefix))
		if err != nil {
			return err
		}
		if k.RevokedAt == nil {
			k.RevokedAt = &at
			_, err = tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = ? WHERE id = ?`, micros(at), k.ID)
		}
		return mapErr(err)
	})
	return k, err
}

const accountCols = `id, tenant_id, username, password_hash, created_at, disabled_at`

func scanAccount(s scanner) (velocity.Account, error) {
	var a velocity.Account
	var at int64
	var dis sql.NullInt64
	err := s.Scan(&a.ID, &a.TenantID, &a.Username, &a.PasswordHash, &at, &dis)
	a.CreatedAt = fromMicros(at)
	if dis.Valid {
		t := fromMicros(dis.Int64)
		a.DisabledAt = &t
	}
	return a, mapErr(err)
}

// CreateAccount adds a system account; a taken username in the tenant is a conflict.
func (s *Store) CreateAccount(ctx context.Context, a velocity.Account) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO accounts (id, tenant_id, username, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
		a.ID, a.TenantID, a.Username, a.PasswordHash, micros(a.CreatedAt))
	return mapErr(err)
}

// GetAccount finds a tenant's account by username.
func (s *Store) GetAccount(ctx context.Context, tenantID, username string) (velocity.Account, error) {
	return scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE tenant_id = ? AND username = ?`, tenantID, username))
}

func (s *Store) execOne(ctx context.Context, q string, args ...any) error {
	res, err := s.write.ExecContext(ctx, q, args...)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return velocity.ErrNotFound.With("No such account in this tenant.", nil)
	}
	return nil
}

// SetAccountDisabled disables (at != nil) or enables an account.
func (s *Store) SetAccountDisabled(ctx context.Context, tenantID, username string, at *time.Time) error {
	return s.execOne(ctx, `UPDATE accounts SET disabled_at = ? WHERE tenant_id = ? AND username = ?`, nullTime(at), tenantID, username)
}

// SetAccountPassword replaces an account's password hash.
func (s *Store) SetAccountPassword(ctx context.Context, tenantID, username, hash string) error {
	return s.execOne(ctx, `UPDATE accounts SET password_hash = ? WHERE tenant_id = ? AND username = ?`, hash, tenantID, username)
}

// LookupCredentials finds a key by hash, its tenant, and the tenant's account username.
func (s *Store) LookupCredentials(ctx context.Context, keyHash []byte, username string) (velocity.Credentials, error) {
	var c velocity.Credentials
	var revoked sql.NullInt64
	var tat int64
	var accID, accTenant, accUser, accHash sql.NullString
	var accAt, accDis sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT k.id, k.prefix, k.revoked_at,
			t.id, t.name, t.default_country, t.default_timezone, t.created_at,
			a.id, a.tenant_id, a.username, a.password_hash, a.created_at, a.disabled_at
		FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
		LEFT JOIN accounts a ON a.tenant_id = k.tenant_id AND a.username = ?
		WHERE k.hash = ?`, username, keyHash).Scan(&c.KeyID, &c.KeyPrefix, &revoked,
		&c.Tenant.ID, &c.Tenant.Name, &c.Tenant.DefaultCountry, &c.Tenant.DefaultTimezone, &tat,
		&accID, &accTenant, &accUser, &accHash, &accAt, &accDis)
	if err != nil {
		return c, mapErr(err)
	}
	c.KeyActive = !revoked.Valid
	c.Tenant.CreatedAt = fromMicros(tat)
	if accID.Valid {
		a := velocity.Account{ID: accID.String, TenantID: accTenant.String, Username: accUser.String, PasswordHash: accHash.String, CreatedAt: fromMicros(accAt.Int64)}
		if accDis.Valid {
			t := fromMicros(accDis.Int64)
			a.DisabledAt = &t
		}
		c.Account = &a
	}
	return c, nil
}
