package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
)

// GetTenant finds a tenant by id.
func (s *Store) GetTenant(ctx context.Context, id string) (velocity.Tenant, error) {
	return one(dialect.ScanTenant, s.read.QueryRowContext(ctx, queries.TenantByID, id))
}

// GetTenantByName finds a tenant by name.
func (s *Store) GetTenantByName(ctx context.Context, name string) (velocity.Tenant, error) {
	return one(dialect.ScanTenant, s.read.QueryRowContext(ctx, queries.TenantByName, name))
}

// ListTenants returns all tenants by name.
func (s *Store) ListTenants(ctx context.Context) ([]velocity.Tenant, error) {
	return collect(dialect.ScanTenant)(s.read.QueryContext(ctx, queries.ListTenants))
}

// ListAPIKeys returns a tenant's keys (without hashes), oldest first.
func (s *Store) ListAPIKeys(ctx context.Context, tenantID string) ([]velocity.APIKey, error) {
	return collect(dialect.ScanAPIKey)(s.read.QueryContext(ctx, queries.ListAPIKeys, tenantID))
}

// RevokeAPIKey revokes the tenant's key with this id or prefix (the oldest active such
// key when a prefix is shared); revoking a revoked key keeps its first revocation time.
func (s *Store) RevokeAPIKey(ctx context.Context, tenantID, idOrPrefix string, at time.Time) (velocity.APIKey, error) {
	var k velocity.APIKey
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		k, err = one(dialect.ScanAPIKey, tx.QueryRowContext(ctx, `SELECT `+sqlstore.KeyCols+` FROM api_keys
			WHERE tenant_id = ? AND (id = ? OR prefix = ?) ORDER BY revoked_at IS NOT NULL, created_at LIMIT 1`, tenantID, idOrPrefix, idOrPrefix))
		if err != nil {
			return err
		}
		if k.RevokedAt == nil {
			k.RevokedAt = &at
			_, err = tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = ? WHERE id = ?`, dialect.TimeArg(at), k.ID)
		}
		return mapErr(err)
	})
	return k, err
}

// GetAccount finds a tenant's account by username.
func (s *Store) GetAccount(ctx context.Context, tenantID, username string) (velocity.Account, error) {
	return one(dialect.ScanAccount, s.read.QueryRowContext(ctx, queries.GetAccount, tenantID, username))
}

// LookupCredentials finds a key by hash, its tenant, and the tenant's account username,
// in one query.
func (s *Store) LookupCredentials(ctx context.Context, keyHash []byte, username string) (velocity.Credentials, error) {
	return one(dialect.ScanCredentials, s.read.QueryRowContext(ctx, queries.Credentials, username, keyHash))
}

// ListAccounts returns a tenant's accounts by username.
func (s *Store) ListAccounts(ctx context.Context, tenantID string) ([]velocity.Account, error) {
	return collect(dialect.ScanAccount)(s.read.QueryContext(ctx, queries.ListAccounts, tenantID))
}

// ListAudit returns the tenant's audit entries matching q, newest first.
func (s *Store) ListAudit(ctx context.Context, tenantID string, q velocity.AuditQuery) ([]velocity.AuditEntry, error) {
	query, args := dialect.AuditList(tenantID, q)
	return collect(dialect.ScanAudit)(s.read.QueryContext(ctx, query, args...))
}

// GetSession finds a console session by the hash of its secret.
func (s *Store) GetSession(ctx context.Context, idHash []byte) (velocity.Session, error) {
	return one(dialect.ScanSession, s.read.QueryRowContext(ctx, queries.GetSession, idHash))
}
