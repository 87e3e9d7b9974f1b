package sqlite

import (
	"context"
	"database/sql"

	"github.com/customerdynamics/velocity/sqlstore"
)

// sqlQuerier is what *sql.DB, *sql.Tx and *sql.Conn have in common.
type sqlQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn is sqlstore.Conn on a database/sql querier, with errors mapped (mapErr).
type conn struct{ q sqlQuerier }

func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := c.q.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

func (c conn) Query(ctx context.Context, query string, args []any, each func(sqlstore.Scanner) error) error {
	rows, err := c.q.QueryContext(ctx, query, args...)
	return sqlstore.QueryRows(rows, err, func() { rows.Close() }, mapErr, each)
}

func (c conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Scanner {
	return sqlstore.MapRow(c.q.QueryRowContext(ctx, query, args...), mapErr)
}

// newWebhooks gives the store its webhook methods: reads on the read pool, changes in
// IMMEDIATE transactions on the write connection.
func (s *Store) newWebhooks() sqlstore.Webhooks {
	return sqlstore.NewWebhooks(dialect, conn{s.read}, func(ctx context.Context, fn func(sqlstore.Conn) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error { return fn(conn{tx}) })
	})
}

// txConn is sqlstore.Conn in a write transaction, on the statements prepared at open.
type txConn struct{ w *writeTx }

func (c txConn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := c.w.exec(ctx, query, args...)
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

func (c txConn) Query(ctx context.Context, query string, args []any, each func(sqlstore.Scanner) error) error {
	st, err := c.w.stmt(query)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, args...)
	return sqlstore.QueryRows(rows, err, func() { rows.Close() }, mapErr, each)
}

func (c txConn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Scanner {
	return sqlstore.MapRow(c.w.queryRow(ctx, query, args...), mapErr)
}
