package sqlite

import (
	"context"
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

// SearchCallbacks returns a page of the console's search (sqlstore.Dialect.SearchCallbacks).
// Its statements are not kept prepared: their text varies with the filters.
func (s *Store) SearchCallbacks(ctx context.Context, tenantID string, q velocity.SearchQuery) ([]velocity.Callback, error) {
	query, args := dialect.SearchCallbacks(tenantID, q)
	return collect(dialect.ScanCallback)(s.read.QueryContext(ctx, query, args...))
}

// Report counts a report (sqlstore.Dialect.Report) on the read pool.
func (s *Store) Report(ctx context.Context, tenantID string, q velocity.ReportQuery) ([]velocity.ReportCounts, error) {
	return dialect.Report(ctx, s.each, tenantID, q)
}

// each runs a query on the read pool and calls fn with each row.
func (s *Store) each(ctx context.Context, query string, args []any, fn func(sqlstore.Scanner) error) error {
	rows, err := s.read.QueryContext(ctx, query, args...)
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
