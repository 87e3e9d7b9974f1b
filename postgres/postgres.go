// Package postgres is the store for several servers sharing one database: velocity.Store
// on PostgreSQL with pgx v5 (a connection pool, statement and lock timeouts, embedded
// numbered migrations), and a velocity.Bus that carries each server's recorded events to
// the live subscribers of every server (LISTEN/NOTIFY as a wake-up, the events table as
// the outbox).
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tunes the connection pool and the timeouts. Zero values take the defaults.
type Options struct {
	// MaxConns caps the main pool; default 4 per CPU, at most 32. The auxiliary pool
	// (see withAux) adds a quarter as many, at least 2, and a Bus one connection more.
	MaxConns int32
	// StatementTimeout is the server-side limit on one statement; default 5s.
	StatementTimeout time.Duration
	// LockTimeout is the server-side limit on waiting for a row lock; default 3s.
	LockTimeout time.Duration
	// ConnectTimeout bounds dialling and authenticating one connection; default 2s.
	ConnectTimeout time.Duration
	// AcquireTimeout bounds waiting for a pooled connection, so that a request against a
	// database that is down or saturated fails with ErrUnavailable instead of hanging;
	// default 3s.
	AcquireTimeout time.Duration
	// OpTimeout bounds one store call (one Write transaction included) on the client side,
	// which covers a network that stopped answering; default StatementTimeout + 2s.
	OpTimeout time.Duration
	// SkipMigrate leaves the schema as it is at Open.
	SkipMigrate bool
	// Logger receives the store's and the bus's warnings; default slog.Default().
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.MaxConns <= 0 {
		o.MaxConns = int32(min(4*runtime.NumCPU(), 32))
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = 5 * time.Second
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = 3 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 2 * time.Second
	}
	if o.AcquireTimeout <= 0 {
		o.AcquireTimeout = 3 * time.Second
	}
	if o.OpTimeout <= 0 {
		o.OpTimeout = o.StatementTimeout + 2*time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Store is a velocity.Store on a PostgreSQL database. Several servers may share one
// database: claims stay exactly-once because Tx.GetCallback locks the row (SELECT ... FOR
// UPDATE) until the transaction ends.
type Store struct {
	// Writes holds the methods that run one statement and read no rows back, shared
	// with the SQLite store; they run on the pool (Store.exec).
	sqlstore.Writes
	// Webhooks holds the webhook and metrics methods, shared with the SQLite store.
	sqlstore.Webhooks

	pool *pgxpool.Pool
	// aux is a second, small pool for the rule reads GetPolicy and IsDoNotCall (see
	// withAux).
	aux  *pgxpool.Pool
	opts Options
	log  *slog.Logger
}

var _ velocity.Store = (*Store)(nil)

// IsURL reports whether db names a PostgreSQL database (a postgres:// or postgresql://
// URL) rather than a SQLite file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at url (postgres://user@host:port/db?sslmode=disable;
// other query parameters such as search_path become session settings) and, unless
// opts.SkipMigrate, applies pending migrations. It fails with ErrUnavailable when the
// database cannot be reached within opts.ConnectTimeout.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	cfg.MaxConns = opts.MaxConns
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.HealthCheckPeriod = 15 * time.Second
	cfg.PingTimeout = opts.ConnectTimeout
	cc := cfg.ConnConfig
	cc.ConnectTimeout = opts.ConnectTimeout
	rp := cc.RuntimeParams
	setDefault := func(k, v string) {
		if _, ok := rp[k]; !ok {
			rp[k] = v
		}
	}
	setDefault("statement_timeout", strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10))
	setDefault("lock_timeout", strconv.FormatInt(opts.LockTimeout.Milliseconds(), 10))
	setDefault("idle_in_transaction_session_timeout", strconv.FormatInt(max(opts.OpTimeout, 10*time.Second).Milliseconds(), 10))
	setDefault("application_name", "velocity")
	setDefault("timezone", "UTC")
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	auxCfg := cfg.Copy()
	auxCfg.MaxConns = max(2, opts.MaxConns/4)
	aux, err := pgxpool.NewWithConfig(ctx, auxCfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &Store{pool: pool, aux: aux, opts: opts, log: opts.Logger}
	s.Writes = sqlstore.NewWrites(dialect, s.exec)
	s.Webhooks = s.newWebhooks()
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if !opts.SkipMigrate {
		if err := s.Migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Pool returns the connection pool, for tools and tests that run their own statements.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pools.
func (s *Store) Close() error {
	s.pool.Close()
	s.aux.Close()
	return nil
}

// op bounds one store call by Options.OpTimeout unless ctx ends earlier.
func (s *Store) op(ctx context.Context) (context.Context, context.CancelFunc) {
	if d, ok := ctx.Deadline(); ok && time.Until(d) < s.opts.OpTimeout {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.opts.OpTimeout)
}

// acquire takes a pooled connection, waiting at most Options.AcquireTimeout.
func (s *Store) acquire(ctx context.Context) (*pgxpool.Conn, error) {
	return s.acquireFrom(ctx, s.pool)
}

func (s *Store) acquireFrom(ctx context.Context, pool *pgxpool.Pool) (*pgxpool.Conn, error) {
	actx, cancel := context.WithTimeout(ctx, s.opts.AcquireTimeout)
	defer cancel()
	c, err := pool.Acquire(actx)
	if err != nil {
		if ctx.Err() == nil && actx.Err() != nil {
			return nil, sqlstore.Unavailable(fmt.Errorf("no database connection within %s: %w", s.opts.AcquireTimeout, err))
		}
		return nil, mapErr(err)
	}
	return c, nil
}

// with runs fn on one pooled connection within the call's time limit.
func (s *Store) with(ctx context.Context, fn func(ctx context.Context, c *pgxpool.Conn) error) error {
	return s.withPool(ctx, s.pool, fn)
}

func (s *Store) withPool(ctx context.Context, pool *pgxpool.Pool, fn func(ctx context.Context, c *pgxpool.Conn) error) error {
	ctx, cancel := s.op(ctx)
	defer cancel()
	c, err := s.acquireFrom(ctx, pool)
	if err != nil {
		return err
	}
	defer c.Release()
	return mapErr(fn(ctx, c))
}

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	return s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		var one int
		return c.QueryRow(ctx, `SELECT 1`).Scan(&one)
	})
}

