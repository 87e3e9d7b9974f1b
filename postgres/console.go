package postgres

import (
	"context"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SearchCallbacks returns a page of the console's search (sqlstore.Dialect.SearchCallbacks).
func (s *Store) SearchCallbacks(ctx context.Context, tenantID string, q velocity.SearchQuery) ([]velocity.Callback, error) {
	query, args := dialect.SearchCallbacks(tenantID, q)
	return queryAll(ctx, s, make([]velocity.Callback, 0, q.Limit), dialect.ScanCallback, query, args...)
}

// Report counts a report (sqlstore.Dialect.Report) on one pooled connection.
func (s *Store) Report(ctx context.Context, tenantID string, q velocity.ReportQuery) ([]velocity.ReportCounts, error) {
	var out []velocity.ReportCounts
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		var err error
		out, err = dialect.Report(ctx, func(ctx context.Context, query string, args []any, fn func(sqlstore.Scanner) error) error {
			rows, err := c.Query(ctx, query, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := fn(rows); err != nil {
					return err
				}
			}
			return rows.Err()
		}, tenantID, q)
		return err
	})
	return out, err
}
