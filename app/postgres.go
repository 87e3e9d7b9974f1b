package app

import (
	"context"
	"errors"

	"github.com/customerdynamics/velocity"
)

// openPostgres opens the PostgreSQL store and its cross-server bus.
func (a *App) openPostgres(ctx context.Context, cfg Config) (velocity.Store, error) {
	return nil, errors.New("PostgreSQL is not available in this build yet")
}
