package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/customerdynamics/velocity"
)

// testClaimRaceWithRules has 64 agents claim one callback at once with the scheduling
// rules on (a claim re-checks calling hours and the do-not-call list inside its
// transaction): exactly one wins each time, and no claim waits on the store's own
// connection limit (a store whose rule reads needed a second pooled connection while the
// transaction holds the first would stall here until its timeouts).
func testClaimRaceWithRules(t *testing.T, b *rulesBundle) {
	ctx := context.Background()
	const agents, rounds = 64, 5
	for r := 0; r < rounds; r++ {
		cb := b.create(t, velocity.CreateInput{})
		var wins, conflicts atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < agents; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				_, err := b.svc.Claim(ctx, b.p, cb.ID, fmt.Sprintf("agent-%d", i))
				switch {
				case err == nil:
					wins.Add(1)
				case errors.Is(err, velocity.ErrAlreadyClaimed):
					conflicts.Add(1)
				default:
					t.Errorf("claim: %v", err)
				}
			}(i)
		}
		close(start)
		wg.Wait()
		if wins.Load() != 1 || conflicts.Load() != agents-1 {
			t.Fatalf("round %d: %d wins, %d conflicts", r, wins.Load(), conflicts.Load())
		}
	}
}
