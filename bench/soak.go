package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// SoakOptions configures RunSoak, the soak: mixed traffic and stream churn at a fixed,
// moderate rate for a long time, to show that the server's memory, goroutines and file
// descriptors stay flat.
type SoakOptions struct {
	// Binary is the velocity program to start as `velocity serve` and to create the
	// tenant with (see StreamOptions.Binary).
	Binary string
	// DB is a SQLite file path or a postgres:// URL; "" means a new SQLite file in a
	// temporary directory, removed afterwards.
	DB string
	// Duration is how long the traffic runs, Warmup included (default: a sixth of it,
	// at most a minute): the samples taken in the warm-up are reported but not judged.
	Duration time.Duration
	Warmup   time.Duration
	// Rate is how many requests a second the mixed traffic makes (default 40), from at
	// most Writers at once (default 16).
	Rate    float64
	Writers int
	// Streams is the pool of agents' event streams held open (default 300), agent i in
	// team i%Teams (default 10); Churn is the share of them closed and reopened every
	// second (0: none; the command's default is 0.05).
	Streams int
	Teams   int
	Churn   float64
	// Every is how often the server is sampled (default Duration/120, from 250 ms to 5 s).
	Every time.Duration
	// Tolerance is how much, in percent, a series' average over the last quarter of the
	// judged samples may exceed its average over the second quarter and still be flat
	// (default 10); small series have an absolute slack besides (see seriesSlack).
	Tolerance float64
	// Logger receives progress.
	Logger *slog.Logger
}

// Bounds of a soak.
const (
	maxSoak        = 24 * time.Hour
	maxSoakStreams = 20_000
	maxSoakRate    = 2_000
	// soakOpen is how many open callbacks the traffic keeps (see traffic.do).
	soakOpen = 100
	// minJudged is how many samples after the warm-up a verdict needs.
	minJudged = 8
)

