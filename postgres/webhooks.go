package postgres

import (
	"context"

	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgQuerier is what a pgx transaction and a pooled connection have in common.
type pgQuerier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// txConn is sqlstore.Conn in a transaction, with errors mapped (mapErr).
type txConn struct{ q pgQuerier }

func (c txConn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := c.q.Exec(ctx, query, args...)
	return tag.RowsAffected(), mapErr(err)
}

func (c txConn) Query(ctx context.Context, query string, args []any, each func(sqlstore.Scanner) error) error {
	rows, err := c.q.Query(ctx, query, args...)
	return sqlstore.QueryRows(rows, err, func() { rows.Close() }, mapErr, each)
}

func (c txConn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Scanner {
	return sqlstore.MapRow(c.q.QueryRow(ctx, query, args...), mapErr)
}

// poolConn is sqlstore.Conn on the pool: each call on a connection of its own, within
// the store's time limits (Store.with).
type poolConn struct{ s *Store }

func (c poolConn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	return c.s.exec(ctx, query, args...)
}

func (c poolConn) Query(ctx context.Context, query string, args []any, each func(sqlstore.Scanner) error) error {
	return c.s.with(ctx, func(ctx context.Context, pc *pgxpool.Conn) error {
		return txConn{pc}.Query(ctx, query, args, each)
	})
}

func (c poolConn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Scanner {
	return poolRow{c.s, ctx, query, args}
}

// poolRow runs its query when scanned, on a connection held for the scan.
type poolRow struct {
	s     *Store
	ctx   context.Context
	query string
	args  []any
}

func (r poolRow) Scan(dest ...any) error {
	return r.s.with(r.ctx, func(ctx context.Context, pc *pgxpool.Conn) error {
		return pc.QueryRow(ctx, r.query, r.args...).Scan(dest...)
	})
}

// newWebhooks gives the store its webhook methods: reads on the pool, changes in
// READ COMMITTED transactions whose claims skip the rows other servers hold.
func (s *Store) newWebhooks() sqlstore.Webhooks {
	return sqlstore.NewWebhooks(dialect, poolConn{s}, func(ctx context.Context, fn func(sqlstore.Conn) error) error {
		ctx, cancel := s.op(ctx)
		defer cancel()
		return s.inWriteTx(ctx, func(tx pgx.Tx) error { return fn(txConn{tx}) })
	})
}
