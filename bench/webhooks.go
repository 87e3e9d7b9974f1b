package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/webhook"
)

// WebhookOptions configures the webhook benchmark: creates at Rate a second for
// Duration (at most Writers in flight) through the API of a server in this process on
// DB, each announced to Endpoints webhook receivers on loopback; Drain is how long to
// wait for messages after the last create.
type WebhookOptions struct {
	DB        string
	Rate      float64
	Duration  time.Duration
	Writers   int
	Endpoints int
	Drain     time.Duration
	Logger    *slog.Logger
}

// WebhookReport is what the webhook benchmark measured: creates made, messages expected
// and received (each verified against its signature; a message for a create that
// arrived twice counts once, in Duplicates), and the delay from just before a create
// was sent to its message's arrival at a receiver.
type WebhookReport struct {
	Engine        string        `json:"engine"`
	Rate          float64       `json:"rate"`
	Duration      time.Duration `json:"duration"`
	Endpoints     int           `json:"endpoints"`
	Creates       int           `json:"creates"`
	CreateErrors  int           `json:"createErrors"`
	Expected      int           `json:"expected"`
	Received      int           `json:"received"`
	Missing       int           `json:"missing"`
	Duplicates    int           `json:"duplicates"`
	BadSignatures int           `json:"badSignatures"`
	DelayP50      time.Duration `json:"delayP50"`
	DelayP90      time.Duration `json:"delayP90"`
	DelayP99      time.Duration `json:"delayP99"`
	DelayMax      time.Duration `json:"delayMax"`
	CreateP50     time.Duration `json:"createP50"`
	CreateP99     time.Duration `json:"createP99"`
}

// OK reports whether every message arrived, once, verified.
func (r WebhookReport) OK() bool {
	return r.Missing == 0 && r.Duplicates == 0 && r.BadSignatures == 0 && r.CreateErrors == 0
}

// Print writes the report for people.
func (r WebhookReport) Print(w io.Writer) {
	fmt.Fprintf(w, "velocity bench --webhooks on %s: %d creates (%.0f/s for %s), %d endpoint(s)\n", r.Engine, r.Creates, r.Rate, r.Duration, r.Endpoints)
	fmt.Fprintf(w, "messages: expected %d, received %d, MISSING %d, duplicates %d, bad signatures %d, create errors %d\n",
		r.Expected, r.Received, r.Missing, r.Duplicates, r.BadSignatures, r.CreateErrors)
	fmt.Fprintf(w, "delay from the create request to the receiver: p50 %s, p90 %s, p99 %s, max %s\n",
		fmtDur(r.DelayP50), fmtDur(r.DelayP90), fmtDur(r.DelayP99), fmtDur(r.DelayMax))
	fmt.Fprintf(w, "POST /callbacks meanwhile: p50 %s, p99 %s\n", fmtDur(r.CreateP50), fmtDur(r.CreateP99))
}

// receiver is one loopback webhook endpoint: it verifies each message and records when
// the message of each phone number arrived.
type receiver struct {
	secret string
	mu     sync.Mutex
	at     map[string]time.Time // phone -> first arrival
	dups   int
	bad    int
}

