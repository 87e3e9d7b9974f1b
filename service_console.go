package velocity

import "context"

// ExportPage is how many callbacks an export reads per store query, and MaxExportRows the
// most one export writes.
const (
	ExportPage    = 1000
	MaxExportRows = 1_000_000
)

// Search returns a page of the tenant's callbacks matching q (see SearchQuery), judged at
// the service's now, and the cursor of the next page ("" on the last). It needs
// PermReadAll.
func (s *Service) Search(ctx context.Context, p Principal, q SearchQuery) ([]Callback, string, error) {
	if err := p.Require(PermReadAll); err != nil {
		return nil, "", err
	}
	if q.Limit <= 0 {
		q.Limit = DefaultListLimit
	}
	q.Limit = min(q.Limit, MaxListLimit)
	q.Now = s.now()
	want := q.Limit
	q.Limit++
	items, err := s.Store.SearchCallbacks(ctx, p.Tenant.ID, q)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(items) > want {
		items = items[:want]
		next = q.CursorAfter(items[want-1]).Encode()
	}
	return items, next, nil
}

// Export calls fn with every callback matching q, in q's order, at most limit of them
// (MaxExportRows when limit <= 0), reading ExportPage at a time; it returns how many it
// passed and whether more matched. It is not one snapshot: like paging, a callback whose
// sort key changes while the export runs may be passed twice or not at all. It needs
// PermReadAll; an error from fn stops it.
func (s *Service) Export(ctx context.Context, p Principal, q SearchQuery, limit int, fn func(Callback) error) (n int, more bool, err error) {
	if err := p.Require(PermReadAll); err != nil {
		return 0, false, err
	}
	if limit <= 0 {
		limit = MaxExportRows
	}
	q.Now = s.now()
	q.After = nil
	for {
		q.Limit = min(ExportPage, limit-n) + 1
		items, err := s.Store.SearchCallbacks(ctx, p.Tenant.ID, q)
		if err != nil {
			return n, false, err
		}
		page := items[:min(len(items), q.Limit-1)]
		for _, cb := range page {
			if err := fn(cb); err != nil {
				return n, false, err
			}
			n++
		}
		if len(items) < q.Limit {
			return n, false, nil
		}
		if n >= limit {
			return n, true, nil
		}
		c := q.CursorAfter(page[len(page)-1])
		q.After = &c
	}
}
