package sqlite

import (
	"context"
	"database/sql/driver"
	"strings"

	"github.com/customerdynamics/velocity"
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
