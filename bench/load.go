package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Result is one operation's measurement at one concurrency.
type Result struct {
	Op       string
	Clients  int
	Requests int
	Errors   int
	Elapsed  time.Duration
	P50, P95 time.Duration
	P99      time.Duration
	Max      time.Duration
}

// RPS is the successful requests per second.
func (r Result) RPS() float64 { return float64(r.Requests-r.Errors) / r.Elapsed.Seconds() }

// opFunc performs one request for client c; it returns an error for a failed one, and
// errExhausted when there is nothing left to do.
type opFunc func(ctx context.Context, c int) error

var errExhausted = fmt.Errorf("exhausted")

// drive runs op with clients concurrent workers for d (after a short warm-up) and
// measures each call's latency.
func drive(ctx context.Context, name string, clients int, d, warmup time.Duration, op opFunc) Result {
	var stop atomic.Bool
	lat := make([][]time.Duration, clients)
	errs := make([]int, clients)
	var wg sync.WaitGroup
	var measuring atomic.Bool
	var begin time.Time
	var mu sync.Mutex
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for !stop.Load() {
				t0 := time.Now()
				err := op(ctx, c)
				if err == errExhausted {
					stop.Store(true)
					return
				}
				if !measuring.Load() {
					continue
				}
				lat[c] = append(lat[c], time.Since(t0))
				if err != nil {
					errs[c]++
					if errs[c] == 1 {
						mu.Lock()
						fmt.Printf("  %s: first error: %v\n", name, err)
						mu.Unlock()
					}
				}
			}
		}(c)
	}
	time.Sleep(warmup)
	begin = time.Now()
	measuring.Store(true)
	timer := time.NewTimer(d)
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
	stop.Store(true)
	wg.Wait()
	elapsed := time.Since(begin)
	var all []time.Duration
	r := Result{Op: name, Clients: clients, Elapsed: elapsed}
	for c := range lat {
		all = append(all, lat[c]...)
		r.Errors += errs[c]
	}
	r.Requests = len(all)
	if len(all) > 0 {
		slices.Sort(all)
		r.P50 = all[len(all)/2]
		r.P95 = all[min(len(all)-1, len(all)*95/100)]
		r.P99 = all[min(len(all)-1, len(all)*99/100)]
		r.Max = all[len(all)-1]
	}
	return r
}

// Print writes results as a table.
func Print(w io.Writer, rs []Result) {
	width := 22
	for _, r := range rs {
		width = max(width, len(r.Op))
	}
	fmt.Fprintf(w, "%-*s %7s %9s %7s %11s %9s %9s %9s %9s\n", width, "operation", "clients", "requests", "errors", "req/s", "p50", "p95", "p99", "max")
	for _, r := range rs {
		fmt.Fprintf(w, "%-*s %7d %9d %7d %11.0f %9s %9s %9s %9s\n", width, r.Op, r.Clients, r.Requests, r.Errors, r.RPS(),
			fmtDur(r.P50), fmtDur(r.P95), fmtDur(r.P99), fmtDur(r.Max))
	}
}

func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
}
