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
// list's data received to a list of 500 callbacks rendered and laid out (the list is
// windowed: the rows in view and a buffer are in the DOM; the test scrolls through it all
// to check every callback is reachable), and the time from a create by one agent to the
// callback's row on another agent's page.
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
	p.waitFor("500 callbacks, live", fmt.Sprintf(`list() && list().items.size === %d && list().shadowRoot.querySelector('li[data-callback-id]') && list().shadowRoot.querySelector('.live[data-state="live"]') && list().lastRenderMs > 0`, n), 30*time.Second)
	firstLoad := eval[float64](p, `list().lastRenderMs`)
	// The list is windowed: "rendered" is the rows that fill the visible area (and a
	// buffer) in the DOM, laid out, with the rest reachable by scrolling (checked below).
	var ms []float64
	for range 9 {
		ms = append(ms, eval[float64](p, `(async () => {
		  const l = list();
		  l.items = new Map();
		  await l.updateComplete;
		  await l.load();
		  return l.lastRenderMs;
		})()`))
	}
	slices.Sort(ms)
	rows := eval[int](p, `list().shadowRoot.querySelectorAll('li[data-callback-id]').length`)
	t.Logf("list of %d callbacks, data received to the list rendered and laid out (%d rows in the DOM; median of %d, min-max): %.1f ms (%.1f-%.1f); on the first page load %.1f ms",
		n, rows, len(ms), ms[len(ms)/2], ms[0], ms[len(ms)-1], firstLoad)
	if rows == 0 || rows >= n {
		t.Errorf("%d rows in the DOM: the list should render the visible ones only", rows)
	}

	// Scroll through the whole list a screen at a time: every callback is reached, the
	// visible area is never blank, and each screen's rows are rendered and laid out fast.
	type sweep struct {
		Seen   int       `json:"seen"`
		Blank  int       `json:"blank"`
		Steps  []float64 `json:"steps"`
		MaxDOM int       `json:"maxDom"`
	}
	sw := eval[sweep](p, `(async () => {
	  const l = list();
	  const sc = [pageWidget(), document.querySelector('.dt-main')].find((e) => e && e.scrollHeight > e.clientHeight + 10);
	  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
	  sc.scrollTop = 0;
	  await frame();
	  const seen = new Set(), steps = [];
	  let blank = 0, maxDom = 0;
	  for (let i = 0; i < 2000; i++) {
	    const lis = l.shadowRoot.querySelectorAll('li[data-callback-id]');
	    lis.forEach((li) => seen.add(li.dataset.callbackId));
	    maxDom = Math.max(maxDom, lis.length);
	    const r = sc.getBoundingClientRect();
	    // Blank: no row at all in the middle of the visible area.
	    if (![...lis].some((li) => { const b = li.getBoundingClientRect(); return b.bottom > r.top + r.height * 0.3 && b.top < r.top + r.height * 0.7; })) blank++;
	    if (sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 2) break;
	    const t0 = performance.now();
	    sc.scrollTop += sc.clientHeight * 0.9;
	    l.measure(false);
	    await l.updateComplete;
	    sc.getBoundingClientRect();
	    l.shadowRoot.querySelector('.body').getBoundingClientRect();
	    steps.push(performance.now() - t0);
	    await frame();
	  }
	  return { seen: seen.size, blank, steps, maxDom };
	})()`)
	slices.Sort(sw.Steps)
	if sw.Seen != n || sw.Blank != 0 || len(sw.Steps) == 0 {
		t.Errorf("scrolling through the list: %d of %d callbacks rendered, %d blank screens, %d steps", sw.Seen, n, sw.Blank, len(sw.Steps))
	} else {
		t.Logf("scrolling through the list a screen at a time (%d steps, at most %d rows in the DOM): scroll to next screen rendered and laid out, median %.1f ms, max %.1f ms",
			len(sw.Steps), sw.MaxDOM, sw.Steps[len(sw.Steps)/2], sw.Steps[len(sw.Steps)-1])
	}

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
		created := eval[struct {
			T0 float64 `json:"t0"`
			ID string  `json:"id"`
		}](a, `(async () => {
		  const t0 = performance.timeOrigin + performance.now();
		  const r = await fetch('/api/v1/callbacks', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'velocity-demo-key', Authorization: 'Basic ' + btoa('demo:demo-password'), 'X-Agent-Id': 'agent-1' },
		    body: JSON.stringify({ teamId: 'team-1', phoneNumber: '`+phone+`', customerName: 'Latency `+fmt.Sprint(i)+`', timezone: '`+zone+`' }) });
		  if (r.status !== 201) throw new Error('create: ' + r.status);
		  return { t0, id: (await r.json()).id };
		})()`)
		t1 := eval[float64](b, `window.__seen`)
		lat = append(lat, t1-created.T0)
		// Cancel it, so that every run's row lands in view on B's (windowed) list.
		if st := api(t, srv.URL, "POST", "/callbacks/"+created.ID+"/cancel", map[string]any{"agentId": "agent-1", "reason": "measurement"}, nil); st != 200 {
			t.Fatalf("cancel: %d", st)
		}
		b.waitFor("the row to go", `!row('`+phone+`')`, 5*time.Second)
	}
	slices.Sort(lat)
	t.Logf("create on agent A to row on agent B's page, %d runs: p50 %.1f ms (min %.1f, max %.1f)", len(lat), lat[len(lat)/2], lat[0], lat[len(lat)-1])
}
