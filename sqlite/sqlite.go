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
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/customerdynamics/velocity"
	sqlite3 "modernc.org/sqlite"
	sqlitelib "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a velocity.Store on one SQLite file.
type Store struct {
	write *sql.DB
	read  *sql.DB
	path  string
	stmts sync.Map // query text -> *sql.Stmt on the read pool
	wst   sync.Map // query text -> *sql.Stmt on the write connection
}

var _ velocity.Store = (*Store)(nil)

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
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

// Open opens (creating if needed) the database at path and applies pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return nil, errors.New("sqlite: a file path is required (an in-memory database cannot be shared by the store's connections)")
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	s := &Store{write: w, path: path}
	if err := s.Migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.prepareWrites(ctx); err != nil {
		s.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
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

// Migrate applies the embedded migrations not yet applied, each in its own transaction,
// and returns the names it applied.
func (s *Store) Migrate(ctx context.Context) error {
	_, err := s.MigrateVerbose(ctx)
	return err
}

// MigrateVerbose is Migrate returning the names of the migrations it applied.
func (s *Store) MigrateVerbose(ctx context.Context) ([]string, error) {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return nil, fmt.Errorf("sqlite: create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var applied []string
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		var version int
		if _, err := fmt.Sscanf(base, "%04d_", &version); err != nil {
			return nil, fmt.Errorf("sqlite: migration %s: name must start with a 4-digit number", base)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("sqlite: migration %s: %w", base, err)
			}
			applied = append(applied, base)
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, version, base, time.Now().UnixMicro())
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return applied, nil
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
		return unavailable(err)
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

// Write runs fn in one IMMEDIATE transaction on the single write connection, so writes
// never interleave.
func (s *Store) Write(ctx context.Context, fn func(velocity.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return fn(&writeTx{tx: tx, s: s, ctx: ctx}) })
}

// Secret returns the named secret, creating it from gen on first use.
func (s *Store) Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error) {
	var v []byte
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, gen()); err != nil {
			return mapErr(err)
		}
		return mapErr(tx.QueryRowContext(ctx, `SELECT value FROM server_secrets WHERE name = ?`, name).Scan(&v))
	})
	return v, err
}

func unavailable(err error) error {
	return &velocity.Error{Kind: velocity.KindUnavailable, Code: velocity.ErrUnavailable.Code, Message: velocity.ErrUnavailable.Message, Err: err}
}

// mapErr turns driver errors into domain errors: no rows is ErrNotFound, a violated
// unique open-number index is ErrDuplicateOpen, a busy database is unavailable. SQLite
// reports which columns a unique constraint covers only in the message text, so that is
// what the constraint cases read (PostgreSQL's store uses constraint names).
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
				return &velocity.Error{Kind: velocity.KindConflict, Code: velocity.CodeTenantExists, Message: "A tenant with this name exists already.", Err: err}
			case strings.Contains(msg, "accounts.tenant_id, accounts.username"):
				return &velocity.Error{Kind: velocity.KindConflict, Code: velocity.CodeAccountExists, Message: "An account with this username exists already in the tenant.", Err: err}
			}
		case sqlitelib.SQLITE_BUSY, sqlitelib.SQLITE_LOCKED, sqlitelib.SQLITE_CANTOPEN, sqlitelib.SQLITE_IOERR, sqlitelib.SQLITE_FULL:
			return unavailable(err)
		}
	}
	return err
}

// collect returns a function that reads every row of a query's result with scan; it
// takes the query's own return values: collect(scan)(db.QueryContext(ctx, q, args...)).
func collect[T any](scan func(scanner) (T, error)) func(*sql.Rows, error) ([]T, error) {
	return func(rows *sql.Rows, err error) ([]T, error) {
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		var out []T
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, mapErr(rows.Err())
	}
}
