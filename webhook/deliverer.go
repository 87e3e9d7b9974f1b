package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/customerdynamics/velocity"
)

// AuditActor is who the audit trail names for the changes the deliverer makes itself
// (disabling an endpoint that keeps failing, as webhook.autoDisable).
const AuditActor = "velocity (webhook sender)"

// Deliverer is the server's background service that sends webhook deliveries: it leases
// due deliveries from the store, shared fairly among endpoints (see
// velocity.WebhookStore.ClaimDeliveries), posts each signed, and records the attempt:
// delivered on a 2xx answer; otherwise retried after an exponential backoff with jitter
// until the delivery's 24 hours are over, when it fails. With several servers each
// delivery is leased to one at a time; a server that dies holding a lease leaves the
// delivery due again when the lease ends, and it is sent again with the same
// webhook-id. An endpoint that keeps failing (DisableAfterFailures attempts over
// DisableAfter) is disabled with the reason.
//
// A slow or failing endpoint never holds the senders that other endpoints need: it has
// at most PerWebhook attempts in flight; an attempt still without an answer after
// SlowAfter gives its sender back (it goes on, one of at most MaxSlow such attempts);
// and a failed attempt puts its endpoint in backoff (doubling from RetryBase up to
// EndpointBackoffMax, or as long as a Retry-After asks), during which its other messages
// wait, then are sent one at a time until one is answered 2xx.
type Deliverer struct {
	Store velocity.WebhookStore
	// Clock is the queue's clock, the one deliveries were recorded with (the service's).
	Clock  velocity.Clock
	Logger *slog.Logger // nil logs to slog.Default()
	// AllowPrivate lets deliveries reach loopback, private and link-local addresses
	// (tests, intranets); Client, when set, replaces the client NewClient makes.
	AllowPrivate bool
	Client       *http.Client

	Workers    int           // senders: deliveries in flight at most, besides the slow ones (default 16)
	PerWebhook int           // deliveries in flight to one endpoint at most, slow ones included (default 8)
	Timeout    time.Duration // one attempt, connection included (default 10s)
	// SlowAfter is how long an attempt holds its sender without an answer before it
	// gives the sender back and goes on as a slow attempt (default 1s); MaxSlow bounds
	// the slow attempts in flight (default 4 x Workers), beyond which they keep their
	// senders.
	SlowAfter time.Duration
	MaxSlow   int
	// Lease is how long a leased delivery stays away from other servers (default
	// 3 x Timeout): longer than an attempt and its record take.
	Lease time.Duration
	// RetryBase is the first retry's delay, doubled for each further attempt up to
	// RetryMax, each with jitter (defaults 5s and 2h).
	RetryBase time.Duration
	RetryMax  time.Duration
	// EndpointBackoffMax bounds an endpoint's backoff after a failed attempt, which
	// doubles from RetryBase with each failure in a row (default 5m; a Retry-After asks
	// for longer, up to RetryMax): how long a recovered endpoint's waiting messages may
	// wait for the probe that finds it answering.
	EndpointBackoffMax time.Duration
	// Jitter returns a random duration in [0, n] (default math/rand/v2's N); tests fix it.
	Jitter func(n time.Duration) time.Duration
	// An endpoint is disabled once DisableAfterFailures attempts (default 15) have failed
	// in a row over at least DisableAfter (default 24h; 0 with a negative value).
	DisableAfterFailures int
	DisableAfter         time.Duration
	// Poll is the longest wait before looking for due deliveries (default 1s); Notify
	// wakes the deliverer sooner.
	Poll time.Duration
	// Now gives the webhook-timestamp header, which receivers hold to their own clock:
	// the real time, even when Clock is shifted (default time.Now).
	Now func() time.Time
	// OnAttempt, when set, is told about every attempt (metrics).
	OnAttempt func(Attempt)

	mu       sync.Mutex
	inFlight map[string]int // endpoint id -> deliveries being sent, slow ones included
	busy     int            // senders in use
	slow     int            // attempts past SlowAfter that gave their senders back
	cancel   context.CancelFunc
	done     chan struct{}
	wake     chan struct{}
	sends    sync.WaitGroup
}

// Attempt describes one attempt for OnAttempt: its Result ("delivered", "retry",
// "failed", or "lost" when the lease had passed to another sender), its duration, and,
// when delivered, the delay from the change to the endpoint's answer.
type Attempt struct {
	Result     string
	StatusCode int
	Took       time.Duration
	Delay      time.Duration
	Type       velocity.WebhookEventType
}

