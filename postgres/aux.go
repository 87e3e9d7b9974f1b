package postgres

import (
	"context"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5/pgxpool"
)

// withAux is with on the auxiliary pool (Store.aux: a quarter of MaxConns, at least 2),
// on which the rule reads GetPolicy and IsDoNotCall run. The pool was made for rule
// reads the service made while it held a write transaction, which on the main pool could
// wait for a connection that a transaction waiting on them held. The service makes none
// any more: inside a transaction it checks the do-not-call list with Tx.IsDoNotCall, on
// the transaction's own connection, and it reads the policy before the transaction
// begins. What the pool still does is keep these reads from queueing behind write
// transactions for a connection of the main pool.
func (s *Store) withAux(ctx context.Context, fn func(ctx context.Context, c *pgxpool.Conn) error) error {
	return s.withPool(ctx, s.aux, fn)
}

// GetPolicy reads the tenant's stored policy, on the auxiliary pool (see withAux).
func (s *Store) GetPolicy(ctx context.Context, tenantID string) (velocity.Policy, bool, error) {
	var doc []byte
	err := s.withAux(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return c.QueryRow(ctx, queries.GetPolicy, tenantID).Scan(&doc)
	})
	return sqlstore.ReadPolicy(doc, err)
}

// IsDoNotCall reports whether the number is listed, on the auxiliary pool (see
// withAux).
func (s *Store) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	var listed bool
	err := s.withAux(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		return c.QueryRow(ctx, queries.IsDoNotCall, tenantID, phone).Scan(&listed)
	})
	return listed, err
}
