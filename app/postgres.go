package app

import (
	"context"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
)

// openPostgres opens the PostgreSQL store and starts the cross-server bus: events
// recorded by any server sharing the database reach this server's live subscribers.
func (a *App) openPostgres(ctx context.Context, cfg Config) (velocity.Store, error) {
	s, err := postgres.Open(ctx, cfg.DB, postgres.Options{})
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, s.Close)
	if cfg.busless {
		return s, nil
	}
	bus := postgres.NewBus(s, a.Hub, cfg.Logger)
	a.Bus = bus
	a.startBus = func(ctx context.Context) error {
		if err := bus.Start(ctx); err != nil {
			return err
		}
		a.closers = append(a.closers, func() error { bus.Stop(); return nil })
		return nil
	}
	return s, nil
}