func (d *Deliverer) defaults() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.Workers <= 0 {
		d.Workers = 16
	}
	if d.PerWebhook <= 0 {
		d.PerWebhook = 8
	}
	if d.Timeout <= 0 {
		d.Timeout = 10 * time.Second
	}
	if d.Lease <= 0 {
		d.Lease = 3 * d.Timeout
	}
	if d.SlowAfter <= 0 {
		d.SlowAfter = time.Second
	}
	if d.MaxSlow <= 0 {
		d.MaxSlow = 4 * d.Workers
	}
	if d.RetryBase <= 0 {
		d.RetryBase = 5 * time.Second
	}
	if d.RetryMax <= 0 {
		d.RetryMax = 2 * time.Hour
	}
	if d.EndpointBackoffMax <= 0 {
		d.EndpointBackoffMax = 5 * time.Minute
	}
	if d.Jitter == nil {
		d.Jitter = func(n time.Duration) time.Duration { return rand.N(n + 1) }
	}
	if d.DisableAfterFailures <= 0 {
		d.DisableAfterFailures = 15
	}
	if d.DisableAfter == 0 {
		d.DisableAfter = 24 * time.Hour
	}
	if d.Poll <= 0 {
		d.Poll = time.Second
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Client == nil {
		d.Client = NewClient(d.Timeout, d.PerWebhook, d.AllowPrivate)
	}
	if d.inFlight == nil {
		d.inFlight = map[string]int{}
	}
}

func (d *Deliverer) logger() *slog.Logger {
	if d.Logger == nil {
		return slog.Default()
	}
	return d.Logger
}

// Notify wakes a running deliverer to look for due deliveries now (the app calls it
// when events are published). It never blocks.
func (d *Deliverer) Notify() {
	d.mu.Lock()
	wake := d.wake
	d.mu.Unlock()
	if wake != nil {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}

// Start sends deliveries in the background until Stop or ctx ends.
func (d *Deliverer) Start(ctx context.Context) {
	d.defaults()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done != nil {
		return
	}
	ctx, d.cancel = context.WithCancel(ctx)
	d.done = make(chan struct{})
	d.wake = make(chan struct{}, 1)
	go d.loop(ctx, d.done, d.wake)
}

// Stop ends the background sending: attempts in flight are cut short and recorded as
// failed (due again at once, for this or another server), then Stop returns.
func (d *Deliverer) Stop() {
	d.mu.Lock()
	cancel, done := d.cancel, d.done
	d.cancel, d.done, d.wake = nil, nil, nil
	d.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (d *Deliverer) loop(ctx context.Context, done chan struct{}, wake chan struct{}) {
	defer close(done)
	defer d.sends.Wait()
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-t.C:
		}
		n, err := d.fill(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			d.logger().Warn("webhook deliveries: lease failed; retrying", "error", err)
		}
		// A full batch may mean more are due: look again at once.
		next := d.Poll
		if n > 0 && d.free() > 0 {
			next = 0
		}
		t.Reset(next)
	}
}

func (d *Deliverer) free() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.Workers - d.busy
}

// fill leases as many due deliveries as there are free workers and starts sending
// them; it returns how many it started.
func (d *Deliverer) fill(ctx context.Context) (int, error) {
	d.mu.Lock()
	free := d.Workers - d.busy
	inFlight := make(map[string]int, len(d.inFlight))
	for k, v := range d.inFlight {
		inFlight[k] = v
	}
	d.mu.Unlock()
	if free <= 0 {
		return 0, nil
	}
	now := d.Clock.Now()
	ds, err := d.Store.ClaimDeliveries(ctx, velocity.DeliveryClaim{Now: now, LeaseUntil: now.Add(d.Lease), Limit: free,
		PerWebhook: d.PerWebhook, InFlight: inFlight})
	if err != nil {
		return 0, err
	}
	d.mu.Lock()
	for _, cd := range ds {
		d.busy++
		d.inFlight[cd.WebhookID]++
	}
	d.mu.Unlock()
	for _, cd := range ds {
		d.sends.Add(1)
		go func() {
			defer d.sends.Done()
			d.send1(ctx, cd)
		}()
	}
	return len(ds), nil
}

// send1 sends a leased delivery on a sender, which it gives back once SlowAfter has
// passed without an answer (when fewer than MaxSlow attempts are slow), so that an
// endpoint that hangs keeps none of the senders the others need.
func (d *Deliverer) send1(ctx context.Context, cd velocity.ClaimedDelivery) {
	var done, slow bool // under d.mu
	t := time.AfterFunc(d.SlowAfter, func() {
		d.mu.Lock()
		slow = !done && d.slow < d.MaxSlow
		if slow {
			d.busy--
			d.slow++
		}
		d.mu.Unlock()
		if slow {
			d.Notify()
		}
	})
	d.deliver(ctx, cd)
	t.Stop()
	d.mu.Lock()
	done = true
	if slow {
		d.slow--
	} else {
		d.busy--
	}
	if d.inFlight[cd.WebhookID]--; d.inFlight[cd.WebhookID] <= 0 {
		delete(d.inFlight, cd.WebhookID)
	}
	d.mu.Unlock()
	d.Notify()
}

// RunOnce leases the deliveries due now (up to Workers), sends them and records the
// attempts, and returns how many it sent: for tests, without Start.
func (d *Deliverer) RunOnce(ctx context.Context) (int, error) {
	d.defaults()
	n, err := d.fill(ctx)
	d.sends.Wait()
	return n, err
}

