package postgres

import (
	"context"

	"github.com/customerdynamics/velocity"
)

// SearchCallbacks returns a page of the console's search (sqlstore.Dialect.SearchCallbacks).
func (s *Store) SearchCallbacks(ctx context.Context, tenantID string, q velocity.SearchQuery) ([]velocity.Callback, error) {
	query, args := dialect.SearchCallbacks(tenantID, q)
	return queryAll(ctx, s, make([]velocity.Callback, 0, q.Limit), dialect.ScanCallback, query, args...)
}
