package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// writeTx is velocity.Tx on one PostgreSQL transaction (READ COMMITTED).
type writeTx struct {
	// TxOps holds the erasure's and retention's statements, shared with SQLite.
	sqlstore.TxOps

	tx pgx.Tx
}

func newWriteTx(tx pgx.Tx) *writeTx {
	return &writeTx{tx: tx, TxOps: sqlstore.NewTxOps(dialect, func(ctx context.Context, query string, args ...any) (int64, error) {
		tag, err := tx.Exec(ctx, query, args...)
		return tag.RowsAffected(), mapErr(err)
	}, func(ctx context.Context, query string, args ...any) (sqlstore.Rows, func(), error) {
		rows, err := tx.Query(ctx, query, args...)
		if err != nil {
			return nil, nil, mapErr(err)
		}
		return rows, rows.Close, nil
	})}
}

// scanTx reads the single row of a query in the transaction with scan and maps its error
// (mapErr): no row is velocity.ErrNotFound.
func scanTx[T any](ctx context.Context, w *writeTx, scan func(sqlstore.Scanner) (T, error), query string, args ...any) (T, error) {
	v, err := scan(w.tx.QueryRow(ctx, query, args...))
	return v, mapErr(err)
}

// GetCallback reads a callback and locks its row (FOR UPDATE) until the transaction ends:
// a second transaction claiming the same callback, on any server, waits here and then
// reads the row as the first one left it.
func (w *writeTx) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return scanTx(ctx, w, dialect.ScanCallback, getForUpdate, tenantID, id)
}

// IsDoNotCall reads the do-not-call list on the transaction's own connection.
func (w *writeTx) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	var listed bool
	err := w.tx.QueryRow(ctx, queries.IsDoNotCall, tenantID, phone).Scan(&listed)
	return listed, mapErr(err)
}

func (w *writeTx) FindOpenByPhone(ctx context.Context, tenantID, phone string) (velocity.Callback, error) {
	return scanTx(ctx, w, dialect.ScanCallback, queries.FindOpenByPhone, tenantID, phone)
}

// InsertCallback adds a callback. A concurrent open callback for the same number is
// reported as ErrDuplicateOpen without an error in the transaction (ON CONFLICT on the
// open-number index), so that the caller can still look the open one up.
func (w *writeTx) InsertCallback(ctx context.Context, c velocity.Callback) error {
	tag, err := w.tx.Exec(ctx, insertCallback, dialect.CallbackArgs(c)...)
	if err != nil {
		return mapErr(err)
	}
	if tag.RowsAffected() == 0 {
		return velocity.ErrDuplicateOpen
	}
	return nil
}

func (w *writeTx) UpdateCallback(ctx context.Context, c velocity.Callback, prevVersion int64) error {
	tag, err := w.tx.Exec(ctx, queries.UpdateCallback, dialect.UpdateCallbackArgs(c, prevVersion)...)
	if err != nil {
		return mapErr(err)
	}
	if tag.RowsAffected() != 1 {
		return velocity.ErrStaleWrite
	}
	return nil
}

// GetCallbacks reads and locks callbacks in one statement, in (tenant, id) order.
func (w *writeTx) GetCallbacks(ctx context.Context, refs []velocity.CallbackRef) ([]velocity.Callback, error) {
	tenants, ids := make([]string, len(refs)), make([]string, len(refs))
	for i, r := range refs {
		tenants[i], ids[i] = r.TenantID, r.ID
	}
	return w.callbacks(ctx, `SELECT `+sqlstore.CallbackCols+` FROM callbacks
		WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
		ORDER BY tenant_id, id FOR UPDATE`, tenants, ids)
}

