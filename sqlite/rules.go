package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
)

// GetPolicy reads the tenant's stored policy.
func (s *Store) GetPolicy(ctx context.Context, tenantID string) (velocity.Policy, bool, error) {
	var doc []byte
	err := s.read.QueryRowContext(ctx, queries.GetPolicy, tenantID).Scan(&doc)
	return sqlstore.ReadPolicy(doc, mapErr(err))
}

// IsDoNotCall reports whether the number is listed.
func (s *Store) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	stmt, err := s.readStmt(ctx, queries.IsDoNotCall)
	if err != nil {
		return false, err
	}
	var listed bool
	err = stmt.QueryRowContext(ctx, tenantID, phone).Scan(&listed)
	return listed, mapErr(err)
}

// AddDoNotCall lists numbers in one transaction, keeping existing entries.
func (s *Store) AddDoNotCall(ctx context.Context, entries []velocity.DoNotCall) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		added = 0
		for _, e := range entries {
			res, err := tx.ExecContext(ctx, `INSERT INTO do_not_call (`+sqlstore.DoNotCallCols+`) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (tenant_id, phone_number) DO NOTHING`, e.TenantID, e.PhoneNumber, e.Reason, e.AddedBy, dialect.TimeArg(e.AddedAt))
			if err != nil {
				return mapErr(err)
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		return nil
	})
	return added, err
}

// ListDoNotCall pages through the list by number.
func (s *Store) ListDoNotCall(ctx context.Context, tenantID, after string, limit int) ([]velocity.DoNotCall, error) {
	out, err := collect(dialect.ScanDoNotCall)(s.read.QueryContext(ctx, queries.ListDoNotCall, tenantID, after, limit))
	if out == nil && err == nil {
		out = []velocity.DoNotCall{} // an empty page is a JSON [], not null
	}
	return out, err
}

// ExpiredClaims finds leases that ended (index callbacks_claim_expiry).
func (s *Store) ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, queries.ExpiredClaims, dialect.TimeArg(now), limit)
}

// OverduePersonal finds a tenant's scheduled personal callbacks whose window ended
// before the cutoff (index callbacks_personal_overdue). Claimed ones are left out: a
// live claim is an agent dialing, and an expired one is released earlier in the pass.
func (s *Store) OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, queries.OverduePersonal, tenantID, dialect.TimeArg(endedBefore), limit)
}

// OverdueWindows finds windows that ended with their callback waiting and were not
// announced (index callbacks_overdue).
func (s *Store) OverdueWindows(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, queries.OverdueWindows, dialect.TimeArg(now), limit)
}

// NextDue finds the next window to open that has not been announced.
func (s *Store) NextDue(ctx context.Context, now time.Time) (time.Time, bool, error) {
	var at *time.Time
	if err := s.read.QueryRowContext(ctx, queries.NextDue, dialect.TimeArg(now)).Scan(dialect.ScanNullTime(&at)); err != nil {
		return time.Time{}, false, mapErr(err)
	}
	if at == nil {
		return time.Time{}, false, nil
	}
	return *at, true, nil
}

// PurgeCallbacks deletes a batch of old closed callbacks on the write connection (see
// velocity.RetentionStore).
func (s *Store) PurgeCallbacks(ctx context.Context, tenantID string, before time.Time, limit int) (int, int, error) {
	return sqlstore.PurgeCallbacks(ctx, s.Write, tenantID, before, limit)
}

// CallbacksMentioning reads on the read-only pool, so that erasure's scan of the events
// does not hold the one writer.
func (s *Store) CallbacksMentioning(ctx context.Context, tenantID, text, afterID string, limit int) ([]string, error) {
	return collect(sqlstore.ScanString)(s.read.QueryContext(ctx, queries.CallbacksMentioning, tenantID, afterID, sqlstore.ContainsArg(text), limit))
}

// AuditMentioning, like CallbacksMentioning, scans on the read-only pool.
func (s *Store) AuditMentioning(ctx context.Context, tenantID, text string, afterID int64, limit int) ([]int64, error) {
	arg := sqlstore.ContainsArg(text)
	return collect(sqlstore.ScanInt64)(s.read.QueryContext(ctx, queries.AuditMentioning, tenantID, afterID, arg, arg, limit))
}
