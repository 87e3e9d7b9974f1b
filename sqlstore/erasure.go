package sqlstore

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/customerdynamics/velocity"
)

// Query runs a statement that returns rows, in a store's transaction; done releases the
// rows. Its error is mapped to the domain's by the store.
type Query func(ctx context.Context, query string, args ...any) (rows Rows, done func(), err error)

// TxOps implements, on one write transaction of a store, the methods of
// velocity.ErasureTx and the transaction of Store.PurgeCallbacks, which every engine
// runs alike. A store's transaction embeds the TxOps that NewTxOps makes for it.
type TxOps struct {
	d     Dialect
	q     Queries
	exec  Exec
	query Query
}

// NewTxOps returns TxOps that run d's statements with the transaction's exec and query,
// which map the driver's errors to the domain's.
func NewTxOps(d Dialect, exec Exec, query Query) TxOps {
	return TxOps{d: d, q: d.Queries(), exec: exec, query: query}
}

// all runs a query and reads every row with scan.
func all[T any](ctx context.Context, o TxOps, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, done, err := o.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer done()
	return AppendAll(nil, rows, scan)
}

// CallbacksByPhone reads and locks up to limit of the tenant's callbacks of a number,
// whatever their status, by id.
func (o TxOps) CallbacksByPhone(ctx context.Context, tenantID, phone string, limit int) ([]velocity.Callback, error) {
	return all(ctx, o, o.d.ScanCallback, o.q.CallbacksByPhone, tenantID, phone, limit)
}

// History reads a callback's events, oldest first, in the transaction.
func (o TxOps) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	return all(ctx, o, o.d.ScanEvent, o.q.History, tenantID, callbackID)
}

// RewriteEvents replaces the payload (Data, Before, Callback) of recorded events.
func (o TxOps) RewriteEvents(ctx context.Context, events []velocity.Event) error {
	for _, e := range events {
		payload, err := EncodePayload(e)
		if err != nil {
			return err
		}
		if _, err := o.exec(ctx, o.q.RewriteEvent, payload, e.TenantID, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// AuditEntries reads the tenant's audit entries with an id in ids or a target in
// targets, by id.
func (o TxOps) AuditEntries(ctx context.Context, tenantID string, ids []int64, targets []string) ([]velocity.AuditEntry, error) {
	var out []velocity.AuditEntry
	if len(ids) > 0 {
		got, err := all(ctx, o, o.d.ScanAudit, o.q.AuditByIDs, tenantID, ListArg(o.d, ids))
		if err != nil {
			return nil, err
		}
		out = got
	}
	if len(targets) > 0 {
		got, err := all(ctx, o, o.d.ScanAudit, o.q.AuditByTargets, tenantID, ListArg(o.d, targets))
		if err != nil {
			return nil, err
		}
		for _, e := range got {
			if !slices.ContainsFunc(out, func(x velocity.AuditEntry) bool { return x.ID == e.ID }) {
				out = append(out, e)
			}
		}
		slices.SortFunc(out, func(a, b velocity.AuditEntry) int { return cmp.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// RewriteAudit replaces the target and detail of audit entries.
func (o TxOps) RewriteAudit(ctx context.Context, entries []velocity.AuditEntry) error {
	for _, e := range entries {
		detail, err := json.Marshal(auditDetail{Before: e.Before, After: e.After})
		if err != nil {
			return err
		}
		if _, err := o.exec(ctx, o.q.RewriteAudit, e.Target, string(detail), e.TenantID, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteIdempotency deletes the tenant's idempotency keys that name the callbacks.
func (o TxOps) DeleteIdempotency(ctx context.Context, tenantID string, callbackIDs []string) error {
	if len(callbackIDs) == 0 {
		return nil
	}
	_, err := o.exec(ctx, o.q.DeleteIdemOf, tenantID, ListArg(o.d, callbackIDs))
	return err
}

// DeleteDeliveries deletes the tenant's webhook deliveries of the callbacks whose body
// match accepts (all of them when match is nil), whatever their status, with their
// attempts, and returns how many.
func (o TxOps) DeleteDeliveries(ctx context.Context, tenantID string, callbackIDs []string, match func(body string) bool) (int, error) {
	if len(callbackIDs) == 0 {
		return 0, nil
	}
	if match == nil {
		n, err := o.exec(ctx, o.q.DeleteDeliveriesOf, tenantID, ListArg(o.d, callbackIDs))
		return int(n), err
	}
	type delivery struct{ id, body string }
	ds, err := all(ctx, o, func(row Scanner) (delivery, error) {
		var d delivery
		err := row.Scan(&d.id, &d.body)
		return d, err
	}, o.q.DeliveriesOf, tenantID, ListArg(o.d, callbackIDs))
	if err != nil {
		return 0, err
	}
	var ids []string
	for _, d := range ds {
		if match(d.body) {
			ids = append(ids, d.id)
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	n, err := o.exec(ctx, o.q.DeleteDeliveriesByID, tenantID, ListArg(o.d, ids))
	return int(n), err
}

// PurgeCallbacks deletes up to limit of the tenant's closed callbacks last changed
// before before, with their events and idempotency keys: the transaction of
// velocity.RetentionStore.PurgeCallbacks.
func (o TxOps) PurgeCallbacks(ctx context.Context, tenantID string, before time.Time, limit int) (callbacks, events int, err error) {
	at := o.d.TimeArg(before)
	ids, err := all(ctx, o, ScanString, o.q.PurgeCallbacks, tenantID, at, tenantID, at, limit)
	if err != nil || len(ids) == 0 {
		return 0, 0, err
	}
	n, err := o.exec(ctx, o.q.DeleteEventsOf, tenantID, ListArg(o.d, ids))
	if err != nil {
		return 0, 0, err
	}
	if err := o.DeleteIdempotency(ctx, tenantID, ids); err != nil {
		return 0, 0, err
	}
	// Their webhook deliveries too, whatever the event log's retention: a delivery's
	// body is a copy of its callback, which must not outlive it (an erasure finds a
	// customer's data through the callbacks).
	if _, err := o.DeleteDeliveries(ctx, tenantID, ids, nil); err != nil {
		return 0, 0, err
	}
	return len(ids), int(n), nil
}

// ScanString reads a row of one text column.
func ScanString(row Scanner) (string, error) {
	var s string
	err := row.Scan(&s)
	return s, err
}

// ScanInt64 reads a row of one integer column.
func ScanInt64(row Scanner) (int64, error) {
	var v int64
	err := row.Scan(&v)
	return v, err
}
