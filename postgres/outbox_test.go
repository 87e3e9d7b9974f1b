package postgres

import (
	"fmt"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func evs(ids ...int64) []velocity.Event {
	out := make([]velocity.Event, len(ids))
	for i, id := range ids {
		out[i] = velocity.Event{ID: id}
	}
	return out
}

func idsOf(es []velocity.Event) string {
	s := ""
	for _, e := range es {
		s += fmt.Sprint(e.ID, " ")
	}
	return s
}

func TestOutboxGaps(t *testing.T) {
	now := time.Now()
	o := newOutbox(10)
	// 11 and 13 visible, 12 not yet: 11 goes out, 13 waits.
	o.take(nil, evs(11, 13), now)
	if got := idsOf(o.ready()); got != "11 " {
		t.Fatalf("ready %q", got)
	}
	if !o.unstamped || len(o.gaps) != 1 {
		t.Fatalf("gaps %v", o.gaps)
	}
	o.stamp(500)
	// Transactions up to 500 still running: 12 keeps waiting, 14 arrives behind it.
	o.markFinal(400, now, time.Minute)
	o.take(nil, evs(14), now)
	if got := idsOf(o.ready()); got != "" {
		t.Fatalf("ready %q while 12 may still commit", got)
	}
	// 12 commits: 12, 13, 14 go out in order.
	o.take(evs(12), nil, now)
	if got := idsOf(o.ready()); got != "12 13 14 " {
		t.Fatalf("ready %q", got)
	}
	// 15 rolled back: once the xmin passes the horizon, one more read, then it is skipped.
	o.take(nil, evs(16), now)
	o.stamp(600)
	o.markFinal(601, now, time.Minute)
	if n := o.take(nil, nil, now); n != 1 {
		t.Fatalf("abandoned %d", n)
	}
	if got := idsOf(o.ready()); got != "16 " {
		t.Fatalf("ready %q", got)
	}
	// A gap that outlives the timeout is given up too, after its last read.
	o.take(nil, evs(18), now)
	o.stamp(700)
	o.markFinal(1, now.Add(2*time.Minute), time.Minute)
	if got := idsOf(func() []velocity.Event { o.take(nil, nil, now); return o.ready() }()); got != "18 " {
		t.Fatalf("ready %q", got)
	}
	// A final gap found in its last read is delivered, not dropped.
	o.take(nil, evs(20), now)
	o.stamp(800)
	o.markFinal(801, now, time.Minute)
	o.take(evs(19), nil, now)
	if got := idsOf(o.ready()); got != "19 20 " {
		t.Fatalf("ready %q", got)
	}
	if len(o.pending) != 0 || len(o.gaps) != 0 || o.next != 21 {
		t.Fatalf("left %v %v next %d", o.pending, o.gaps, o.next)
	}
}

func TestOutboxHugeJump(t *testing.T) {
	o := newOutbox(0)
	n := o.take(nil, evs(maxGaps+101), time.Now())
	if n != 100 || len(o.gaps) != maxGaps {
		t.Fatalf("abandoned %d, %d gaps", n, len(o.gaps))
	}
}
