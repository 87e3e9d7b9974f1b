package hub

import (
	"context"
	"log/slog"
	"time"

	"github.com/customerdynamics/velocity"
)

// Sequencer is the velocity.Bus of a single server on a store whose event ids become
// visible in commit order (SQLite: one writer). Goroutines that commit one after the other
// may reach Publish in either order; Publish therefore only wakes the sequencer, which
// reads the new events from the store in id order and hands them to the hub, so every
// subscriber sees every event, in id order.
type Sequencer struct {
	Store  velocity.CallbackReader
	Hub    *Hub
	Logger *slog.Logger

	wake   chan struct{}
	last   int64
	cancel context.CancelFunc
	done   chan struct{}
}

// NewSequencer returns a sequencer feeding h from s; call Start.
func NewSequencer(s velocity.CallbackReader, h *Hub, log *slog.Logger) *Sequencer {
	return &Sequencer{Store: s, Hub: h, Logger: log, wake: make(chan struct{}, 1)}
}

// Start begins delivering events recorded from now on.
func (q *Sequencer) Start(ctx context.Context) error {
	last, err := q.Store.LastEventID(ctx)
	if err != nil {
		return err
	}
	q.last = last
	ctx, q.cancel = context.WithCancel(ctx)
	q.done = make(chan struct{})
	go q.loop(ctx)
	return nil
}

// Stop ends delivery and waits for the loop to finish.
func (q *Sequencer) Stop() {
	if q.cancel != nil {
		q.cancel()
		<-q.done
		q.cancel = nil
	}
}

// Publish wakes the sequencer; the events themselves are read back from the store.
func (q *Sequencer) Publish([]velocity.Event) {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// Subscribe receives the events scope sees from the hub.
func (q *Sequencer) Subscribe(scope velocity.Scope) velocity.Subscription {
	return q.Hub.Subscribe(scope)
}

// batch is how many events one read takes.
const batch = 500

func (q *Sequencer) loop(ctx context.Context) {
	defer close(q.done)
	// A safety net: if a wake-up were ever lost, events still flow within a second.
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-q.wake:
		case <-tick.C:
		}
		for {
			evs, err := q.Store.EventsAfter(ctx, "", q.last, batch)
			if err != nil {
				if ctx.Err() == nil {
					q.Logger.Warn("reading new events failed; retrying", "error", err)
				}
				break
			}
			if len(evs) == 0 {
				break
			}
			q.Hub.Publish(evs)
			q.last = evs[len(evs)-1].ID
			if len(evs) < batch {
				break
			}
		}
	}
}

var _ velocity.Bus = (*Sequencer)(nil)
