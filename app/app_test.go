package app_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/storetest"
)

// TestDueEventWakesScheduler: with passes a minute apart, a window that opens in 300ms
// is still announced on the agent's stream when it opens, because the service's
// publishes wake the scheduler.
func TestDueEventWakesScheduler(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := velocity.NewShiftedClock(storetest.Epoch)
	a, err := app.Open(ctx, app.Config{DB: filepath.Join(t.TempDir(), "v.db"), Demo: true, PasswordIterations: 1000, Clock: clock,
		SchedulerInterval: time.Minute, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.StartScheduler(ctx)
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	time.Sleep(100 * time.Millisecond) // let the first pass announce the demo's open windows

	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/events?agentId=agent-1&teamId=team-1", nil)
	req.Header.Set("X-Api-Key", app.DemoAPIKey)
	req.SetBasicAuth(app.DemoUsername, app.DemoPassword)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	due := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		isDue := false
		for sc.Scan() {
			l := sc.Text()
			switch {
			case strings.HasPrefix(l, "event: "):
				isDue = l == "event: due"
			case strings.HasPrefix(l, "data: ") && isDue:
				due <- l
			}
		}
	}()

	now := clock.Now()
	zone := storetest.DaytimeZone(now) // callable for hours from now under the default policy
	opens := now.Add(300 * time.Millisecond)
	p := velocity.Principal{Tenant: mustTenant(t, a), Username: "demo"}
	cb, _, err := a.Service.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+12125550199", Timezone: zone, WindowStart: &opens}, "")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for {
		select {
		case data := <-due:
			if !strings.Contains(data, cb.ID) {
				continue // a demo callback's window
			}
		case <-deadline:
			t.Fatal("no due event: the scheduler was not woken for the new window")
		}
		break
	}
	if late := clock.Now().Sub(opens); late < 0 || late > 5*time.Second {
		t.Fatalf("due event %s after the window opened", late)
	}
}

func mustTenant(t *testing.T, a *app.App) velocity.Tenant {
	tn, err := a.Store.GetTenantByName(context.Background(), app.DemoTenant)
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

// TestStreamsSeeEveryEventInOrder: many concurrent writers on SQLite; a subscriber gets
// every event exactly once, in id order (the stream drops anything below its last id).
func TestStreamsSeeEveryEventInOrder(t *testing.T) {
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DB: filepath.Join(t.TempDir(), "v.db"), Demo: true, PasswordIterations: 1000,
		Clock: velocity.NewShiftedClock(storetest.Epoch), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	tn := mustTenant(t, a)
	sub := a.Bus.Subscribe(velocity.Scope{TenantID: tn.ID})
	defer sub.Close()
	p := velocity.Principal{Tenant: tn, Username: "demo", Role: velocity.RoleAdmin}
	const n = 400
	got := make(chan error, 1)
	go func() {
		var last int64
		for i := 0; i < n; {
			select {
			case <-sub.Ready():
				for _, e := range sub.Next() {
					if e.ID <= last {
						got <- fmt.Errorf("event %d after %d", e.ID, last)
						return
					}
					last = e.ID
					i++
				}
			case <-sub.Dropped():
				got <- fmt.Errorf("subscriber dropped after %d events", i)
				return
			case <-time.After(10 * time.Second):
				got <- fmt.Errorf("got %d of %d events", i, n)
				return
			}
		}
		got <- nil
	}()
	phones := storetest.NewPhones()
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, _, err := a.Service.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: phones.Next(), Timezone: "UTC"}, ""); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
}