// callbacks reads every callback row a query in the transaction returns.
func (w *writeTx) callbacks(ctx context.Context, query string, args ...any) ([]velocity.Callback, error) {
	rows, err := w.tx.Query(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []velocity.Callback
	for rows.Next() {
		cb, err := dialect.ScanCallback(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, cb)
	}
	return out, mapErr(rows.Err())
}

// MarkDue marks due windows announced in one statement, skipping rows other
// transactions hold.
func (w *writeTx) MarkDue(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	return w.callbacks(ctx, markDue, now, now, limit)
}

// UpdateCallbacks writes callbacks in one round trip (a pipelined batch).
func (w *writeTx) UpdateCallbacks(ctx context.Context, cbs []velocity.Callback, prev []int64) error {
	b := &pgx.Batch{}
	for i, c := range cbs {
		b.Queue(queries.UpdateCallback, dialect.UpdateCallbackArgs(c, prev[i])...)
	}
	res := w.tx.SendBatch(ctx, b)
	for range cbs {
		tag, err := res.Exec()
		if err != nil {
			res.Close()
			return mapErr(err)
		}
		if tag.RowsAffected() != 1 {
			res.Close()
			return velocity.ErrStaleWrite
		}
	}
	return mapErr(res.Close())
}

// AppendEvents records events and reads their tenants' enabled webhook endpoints in one
// round trip, and returns the events with their ids. When an endpoint wants an event, a
// second round trip records the deliveries (velocity.PlanDeliveries): the webhooks'
// outbox, in the events' transaction.
func (w *writeTx) AppendEvents(ctx context.Context, events []velocity.Event) ([]velocity.Event, error) {
	if len(events) == 0 {
		return nil, nil
	}
	out := make([]velocity.Event, len(events))
	b := &pgx.Batch{}
	var tenants []string
	var cols eventColumns
	for i, e := range events {
		payload, rec, err := sqlstore.EncodeEvent(e)
		if err != nil {
			return nil, err
		}
		out[i] = rec
		if len(events) == 1 {
			b.Queue(insertEvent, dialect.EventArgs(e, payload)...)
		} else {
			cols.add(e, payload)
		}
		if !slices.Contains(tenants, e.TenantID) {
			tenants = append(tenants, e.TenantID)
		}
	}
	if len(events) > 1 {
		b.Queue(insertEvents, cols.args()...)
	}
	b.Queue(enabledWebhooksOf, tenants)
	res := w.tx.SendBatch(ctx, b)
	if len(events) == 1 {
		if err := res.QueryRow().Scan(&out[0].ID); err != nil {
			res.Close()
			return nil, mapErr(err)
		}
	} else if err := readEventIDs(res, out); err != nil {
		res.Close()
		return nil, err
	}
	rows, err := res.Query()
	var targets sqlstore.Targets
	if err == nil {
		err = sqlstore.EachRow(rows, func(row sqlstore.Scanner) error { return dialect.ScanFanOut(&targets, row) })
		rows.Close()
	}
	if err != nil {
		res.Close()
		return nil, mapErr(err)
	}
	if err := res.Close(); err != nil {
		return nil, mapErr(err)
	}
	if len(targets.Endpoints) > 0 {
		ds, err := velocity.PlanDeliveries(out, targets.Endpoints, targets.Policies)
		if err != nil {
			return nil, err
		}
		if err := dialect.InsertDeliveries(ctx, txConn{w.tx}.Exec, ds); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GetIdempotency returns the record of an Idempotency-Key. It first takes a transaction
// lock on the key, so that two requests with the same new key, on any servers, run one
// after the other and the second replays the first.
func (w *writeTx) GetIdempotency(ctx context.Context, tenantID, key string) (velocity.Idempotency, error) {
	if _, err := w.tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('velocity_idem:' || $1 || ':' || $2, 0))`, tenantID, key); err != nil {
		return velocity.Idempotency{}, mapErr(err)
	}
	return scanTx(ctx, w, dialect.ScanIdempotency, queries.GetIdempotency, tenantID, key)
}

func (w *writeTx) PutIdempotency(ctx context.Context, r velocity.Idempotency) error {
	_, err := w.tx.Exec(ctx, queries.PutIdempotency, r.TenantID, r.Key, r.RequestHash, r.CallbackID, dialect.TimeArg(r.CreatedAt))
	return mapErr(err)
}

// AppendAudit records audit entries in the transaction.
func (w *writeTx) AppendAudit(ctx context.Context, entries []velocity.AuditEntry) error {
	return dialect.AppendAudit(ctx, func(ctx context.Context, q string, args ...any) (int64, error) {
		tag, err := w.tx.Exec(ctx, q, args...)
		return tag.RowsAffected(), mapErr(err)
	}, entries)
}

// History reads a callback's events in the transaction (velocity.ErasureTx); the
// store's History reads them on the pool.
func (w *writeTx) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	evs, err := w.TxOps.History(ctx, tenantID, callbackID)
	return evs, mapErr(err)
}

// GetCallback reads one callback.
func (s *Store) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return queryOne(ctx, s, dialect.ScanCallback, queries.GetCallback, tenantID, id)
}

// ListCallbacks returns a page of callbacks in (window_start, id) order. For an agent of
// a team it merges two ordered, limited halves, each read through its own partial index
// (sqlstore.Dialect.ListCallbacks).
func (s *Store) ListCallbacks(ctx context.Context, tenantID string, q velocity.ListQuery) ([]velocity.Callback, error) {
	query, args := dialect.ListCallbacks(tenantID, q)
	return queryAll(ctx, s, make([]velocity.Callback, 0, q.Limit), dialect.ScanCallback, query, args...)
}

// History returns a callback's events, oldest first.
func (s *Store) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	return queryAll(ctx, s, nil, dialect.ScanEvent, queries.History, tenantID, callbackID)
}

// EventsAfter returns events after afterID in ID order, for one tenant or all. Event ids
// become visible in commit order, which is not always id order: a reader that must not
// miss events (the Bus) watches for gaps.
func (s *Store) EventsAfter(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.Event, error) {
	if tenantID == "" {
		return queryAll(ctx, s, nil, dialect.ScanEvent, queries.EventsAfter, afterID, limit)
	}
	return queryAll(ctx, s, nil, dialect.ScanEvent, queries.TenantEventsAfter, tenantID, afterID, limit)
}

// LastEventID returns the highest event id.
func (s *Store) LastEventID(ctx context.Context) (int64, error) {
	var id *int64
	err := s.with(ctx, func(ctx context.Context, conn *pgxpool.Conn) error {
		return conn.QueryRow(ctx, queries.LastEventID).Scan(&id)
	})
	if id == nil {
		return 0, err
	}
	return *id, err
}
