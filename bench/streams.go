package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/customerdynamics/velocity/postgres"
)

// StreamOptions configures RunStreams, the stream fan-out measurement.
type StreamOptions struct {
	// Binary is the velocity program to start as `velocity serve` and to create the
	// tenant with: the running program itself (os.Executable()), or one a test built.
	Binary string
	// DB is a SQLite file path or a postgres:// URL; "" means a new SQLite file in a
	// temporary directory, removed afterwards.
	DB string
	// Servers is how many `velocity serve` processes share the database (more than one
	// needs PostgreSQL); streams and creates are spread over them.
	Servers int
	// Streams is how many agents hold an event stream open; agent i is in team i%Teams.
	Streams int
	Teams   int
	// Rate is how many team callbacks are created per second, for Duration, by at most
	// Writers concurrent requests.
	Rate     float64
	Duration time.Duration
	Writers  int
	// Drain is how long to wait, after the last create, for deliveries still on their way.
	Drain time.Duration
	// Logger receives progress.
	Logger *slog.Logger
}

// Limits of one run: what a stream's opening may take, what the connect phase may take
// beyond a share per stream, how long the servers idle before their memory is read, and
// how many file descriptors the bench needs besides its streams.
const (
	openTimeout      = 15 * time.Second
	connectBase      = 30 * time.Second
	connectPerStream = 5 * time.Millisecond
	settle           = 2 * time.Second
	fdMargin         = 128 // a process's own files, the API's connections, the database
	openers          = 32  // streams being opened at once
	maxChanges       = 2_000_000
)

