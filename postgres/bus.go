package postgres

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/hub"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultChannel is the LISTEN/NOTIFY channel servers use to wake each other.
const DefaultChannel = "velocity_events"

// Bus is a velocity.Bus for several servers sharing one database. The events table is the
// outbox: Publish only sends a NOTIFY carrying the highest new event id (never the event,
// so payload size does not matter), and every server, its own included, reads new events
// from the table and hands them to its local hub, which fans them out to this server's
// subscribers. Each server listens on a dedicated connection, reconnects with backoff
// after the database restarts, and also polls every PollInterval and right after
// reconnecting, so that a lost notification only delays events.
//
// Event ids become visible in commit order, not id order (event 11 may commit before
// event 10). The bus delivers strictly in id order, each id once: an id missing below a
// later visible one is a gap, and later events wait until the gap fills or until every
// transaction that could still fill it has ended (the snapshot xmin passes a transaction
// id taken after the gap was seen), or GapTimeout passes.
type Bus struct {
	store *Store
	local *hub.Hub
	log   *slog.Logger

	// Channel is the NOTIFY channel; DefaultChannel if empty.
	Channel string
	// PollInterval is the safety-net poll period; default 1s.
	PollInterval time.Duration
	// GapTimeout is how long an unfilled id may hold back later events when the database
	// cannot tell that its transaction ended (a long unrelated transaction holds back the
	// xmin); default 10s.
	GapTimeout time.Duration
	// BatchSize is how many events one read takes; default 500.
	BatchSize int

	wake      chan struct{} // the poller should read now
	notify    chan struct{} // the notifier should send a NOTIFY
	published atomic.Int64  // highest event id published on this server

	mu      sync.Mutex
	cancel  context.CancelFunc
	done    sync.WaitGroup
	ob      outbox
	stats   BusStats
	started bool
}

// BusStats counts what a Bus did, for tests and health reports.
type BusStats struct {
	Delivered       int64 // events handed to the local hub
	Abandoned       int64 // ids given up as never committed
	Reconnects      int64 // listener connections made after the first
	Listening       bool  // the listener connection is up
	LastDeliveredID int64
}

var _ velocity.Bus = (*Bus)(nil)

// NewBus returns a bus that feeds local with the events of every server using store's
// database. Call Start before use and Stop at shutdown.
func NewBus(store *Store, local *hub.Hub, logger *slog.Logger) *Bus {
	if logger == nil {
		logger = store.log
	}
	return &Bus{store: store, local: local, log: logger.With("component", "pgbus"),
		wake: make(chan struct{}, 1), notify: make(chan struct{}, 1)}
}

