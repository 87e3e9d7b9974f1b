package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
)

// writeTx is velocity.Tx on the write connection. SQLite has one writer at a time, so a
// row read here stays as read until the transaction ends. Its statements are prepared once
// on the write connection and reused by every transaction.
type writeTx struct {
	// TxOps holds the erasure's and retention's statements, shared with PostgreSQL.
	sqlstore.TxOps

	tx  *sql.Tx
	s   *Store
	ctx context.Context
}

func newWriteTx(ctx context.Context, s *Store, tx *sql.Tx) *writeTx {
	w := &writeTx{tx: tx, s: s, ctx: ctx}
	w.TxOps = sqlstore.NewTxOps(dialect, func(ctx context.Context, query string, args ...any) (int64, error) {
		res, err := w.exec(ctx, query, args...)
		if err != nil {
			return 0, mapErr(err)
		}
		return res.RowsAffected()
	}, func(ctx context.Context, query string, args ...any) (sqlstore.Rows, func(), error) {
		st, err := w.stmt(query)
		if err != nil {
			return nil, nil, err
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return nil, nil, mapErr(err)
		}
		return rows, func() { rows.Close() }, nil
	})
	return w
}

// writeQueries are prepared on the write connection when the store opens: preparing
// later would wait for the connection that the running transaction holds.
var writeQueries = []string{queries.GetCallback, queries.FindOpenByPhone, queries.InsertCallback, queries.UpdateCallback,
	queries.InsertEvent, queries.GetIdempotency, queries.PutIdempotency, queries.IsDoNotCall, queries.InsertAudit, dialect.EnabledWebhooks()}

// stmt returns query prepared for this transaction: the statement prepared at open when
// there is one, else one prepared inside the transaction.
func (w *writeTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.s.wst.Load(query); ok {
		return w.tx.StmtContext(w.ctx, st.(*sql.Stmt)), nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	return st, mapErr(err)
}

func (w *writeTx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *writeTx) queryRow(ctx context.Context, query string, args ...any) sqlstore.Scanner {
	st, err := w.stmt(query)
	if err != nil {
		return errScanner{err}
	}
	return st.QueryRowContext(ctx, args...)
}

type errScanner struct{ err error }

func (e errScanner) Scan(...any) error { return e.err }

func (w *writeTx) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return one(dialect.ScanCallback, w.queryRow(ctx, queries.GetCallback, tenantID, id))
}

func (w *writeTx) FindOpenByPhone(ctx context.Context, tenantID, phone string) (velocity.Callback, error) {
	return one(dialect.ScanCallback, w.queryRow(ctx, queries.FindOpenByPhone, tenantID, phone))
}

func (w *writeTx) InsertCallback(ctx context.Context, c velocity.Callback) error {
	_, err := w.exec(ctx, queries.InsertCallback, dialect.CallbackArgs(c)...)
	return mapErr(err)
}

func (w *writeTx) UpdateCallback(ctx context.Context, c velocity.Callback, prevVersion int64) error {
	res, err := w.exec(ctx, queries.UpdateCallback, dialect.UpdateCallbackArgs(c, prevVersion)...)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return velocity.ErrStaleWrite
	}
	return nil
}

// GetCallbacks reads callbacks one by one: SQLite's one writer holds them all.
func (w *writeTx) GetCallbacks(ctx context.Context, refs []velocity.CallbackRef) ([]velocity.Callback, error) {
	out := make([]velocity.Callback, 0, len(refs))
	for _, r := range refs {
		cb, err := w.GetCallback(ctx, r.TenantID, r.ID)
		if errors.Is(err, velocity.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, cb)
	}
	return out, nil
}

// MarkDue marks due windows announced in one statement.
func (w *writeTx) MarkDue(ctx context.Context, now time.Time, limit int) ([]velocity.Callback, error) {
	st, err := w.stmt(queries.MarkDue)
	if err != nil {
		return nil, err
	}
	return collect(dialect.ScanCallback)(st.QueryContext(ctx, dialect.TimeArg(now), dialect.TimeArg(now), limit))
}

