package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/hub"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/jackc/pgx/v5"
)

// server is one simulated velocity server: its own pool, hub, bus and service on the
// shared database.
type server struct {
	store *postgres.Store
	hub   *hub.Hub
	bus   *postgres.Bus
	svc   *velocity.Service
}

func startServer(t *testing.T, url string) *server {
	t.Helper()
	ctx := context.Background()
	s, err := postgres.Open(ctx, url, postgres.Options{MaxConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	h := hub.New()
	h.Buffer = 1 << 14
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	b := postgres.NewBus(s, h, log)
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		b.Stop()
		h.Close()
		s.Close()
	})
	return &server{store: s, hub: h, bus: b, svc: &velocity.Service{Store: s, Bus: b, Clock: velocity.NewShiftedClock(storetest.Epoch)}}
}

// twoServers returns two servers on one fresh schema and a tenant; the URL carries an
// application_name unique to the test so that it can cut its own connections.
func twoServers(t *testing.T) (*server, *server, velocity.Principal, string) {
	t.Helper()
	app := fmt.Sprintf("bt%d", time.Now().UnixNano())
	url := pgtest.URL(t) + "&application_name=" + app
	a := startServer(t, url)
	b := startServer(t, url)
	p := storetest.NewTenant(t, a.store, "acme")
	// Calling around the clock: these tests are about events and must hold at any instant.
	if err := a.store.PutPolicy(context.Background(), p.Tenant.ID, storetest.AllDay(), storetest.Epoch); err != nil {
		t.Fatal(err)
	}
	return a, b, p, app
}

func receive(t *testing.T, sub velocity.Subscription, n int, within time.Duration) []velocity.Event {
	t.Helper()
	var out []velocity.Event
	deadline := time.After(within)
	for len(out) < n {
		select {
		case <-sub.Ready():
			for _, e := range sub.Next() {
				out = append(out, *e)
			}
		case <-sub.Dropped():
			t.Fatal("subscriber dropped")
		case <-deadline:
			t.Fatalf("received %d of %d events within %s", len(out), n, within)
		}
	}
	return out
}

func quiet(t *testing.T, sub velocity.Subscription, d time.Duration) {
	t.Helper()
	select {
	case <-sub.Ready():
		if evs := sub.Next(); len(evs) > 0 {
			t.Fatalf("unexpected event %d (%s)", evs[0].ID, evs[0].Type)
		}
	case <-time.After(d):
	}
}

func TestBusAcrossServers(t *testing.T) {
	t.Parallel()
	a, b, p, _ := twoServers(t)
	sub := b.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID})
	defer sub.Close()
	local := a.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID})
	defer local.Close()
	ctx := context.Background()
	var delays []time.Duration
	phones := storetest.NewPhones()
	for i := 0; i < 20; i++ {
		start := time.Now()
		cb, _, err := a.svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: phones.Next()}, "")
		if err != nil {
			t.Fatal(err)
		}
		got := receive(t, sub, 1, time.Second)
		delays = append(delays, time.Since(start))
		if got[0].Type != velocity.EventCreated || got[0].Callback.ID != cb.ID || got[0].Callback.PhoneNumber != cb.PhoneNumber {
			t.Fatalf("got %+v", got[0])
		}
		if l := receive(t, local, 1, time.Second); l[0].ID != got[0].ID {
			t.Fatalf("local subscriber got %d, remote %d", l[0].ID, got[0].ID)
		}
	}
	t.Logf("create-to-remote-subscriber delays: %v", delays)
}

