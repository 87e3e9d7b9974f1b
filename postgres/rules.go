package postgres

import (
	"context"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5/pgxpool"
)

// AddDoNotCall lists numbers in one statement, keeping existing entries.
func (s *Store) AddDoNotCall(ctx context.Context, entries []velocity.DoNotCall) (int, error) {
	if len(entries) == 0 {
		return 0, nil
	}
	tenants := make([]string, len(entries))
	phones := make([]string, len(entries))
	reasons := make([]string, len(entries))
	by := make([]string, len(entries))
	at := make([]time.Time, len(entries))
	for i, e := range entries {
		tenants[i], phones[i], reasons[i], by[i], at[i] = e.TenantID, e.PhoneNumber, e.Reason, e.AddedBy, e.AddedAt
	}
	n, err := s.exec(ctx, `INSERT INTO do_not_call (`+sqlstore.DoNotCallCols+`)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
		ON CONFLICT (tenant_id, phone_number) DO NOTHING`, tenants, phones, reasons, by, at)
	return int(n), err
}

// ListDoNotCall pages through the list by number.
func (s *Store) ListDoNotCall(ctx context.Context, tenantID, after string, limit int) ([]velocity.DoNotCall, error) {
	// An empty page is a JSON [], not null.
	return queryAll(ctx, s, []velocity.DoNotCall{}, dialect.ScanDoNotCall, queries.ListDoNotCall, tenantID, after, limit)
}

// ExpiredClaims finds leases that ended (index callbacks_claim_expiry).
func (s *Store) ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return queryAll(ctx, s, nil, dialect.ScanCallback, queries.ExpiredClaims, now, limit)
}

// OverduePersonal finds a tenant's scheduled personal callbacks whose window ended
// before the cutoff (index callbacks_personal_overdue). Claimed ones are left out: a
// live claim is an agent dialing, and an expired one is released earlier in the pass.
func (s *Store) OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]velocity.Callback, error) {
	return queryAll(ctx, s, nil, dialect.ScanCallback, queries.OverduePersonal, tenantID, endedBefore, limit)
}

// OverdueWindows finds windows that ended with their callback waiting and were not
// announced (index callbacks_overdue).
func (s *Store) OverdueWindows(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return queryAll(ctx, s, nil, dialect.ScanCallback, queries.OverdueWindows, now, limit)
}

// NextDue finds the next window to open that has not been announced.
func (s *Store) NextDue(ctx context.Context, now time.Time) (time.Time, bool, error) {
	var at *time.Time
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return c.QueryRow(ctx, nextDue, now).Scan(&at)
	})
	if err != nil || at == nil {
		return time.Time{}, false, err
	}
	return at.UTC(), true, nil
}

// PurgeCallbacks deletes a batch of old closed callbacks in one transaction on a pooled
// connection (see velocity.RetentionStore).
func (s *Store) PurgeCallbacks(ctx context.Context, tenantID string, before time.Time, limit int) (int, int, error) {
	return sqlstore.PurgeCallbacks(ctx, s.Write, tenantID, before, limit)
}

// CallbacksMentioning scans the tenant's events under the pool's statement timeout.
func (s *Store) CallbacksMentioning(ctx context.Context, tenantID, text, afterID string, limit int) ([]string, error) {
	return queryAll(ctx, s, nil, sqlstore.ScanString, queries.CallbacksMentioning, tenantID, afterID, sqlstore.ContainsArg(text), limit)
}

// AuditMentioning scans the tenant's audit trail under the pool's statement timeout.
func (s *Store) AuditMentioning(ctx context.Context, tenantID, text string, afterID int64, limit int) ([]int64, error) {
	arg := sqlstore.ContainsArg(text)
	return queryAll(ctx, s, nil, sqlstore.ScanInt64, queries.AuditMentioning, tenantID, afterID, arg, arg, limit)
}
