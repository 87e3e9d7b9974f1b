package postgres

import (
	"context"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5/pgxpool"
)

// exec runs one statement on a pooled connection and returns how many rows it changed.
func (s *Store) exec(ctx context.Context, sql string, args ...any) (rows int64, err error) {
	err = s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		tag, err := c.Exec(ctx, sql, args...)
		rows = tag.RowsAffected()
		return err
	})
	return rows, err
}

// queryOne runs a single-row query on a pooled connection and reads the row with scan;
// no row is velocity.ErrNotFound.
func queryOne[T any](ctx context.Context, s *Store, scan func(sqlstore.Scanner) (T, error), sql string, args ...any) (T, error) {
	var v T
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		var err error
		v, err = scan(c.QueryRow(ctx, sql, args...))
		return err
	})
	return v, err
}

// queryAll runs a query on a pooled connection and appends every row, read with scan,
// to dst.
func queryAll[T any](ctx context.Context, s *Store, dst []T, scan func(sqlstore.Scanner) (T, error), sql string, args ...any) ([]T, error) {
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		rows, err := c.Query(ctx, sql, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		dst, err = sqlstore.AppendAll(dst, rows, scan)
		return err
	})
	return dst, err
}

// GetTenant finds a tenant by id.
func (s *Store) GetTenant(ctx context.Context, id string) (velocity.Tenant, error) {
	return queryOne(ctx, s, dialect.ScanTenant, queries.TenantByID, id)
}

// GetTenantByName finds a tenant by name.
func (s *Store) GetTenantByName(ctx context.Context, name string) (velocity.Tenant, error) {
	return queryOne(ctx, s, dialect.ScanTenant, queries.TenantByName, name)
}

// ListTenants returns all tenants by name.
func (s *Store) ListTenants(ctx context.Context) ([]velocity.Tenant, error) {
	return queryAll(ctx, s, nil, dialect.ScanTenant, queries.ListTenants)
}

// ListAPIKeys returns a tenant's keys (without hashes), oldest first.
func (s *Store) ListAPIKeys(ctx context.Context, tenantID string) ([]velocity.APIKey, error) {
	return queryAll(ctx, s, nil, dialect.ScanAPIKey, queries.ListAPIKeys, tenantID)
}

// RevokeAPIKey revokes the tenant's key with this id or prefix (the oldest active such key when a
// prefix is shared); revoking a revoked key keeps its first revocation time.
func (s *Store) RevokeAPIKey(ctx context.Context, tenantID, idOrPrefix string, at time.Time) (velocity.APIKey, error) {
	return queryOne(ctx, s, dialect.ScanAPIKey, `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
		WHERE id = (SELECT id FROM api_keys WHERE tenant_id = $1 AND (id = $2 OR prefix = $2) ORDER BY revoked_at IS NOT NULL, created_at LIMIT 1)
		RETURNING `+sqlstore.KeyCols, tenantID, idOrPrefix, at)
}

// GetAccount finds a tenant's account by username.
func (s *Store) GetAccount(ctx context.Context, tenantID, username string) (velocity.Account, error) {
	return queryOne(ctx, s, dialect.ScanAccount, queries.GetAccount, tenantID, username)
}

// LookupCredentials finds a key by hash, its tenant, and the tenant's account username,
// in one query.
func (s *Store) LookupCredentials(ctx context.Context, keyHash []byte, username string) (velocity.Credentials, error) {
	return queryOne(ctx, s, dialect.ScanCredentials, queries.Credentials, username, keyHash)
}

// ListAccounts returns a tenant's accounts by username.
func (s *Store) ListAccounts(ctx context.Context, tenantID string) ([]velocity.Account, error) {
	return queryAll(ctx, s, nil, dialect.ScanAccount, queries.ListAccounts, tenantID)
}

// ListAudit returns the tenant's audit entries matching q, newest first.
func (s *Store) ListAudit(ctx context.Context, tenantID string, q velocity.AuditQuery) ([]velocity.AuditEntry, error) {
	query, args := dialect.AuditList(tenantID, q)
	return queryAll(ctx, s, nil, dialect.ScanAudit, query, args...)
}

// GetSession finds a console session by the hash of its secret.
func (s *Store) GetSession(ctx context.Context, idHash []byte) (velocity.Session, error) {
	return queryOne(ctx, s, dialect.ScanSession, queries.GetSession, idHash)
}