func (o *SoakOptions) check() error {
	if o.Rate == 0 {
		o.Rate = 40
	}
	if o.Writers == 0 {
		o.Writers = 16
	}
	if o.Streams == 0 {
		o.Streams = 300
	}
	if o.Teams == 0 {
		o.Teams = min(10, o.Streams)
	}
	if o.Tolerance == 0 {
		o.Tolerance = 10
	}
	if o.Warmup == 0 {
		o.Warmup = min(o.Duration/6, time.Minute)
	}
	if o.Every == 0 {
		o.Every = min(max(o.Duration/120, 250*time.Millisecond), 5*time.Second)
	}
	switch {
	case o.Binary == "":
		return errors.New("bench: no velocity binary to serve with")
	case o.Duration <= 0 || o.Duration > maxSoak:
		return fmt.Errorf("bench: the soak's duration must be above zero and at most %s", maxSoak)
	case o.Warmup < 0 || o.Warmup >= o.Duration:
		return errors.New("bench: the soak's warm-up must be shorter than its duration")
	case o.Every <= 0 || o.Every > o.Duration:
		return errors.New("bench: the soak's sampling interval must be above zero and within its duration")
	case o.Rate < 0 || o.Rate > maxSoakRate:
		return fmt.Errorf("bench: the soak's rate must be above zero and at most %d requests a second", maxSoakRate)
	case o.Writers < 1:
		return errors.New("bench: the soak needs at least one writer")
	case o.Streams < 1 || o.Streams > maxSoakStreams:
		return fmt.Errorf("bench: the soak's streams must be from 1 to %d", maxSoakStreams)
	case o.Teams < 1 || o.Teams > o.Streams:
		return errors.New("bench: the soak's teams must be from 1 to its streams")
	case o.Churn < 0 || o.Churn > 1:
		return errors.New("bench: the soak's churn must be a share from 0 to 1")
	case o.Tolerance < 0:
		return errors.New("bench: the soak's tolerance must not be negative")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// RunSoak runs a soak: it starts one `velocity serve` process on the database (with
// --debug-addr, for its goroutines) and a new tenant whose policy allows calls around
// the clock, opens o.Streams agents' streams, then for o.Duration makes o.Rate mixed
// requests a second (creates, lists, claims, attempts, reschedules, cancels, number
// look-ups, policy and callback reads) while closing and reopening o.Churn of the
// streams every second, and samples the server every o.Every: resident memory, live Go
// heap (from its GODEBUG=gctrace=1), goroutines and open file descriptors. It judges
// each series flat when, after the warm-up, its last quarter's average exceeds its
// second quarter's by no more than the tolerance. The server is stopped (killed if it
// lingers) before it returns, and on Ctrl-C through ctx.
//
// A run that found a problem in the product (a series that grew, request errors,
// streams dropped) still returns its report, with Problems saying what; the error is
// for a run that could not be made.
func RunSoak(ctx context.Context, o SoakOptions) (*SoakReport, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	log := o.Logger
	if err := checkCapacity(o.Streams, 1); err != nil {
		return nil, err
	}
	db := o.DB
	if db == "" {
		dir, err := os.MkdirTemp("", "velocity-bench-soak-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "bench.db")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	log.Info("creating the tenant", "db", redact(db))
	creds, err := setupTenant(ctx, o.Binary, db)
	if err != nil {
		return nil, err
	}
	srv, err := startServer(ctx, o.Binary, db, true)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	log.Info("server ready", "url", srv.base, "pid", srv.pid(), "debug", srv.debug)
	api := newAPIClient(creds, o.Writers+openers)
	defer api.http.CloseIdleConnections()
	if err := api.call(ctx, "GET", srv.base+"/api/v1/me", nil, 200, nil); err != nil {
		return nil, fmt.Errorf("warm-up: %w", err)
	}
	probe := &http.Client{Timeout: 2 * time.Second}
	defer probe.CloseIdleConnections()

	rep := &SoakReport{Engine: engineOf(db), DurationSeconds: o.Duration.Seconds(), WarmupSeconds: o.Warmup.Seconds(),
		SampleSeconds: o.Every.Seconds(), Rate: o.Rate, Writers: o.Writers, Streams: o.Streams, Teams: o.Teams,
		Churn: o.Churn, TolerancePercent: o.Tolerance, CPUs: runtime.NumCPU(), Problems: []string{}}

	// The streams, held open until the end.
	streamCtx, stopStreams := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		stopStreams()
		wg.Wait()
	}()
	pool := newStreamPool(api, srv.base, o.Streams, o.Teams)
	log.Info("opening streams", "streams", o.Streams, "teams", o.Teams)
	for _, s := range pool.streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pool.hold(streamCtx, s)
		}()
	}
	connectBy := time.Now().Add(connectBase + time.Duration(o.Streams)*connectPerStream)
	for pool.open.Load() < int64(o.Streams) && time.Now().Before(connectBy) && ctx.Err() == nil {
		sleepCtx(ctx, 20*time.Millisecond)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if n := pool.open.Load(); n < int64(o.Streams) {
		rep.problem("only %d of %d streams opened within %s (first error: %s)", n, o.Streams,
			connectBase+time.Duration(o.Streams)*connectPerStream, orNone(pool.firstError()))
		rep.finish(srv, pool, nil)
		return rep, nil
	}

	log.Info("soaking", "duration", o.Duration, "warmup", o.Warmup, "rate", o.Rate, "streams", o.Streams, "churn", o.Churn, "every", o.Every)
	traffic := newTraffic(api, srv.base, o.Teams, o.Streams/o.Teams, soakOpen)
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	var runners sync.WaitGroup
	runners.Add(2)
	go func() {
		defer runners.Done()
		traffic.run(ctx, runCtx, o.Rate, o.Writers)
	}()
	go func() {
		defer runners.Done()
		pool.churn(runCtx, o.Churn)
	}()

	// A sample every o.Every from the start, the last at the end, all while the traffic
	// runs.
	start := time.Now()
	end := start.Add(o.Duration)
	cpu0, machine0 := srv.sample().cpu, machineCPU()
	lastLog := start
	for k := 1; ; k++ {
		rep.Samples = append(rep.Samples, soakSample(ctx, srv, probe, pool, start))
		if time.Since(lastLog) >= time.Minute {
			s := rep.Samples[len(rep.Samples)-1]
			log.Info("soaking", "elapsed", time.Since(start).Round(time.Second), "rssMB", s.RSSMB, "heapMB", s.HeapMB,
				"goroutines", s.Goroutines, "fds", s.FDs, "streamsOpen", s.StreamsOpen)
			lastLog = time.Now()
		}
		if !time.Now().Before(end) || ctx.Err() != nil {
			break
		}
		next := start.Add(time.Duration(k) * o.Every)
		if next.After(end) {
			next = end
		}
		sleepCtx(ctx, time.Until(next))
	}
	elapsed := time.Since(start)
	cpu1, machine1 := srv.sample().cpu, machineCPU()
	stopRun()
	runners.Wait()
	// With the churn stopped, let the streams it closed open again before all are closed,
	// so that no opening is cut short in the middle of a request.
	for settleBy := time.Now().Add(openTimeout); pool.open.Load() < int64(o.Streams) && time.Now().Before(settleBy) && ctx.Err() == nil; {
		sleepCtx(ctx, 20*time.Millisecond)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	stopStreams()
	wg.Wait()

	rep.ElapsedSeconds = elapsed.Seconds()
	rep.ServerCPUPercentOfCore = 100 * (cpu1 - cpu0) / elapsed.Seconds()
	if busy, total := machine1.busy-machine0.busy, machine1.total-machine0.total; total > 0 {
		rep.MachineBusyPercent = 100 * busy / total
	}
	rep.finish(srv, pool, traffic)
	return rep, nil
}

// soakSample reads the server at one instant.
func soakSample(ctx context.Context, srv *server, probe *http.Client, pool *streamPool, start time.Time) SoakSample {
	s := srv.sample()
	out := SoakSample{Seconds: time.Since(start).Seconds(), RSSMB: float64(s.rssKB) / 1024, HeapMB: float64(s.heapMB),
		GoMB: -1, OutsideGoMB: -1, Goroutines: -1, FDs: -1, StreamsOpen: pool.open.Load()}
	if n, err := openFDs(srv.pid()); err == nil {
		out.FDs = n
	}
	if v, err := debugVars(ctx, probe, srv.debug); err == nil {
		out.Goroutines = v.Goroutines
		out.GoMB = float64(v.Memstats.Sys-v.Memstats.HeapReleased) / (1 << 20)
		out.OutsideGoMB = max(0, out.RSSMB-out.GoMB)
	}
	return out
}

// vars is what the soak reads of a server's /debug/vars: its goroutines, and the memory
// its Go runtime holds from the system (Sys) less what it has given back (HeapReleased).
type vars struct {
	Goroutines int64 `json:"goroutines"`
	Memstats   struct {
		Sys, HeapReleased uint64
	} `json:"memstats"`
}

// debugVars reads a server's /debug/vars.
func debugVars(ctx context.Context, c *http.Client, u string) (vars, error) {
	var v vars
	if u == "" {
		return v, errors.New("the server has no debug address")
	}
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return v, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return v, err
	}
	if resp.StatusCode != 200 || v.Goroutines <= 0 || v.Memstats.Sys == 0 {
		return v, fmt.Errorf("%s: %d, no goroutines or memstats", u, resp.StatusCode)
	}
	return v, nil
}
