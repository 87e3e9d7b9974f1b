package velocity

import "context"

// MaxListLimit is the most callbacks one list page returns; DefaultListLimit when the
// request names no limit.
const (
	MaxListLimit     = 500
	DefaultListLimit = 50
)

// Get returns one of the tenant's callbacks; an agent account reads only its team's
// callbacks and those personal to agentID (see Principal.mayWork).
func (s *Service) Get(ctx context.Context, p Principal, id, agentID string) (Callback, error) {
	cb, err := s.Store.GetCallback(ctx, p.Tenant.ID, id)
	if err != nil {
		return Callback{}, err
	}
	if err := p.ActsAs("X-Agent-Id", agentID); err != nil {
		return Callback{}, err
	}
	if err := p.mayWork(&cb, agentID); err != nil {
		return Callback{}, err
	}
	return cb, nil
}

// History returns a callback's recorded events, oldest first, to those who may Get it.
func (s *Service) History(ctx context.Context, p Principal, id, agentID string) ([]Event, error) {
	if _, err := s.Get(ctx, p, id, agentID); err != nil {
		return nil, err
	}
	return s.Store.History(ctx, p.Tenant.ID, id)
}

// List returns a page of callbacks and the cursor of the next page ("" on the last).
func (s *Service) List(ctx context.Context, p Principal, q ListQuery) ([]Callback, string, error) {
	if err := p.scope(q); err != nil {
		return nil, "", err
	}
	if q.Limit <= 0 {
		q.Limit = DefaultListLimit
	}
	want := q.Limit
	q.Limit++
	if len(q.Statuses) == 0 {
		q.Statuses = OpenStatuses
	}
	items, err := s.Store.ListCallbacks(ctx, p.Tenant.ID, q)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(items) > want {
		items = items[:want]
		last := items[want-1]
		next = EncodeCursor(Cursor{WindowStart: last.WindowStart, ID: last.ID})
	}
	return items, next, nil
}