// maxResponse is how much of a response body is read; keptResponse how much of it the
// attempt's record keeps.
const (
	maxResponse  = 4 << 10
	keptResponse = 1 << 10
)

// deliver sends one leased delivery and records the attempt.
func (d *Deliverer) deliver(ctx context.Context, cd velocity.ClaimedDelivery) {
	started := time.Now()
	code, body, sendErr := d.send(ctx, cd)
	took := time.Since(started)
	at := d.Clock.Now()
	rec := velocity.AttemptRecord{Delivery: cd, Attempt: velocity.WebhookAttempt{At: at, Duration: took, Response: body}}
	if code > 0 {
		rec.Attempt.StatusCode = &code
	}
	result := "delivered"
	switch {
	case sendErr == nil && code >= 200 && code < 300:
		rec.Delivered = true
	default:
		rec.Attempt.Error = describe(sendErr, code)
		rec.NextAttemptAt, rec.EndpointBackoffUntil = d.afterFailure(cd, at, sendErr, ctx.Err() != nil)
		result = "failed"
		if rec.NextAttemptAt != nil {
			result = "retry"
		}
	}
	// Record even when ctx ended (the server is stopping), briefly.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	run, ok, err := d.Store.RecordAttempt(rctx, rec)
	switch {
	case err != nil:
		d.logger().Warn("webhook delivery: attempt not recorded; it is sent again when its lease ends", "delivery", cd.ID, "error", err)
		result = "lost"
	case !ok:
		result = "lost"
	}
	if d.OnAttempt != nil {
		a := Attempt{Result: result, StatusCode: code, Took: took, Type: cd.Type}
		if rec.Delivered {
			a.Delay = at.Sub(cd.CreatedAt)
		}
		d.OnAttempt(a)
	}
	if !ok || rec.Delivered {
		return
	}
	if result == "failed" {
		d.logger().Warn("webhook delivery failed: no 2xx answer within its retry period", "delivery", cd.ID, "webhook", cd.WebhookID,
			"attempts", cd.Attempts, "error", rec.Attempt.Error)
	}
	if run.Since != nil && run.Failures >= d.DisableAfterFailures && at.Sub(*run.Since) >= max(d.DisableAfter, 0) {
		reason := fmt.Sprintf("disabled after %d failed attempts in a row since %s; the last: %s", run.Failures,
			run.Since.UTC().Format(time.RFC3339), rec.Attempt.Error)
		audit := &velocity.AuditEntry{TenantID: cd.TenantID, At: at, Actor: AuditActor, Kind: "webhook.autoDisable", Target: cd.WebhookID,
			After: map[string]any{"reason": reason, "failures": run.Failures, "failingSince": run.Since.UTC(), "url": cd.Endpoint.URL}}
		if done, err := d.Store.DisableWebhook(rctx, cd.TenantID, cd.WebhookID, reason, at, audit); err != nil {
			d.logger().Warn("webhook endpoint: could not disable", "webhook", cd.WebhookID, "error", err)
		} else if done {
			d.logger().Warn("webhook endpoint disabled", "webhook", cd.WebhookID, "tenant", cd.TenantID, "reason", reason)
		}
	}
}

// send posts the delivery and returns the answer's status and the start of its body.
func (d *Deliverer) send(ctx context.Context, cd velocity.ClaimedDelivery) (int, string, error) {
	now := d.Now()
	sig, err := Sign(cd.Endpoint.Secrets(d.Clock.Now()), cd.MessageID, now, cd.Payload)
	if err != nil {
		return 0, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cd.Endpoint.URL, bytes.NewReader(cd.Payload))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Velocity-Webhooks/1")
	req.Header.Set(HeaderID, cd.MessageID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(HeaderSignature, sig)
	resp, err := d.Client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), d.Now()); ok {
			return resp.StatusCode, text(b), retryAfter(wait)
		}
	}
	return resp.StatusCode, text(b), nil
}

// describe says why an attempt failed, without the URL (which may hold a token).
func describe(err error, code int) string {
	var ra retryAfter
	switch {
	case err == nil || errors.As(err, &ra):
		msg := "HTTP " + strconv.Itoa(code)
		if t := http.StatusText(code); t != "" {
			msg += " " + t
		}
		return msg
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var be *BlockedError
	if errors.As(err, &be) {
		return be.Error()
	}
	msg := err.Error()
	if errors.Is(err, context.DeadlineExceeded) || strings.Contains(msg, "Client.Timeout") {
		msg = "no answer within the timeout"
	}
	if len(msg) > 500 {
		msg = msg[:500]
	}
	return msg
}

// text returns the start of a response body as valid text.
func text(b []byte) string {
	if len(b) > keptResponse {
		b = b[:keptResponse]
	}
	return strings.ToValidUTF8(strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (r < 0x20 && r != '\n' && r != '\t') {
			return -1
		}
		return r
	}, string(b)), "")
}
