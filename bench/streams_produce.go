package bench

import (
	"context"
	"encoding/json"
	"sync"
	"time"
)

// change is one team callback the bench created (or tried to).
type change struct {
	team int
	sent time.Time     // just before its create request was sent
	took time.Duration // until the answer
	id   string        // the callback's id; "" when the create failed or was never sent
}

// production is what produce did.
type production struct {
	changes  []change // in the order planned; those never sent have a zero sent
	elapsed  time.Duration
	errors   int
	firstErr error
}

// produce creates changesOf(o) team callbacks, one every 1/o.Rate on a ticker, with at
// most o.Writers requests in flight: change j is for team j%Teams, sent to server
// (j/Teams)%len(bases). A change that cannot start by o.Duration plus a second (the
// writers are all waiting on the server) is not sent. Windows open an hour later, so
// that the scheduler announces nothing during the run.
func produce(ctx context.Context, api *apiClient, bases []string, o StreamOptions) production {
	p := production{changes: make([]change, changesOf(o))}
	jobs := make(chan int, o.Writers)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < o.Writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				c := &p.changes[j]
				c.team = j % o.Teams
				body, _ := json.Marshal(map[string]any{"teamId": teamName(c.team), "phoneNumber": phone(5_000_000 + j),
					"customerName": "Stream Bench", "windowStart": time.Now().Add(time.Hour).UTC()})
				var out struct {
					ID string `json:"id"`
				}
				c.sent = time.Now()
				err := api.call(ctx, "POST", bases[(j/o.Teams)%len(bases)]+"/api/v1/callbacks", body, 201, &out)
				c.took = time.Since(c.sent)
				if err == nil && out.ID != "" {
					c.id = out.ID
					continue
				}
				mu.Lock()
				p.errors++
				if p.firstErr == nil {
					p.firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	interval := time.Duration(float64(time.Second) / o.Rate)
	start := time.Now()
	stopBy := time.NewTimer(o.Duration + time.Second)
	defer stopBy.Stop()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	// Change j is due at start + j*interval; a late tick sends every change then due.
dispatch:
	for j := 0; j < len(p.changes); {
		for ; j < len(p.changes) && !start.Add(time.Duration(j)*interval).After(time.Now()); j++ {
			select {
			case jobs <- j:
			case <-stopBy.C:
				break dispatch
			case <-ctx.Done():
				break dispatch
			}
		}
		if j == len(p.changes) {
			break
		}
		select {
		case <-tick.C:
		case <-stopBy.C:
			break dispatch
		case <-ctx.Done():
			break dispatch
		}
	}
	close(jobs)
	wg.Wait()
	p.elapsed = time.Since(start)
	for i := range p.changes {
		p.changes[i].team = i % o.Teams
	}
	return p
}
