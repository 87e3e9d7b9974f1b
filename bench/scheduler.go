package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// SchedulerPass seeds `due` callbacks whose windows open at one instant on top of the
// store's existing data, moves a test clock to that instant, and times one pass of the
// loop a server's scheduler runs (Scheduler.Pass: opened windows, expired leases, ended
// windows; team fallback and retention run on loops of their own), which must announce
// all of them. It does so `passes` times, a minute apart, each over new callbacks, and
// returns each pass's result: one run's passes show how much a figure varies without
// seeding the data again.
func SchedulerPass(ctx context.Context, s velocity.Store, w *World, due, passes int, log *slog.Logger) ([]velocity.PassResult, error) {
	now := velocity.SystemClock{}.Now()
	clock := &passClock{t: now}
	sched := &velocity.Scheduler{Store: s, Clock: clock, Policies: &velocity.Policies{Store: s, Clock: clock}, Logger: log}
	// Announce what is already due (seeded windows in the past) so that the measured
	// pass sees only the new ones.
	if _, err := sched.RunOnce(ctx); err != nil {
		return nil, err
	}
	var out []velocity.PassResult
	for p := range max(passes, 1) {
		at := now.Add(time.Duration(p+1) * time.Minute)
		for done := 0; done < due; {
			n := min(1000, due-done)
			err := s.Write(ctx, func(tx velocity.Tx) error {
				for j := 0; j < n; j++ {
					st := &w.Tenants[(done+j)%len(w.Tenants)]
					cb := velocity.Callback{ID: velocity.NewID("cb_"), TenantID: st.Tenant.ID, TeamID: st.Teams[0], CustomerName: "Due",
						PhoneNumber: phone(7_000_000 + p*due + done + j), Timezone: st.Tenant.DefaultTimezone, WindowStart: at, WindowEnd: at.Add(time.Hour),
						CreatedBy: "bench", Status: velocity.StatusScheduled, MaxAttempts: 3, CreatedAt: now, UpdatedAt: now, Version: 1}
					if err := tx.InsertCallback(ctx, cb); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return out, err
			}
			done += n
		}
		clock.t = at
		res, err := sched.Pass(ctx)
		if err != nil {
			return out, err
		}
		// Seeded windows that open in the same minute are announced too.
		if res.Due < due {
			return out, fmt.Errorf("pass %d announced %d of %d due callbacks", p+1, res.Due, due)
		}
		out = append(out, res)
	}
	return out, nil
}

// DueDelay measures, n times, the delay from a window opening to its due event on an
// agent's event stream, with the server's scheduler running on the real clock.
func DueDelay(ctx context.Context, base string, client *http.Client, st *SeededTenant, n int) ([]time.Duration, error) {
	team := st.Teams[0]
	agent := st.Agents[team][0]
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/events?agentId="+agent+"&teamId="+team, nil)
	req.Header.Set("X-Api-Key", st.APIKey)
	req.SetBasicAuth(st.Username, st.Password)
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	resp, err := (&http.Client{}).Do(req.WithContext(sctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("event stream: %s", resp.Status)
	}
	dues := make(chan velocity.Event, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		typ := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				typ = line[7:]
			case strings.HasPrefix(line, "data: ") && typ == "due":
				var e velocity.Event
				if json.Unmarshal([]byte(line[6:]), &e) == nil {
					dues <- e
				}
			}
		}
		close(dues)
	}()
	var out []time.Duration
	h := &HTTPTarget{Base: base, Client: client}
	for i := 0; i < n; i++ {
		// A team callback whose window opens shortly (the bench tenants may be called at
		// any hour).
		opens := time.Now().Add(700 * time.Millisecond).UTC().Truncate(time.Millisecond)
		body := map[string]any{"teamId": team, "phoneNumber": phone(7_500_000 + i),
			"windowStart": opens.Format(time.RFC3339Nano), "windowEnd": opens.Add(time.Hour).Format(time.RFC3339Nano)}
		if err := h.do(ctx, st, "POST", "/api/v1/callbacks", body, 201); err != nil {
			return out, err
		}
		select {
		case e, ok := <-dues:
			if !ok {
				return out, fmt.Errorf("event stream ended")
			}
			out = append(out, time.Since(opens))
			_ = e
		case <-time.After(10 * time.Second):
			return out, fmt.Errorf("no due event within 10s")
		}
	}
	slices.Sort(out)
	return out, nil
}

// passClock is the scheduler pass's clock: set by SchedulerPass alone, before the pass.
type passClock struct{ t time.Time }

// Now returns the set time.
func (c *passClock) Now() time.Time { return c.t }
