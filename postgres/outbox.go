package postgres

import (
	"time"

	"github.com/customerdynamics/velocity"
)

// Limits on what the outbox reader keeps in memory. Past maxGaps missing ids in one jump,
// the lowest are given up at once; past maxPending events held back by gaps, every gap
// gets its last read.
const (
	maxGaps    = 10_000
	maxPending = 50_000
)

// gap is an event id not seen although a higher one was.
type gap struct {
	horizon int64     // a transaction id taken after the gap was seen; 0 until stamped
	since   time.Time // when the gap was seen
	final   bool      // the next read is its last chance
}

// outbox is the Bus's reading position: every id below next was delivered or given up;
// every id from next to maxRead is either pending (read, waiting for a lower gap) or a gap.
type outbox struct {
	next      int64
	maxRead   int64
	pending   map[int64]velocity.Event
	gaps      map[int64]*gap
	unstamped bool
}

func newOutbox(last int64) outbox {
	return outbox{next: last + 1, maxRead: last, pending: map[int64]velocity.Event{}, gaps: map[int64]*gap{}}
}

// markFinal gives a last read to the gaps that no running transaction can fill any more:
// every transaction up to the gap's horizon has ended (the snapshot xmin is past it).
// Gaps older than timeout, or all gaps when too many events wait, get it too.
func (o *outbox) markFinal(xmin int64, now time.Time, timeout time.Duration) {
	all := len(o.pending) > maxPending
	for _, g := range o.gaps {
		if all || (g.horizon > 0 && xmin > g.horizon) || now.Sub(g.since) > timeout {
			g.final = true
		}
	}
}

// gapIDs lists the gaps to read again.
func (o *outbox) gapIDs() []int64 {
	ids := make([]int64, 0, len(o.gaps))
	for id := range o.gaps {
		ids = append(ids, id)
	}
	return ids
}

// take records a read: filled are events found for gap ids, fresh the events after
// maxRead in id order. Gaps marked final before the read and still missing are given up;
// it returns how many ids were given up.
func (o *outbox) take(filled, fresh []velocity.Event, now time.Time) (abandoned int) {
	for _, e := range filled {
		if _, ok := o.gaps[e.ID]; ok {
			delete(o.gaps, e.ID)
			o.pending[e.ID] = e
		}
	}
	for id, g := range o.gaps {
		if g.final {
			delete(o.gaps, id)
			abandoned++
		}
	}
	for _, e := range fresh {
		if e.ID <= o.maxRead {
			continue
		}
		lo := o.maxRead + 1
		if e.ID-lo > maxGaps {
			abandoned += int(e.ID - maxGaps - lo)
			lo = e.ID - maxGaps
		}
		for id := lo; id < e.ID; id++ {
			o.gaps[id] = &gap{since: now}
			o.unstamped = true
		}
		o.pending[e.ID] = e
		o.maxRead = e.ID
	}
	return abandoned
}

// stamp sets the horizon of the gaps seen in the last read.
func (o *outbox) stamp(horizon int64) {
	for _, g := range o.gaps {
		if g.horizon == 0 {
			g.horizon = horizon
		}
	}
	o.unstamped = false
}

// ready removes and returns the events that are next in id order, up to the lowest gap.
func (o *outbox) ready() []velocity.Event {
	var out []velocity.Event
	for o.next <= o.maxRead {
		if e, ok := o.pending[o.next]; ok {
			out = append(out, e)
			delete(o.pending, o.next)
		} else if _, ok := o.gaps[o.next]; ok {
			break
		}
		o.next++
	}
	return out
}
