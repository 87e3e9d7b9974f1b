// Package sqlite is the embedded store: velocity.Store on a SQLite file (modernc.org/sqlite,
// no cgo). SQLite serialises writers, so the store keeps one write connection, on which
// every transaction begins IMMEDIATE, and a pool of read-only connections in WAL mode.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	sqlite3 "modernc.org/sqlite"
	sqlitelib "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a velocity.Store on one SQLite file.
type Store struct {
	// Writes holds the methods that run one statement and read no rows back, shared
	// with the PostgreSQL store; they run on the write connection (Store.exec).
	sqlstore.Writes

	write *sql.DB
	read  *sql.DB
	path  string
	stmts sync.Map // query text -> *sql.Stmt on the read pool
	// consoleStmts counts the console's search statements prepared in stmts (at most
	// maxConsoleStmts).
	consoleStmts atomic.Int64
	wst          sync.Map // query text -> *sql.Stmt on the write connection
}

var _ velocity.Store = (*Store)(nil)

// Durability is how much a commit waits for the disk.
type Durability string

const (
	// DurabilityFull (the default) syncs the write-ahead log at every commit: a write
	// the API acknowledged survives a power failure or an operating-system crash.
	DurabilityFull Durability = "full"
	// DurabilityNormal syncs only at checkpoints: faster commits, and still safe when
	// the process is killed, but a power failure or OS crash may lose the last
	// transactions although their clients were told they succeeded.
	DurabilityNormal Durability = "normal"
)

// Options configures Open.
type Options struct {
	Durability Durability // default DurabilityFull
}

func dsn(path string, readOnly bool, d Durability) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	if d == DurabilityNormal {
		q.Add("_pragma", "synchronous(NORMAL)")
	} else {
		q.Add("_pragma", "synchronous(FULL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	// 64 MiB of page cache per connection and memory-mapped reads: a worklist query
	// touches ~100 index and table pages, which should not each cost a read syscall.
	q.Add("_pragma", "cache_size(-65536)")
	q.Add("_pragma", "mmap_size(1073741824)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path with the default options (full
// durability) and applies pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	switch o.Durability {
	case "", DurabilityFull, DurabilityNormal:
	default:
		return nil, fmt.Errorf("sqlite: durability %q: choose full or normal", o.Durability)
	}
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return nil, errors.New("sqlite: a file path is required (an in-memory database cannot be shared by the store's connections)")
	}
	w, err := sql.Open("sqlite", dsn(path, false, o.Durability))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	s := &Store{write: w, path: path}
	s.Writes = sqlstore.NewWrites(dialect, s.exec)
	if err := s.Migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.prepareWrites(ctx); err != nil {
		s.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true, o.Durability))
	if err != nil {
		w.Close()
		return nil, err
	}
	n := max(4, 2*runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.read = r
	return s, nil
}

// Migrate applies the embedded migrations not yet applied, each in its own transaction.
func (s *Store) Migrate(ctx context.Context) error {
	_, err := s.MigrateVerbose(ctx)
	return err
}

// MigrateVerbose is Migrate returning the names of the migrations it applied.
func (s *Store) MigrateVerbose(ctx context.Context) ([]string, error) {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return nil, fmt.Errorf("sqlite: create schema_migrations: %w", err)
	}
	// Each transaction begins IMMEDIATE (see dsn), which keeps every other writer of the
	// file out until it ends: no further lock is needed.
	return dialect.Migrate(ctx, migrations, func(ctx context.Context, fn func(sqlstore.Exec) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error {
			return fn(func(ctx context.Context, query string, args ...any) (int64, error) {
				res, err := tx.ExecContext(ctx, query, args...)
				if err != nil {
					return 0, err
				}
				return res.RowsAffected()
			})
		})
	})
}

// readStmt returns a prepared statement for query on the read pool, preparing it once:
// parsing and planning a worklist query costs more than running it.
func (s *Store) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, mapErr(err)
	}
	if prev, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// prepareWrites prepares the write transactions' statements on the write connection.
