package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	sqlite3 "modernc.org/sqlite"
)

// foldFunc is the SQL function the console's text search lower-cases with: SQLite's own
// lower() folds ASCII letters only, this one all of Unicode, as PostgreSQL's does.
const foldFunc = "velocity_lower"

func init() {
	// Registered once for every connection the driver opens, like the driver itself.
	sqlite3.MustRegisterDeterministicScalarFunction(foldFunc, 1, func(_ *sqlite3.FunctionContext, args []driver.Value) (driver.Value, error) {
		if s, ok := args[0].(string); ok {
			return strings.ToLower(s), nil
		}
		return args[0], nil
	})
}

// maxConsoleStmts bounds how many of the console's statements stay prepared on the read
// pool: their text varies with the filters, and the first ones asked (the console's
// usual shapes) are kept.
const maxConsoleStmts = 256

// SearchCallbacks returns a page of the console's search (sqlstore.Dialect.SearchCallbacks).
func (s *Store) SearchCallbacks(ctx context.Context, tenantID string, q velocity.SearchQuery) ([]velocity.Callback, error) {
	query, args := dialect.SearchCallbacks(tenantID, q)
	if _, ok := s.stmts.Load(query); ok || s.consoleStmts.Add(1) <= maxConsoleStmts {
		return s.queryCallbacks(ctx, query, args...)
	}
	return collect(dialect.ScanCallback)(s.read.QueryContext(ctx, query, args...))
}

// Report counts a report (sqlstore.Dialect.Report) on the read pool.
func (s *Store) Report(ctx context.Context, tenantID string, q velocity.ReportQuery) ([]velocity.ReportCounts, error) {
	return dialect.Report(ctx, s.each, tenantID, q)
}

// each runs a query on the read pool and calls fn with each row.
func (s *Store) each(ctx context.Context, query string, args []any, fn func(sqlstore.Scanner) error) error {
	var rows *sql.Rows
	var err error
	if _, ok := s.stmts.Load(query); ok || s.consoleStmts.Add(1) <= maxConsoleStmts {
		var st *sql.Stmt
		if st, err = s.readStmt(ctx, query); err != nil {
			return err
		}
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = s.read.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return mapErr(err)
		}
	}
	return mapErr(rows.Err())
}

// Dialect returns the SQL dialect the store builds its statements in (for tools that
// show plans).
func (s *Store) Dialect() sqlstore.Dialect { return dialect }

// Explain returns SQLite's EXPLAIN QUERY PLAN of query with args, as an indented tree.
func (s *Store) Explain(ctx context.Context, query string, args []any) (string, error) {
	rows, err := s.read.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		return "", mapErr(err)
	}
	defer rows.Close()
	depth := map[int]int{}
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		depth[id] = depth[parent] + 1
		b.WriteString(strings.Repeat("  ", depth[id]-1) + detail + "\n")
	}
	return strings.TrimSpace(b.String()), rows.Err()
}
