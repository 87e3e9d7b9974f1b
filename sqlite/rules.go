package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/customerdynamics/velocity"
)

var _ velocity.Store = (*Store)(nil)

// GetPolicy reads the tenant's stored policy.
func (s *Store) GetPolicy(ctx context.Context, tenantID string) (velocity.Policy, bool, error) {
	var doc string
	err := s.read.QueryRowContext(ctx, `SELECT policy FROM tenant_policies WHERE tenant_id = ?`, tenantID).Scan(&doc)
	if err == sql.ErrNoRows {
		return velocity.Policy{}, false, nil
	}
	if err != nil {
		return velocity.Policy{}, false, mapErr(err)
	}
	var d velocity.PolicyDoc
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
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
	_, err = s.write.ExecContext(ctx, `INSERT INTO tenant_policies (tenant_id, policy, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (tenant_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`, tenantID, string(doc), micros(at))
	return mapErr(err)
}

// IsDoNotCall reports whether the number is listed.
func (s *Store) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	stmt, err := s.readStmt(ctx, `SELECT 1 FROM do_not_call WHERE tenant_id = ? AND phone_number = ?`)
	if err != nil {
		return false, err
	}
	var one int
	err = stmt.QueryRowContext(ctx, tenantID, phone).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, mapErr(err)
}

// AddDoNotCall lists numbers in one transaction, keeping existing entries.
func (s *Store) AddDoNotCall(ctx context.Context, entries []velocity.DoNotCall) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		added = 0
		for _, e := range entries {
			res, err := tx.ExecContext(ctx, `INSERT INTO do_not_call (tenant_id, phone_number, reason, added_by, added_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (tenant_id, phone_number) DO NOTHING`, e.TenantID, e.PhoneNumber, e.Reason, e.AddedBy, micros(e.AddedAt))
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

// RemoveDoNotCall unlists a number.
func (s *Store) RemoveDoNotCall(ctx context.Context, tenantID, phone string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM do_not_call WHERE tenant_id = ? AND phone_number = ?`, tenantID, phone)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return velocity.ErrNotFound
	}
	return nil
}

// ListDoNotCall pages through the list by number.
func (s *Store) ListDoNotCall(ctx context.Context, tenantID, after string, limit int) ([]velocity.DoNotCall, error) {
	out, err := collect(func(sc scanner) (velocity.DoNotCall, error) {
		e := velocity.DoNotCall{TenantID: tenantID}
		var at int64
		err := sc.Scan(&e.PhoneNumber, &e.Reason, &e.AddedBy, &at)
		e.AddedAt = fromMicros(at)
		return e, mapErr(err)
	})(s.read.QueryContext(ctx, `SELECT phone_number, reason, added_by, added_at FROM do_not_call
		WHERE tenant_id = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`, tenantID, after, limit))
	if out == nil && err == nil {
		out = []velocity.DoNotCall{} // an empty page is a JSON [], not null
	}
	return out, err
}

func (s *Store) queryCallbacks(ctx context.Context, query string, args ...any) ([]velocity.Callback, error) {
	stmt, err := s.readStmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return collect(scanCallback)(stmt.QueryContext(ctx, args...))
}

// DueCallbacks finds windows that opened and were not announced (index callbacks_due).
func (s *Store) DueCallbacks(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, `SELECT `+callbackCols+` FROM callbacks INDEXED BY callbacks_due
		WHERE status = 'scheduled' AND due_notified_at IS NULL AND window_start <= ? ORDER BY window_start LIMIT ?`, micros(now), limit)
}

// ExpiredClaims finds leases that ended (index callbacks_claim_expiry).
func (s *Store) ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, `SELECT `+callbackCols+` FROM callbacks INDEXED BY callbacks_claim_expiry
		WHERE status = 'claimed' AND claim_expires_at <= ? ORDER BY claim_expires_at LIMIT ?`, micros(now), limit)
}

// OverduePersonal finds a tenant's scheduled personal callbacks whose window ended
// before the cutoff (index callbacks_personal_overdue). Claimed ones are left out: a
// live claim is an agent dialing, and an expired one is released earlier in the pass.
func (s *Store) OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]velocity.Callback, error) {
	return s.queryCallbacks(ctx, `SELECT `+callbackCols+` FROM callbacks INDEXED BY callbacks_personal_overdue
		WHERE tenant_id = ? AND status IN ('scheduled', 'claimed') AND status = 'scheduled' AND agent_id IS NOT NULL AND window_end < ?
		ORDER BY window_end LIMIT ?`, tenantID, micros(endedBefore), limit)
}

// NextDue finds the next window to open that has not been announced.
func (s *Store) NextDue(ctx context.Context, now time.Time) (time.Time, bool, error) {
	var at sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT min(window_start) FROM callbacks INDEXED BY callbacks_due
		WHERE status = 'scheduled' AND due_notified_at IS NULL AND window_start > ?`, micros(now)).Scan(&at)
	if err != nil {
		return time.Time{}, false, mapErr(err)
	}
	return fromMicros(at.Int64), at.Valid, nil
}