func kick(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Publish tells every server (this one included) that events up to the highest id in
// events were committed. It never blocks: a notifier goroutine sends one NOTIFY for any
// number of Publish calls that arrive while it is busy.
func (b *Bus) Publish(events []velocity.Event) {
	var hi int64
	for _, e := range events {
		hi = max(hi, e.ID)
	}
	for {
		cur := b.published.Load()
		if hi <= cur || b.published.CompareAndSwap(cur, hi) {
			break
		}
	}
	kick(b.wake)
	kick(b.notify)
}

// Subscribe receives the tenant's events from this server's hub.
func (b *Bus) Subscribe(scope velocity.Scope) velocity.Subscription { return b.local.Subscribe(scope) }

// Stats returns the bus's counters.
func (b *Bus) Stats() BusStats {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stats
}

func (b *Bus) defaults() {
	if b.Channel == "" {
		b.Channel = DefaultChannel
	}
	if b.PollInterval <= 0 {
		b.PollInterval = time.Second
	}
	if b.GapTimeout <= 0 {
		b.GapTimeout = 10 * time.Second
	}
	if b.BatchSize <= 0 {
		b.BatchSize = 500
	}
}

// Start begins delivering events recorded from now on. It fails when the database does
// not answer; after that, outages are retried in the background. ctx bounds the start
// only: the bus runs until Stop.
func (b *Bus) Start(ctx context.Context) error {
	b.defaults()
	last, err := b.store.LastEventID(ctx)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.started {
		return errors.New("postgres: bus already started")
	}
	b.started = true
	b.ob = newOutbox(last)
	b.stats.LastDeliveredID = last
	ctx, b.cancel = context.WithCancel(context.WithoutCancel(ctx))
	b.done.Add(3)
	go func() { defer b.done.Done(); b.pollLoop(ctx) }()
	go func() { defer b.done.Done(); b.listenLoop(ctx) }()
	go func() { defer b.done.Done(); b.notifyLoop(ctx) }()
	return nil
}

// Stop ends the bus's goroutines and waits for them.
func (b *Bus) Stop() {
	b.mu.Lock()
	cancel := b.cancel
	b.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	b.done.Wait()
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// notifyLoop sends a NOTIFY with the highest published id whenever Publish asks.
func (b *Bus) notifyLoop(ctx context.Context) {
	var sent int64
	for {
		select {
		case <-ctx.Done():
			return
		case <-b.notify:
		}
		id := b.published.Load()
		if id <= sent {
			continue
		}
		nctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		_, err := b.store.pool.Exec(nctx, `SELECT pg_notify($1, $2)`, b.Channel, strconv.FormatInt(id, 10))
		cancel()
		if err != nil {
			// Other servers' polls pick the events up within PollInterval.
			b.log.Debug("notify failed", "err", err)
			continue
		}
		sent = id
	}
}

// listenLoop keeps a dedicated connection listening on the channel, reconnecting with
// backoff, and wakes the poller on every notification and after every (re)connection.
func (b *Bus) listenLoop(ctx context.Context) {
	backoff := 100 * time.Millisecond
	first := true
	for ctx.Err() == nil {
		began := time.Now()
		err := b.listenOnce(ctx, first)
		first = false
		b.setListening(false)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > 10*time.Second {
			backoff = 100 * time.Millisecond
		}
		b.log.Warn("event listener disconnected; reconnecting", "err", err, "retry_in", backoff)
		sleep(ctx, backoff)
		backoff = min(2*backoff, 5*time.Second)
	}
}

func (b *Bus) setListening(up bool) {
	b.mu.Lock()
	b.stats.Listening = up
	b.mu.Unlock()
}

func (b *Bus) listenOnce(ctx context.Context, first bool) error {
	cfg := b.store.pool.Config().ConnConfig.Copy()
	name := cfg.RuntimeParams["application_name"]
	cfg.RuntimeParams["application_name"] = name + "-listen"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{b.Channel}.Sanitize()); err != nil {
		return err
	}
	b.mu.Lock()
	b.stats.Listening = true
	if !first {
		b.stats.Reconnects++
	}
	b.mu.Unlock()
	if !first {
		b.log.Info("event listener reconnected")
	}
	kick(b.wake) // catch up on what happened while not listening
	for {
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			kick(b.wake)
		case ctx.Err() != nil:
			return ctx.Err()
		case pgconn.Timeout(err):
			// Quiet for a while: make sure the connection is still alive.
			pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// pollLoop reads and delivers new events when woken, every PollInterval, and every 20ms
// while a gap holds events back.
func (b *Bus) pollLoop(ctx context.Context) {
	tick := time.NewTicker(b.PollInterval)
	defer tick.Stop()
	failing := false
	for {
		more, waiting, err := b.runOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			if !failing {
				b.log.Warn("reading events failed; will retry", "err", err)
			}
			failing = true
		case err == nil && failing:
			b.log.Info("reading events recovered")
			failing = false
		}
		if err == nil && more {
			continue
		}
		var fast <-chan time.Time
		var timer *time.Timer
		if err == nil && waiting {
			timer = time.NewTimer(20 * time.Millisecond)
			fast = timer.C
		}
		select {
		case <-ctx.Done():
		case <-b.wake:
		case <-tick.C:
		case <-fast:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// runOnce reads what is new, resolves gaps and delivers the events that are next in id
// order. more reports a full batch (read again at once); waiting reports gaps holding
// events back.
func (b *Bus) runOnce(ctx context.Context) (more, waiting bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, b.store.opts.OpTimeout)
	defer cancel()
	ob := &b.ob
	now := time.Now()
	c, err := b.store.acquire(ctx)
	if err != nil {
		return false, false, err
	}
	defer c.Release()

	// 1. Gaps whose transactions have all ended (or that waited too long) get one last read.
	if len(ob.gaps) > 0 {
		var xmin int64
		if err := c.QueryRow(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint`).Scan(&xmin); err != nil {
			return false, false, mapErr(err)
		}
		ob.markFinal(xmin, now, b.GapTimeout)
	}

	// 2. Read the gaps and what follows the highest id read so far.
	batch := &pgx.Batch{}
	gapIDs := ob.gapIDs()
	if len(gapIDs) > 0 {
		batch.Queue(`SELECT `+sqlstore.EventCols+` FROM callback_events WHERE id = ANY($1) ORDER BY id`, gapIDs)
	}
	batch.Queue(queries.EventsAfter, ob.maxRead, b.BatchSize)
	res := c.SendBatch(ctx, batch)
	var filled, fresh []velocity.Event
	if len(gapIDs) > 0 {
		rows, err := res.Query()
		if err == nil {
			filled, err = readEvents(rows)
		}
		if err != nil {
			res.Close()
			return false, false, mapErr(err)
		}
	}
	rows, err := res.Query()
	if err == nil {
		fresh, err = readEvents(rows)
	}
	if cerr := res.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, false, mapErr(err)
	}
	abandoned := ob.take(filled, fresh, now)
	if abandoned > 0 {
		b.log.Debug("event ids never committed", "count", abandoned)
	}

	// 3. Gaps first seen in this read wait for every transaction running now.
	if ob.unstamped {
		var horizon int64
		if err := c.QueryRow(ctx, `SELECT pg_current_xact_id()::text::bigint`).Scan(&horizon); err != nil {
			return false, false, mapErr(err)
		}
		ob.stamp(horizon)
	}

	// 4. Deliver what is next in order. Stats are counted first, so that whoever sees an
	// event also sees it (and any gap given up before it) in Stats.
	out := ob.ready()
	b.mu.Lock()
	b.stats.Delivered += int64(len(out))
	b.stats.Abandoned += int64(abandoned)
	b.stats.LastDeliveredID = ob.next - 1
	b.mu.Unlock()
	if len(out) > 0 {
		b.local.Publish(out)
	}
	return len(fresh) == b.BatchSize, len(ob.gaps) > 0, nil
}

// readEvents reads every row of a query of sqlstore.EventCols and closes rows.
func readEvents(rows pgx.Rows) ([]velocity.Event, error) {
	defer rows.Close()
	return sqlstore.AppendAll(nil, rows, dialect.ScanEvent)
}
