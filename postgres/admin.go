package postgres

import (
	"context"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const tenantCols = `id, name, default_country, default_timezone, created_at`

func scanTenant(row pgx.Row) (velocity.Tenant, error) {
	var t velocity.Tenant
	err := row.Scan(&t.ID, &t.Name, &t.DefaultCountry, &t.DefaultTimezone, &t.CreatedAt)
	t.CreatedAt = utc(t.CreatedAt)
	return t, mapErr(err)
}

// exec runs one statement on a pooled connection.
func (s *Store) exec(ctx context.Context, sql string, args ...any) (rows int64, err error) {
	err = s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		tag, err := c.Exec(ctx, sql, args...)
		rows = tag.RowsAffected()
		return err
	})
	return rows, err
}

// queryRow runs one single-row query and scans it with scan.
func (s *Store) queryRow(ctx context.Context, scan func(pgx.Row) error, sql string, args ...any) error {
	return s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return scan(c.QueryRow(ctx, sql, args...))
	})
}

// queryAll runs a query and calls scan for each row.
func (s *Store) queryAll(ctx context.Context, scan func(pgx.Rows) error, sql string, args ...any) error {
	return s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		rows, err := c.Query(ctx, sql, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// CreateTenant adds a tenant; a taken name is a conflict (code tenant_exists).
func (s *Store) CreateTenant(ctx context.Context, t velocity.Tenant) error {
	_, err := s.exec(ctx, `INSERT INTO tenants (`+tenantCols+`) VALUES ($1, $2, $3, $4, $5)`,
		t.ID, t.Name, t.DefaultCountry, t.DefaultTimezone, t.CreatedAt)
	return err
}

func (s *Store) getTenant(ctx context.Context, where string, arg any) (velocity.Tenant, error) {
	var t velocity.Tenant
	err := s.queryRow(ctx, func(r pgx.Row) (err error) {
		t, err = scanTenant(r)
		return err
	}, `SELECT `+tenantCols+` FROM tenants WHERE `+where+` = $1`, arg)
	return t, err
}

// GetTenant finds a tenant by id.
func (s *Store) GetTenant(ctx context.Context, id string) (velocity.Tenant, error) {
	return s.getTenant(ctx, "id", id)
}

// GetTenantByName finds a tenant by name.
func (s *Store) GetTenantByName(ctx context.Context, name string) (velocity.Tenant, error) {
	return s.getTenant(ctx, "name", name)
}

// ListTenants returns all tenants by name.
func (s *Store) ListTenants(ctx context.Context) ([]velocity.Tenant, error) {
	var out []velocity.Tenant
	err := s.queryAll(ctx, func(r pgx.Rows) error {
		t, err := scanTenant(r)
		out = append(out, t)
		return err
	}, `SELECT `+tenantCols+` FROM tenants ORDER BY name`)
	return out, err
}

// CreateAPIKey stores a key's hash.
func (s *Store) CreateAPIKey(ctx context.Context, k velocity.APIKey) error {
	_, err := s.exec(ctx, `INSERT INTO api_keys (id, tenant_id, name, prefix, hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		k.ID, k.TenantID, k.Name, k.Prefix, k.Hash, k.CreatedAt)
	return err
}

const keyCols = `id, tenant_id, name, prefix, created_at, revoked_at`

func scanKey(r pgx.Row) (velocity.APIKey, error) {
	var k velocity.APIKey
	err := r.Scan(&k.ID, &k.TenantID, &k.Name, &k.Prefix, &k.CreatedAt, &k.RevokedAt)
	k.CreatedAt, k.RevokedAt = utc(k.CreatedAt), utcPtr(k.RevokedAt)
	return k, mapErr(err)
}

// ListAPIKeys returns a tenant's keys (without hashes), oldest first.
func (s *Store) ListAPIKeys(ctx context.Context, tenantID string) ([]velocity.APIKey, error) {
	var out []velocity.APIKey
	err := s.queryAll(ctx, func(r pgx.Rows) error {
		k, err := scanKey(r)
		out = append(out, k)
		return err
	}, `SELECT `+keyCols+` FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id`, tenantID)
	return out, err
}

// RevokeAPIKey revokes the tenant's key with this id or prefix (the oldest active such key when a
// prefix is shared); revoking a revoked key keeps its first revocation time.
func (s *Store) RevokeAPIKey(ctx context.Context, tenantID, idOrPrefix string, at time.Time) (velocity.APIKey, error) {
	var k velocity.APIKey
	err := s.queryRow(ctx, func(r pgx.Row) (err error) {
		k, err = scanKey(r)
		return err
	}, `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
		WHERE id = (SELECT id FROM api_keys WHERE tenant_id = $1 AND (id = $2 OR prefix = $2) ORDER BY revoked_at IS NOT NULL, created_at LIMIT 1)
		RETURNING `+keyCols, tenantID, idOrPrefix, at)
	return k, err
}

const accountCols = `id, tenant_id, username, password_hash, created_at, disabled_at`

func scanAccount(r pgx.Row) (velocity.Account, error) {
	var a velocity.Account
	err := r.Scan(&a.ID, &a.TenantID, &a.Username, &a.PasswordHash, &a.CreatedAt, &a.DisabledAt)
	a.CreatedAt, a.DisabledAt = utc(a.CreatedAt), utcPtr(a.DisabledAt)
	return a, mapErr(err)
}

// CreateAccount adds a system account; a taken username in the tenant is a conflict
// (code account_exists).
func (s *Store) CreateAccount(ctx context.Context, a velocity.Account) error {
	_, err := s.exec(ctx, `INSERT INTO accounts (id, tenant_id, username, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
		a.ID, a.TenantID, a.Username, a.PasswordHash, a.CreatedAt)
	return err
}

// GetAccount finds a tenant's account by username.
func (s *Store) GetAccount(ctx context.Context, tenantID, username string) (velocity.Account, error) {
	var a velocity.Account
	err := s.queryRow(ctx, func(r pgx.Row) (err error) {
		a, err = scanAccount(r)
		return err
	}, `SELECT `+accountCols+` FROM accounts WHERE tenant_id = $1 AND username = $2`, tenantID, username)
	return a, err
}

func (s *Store) execAccount(ctx context.Context, sql string, args ...any) error {
	n, err := s.exec(ctx, sql, args...)
	if err != nil {
		return err
	}
	if n == 0 {
		return velocity.ErrNotFound.With("No such account in this tenant.", nil)
	}
	return nil
}

// SetAccountDisabled disables (at != nil) or enables an account.
func (s *Store) SetAccountDisabled(ctx context.Context, tenantID, username string, at *time.Time) error {
	return s.execAccount(ctx, `UPDATE accounts SET disabled_at = $1 WHERE tenant_id = $2 AND username = $3`, at, tenantID, username)
}

// SetAccountPassword replaces an account's password hash.
func (s *Store) SetAccountPassword(ctx context.Context, tenantID, username, hash string) error {
	return s.execAccount(ctx, `UPDATE accounts SET password_hash = $1 WHERE tenant_id = $2 AND username = $3`, hash, tenantID, username)
}

// LookupCredentials finds a key by hash, its tenant, and the tenant's account username,
// in one query.
func (s *Store) LookupCredentials(ctx context.Context, keyHash []byte, username string) (velocity.Credentials, error) {
	var c velocity.Credentials
	err := s.queryRow(ctx, func(r pgx.Row) error {
		var revoked, accAt, accDis *time.Time
		var accID, accTenant, accUser, accHash *string
		err := r.Scan(&c.KeyID, &c.KeyPrefix, &revoked,
			&c.Tenant.ID, &c.Tenant.Name, &c.Tenant.DefaultCountry, &c.Tenant.DefaultTimezone, &c.Tenant.CreatedAt,
			&accID, &accTenant, &accUser, &accHash, &accAt, &accDis)
		if err != nil {
			return mapErr(err)
		}
		c.KeyActive = revoked == nil
		c.Tenant.CreatedAt = utc(c.Tenant.CreatedAt)
		if accID != nil {
			c.Account = &velocity.Account{ID: *accID, TenantID: *accTenant, Username: *accUser, PasswordHash: *accHash,
				CreatedAt: utc(*accAt), DisabledAt: utcPtr(accDis)}
		}
		return nil
	}, `SELECT k.id, k.prefix, k.revoked_at,
			t.id, t.name, t.default_country, t.default_timezone, t.created_at,
			a.id, a.tenant_id, a.username, a.password_hash, a.created_at, a.disabled_at
		FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
		LEFT JOIN accounts a ON a.tenant_id = k.tenant_id AND a.username = $1
		WHERE k.hash = $2`, username, keyHash)
	return c, err
}