func TestBusLargeEvent(t *testing.T) {
	t.Parallel()
	a, b, p, _ := twoServers(t)
	sub := b.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID})
	defer sub.Close()
	ctx := context.Background()
	blob := strings.Repeat("0123456789abcdef", 1024) // 16 KB, twice NOTIFY's 8000-byte limit
	cb, _, err := a.svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+12125550100", Notes: strings.Repeat("n", velocity.MaxNotesLen)}, "")
	if err != nil {
		t.Fatal(err)
	}
	var recorded []velocity.Event
	err = a.store.Write(ctx, func(tx velocity.Tx) error {
		recorded, err = tx.AppendEvents(ctx, []velocity.Event{{TenantID: p.Tenant.ID, CallbackID: cb.ID, Type: velocity.EventUpdated,
			At: time.Now().UTC(), Data: map[string]any{"blob": blob}, Callback: cb}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a.bus.Publish(recorded)
	got := receive(t, sub, 2, 2*time.Second)
	if got[1].ID != recorded[0].ID || got[1].Data["blob"] != blob || got[0].Callback.Notes != cb.Notes {
		t.Fatalf("large event did not arrive whole: %d %d", got[1].ID, len(fmt.Sprint(got[1].Data["blob"])))
	}
}

// TestBusBurst has 16 writers on two servers create and claim callbacks at once; a
// subscriber on each server gets every event exactly once, in id order.
func TestBusBurst(t *testing.T) {
	t.Parallel()
	a, b, p, _ := twoServers(t)
	ctx := context.Background()
	start, err := a.store.LastEventID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	subs := []velocity.Subscription{a.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID}), b.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID})}
	const writers, each = 16, 25
	phones := storetest.NewPhones()
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		srv := a
		if w%2 == 1 {
			srv = b
		}
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				cb, _, err := srv.svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: phones.Next()}, "")
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := srv.svc.Claim(ctx, p, cb.ID, fmt.Sprintf("agent-%d", w)); err != nil {
					t.Error(err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	want, err := a.store.EventsAfter(ctx, "", start, 10*writers*each)
	if err != nil || len(want) != 2*writers*each {
		t.Fatalf("recorded %d events: %v", len(want), err)
	}
	for i, sub := range subs {
		got := receive(t, sub, len(want), 10*time.Second)
		for j := range want {
			if got[j].ID != want[j].ID {
				t.Fatalf("subscriber %d: event %d is id %d, want %d", i, j, got[j].ID, want[j].ID)
			}
		}
		quiet(t, sub, 200*time.Millisecond)
		sub.Close()
	}
}

// TestBusOutOfOrderCommit holds a transaction with a lower event id open while a later one
// commits: the later event waits, then both arrive in id order. A rolled-back id does
// not hold later events back for long.
func TestBusOutOfOrderCommit(t *testing.T) {
	t.Parallel()
	a, b, p, _ := twoServers(t)
	ctx := context.Background()
	sub := b.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID})
	defer sub.Close()
	for _, commit := range []bool{true, false} {
		holding, release := make(chan struct{}), make(chan struct{})
		done := make(chan []velocity.Event, 1)
		errRollback := errors.New("rolled back on purpose")
		go func() {
			var evs []velocity.Event
			err := a.store.Write(ctx, func(tx velocity.Tx) error {
				var err error
				evs, err = tx.AppendEvents(ctx, []velocity.Event{{TenantID: p.Tenant.ID, CallbackID: "cb_held", Type: velocity.EventUpdated, At: time.Now().UTC()}})
				if err != nil {
					return err
				}
				close(holding)
				<-release
				if !commit {
					return errRollback
				}
				return nil
			})
			if err != nil && !errors.Is(err, errRollback) {
				t.Error(err)
			}
			if commit {
				a.bus.Publish(evs)
			}
			done <- evs
		}()
		<-holding
		later, _, err := a.svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: fmt.Sprintf("+121255502%02d", len(fmt.Sprint(commit)))}, "")
		if err != nil {
			t.Fatal(err)
		}
		quiet(t, sub, 300*time.Millisecond)
		close(release)
		held := <-done
		if commit {
			got := receive(t, sub, 2, 2*time.Second)
			if got[0].ID != held[0].ID || got[1].Callback.ID != later.ID || got[0].ID > got[1].ID {
				t.Fatalf("got %d then %d, want %d then the later create", got[0].ID, got[1].ID, held[0].ID)
			}
		} else {
			began := time.Now()
			got := receive(t, sub, 1, 3*time.Second)
			if got[0].Callback.ID != later.ID {
				t.Fatalf("got %+v", got[0])
			}
			t.Logf("a rolled-back id held the next event back %v after rollback", time.Since(began))
			if s := b.bus.Stats(); s.Abandoned < 1 {
				t.Fatalf("stats %+v", s)
			}
		}
	}
}

// TestBusReconnect cuts every connection of one server: its listener reconnects and it
// catches up with what happened meanwhile.
func TestBusReconnect(t *testing.T) {
	t.Parallel()
	a, b, p, app := twoServers(t)
	ctx := context.Background()
	sub := b.bus.Subscribe(velocity.Scope{TenantID: p.Tenant.ID})
	defer sub.Close()
	if _, _, err := a.svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+12125550300"}, ""); err != nil {
		t.Fatal(err)
	}
	receive(t, sub, 1, time.Second)

	conn, err := pgx.Connect(ctx, pgtest.BaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE $1`, app+"%").Scan(&n); err != nil || n < 2 {
		t.Fatalf("terminated %d backends: %v", n, err)
	}
	// Server a's pool may answer once with database_unavailable on a cut connection.
	var cb velocity.Callback
	for i := 0; ; i++ {
		cb, _, err = a.svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+12125550301"}, "")
		if err == nil {
			break
		}
		if e, ok := velocity.AsError(err); !ok || e.Kind != velocity.KindUnavailable || i > 3 {
			t.Fatalf("create after cut: %v", err)
		}
	}
	got := receive(t, sub, 1, 3*time.Second)
	if got[0].Callback.ID != cb.ID {
		t.Fatalf("got %+v", got[0])
	}
	deadline := time.Now().Add(3 * time.Second)
	for b.bus.Stats().Reconnects < 1 || !b.bus.Stats().Listening {
		if time.Now().After(deadline) {
			t.Fatalf("listener did not reconnect: %+v", b.bus.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
