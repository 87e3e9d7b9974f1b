package velocity

import "context"

// Subscribe returns a live subscription to the events scope sees; the service must have a
// Bus.
func (s *Service) Subscribe(scope Scope) Subscription { return s.Bus.Subscribe(scope) }

// EventsSince returns up to limit of the tenant's events recorded after the event with
// ID afterID, in ID order: what a reconnecting stream missed. An afterID beyond the newest
// event (a client of a restored database, a forged header) counts from the newest, so
// that it cannot silence a stream; from is the ID the result follows.
func (s *Service) EventsSince(ctx context.Context, tenantID string, afterID int64, limit int) (events []Event, from int64, err error) {
	newest, err := s.Store.LastEventID(ctx)
	if err != nil {
		return nil, 0, err
	}
	from = min(afterID, newest)
	events, err = s.Store.EventsAfter(ctx, tenantID, from, limit)
	return events, from, err
}

// Ping reports whether the service's database answers.
func (s *Service) Ping(ctx context.Context) error { return s.Store.Ping(ctx) }
