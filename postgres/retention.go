package postgres

import (
	"context"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
)

// PurgeCallbacks deletes a batch of the tenant's closed callbacks last changed before
// before, with their events and idempotency keys, in one transaction.
func (s *Store) PurgeCallbacks(ctx context.Context, tenantID string, before time.Time, limit int) (callbacks, events int, err error) {
	err = s.Write(ctx, func(tx velocity.Tx) error {
		callbacks, events, err = tx.(*writeTx).PurgeCallbacks(ctx, tenantID, before, limit)
		return err
	})
	return callbacks, events, err
}

// CallbacksMentioning finds the tenant's callbacks with an event whose payload contains
// text (a scan of the tenant's events).
func (s *Store) CallbacksMentioning(ctx context.Context, tenantID, text, afterID string, limit int) ([]string, error) {
	return queryAll(ctx, s, nil, sqlstore.ScanString, queries.CallbacksMentioning, tenantID, afterID, sqlstore.ContainsArg(text), limit)
}

// AuditMentioning finds the tenant's audit entries whose target or detail contains
// text (a scan of the tenant's audit trail).
func (s *Store) AuditMentioning(ctx context.Context, tenantID, text string, afterID int64, limit int) ([]int64, error) {
	arg := sqlstore.ContainsArg(text)
	return queryAll(ctx, s, nil, sqlstore.ScanInt64, queries.AuditMentioning, tenantID, afterID, arg, arg, limit)
}
