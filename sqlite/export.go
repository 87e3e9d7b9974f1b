package sqlite

import (
	"context"
	"database/sql"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
)

// Export reads one consistent snapshot of the database (a read transaction), for copying
// a tenant's data elsewhere (package transfer). Writers may go on meanwhile; the snapshot
// does not see them.
type Export struct {
	tx *sql.Tx
}

// Export runs fn with a snapshot of the database.
func (s *Store) Export(ctx context.Context, fn func(x *Export) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	// A read transaction in WAL mode takes its snapshot at its first read.
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tenants`).Scan(&n); err != nil {
		return mapErr(err)
	}
	return fn(&Export{tx: tx})
}

// Tenant finds a tenant by name.
func (x *Export) Tenant(ctx context.Context, name string) (velocity.Tenant, error) {
	return one(dialect.ScanTenant, x.tx.QueryRowContext(ctx, queries.TenantByName, name))
}

// APIKeys returns the tenant's keys with their hashes, oldest first.
func (x *Export) APIKeys(ctx context.Context, tenantID string) ([]velocity.APIKey, error) {
	return collect(dialect.ScanAPIKeyWithHash)(x.tx.QueryContext(ctx, `SELECT `+sqlstore.KeyCols+`, hash FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id`, tenantID))
}

// Accounts returns the tenant's accounts with their password hashes, by username.
func (x *Export) Accounts(ctx context.Context, tenantID string) ([]velocity.Account, error) {
	return collect(dialect.ScanAccount)(x.tx.QueryContext(ctx, `SELECT `+sqlstore.AccountCols+` FROM accounts WHERE tenant_id = ? ORDER BY username`, tenantID))
}

// Callbacks returns up to limit of the tenant's callbacks with ids after afterID, by id.
func (x *Export) Callbacks(ctx context.Context, tenantID, afterID string, limit int) ([]velocity.Callback, error) {
	return collect(dialect.ScanCallback)(x.tx.QueryContext(ctx, `SELECT `+sqlstore.CallbackCols+` FROM callbacks WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`, tenantID, afterID, limit))
}

// Events returns up to limit of the tenant's events with ids after afterID, in id (that
// is, history) order.
func (x *Export) Events(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.Event, error) {
	return collect(dialect.ScanEvent)(x.tx.QueryContext(ctx, queries.TenantEventsAfter, tenantID, afterID, limit))
}

// IdempotencyKeys returns up to limit of the tenant's idempotency records with keys after
// afterKey, by key.
func (x *Export) IdempotencyKeys(ctx context.Context, tenantID, afterKey string, limit int) ([]velocity.Idempotency, error) {
	return collect(dialect.ScanIdempotency)(x.tx.QueryContext(ctx, `SELECT `+sqlstore.IdempotencyCols+` FROM idempotency_keys
		WHERE tenant_id = ? AND key > ? ORDER BY key LIMIT ?`, tenantID, afterKey, limit))
}

// Policy returns the tenant's stored scheduling policy document as JSON, or nil when it
// has none.
func (x *Export) Policy(ctx context.Context, tenantID string) ([]byte, error) {
	var doc []byte
	err := x.tx.QueryRowContext(ctx, queries.GetPolicy, tenantID).Scan(&doc)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return doc, mapErr(err)
}

// DoNotCall returns up to limit of the tenant's do-not-call entries after the given
// number, by number.
func (x *Export) DoNotCall(ctx context.Context, tenantID, after string, limit int) ([]velocity.DoNotCall, error) {
	return collect(dialect.ScanDoNotCall)(x.tx.QueryContext(ctx, queries.ListDoNotCall, tenantID, after, limit))
}

// Webhooks returns the tenant's webhook endpoints with their signing secrets, oldest first.
func (x *Export) Webhooks(ctx context.Context, tenantID string) ([]velocity.Webhook, error) {
	return collect(dialect.ScanWebhook)(x.tx.QueryContext(ctx, `SELECT `+sqlstore.WebhookCols+` FROM webhook_endpoints WHERE tenant_id = ? ORDER BY created_at, id`, tenantID))
}

// Audit returns up to limit of the tenant's audit entries with ids after afterID, oldest
// first.
func (x *Export) Audit(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.AuditEntry, error) {
	return collect(dialect.ScanAudit)(x.tx.QueryContext(ctx, `SELECT `+sqlstore.AuditCols+` FROM audit_log WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`, tenantID, afterID, limit))
}