// maxWriteAttempts is how often Write runs fn when the database reports a serialization
// failure or deadlock, or the connection failed before anything was sent.
const maxWriteAttempts = 3

// beginWrite gives the transaction its transaction id at once (in the same round trip as
// BEGIN). The event bus relies on it: a transaction holding an unseen event id always has a
// transaction id older than any the bus takes after seeing a later event.
const beginWrite = `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_current_xact_id()`

// Write runs fn in one READ COMMITTED transaction. Tx.GetCallback locks the row it reads,
// so concurrent writes on one callback, from any server, are serialised. fn may run again
// after a serialization failure, a deadlock, or a connection that failed before use.
func (s *Store) Write(ctx context.Context, fn func(velocity.Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxWriteAttempts; attempt++ {
		err = s.writeOnce(ctx, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	return err
}

func (s *Store) writeOnce(ctx context.Context, fn func(velocity.Tx) error) error {
	ctx, cancel := s.op(ctx)
	defer cancel()
	// fn's own errors pass through as they are; the Tx methods map theirs.
	return s.inWriteTx(ctx, func(tx pgx.Tx) error { return fn(newWriteTx(tx)) })
}

// inWriteTx runs fn in a write transaction (beginWrite) on a pooled connection and
// commits it when fn returns nil. fn's errors are returned as they are; the store's own
// are mapped.
func (s *Store) inWriteTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	c, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	tx, err := c.BeginTx(ctx, pgx.TxOptions{BeginQuery: beginWrite})
	if err != nil {
		return mapErr(err)
	}
	defer rollback(ctx, tx)
	if err := fn(tx); err != nil {
		return err
	}
	return mapErr(tx.Commit(ctx))
}

// inTx runs fn in a transaction on one connection, for the store's own multi-statement
// operations.
func (s *Store) inTx(ctx context.Context, fn func(ctx context.Context, tx pgx.Tx) error) error {
	return s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error { return fn(ctx, tx) })
	})
}

// Secret returns the named secret, creating it from gen on first use. Servers racing to
// create it all get the one that was stored first.
func (s *Store) Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error) {
	var v []byte
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		if _, err := c.Exec(ctx, queries.InsertSecret, name, gen()); err != nil {
			return err
		}
		// A new statement, so a new snapshot: it sees a row another server committed while
		// the insert above waited for it.
		return c.QueryRow(ctx, queries.GetSecret, name).Scan(&v)
	})
	return v, err
}

// Migrate applies the embedded migrations not yet applied.
func (s *Store) Migrate(ctx context.Context) error {
	_, err := s.MigrateVerbose(ctx)
	return err
}

// MigrateVerbose is Migrate returning the names of the migrations it applied. Each
// migration runs in its own transaction holding an advisory lock on the schema, so that
// servers starting together apply each migration once.
func (s *Store) MigrateVerbose(ctx context.Context) ([]string, error) {
	return dialect.Migrate(ctx, migrations, func(ctx context.Context, fn func(sqlstore.Exec) error) error {
		return s.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('velocity_migrate:' || current_schema(), 0))`); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
				return err
			}
			return fn(func(ctx context.Context, query string, args ...any) (int64, error) {
				if len(args) == 0 {
					// A migration file: several statements, which only the simple protocol takes.
					args = []any{pgx.QueryExecModeSimpleProtocol}
				}
				tag, err := tx.Exec(ctx, query, args...)
				return tag.RowsAffected(), err
			})
		})
	})
}

// retryable reports whether a failed Write may run again: the database chose it as the
// victim of a serialization failure or deadlock, or the connection failed before
// anything was sent.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return pgconn.SafeToRetry(err)
}

// rollback ends tx if it is still open, even when ctx has ended, but never waits long: a
// connection that does not answer within a second is closed by pgx.
func rollback(ctx context.Context, tx pgx.Tx) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_ = tx.Rollback(rctx)
}

// PoolStats returns the use of the main pool and of the auxiliary one.
func (s *Store) PoolStats() (main, aux *pgxpool.Stat) { return s.pool.Stat(), s.aux.Stat() }
