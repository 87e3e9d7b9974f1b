package sqlite

import (
	"context"
	"database/sql"

	"github.com/customerdynamics/velocity"
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
	return scanTenant(x.tx.QueryRowContext(ctx, `SELECT `+tenantCols+` FROM tenants WHERE name = ?`, name))
}

// APIKeys returns the tenant's keys with their hashes, oldest first.
func (x *Export) APIKeys(ctx context.Context, tenantID string) ([]velocity.APIKey, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT id, tenant_id, name, prefix, created_at, revoked_at, hash FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []velocity.APIKey
	for rows.Next() {
		var k velocity.APIKey
		var at int64
		var rev sql.NullInt64
		if err := rows.Scan(&k.ID, &k.TenantID, &k.Name, &k.Prefix, &at, &rev, &k.Hash); err != nil {
			return nil, mapErr(err)
		}
		k.CreatedAt = fromMicros(at)
		if rev.Valid {
			t := fromMicros(rev.Int64)
			k.RevokedAt = &t
		}
		out = append(out, k)
	}
	return out, mapErr(rows.Err())
}

// Accounts returns the tenant's accounts with their password hashes, by username.
func (x *Export) Accounts(ctx context.Context, tenantID string) ([]velocity.Account, error) {
	return collect(scanAccount)(x.tx.QueryContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE tenant_id = ? ORDER BY username`, tenantID))
}

// Callbacks returns up to limit of the tenant's callbacks with ids after afterID, by id.
func (x *Export) Callbacks(ctx context.Context, tenantID, afterID string, limit int) ([]velocity.Callback, error) {
	return collect(scanCallback)(x.tx.QueryContext(ctx, `SELECT `+callbackCols+` FROM callbacks WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`, tenantID, afterID, limit))
}

// Events returns up to limit of the tenant's events with ids after afterID, in id (that
// is, history) order.
func (x *Export) Events(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.Event, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT `+eventCols+` FROM callback_events WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`, tenantID, afterID, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	return scanEvents(rows)
}

// IdempotencyKeys returns up to limit of the tenant's idempotency records with keys after
// afterKey, by key.
func (x *Export) IdempotencyKeys(ctx context.Context, tenantID, afterKey string, limit int) ([]velocity.Idempotency, error) {
	return collect(func(sc scanner) (velocity.Idempotency, error) {
		r := velocity.Idempotency{TenantID: tenantID}
		var at int64
		err := sc.Scan(&r.Key, &r.RequestHash, &r.CallbackID, &at)
		r.CreatedAt = fromMicros(at)
		return r, mapErr(err)
	})(x.tx.QueryContext(ctx, `SELECT key, request_hash, callback_id, created_at FROM idempotency_keys WHERE tenant_id = ? AND key > ? ORDER BY key LIMIT ?`, tenantID, afterKey, limit))
}

// Policy returns the tenant's stored scheduling policy document as JSON, or nil when it
// has none.
func (x *Export) Policy(ctx context.Context, tenantID string) ([]byte, error) {
	var doc string
	err := x.tx.QueryRowContext(ctx, `SELECT policy FROM tenant_policies WHERE tenant_id = ?`, tenantID).Scan(&doc)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return []byte(doc), mapErr(err)
}

// DoNotCall returns up to limit of the tenant's do-not-call entries after the given
// number, by number.
func (x *Export) DoNotCall(ctx context.Context, tenantID, after string, limit int) ([]velocity.DoNotCall, error) {
	rows, err := x.tx.QueryContext(ctx, `SELECT phone_number, reason, added_by, added_at FROM do_not_call
		WHERE tenant_id = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`, tenantID, after, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []velocity.DoNotCall
	for rows.Next() {
		e := velocity.DoNotCall{TenantID: tenantID}
		var at int64
		if err := rows.Scan(&e.PhoneNumber, &e.Reason, &e.AddedBy, &at); err != nil {
			return nil, mapErr(err)
		}
		e.AddedAt = fromMicros(at)
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}
