package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var _ velocity.Store = (*Store)(nil)

// GetPolicy reads the tenant's stored policy.
func (s *Store) GetPolicy(ctx context.Context, tenantID string) (velocity.Policy, bool, error) {
	var doc []byte
	err := s.withAux(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return mapErr(c.QueryRow(ctx, `SELECT policy FROM tenant_policies WHERE tenant_id = $1`, tenantID).Scan(&doc))
	})
	if errors.Is(err, velocity.ErrNotFound) {
		return velocity.Policy{}, false, nil
	}
	if err != nil {
		return velocity.Policy{}, false, err
	}
	var d velocity.PolicyDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return velocity.Policy{}, false, err
	}
	p, err := d.Apply(velocity.DefaultPolicy())
	return p, err == nil, err
}

// PutPolicy stores the tenant's policy.
func (s *Store) PutPolicy(ctx context.Context, tenantID string, p velocity.Policy, at time.Time) error {
	doc, err := json.Marshal(p.Doc())
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO tenant_policies (tenant_id, policy, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (tenant_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`, tenantID, string(doc), at)
	return err
}

// IsDoNotCall reports whether the number is listed. The service asks while it holds a
// write transaction (a claim re-checks the list), so it runs on the auxiliary pool.
func (s *Store) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	var listed bool
	err := s.withAux(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM do_not_call WHERE tenant_id = $1 AND phone_number = $2)`, tenantID, phone).Scan(&listed)
	})
	return listed, err
}

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
	n, err := s.exec(ctx, `INSERT INTO do_not_call (tenant_id, phone_number, reason, added_by, added_at)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
		ON CONFLICT (tenant_id, phone_number) DO NOTHING`, tenants, phones, reasons, by, at)
	return int(n), err
}

// RemoveDoNotCall unlists a number.
func (s *Store) RemoveDoNotCall(ctx context.Context, tenantID, phone string) error {
	n, err := s.exec(ctx, `DELETE FROM do_not_call WHERE tenant_id = $1 AND phone_number = $2`, tenantID, phone)
	if err != nil {
		return err
	}
	if n == 0 {
		return velocity.ErrNotFound
	}
	return nil
}

// ListDoNotCall pages through the list by number.
func (s *Store) ListDoNotCall(ctx context.Context, tenantID, after string, limit int) ([]velocity.DoNotCall, error) {
	out := []velocity.DoNotCall{}
	err := s.queryAll(ctx, func(r pgx.Rows) error {
		e := velocity.DoNotCall{TenantID: tenantID}
		err := r.Scan(&e.PhoneNumber, &e.Reason, &e.AddedBy, &e.AddedAt)
		e.AddedAt = utc(e.AddedAt)
		out = append(out, e)
		return err
	}, `SELECT phone_number, reason, added_by, added_at FROM do_not_call
		WHERE tenant_id = $1 AND phone_number > $2 ORDER BY phone_number LIMIT $3`, tenantID, after, limit)
	return out, err
}

func (s *Store) queryCallbacks(ctx context.Context, query string, args ...any) ([]velocity.Callback, error) {
	var out []velocity.Callback
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		rows, err := c.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			cb, err := scanCallback(rows)
			if err != nil {
				return err
			}
			out = append(out, cb)
		}
		return rows.Err()
	})
	return out, err
}

// DueCallbacks finds windows that opened and were not announced (index callbacks_due).
func (s *Store) DueCallbacks(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, `SELECT `+callbackCols+` FROM callbacks
		WHERE status = 'scheduled' AND due_notified_at IS NULL AND window_start <= $1 ORDER BY window_start LIMIT $2`, now, limit)
}

// ExpiredClaims finds leases that ended (index callbacks_claim_expiry).
func (s *Store) ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, `SELECT `+callbackCols+` FROM callbacks
		WHERE status = 'claimed' AND claim_expires_at <= $1 ORDER BY claim_expires_at LIMIT $2`, now, limit)
}

// OverduePersonal finds a tenant's personal callbacks whose window ended before the
// cutoff (index callbacks_personal_overdue).
func (s *Store) OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, `SELECT `+callbackCols+` FROM callbacks
		WHERE tenant_id = $1 AND status IN (`+openStatuses+`) AND status = 'scheduled' AND agent_id IS NOT NULL AND window_end < $2
		ORDER BY window_end LIMIT $3`, tenantID, endedBefore, limit)
}

// NextDue finds the next window to open that has not been announced.
func (s *Store) NextDue(ctx context.Context, now time.Time) (time.Time, bool, error) {
	var at *time.Time
	err := s.queryRow(ctx, func(r pgx.Row) error { return r.Scan(&at) }, `SELECT min(window_start) FROM callbacks
		WHERE status = 'scheduled' AND due_notified_at IS NULL AND window_start > $1`, now)
	if err != nil || at == nil {
		return time.Time{}, false, err
	}
	return at.UTC(), true, nil
}