func (o *StreamOptions) check() error {
	switch {
	case o.Binary == "":
		return errors.New("bench: no velocity binary to serve with")
	case o.Streams < 1 || o.Teams < 1 || o.Teams > o.Streams:
		return errors.New("bench: need streams >= 1 and 1 <= teams <= streams")
	case o.Rate <= 0 || o.Duration <= 0:
		return errors.New("bench: need a rate and a duration above zero")
	case o.Rate*o.Duration.Seconds() > maxChanges:
		return fmt.Errorf("bench: rate x duration is more than %d changes", maxChanges)
	case o.Servers < 1:
		return errors.New("bench: need at least one server")
	case o.Servers > 1 && !postgres.IsURL(o.DB):
		return errors.New("bench: several servers share a database only on PostgreSQL: give --db a postgres:// URL")
	}
	if o.Writers < 1 {
		o.Writers = 16
	}
	if o.Drain <= 0 {
		o.Drain = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// RunStreams measures how the product fans changes out to event streams. It starts
// o.Servers `velocity serve` processes on the database with a new tenant whose policy
// allows calls around the clock, opens o.Streams agents' streams through the token flow
// and waits until each has said it is connected, reads the servers' idle memory, then
// creates o.Rate team callbacks a second for o.Duration while every stream parses its
// events, and reports what arrived, how late, and what the servers spent. The servers
// are stopped (killed if they linger) before it returns, and on Ctrl-C through ctx.
//
// A run that went wrong in the product (streams that could not all connect, deliveries
// missing, streams dropped) still returns its report, with Problems saying what; the
// error is for a run that could not be made.
func RunStreams(ctx context.Context, o StreamOptions) (*StreamReport, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	log := o.Logger
	if err := checkCapacity(o.Streams, o.Servers); err != nil {
		return nil, err
	}
	db := o.DB
	if db == "" {
		dir, err := os.MkdirTemp("", "velocity-bench-streams-")
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
	var servers []*server
	defer func() {
		for _, s := range servers {
			s.stop()
		}
	}()
	for i := 0; i < o.Servers; i++ {
		s, err := startServer(ctx, o.Binary, db, false)
		if err != nil {
			return nil, fmt.Errorf("server %d: %w", i+1, err)
		}
		servers = append(servers, s)
		log.Info("server ready", "url", s.base, "pid", s.pid())
	}
	api := newAPIClient(creds, o.Writers+openers)
	defer api.http.CloseIdleConnections()
	// A running server has verified the credentials long ago; verify them once on each
	// (a slow password hash) so that no stream's opening pays for a cold cache.
	for _, s := range servers {
		if err := api.call(ctx, "GET", s.base+"/api/v1/me", nil, 200, nil); err != nil {
			return nil, fmt.Errorf("warm-up on %s: %w", s.base, err)
		}
	}

	rep := &StreamReport{Engine: engineOf(db), Servers: o.Servers, StreamsRequested: o.Streams, Teams: o.Teams,
		Rate: o.Rate, DurationSeconds: o.Duration.Seconds(), CPUs: runtime.NumCPU(), Problems: []string{}}
	before := sampleAll(servers)

	// Open the streams: agent i of team i%Teams on server (i/Teams)%Servers, so that
	// each team's streams are spread over the servers.
	streamCtx, stopStreams := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		stopStreams()
		wg.Wait()
	}()
	connectBy := time.Now().Add(connectBase + time.Duration(o.Streams)*connectPerStream)
	f := newFleet(api, connectBy)
	streams := make([]*stream, o.Streams)
	log.Info("opening streams", "streams", o.Streams, "teams", o.Teams, "deadline", time.Until(connectBy).Round(time.Second))
	connectStart := time.Now()
	for i := range streams {
		team := i % o.Teams
		srv := servers[(i/o.Teams)%len(servers)]
		streams[i] = &stream{agent: fmt.Sprintf("agent-%06d", i), team: teamName(team), teamIx: team,
			base: srv.base, open: &srv.open}
		wg.Add(1)
		go func(s *stream) {
			defer wg.Done()
			f.run(streamCtx, s)
		}(streams[i])
	}
	rep.StreamsConnected = f.waitConnected(ctx, o.Streams, connectBy, log)
	rep.ConnectSeconds = time.Since(connectStart).Seconds()
	connected := sampleAll(servers)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if rep.StreamsConnected < o.Streams {
		rep.problem("only %d of %d streams connected within %s (first error: %v)", rep.StreamsConnected, o.Streams,
			time.Duration(rep.ConnectSeconds*float64(time.Second)).Round(time.Second), f.firstError())
		log.Warn("not every stream connected", "connected", rep.StreamsConnected, "of", o.Streams, "first error", f.firstError())
	} else {
		log.Info("all streams connected", "took", time.Since(connectStart).Round(time.Millisecond))
	}
	if rep.StreamsConnected == 0 {
		rep.finishServers(servers, before, nil, nil, nil, nil, nil)
		return rep, nil
	}
	sleepCtx(ctx, settle)
	idle := sampleAll(servers)
	// The streams each team has, as production begins: each of its changes must reach
	// all of them. (A stream whose opening ended just as the connect phase did is
	// counted here.)
	perTeam := make([]int, o.Teams)
	rep.StreamsConnected = 0
	for _, s := range streams {
		if s.connected.Load() {
			perTeam[s.teamIx]++
			rep.StreamsConnected++
		}
	}

	log.Info("producing changes", "rate", o.Rate, "duration", o.Duration, "writers", o.Writers)
	cpu0, self0, machine0 := sampleAll(servers), selfCPU(), machineCPU()
	bases := make([]string, len(servers))
	for i, s := range servers {
		bases[i] = s.base
	}
	prod := produce(ctx, api, bases, o)
	cpu1, self1, machine1 := sampleAll(servers), selfCPU(), machineCPU()

	expected := 0
	for _, c := range prod.changes {
		if c.id != "" {
			expected += perTeam[c.team]
		}
	}
	log.Info("waiting for deliveries", "expected", expected, "received", f.received.Load(), "drain", o.Drain)
	drainStart := time.Now()
	f.waitReceived(ctx, int64(expected), time.Now().Add(o.Drain))
	rep.DrainSeconds = time.Since(drainStart).Seconds()
	stopStreams()
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}

	rep.tallyChanges(prod)
	rep.tallyDeliveries(streams, prod.changes, perTeam)
	elapsed := prod.elapsed.Seconds()
	rep.BenchCPUPercentOfCore = 100 * (self1 - self0) / elapsed
	if busy, total := machine1.busy-machine0.busy, machine1.total-machine0.total; total > 0 {
		rep.MachineBusyPercent = 100 * busy / total
	}
	rep.finishServers(servers, before, connected, idle, cpu0, cpu1, &prod)
	rep.judge()
	return rep, nil
}

// changesOf is how many changes a run of o plans.
func changesOf(o StreamOptions) int {
	return max(1, int(math.Round(o.Rate*o.Duration.Seconds())))
}

func teamName(i int) string { return fmt.Sprintf("team-%04d", i) }

func engineOf(db string) string {
	if postgres.IsURL(db) {
		return "PostgreSQL"
	}
	return "SQLite"
}

// redact hides a password in a database URL for logs.
func redact(db string) string {
	if u, err := url.Parse(db); err == nil && postgres.IsURL(db) {
		return u.Redacted()
	}
	return db
}

// sleepCtx sleeps for d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
