package web_test

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMeasurements logs the widget's figures (no timed assertion): the time from the
// list's data received to 500 callbacks rendered, and the time from a create by one agent
// to the callback's row on another agent's page.
func TestMeasurements(t *testing.T) {
	if testing.Short() {
		t.Skip("measurements are skipped with -short")
	}
	srv := startServer(t)
	zone := daytimeZone(t)

	// 500 open team callbacks for a team of their own.
	const team, n = "team-500", 500
	var created atomic.Int32
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				body := map[string]any{
					"teamId":       team,
					"phoneNumber":  fmt.Sprintf("+1 646 555 %04d", i),
					"customerName": fmt.Sprintf("Customer %03d", i),
					"notes":        "Generated for the render measurement.",
					"timezone":     zone,
					"windowStart":  time.Now().Add(-30*time.Minute + time.Duration(i)*30*time.Second).UTC().Format(time.RFC3339),
				}
				var problem map[string]any
				if st := api(t, srv.URL, "POST", "/callbacks", body, &problem); st == 201 {
					created.Add(1)
				} else {
					t.Logf("create %v: %d %v", body["phoneNumber"], st, problem)
				}
			}
		}()
	}
	wg.Wait()
	if created.Load() != n {
		t.Fatalf("created %d of %d callbacks", created.Load(), n)
	}

	br := newBrowser(t)
	p := br.openSimulator("render", srv.URL, "agent=agent-9&team="+team+"&page=velocity-callback")
	p.waitFor("500 rows, live", fmt.Sprintf(`list() && list().shadowRoot.querySelectorAll('li[data-callback-id]').length === %d && list().shadowRoot.querySelector('.live[data-state="live"]') && list().lastRenderMs > 0`, n), 30*time.Second)
	firstLoad := eval[[]float64](p, `[list().lastRenderMs, list().lastFullRenderMs]`)
	var screen, full []float64
	for range 7 {
		ms := eval[[]float64](p, `(async () => {
		  const l = list();
		  l.items = new Map();
		  await l.updateComplete;
		  await l.load();
		  return [l.lastRenderMs, l.lastFullRenderMs];
		})()`)
		screen = append(screen, ms[0])
		full = append(full, ms[1])
	}
	slices.Sort(screen)
	slices.Sort(full)
	rows := eval[int](p, `list().shadowRoot.querySelectorAll('li[data-callback-id]').length`)
	if rows != n {
		t.Errorf("%d rows rendered, want %d", rows, n)
	}
	t.Logf("list of %d callbacks, data received to rendered (median of %d; min-max): first screen %.1f ms (%.1f-%.1f), all %d rows %.1f ms (%.1f-%.1f); on the first page load %.1f / %.1f ms",
		n, len(full), screen[len(screen)/2], screen[0], screen[len(screen)-1], n, full[len(full)/2], full[0], full[len(full)-1], firstLoad[0], firstLoad[1])

	// Create on A (the API, from A's page) to the row on B's page.
	a := br.openSimulator("creator", srv.URL, "agent=agent-1&team=team-1")
	b := br.openSimulator("watcher", srv.URL, "agent=agent-2&team=team-1&page=velocity-callback")
	b.waitFor("B live", `list() && list().shadowRoot.querySelector('.live[data-state="live"]')`, 15*time.Second)
	var lat []float64
	for i := range 15 {
		phone := fmt.Sprintf("+1312555%04d", 2000+i)
		b.do(`window.__seen = new Promise((resolve) => {
		  const l = list();
		  const found = () => l.shadowRoot.querySelector('li[data-phone="` + phone + `"]');
		  const mo = new MutationObserver(() => { if (found()) { mo.disconnect(); resolve(performance.timeOrigin + performance.now()); } });
		  mo.observe(l.shadowRoot, { subtree: true, childList: true });
		})`)
		t0 := eval[float64](a, `(async () => {
		  const t0 = performance.timeOrigin + performance.now();
		  const r = await fetch('/api/v1/callbacks', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'velocity-demo-key', Authorization: 'Basic ' + btoa('demo:demo-password'), 'X-Agent-Id': 'agent-1' },
		    body: JSON.stringify({ teamId: 'team-1', phoneNumber: '`+phone+`', customerName: 'Latency `+fmt.Sprint(i)+`', timezone: '`+zone+`' }) });
		  if (r.status !== 201) throw new Error('create: ' + r.status);
		  return t0;
		})()`)
		t1 := eval[float64](b, `window.__seen`)
		lat = append(lat, t1-t0)
	}
	slices.Sort(lat)
	t.Logf("create on agent A to row on agent B's page, %d runs: p50 %.1f ms (min %.1f, max %.1f)", len(lat), lat[len(lat)/2], lat[0], lat[len(lat)-1])
}
