package sqlstore

import (
	"strings"

	"github.com/customerdynamics/velocity"
)

// OpenStatuses is velocity.OpenStatuses as an SQL list, spelled word for word as the
// partial indexes' predicate status IN ('scheduled', 'claimed'), so that a statement
// that writes it can use those indexes.
const OpenStatuses = `'scheduled', 'claimed'`

// ClosedStatuses are the statuses a callback ends in, spelled as the partial index
// callbacks_closed_updated's predicate.
const ClosedStatuses = `'completed', 'failed', 'cancelled'`

// StatusList renders the valid statuses of st as an SQL list of literals (invalid ones
// are left out, so nothing but a known status reaches the SQL); it renders
// velocity.OpenStatuses as OpenStatuses. With no valid status it is ”, which matches
// no row.
func StatusList(st []velocity.Status) string {
	parts := make([]string, 0, len(st))
	for _, s := range st {
		if s.Valid() {
			parts = append(parts, "'"+string(s)+"'")
		}
	}
	if len(parts) == 0 {
		return "''"
	}
	return strings.Join(parts, ", ")
}

// isOpenOnly reports whether st is exactly scheduled, claimed (velocity.OpenStatuses):
// the statuses the partial worklist indexes cover.
func isOpenOnly(st []velocity.Status) bool {
	return len(st) == 2 && st[0] == velocity.StatusScheduled && st[1] == velocity.StatusClaimed
}