func (rv *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	now := time.Now()
	if err != nil || webhook.Verify(rv.secret, r.Header, body, now) != nil {
		rv.mu.Lock()
		rv.bad++
		rv.mu.Unlock()
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var m struct {
		Data struct {
			Callback struct {
				PhoneNumber string `json:"phoneNumber"`
			} `json:"callback"`
		} `json:"data"`
	}
	_ = json.Unmarshal(body, &m)
	rv.mu.Lock()
	if _, seen := rv.at[m.Data.Callback.PhoneNumber]; seen {
		rv.dups++
	} else {
		rv.at[m.Data.Callback.PhoneNumber] = now
	}
	rv.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// RunWebhooks opens the product on o.DB in this process (webhooks allowed to reach
// loopback), makes a tenant with o.Endpoints endpoints for callback.created, serves the
// API on a loopback port and creates callbacks through it at o.Rate; it reports how long
// each change took to reach the receivers.
func RunWebhooks(ctx context.Context, o WebhookOptions) (WebhookReport, error) {
	rep := WebhookReport{Engine: "SQLite", Rate: o.Rate, Duration: o.Duration, Endpoints: o.Endpoints}
	if postgres.IsURL(o.DB) {
		rep.Engine = "PostgreSQL"
	}
	serverLog := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, app.Config{DB: o.DB, Logger: serverLog, WebhookAllowPrivate: true})
	if err != nil {
		return rep, err
	}
	defer a.Close()
	w, err := Seed(ctx, a.Store, Shape{Tenants: 1, Teams: 1, Agents: 1}, o.Logger)
	if err != nil {
		return rep, err
	}
	t := w.Tenants[0]
	admin := velocity.CLIPrincipal(t.Tenant)
	var receivers []*receiver
	for i := 0; i < o.Endpoints; i++ {
		rv := &receiver{at: map[string]time.Time{}}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return rep, err
		}
		srv := &http.Server{Handler: rv, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		a.Service.AllowPrivateWebhooks = true
		_, secret, err := a.Service.CreateWebhook(ctx, admin, velocity.WebhookCreate{URL: "http://" + ln.Addr().String() + "/hook",
			Events: []velocity.WebhookEventType{velocity.WebhookCreated}})
		if err != nil {
			return rep, err
		}
		rv.secret = secret
		receivers = append(receivers, rv)
	}
	a.StartWebhooks(ctx)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return rep, err
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	ht := &HTTPTarget{Base: "http://" + ln.Addr().String(), World: w,
		Client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * o.Writers}, Timeout: 30 * time.Second}}
	if err := ht.do(ctx, &t, "GET", "/api/v1/me", nil, 200); err != nil {
		return rep, fmt.Errorf("warm-up: %w", err)
	}

	o.Logger.Info("creating callbacks", "rate", o.Rate, "duration", o.Duration, "endpoints", o.Endpoints)
	var mu sync.Mutex
	sent := map[string]time.Time{}
	var createLat []time.Duration
	sem := make(chan struct{}, o.Writers)
	var wg sync.WaitGroup
	// The n-th create is due at start + n/rate; one that falls behind goes at once, so
	// that the rate holds over the run.
	start := time.Now()
	total := int(o.Rate * o.Duration.Seconds())
	base := int(time.Now().UnixNano()/1000) % 4_000_000
	for n := 0; n < total; n++ {
		select {
		case <-ctx.Done():
			return rep, ctx.Err()
		case <-time.After(time.Until(start.Add(time.Duration(float64(n) / o.Rate * float64(time.Second))))):
		}
		sem <- struct{}{}
		wg.Add(1)
		ph := phone(base + n)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t0 := time.Now()
			mu.Lock()
			sent[ph] = t0
			mu.Unlock()
			err := ht.do(ctx, &t, "POST", "/api/v1/callbacks", map[string]any{"teamId": t.Teams[0], "phoneNumber": ph}, 201)
			mu.Lock()
			defer mu.Unlock()
			rep.Creates++
			if err != nil {
				rep.CreateErrors++
				delete(sent, ph)
				return
			}
			createLat = append(createLat, time.Since(t0))
		}()
	}
	wg.Wait()
	rep.Expected = len(sent) * len(receivers)
	received := func() int {
		n := 0
		for _, rv := range receivers {
			rv.mu.Lock()
			n += len(rv.at)
			rv.mu.Unlock()
		}
		return n
	}
	for deadline := time.Now().Add(o.Drain); received() < rep.Expected && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	var delays []time.Duration
	for _, rv := range receivers {
		rv.mu.Lock()
		for ph, at := range rv.at {
			if t0, ok := sent[ph]; ok {
				delays = append(delays, at.Sub(t0))
			}
		}
		rep.Duplicates += rv.dups
		rep.BadSignatures += rv.bad
		rv.mu.Unlock()
	}
	rep.Received = len(delays)
	rep.Missing = rep.Expected - rep.Received
	slices.Sort(delays)
	slices.Sort(createLat)
	q := func(d []time.Duration, p float64) time.Duration {
		if len(d) == 0 {
			return 0
		}
		return d[min(len(d)-1, int(float64(len(d))*p))]
	}
	rep.DelayP50, rep.DelayP90, rep.DelayP99 = q(delays, .5), q(delays, .9), q(delays, .99)
	if len(delays) > 0 {
		rep.DelayMax = delays[len(delays)-1]
	}
	rep.CreateP50, rep.CreateP99 = q(createLat, .5), q(createLat, .99)
	return rep, nil
}