// UpdateCallbacks writes callbacks one by one on the prepared statement.
func (w *writeTx) UpdateCallbacks(ctx context.Context, cbs []velocity.Callback, prev []int64) error {
	for i, c := range cbs {
		if err := w.UpdateCallback(ctx, c, prev[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writeTx) AppendEvents(ctx context.Context, events []velocity.Event) ([]velocity.Event, error) {
	out := make([]velocity.Event, len(events))
	for i, e := range events {
		payload, rec, err := sqlstore.EncodeEvent(e)
		if err != nil {
			return nil, err
		}
		res, err := w.exec(ctx, queries.InsertEvent, dialect.EventArgs(e, payload)...)
		if err != nil {
			return nil, mapErr(err)
		}
		if rec.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		out[i] = rec
	}
	// The webhooks' outbox, in the events' transaction.
	if err := dialect.FanOut(ctx, txConn{w}, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (w *writeTx) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	var listed bool
	err := w.queryRow(ctx, queries.IsDoNotCall, tenantID, phone).Scan(&listed)
	return listed, mapErr(err)
}

func (w *writeTx) GetIdempotency(ctx context.Context, tenantID, key string) (velocity.Idempotency, error) {
	return one(dialect.ScanIdempotency, w.queryRow(ctx, queries.GetIdempotency, tenantID, key))
}

func (w *writeTx) PutIdempotency(ctx context.Context, r velocity.Idempotency) error {
	_, err := w.exec(ctx, queries.PutIdempotency, r.TenantID, r.Key, r.RequestHash, r.CallbackID, dialect.TimeArg(r.CreatedAt))
	return mapErr(err)
}

// AppendAudit records audit entries in the transaction.
func (w *writeTx) AppendAudit(ctx context.Context, entries []velocity.AuditEntry) error {
	return dialect.AppendAudit(ctx, func(ctx context.Context, q string, args ...any) (int64, error) {
		res, err := w.exec(ctx, q, args...)
		if err != nil {
			return 0, mapErr(err)
		}
		return res.RowsAffected()
	}, entries)
}

// History reads a callback's events in the transaction (velocity.ErasureTx); the
// store's History reads them on the read pool.
func (w *writeTx) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	evs, err := w.TxOps.History(ctx, tenantID, callbackID)
	return evs, mapErr(err)
}

// GetCallback reads one callback.
func (s *Store) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	stmt, err := s.readStmt(ctx, queries.GetCallback)
	if err != nil {
		return velocity.Callback{}, err
	}
	return one(dialect.ScanCallback, stmt.QueryRowContext(ctx, tenantID, id))
}

// ListCallbacks returns a page of callbacks in (window_start, id) order. For an agent of
// a team it merges two ordered, limited halves, each read through its own partial index
// (sqlstore.Dialect.ListCallbacks).
func (s *Store) ListCallbacks(ctx context.Context, tenantID string, q velocity.ListQuery) ([]velocity.Callback, error) {
	query, args := dialect.ListCallbacks(tenantID, q)
	return s.queryCallbacks(ctx, query, args...)
}

// queryCallbacks runs a query of CallbackCols on the read pool, prepared once.
func (s *Store) queryCallbacks(ctx context.Context, query string, args ...any) ([]velocity.Callback, error) {
	stmt, err := s.readStmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return collect(dialect.ScanCallback)(stmt.QueryContext(ctx, args...))
}

// History returns a callback's events, oldest first.
func (s *Store) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	return collect(dialect.ScanEvent)(s.read.QueryContext(ctx, queries.History, tenantID, callbackID))
}

// EventsAfter returns events after afterID in ID order, for one tenant or all.
func (s *Store) EventsAfter(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.Event, error) {
	if tenantID == "" {
		return collect(dialect.ScanEvent)(s.read.QueryContext(ctx, queries.EventsAfter, afterID, limit))
	}
	return collect(dialect.ScanEvent)(s.read.QueryContext(ctx, queries.TenantEventsAfter, tenantID, afterID, limit))
}

// LastEventID returns the highest event id.
func (s *Store) LastEventID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := s.read.QueryRowContext(ctx, queries.LastEventID).Scan(&id)
	return id.Int64, mapErr(err)
}