func (s *Store) prepareWrites(ctx context.Context) error {
	for _, q := range writeQueries {
		st, err := s.write.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("sqlite: prepare: %w", err)
		}
		s.wst.Store(q, st)
	}
	return nil
}

// Close closes both connection pools.
func (s *Store) Close() error {
	var errs []error
	for _, m := range []*sync.Map{&s.stmts, &s.wst} {
		m.Range(func(k, v any) bool {
			v.(*sql.Stmt).Close()
			return true
		})
	}
	if s.read != nil {
		errs = append(errs, s.read.Close())
	}
	errs = append(errs, s.write.Close())
	return errors.Join(errs...)
}

// Ping reports whether the database file answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return sqlstore.Unavailable(err)
	}
	return nil
}

func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return mapErr(tx.Commit())
}

// exec runs one statement on the write connection, outside a transaction, and returns
// how many rows it changed; errors are mapped (mapErr).
func (s *Store) exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := s.write.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

// Write runs fn in one IMMEDIATE transaction on the single write connection, so writes
// never interleave.
func (s *Store) Write(ctx context.Context, fn func(velocity.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return fn(&writeTx{tx: tx, s: s, ctx: ctx}) })
}

// Secret returns the named secret, creating it from gen on first use.
func (s *Store) Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error) {
	var v []byte
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, queries.InsertSecret, name, gen()); err != nil {
			return mapErr(err)
		}
		return mapErr(tx.QueryRowContext(ctx, queries.GetSecret, name).Scan(&v))
	})
	return v, err
}

// mapErr turns driver errors into domain errors: no rows is ErrNotFound; a violated
// unique index is the conflict it stands for (the open number: ErrDuplicateOpen, a
// tenant's name: sqlstore.ErrTenantExists, an account's username:
// sqlstore.ErrAccountExists); a busy, locked, unopenable, failing or full database is
// unavailable. SQLite reports which columns a unique constraint covers only in the
// message text, so that is what the constraint cases read (PostgreSQL's store uses
// constraint names). Other errors pass through unchanged.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return velocity.ErrNotFound
	}
	var se *sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlitelib.SQLITE_CONSTRAINT_UNIQUE, sqlitelib.SQLITE_CONSTRAINT_PRIMARYKEY:
			msg := se.Error()
			switch {
			case strings.Contains(msg, "callbacks.phone_number"):
				return velocity.ErrDuplicateOpen
			case strings.Contains(msg, "tenants.name"):
				return sqlstore.WithCause(sqlstore.ErrTenantExists, err)
			case strings.Contains(msg, "accounts.tenant_id, accounts.username"):
				return sqlstore.WithCause(sqlstore.ErrAccountExists, err)
			}
		case sqlitelib.SQLITE_BUSY, sqlitelib.SQLITE_LOCKED, sqlitelib.SQLITE_CANTOPEN, sqlitelib.SQLITE_IOERR, sqlitelib.SQLITE_FULL:
			return sqlstore.Unavailable(err)
		}
	}
	return err
}

// collect returns a function that reads every row of a query's result with scan; it
// takes the query's own return values: collect(scan)(db.QueryContext(ctx, q, args...)).
// Errors, the query's and scan's, are mapped (mapErr).
func collect[T any](scan func(sqlstore.Scanner) (T, error)) func(*sql.Rows, error) ([]T, error) {
	return func(rows *sql.Rows, err error) ([]T, error) {
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		out, err := sqlstore.AppendAll(nil, rows, scan)
		if err != nil {
			return nil, mapErr(err)
		}
		return out, nil
	}
}

// one reads a single-row result with scan and maps its error (mapErr): no row is
// velocity.ErrNotFound.
func one[T any](scan func(sqlstore.Scanner) (T, error), row sqlstore.Scanner) (T, error) {
	v, err := scan(row)
	return v, mapErr(err)
}
