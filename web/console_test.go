package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The demo tenant's console accounts (app.DemoAccounts).
const (
	supervisorUser = "supervisor"
	supervisorPass = "supervisor-password"
	adminUser      = "admin"
	adminPass      = "admin-password"
)

// consoleInit defines, in every console tab, functions the tests' expressions use: the
// app, a page element by tag and what is inside it, the sign-in form, and navigation.
const consoleInit = `
window.app = function () { return document.querySelector('cdyx-console'); };
window.pg = function (tag) { return app() && app().shadowRoot.querySelector(tag); };
window.inPg = function (tag, sel) { var p = pg(tag); return p && p.shadowRoot && p.shadowRoot.querySelector(sel); };
window.allInPg = function (tag, sel) { var p = pg(tag); return p && p.shadowRoot ? [...p.shadowRoot.querySelectorAll(sel)] : []; };
window.signInForm = function () { var s = pg('cdyx-console-sign-in'); return s && s.shadowRoot; };
window.navTo = function (page, q) { location.hash = '#/' + page + (q ? '?' + q : ''); };
window.deepActive = function () { var a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
`

// openConsole opens /console in a new tab and waits for it to show the sign-in or a page.
func (b *browser) openConsole(name, base string) *tab {
	b.t.Helper()
	tb := b.tabWith(name, base+"/console", consoleInit)
	tb.waitFor("the console", `app() && app().shadowRoot && (pg('cdyx-console-sign-in') || app().shadowRoot.querySelector('main'))`, 20*time.Second)
	return tb
}

// signIn fills in the console's sign-in form and submits it.
func (tb *tab) signIn(tenant, user, pass string) {
	tb.t.Helper()
	tb.waitFor("the sign-in form", `signInForm() && signInForm().querySelector('#password')`, 10*time.Second)
	tb.do(`
	  const f = signInForm();
	  setValue(f.querySelector('#tenant'), ` + jsString(tenant) + `);
	  setValue(f.querySelector('#username'), ` + jsString(user) + `);
	  setValue(f.querySelector('#password'), ` + jsString(pass) + `);
	  f.querySelector('button[type=submit]').click();`)
}

// signInAs opens the console and signs in to the demo tenant; it waits for the shell.
func (b *browser) signInAs(name, base, user, pass string) *tab {
	b.t.Helper()
	tb := b.openConsole(name, base)
	tb.signIn("demo", user, pass)
	tb.waitFor("the console's shell", `app().shadowRoot.querySelector('main') && app().shadowRoot.querySelector('nav')`, 15*time.Second)
	return tb
}

// key presses a key in the tab, as a person would: "Enter", "Escape", "Tab", " ",
// "ArrowDown", or text.
func (tb *tab) key(k string) {
	tb.t.Helper()
	m := map[string]string{"Enter": "\r", "Escape": kb.Escape, "Tab": "\t", "ArrowDown": kb.ArrowDown, "ArrowUp": kb.ArrowUp}
	if v, ok := m[k]; ok {
		k = v
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		tb.t.Fatalf("%s: key %q: %v", tb.name, k, err)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// consoleClient is an HTTP client signed in to the console API as a demo account, with
// its session's CSRF token.
type consoleClient struct {
	t    testing.TB
	base string
	hc   *http.Client
	csrf string
}

func newConsoleClient(t testing.TB, base, user, pass string) *consoleClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &consoleClient{t: t, base: base, hc: &http.Client{Jar: jar}}
	var s struct{ CSRFToken string }
	if st := c.do("POST", "/session", map[string]string{"tenant": "demo", "username": user, "password": pass}, &s); st != 201 {
		t.Fatalf("sign in as %s: %d", user, st)
	}
	c.csrf = s.CSRFToken
	return c
}

func (c *consoleClient) do(method, path string, body, out any) int {
	c.t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, c.base+"/api/v1"+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	if out != nil {
		_ = json.NewDecoder(res.Body).Decode(out)
	}
	return res.StatusCode
}

// The console's page and scripts are served compressed, with their own validators, and
// the page may not be framed or run scripts from elsewhere.
func TestConsoleServed(t *testing.T) {
	srv := startServer(t)
	for _, path := range []string{"/console", "/console/", "/console/console.js", "/console/charts.js"} {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("ETag") == "" {
			t.Errorf("%s: %d, etag %q", path, res.StatusCode, res.Header.Get("ETag"))
		}
		if strings.HasPrefix(path, "/console/c") {
			// The page itself is too small to be worth compressing.
			if ce := res.Header.Get("Content-Encoding"); ce != "gzip" {
				t.Errorf("%s: encoding %q", path, ce)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
				t.Errorf("%s: content type %q", path, ct)
			}
			continue
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
	}
}

// An agent account is refused at sign-in with the reason; a supervisor signs in, sees the
// tenant's callbacks, and when the session ends (signed out elsewhere) the next request
// brings back the sign-in with the reason, on the same page.
func TestConsoleSignIn(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openConsole("console", srv.URL)
	p.signIn("demo", "demo", "demo-password")
	p.waitFor("the agent's refusal", `signInForm().querySelector('#sign-in-error') && /cannot use the console/.test(signInForm().querySelector('#sign-in-error').textContent)`, 10*time.Second)
	if eval[bool](p, `!!app().shadowRoot.querySelector('nav')`) {
		t.Fatal("an agent account got the console")
	}
	p.screenshot("agent-refused")

	p.signIn("demo", supervisorUser, supervisorPass)
	p.waitFor("the callbacks page", `inPg('cdyx-console-callbacks', 'tr[data-phone="`+srv.A1Phone+`"]')`, 15*time.Second)
	if got := eval[string](p, `document.title`); !strings.HasPrefix(got, "Callbacks") {
		t.Errorf("title %q", got)
	}
	// Every callback of the tenant: the fixture's three and the demo's own.
	if n := eval[int](p, `allInPg('cdyx-console-callbacks', 'tbody tr').length`); n < 3 {
		t.Errorf("%d rows", n)
	}

	// An agent's change appears without a reload: agent-1 claims its callback.
	if st := api(t, srv.URL, "POST", "/callbacks/"+srv.Agent1.ID+"/claim", map[string]string{"agentId": "agent-1"}, nil); st != 200 {
		t.Fatalf("claim: %d", st)
	}
	p.waitFor("the claim shown live", `/Being dialed/.test(inPg('cdyx-console-callbacks', 'tr[data-phone="`+srv.A1Phone+`"]').textContent)`, 10*time.Second)

	// The session ends behind the console's back; its next request finds out.
	p.do(`await fetch('/api/v1/session', {method: 'DELETE', headers: {'X-CSRF-Token': app().client.csrf}});`)
	p.do(`navTo('callbacks', 'q=Alma')`)
	p.waitFor("the sign-in again, with the reason", `signInForm() && /session has ended/.test(signInForm().textContent)`, 10*time.Second)
	p.signIn("demo", supervisorUser, supervisorPass)
	p.waitFor("the same page back", `inPg('cdyx-console-callbacks', 'tr[data-phone="`+srv.A1Phone+`"]') && allInPg('cdyx-console-callbacks', 'tbody tr').length === 1`, 15*time.Second)
}

// A 401 to the console (its sign-in, or any request from a page of this server) does not
// challenge for Basic credentials, which would make the browser ask for a password in a
// dialog of its own; the API's other clients are still challenged for Basic.
func TestConsoleNoBasicChallenge(t *testing.T) {
	srv := startServer(t)
	for _, c := range []struct {
		path, site string
		basic      bool
	}{
		{"/api/v1/session", "", false},
		{"/api/v1/callbacks/search", "same-origin", false},
		{"/api/v1/callbacks/search", "", true},
		{"/api/v1/callbacks/search", "cross-site", true},
	} {
		req, _ := http.NewRequest("GET", srv.URL+c.path, nil)
		if c.site != "" {
			req.Header.Set("Sec-Fetch-Site", c.site)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		got := res.Header.Get("WWW-Authenticate")
		if res.StatusCode != 401 || got == "" || strings.HasPrefix(got, "Basic") != c.basic {
			t.Errorf("%s (Sec-Fetch-Site %q): %d, WWW-Authenticate %q", c.path, c.site, res.StatusCode, got)
		}
	}
}

// createShort schedules a team callback whose window opens now and ends in a few
// seconds, in a zone where it is daytime, so that it is overdue (open, window ended)
// moments later; it returns the callback's id.
func createShort(t testing.TB, base, team, phone, name string, ends time.Time) string {
	t.Helper()
	var cb callback
	body := map[string]any{"teamId": team, "phoneNumber": phone, "customerName": name, "timezone": daytimeZone(t),
		"windowStart": time.Now().UTC().Format(time.RFC3339Nano), "windowEnd": ends.UTC().Format(time.RFC3339Nano), "notes": "Overdue on purpose."}
	if st := api(t, base, "POST", "/callbacks", body, &cb); st != 201 {
		t.Fatalf("create %s: %d", phone, st)
	}
	return cb.ID
}

// A supervisor filters to the overdue callbacks of one team, selects them from the
// keyboard and with the mouse, and reassigns them to an agent in one bulk change: the one
// an agent is dialing is refused and reported, the others change, and the agent's widget
// in another tab shows them at once. The supervisor then cancels one from its detail,
// with a reason; the widget drops it. Every change is in the audit trail.
func TestConsoleBulkReassign(t *testing.T) {
	srv := newFixture(t)
	ends := time.Now().Add(4 * time.Second)
	phones := []string{"+13125550201", "+13125550202", "+13125550203", "+13125550204"}
	ids := map[string]string{}
	for i, ph := range phones {
		ids[ph] = createShort(t, srv.URL, "team-2", ph, fmt.Sprintf("Overdue %d", i+1), ends)
	}
	other := createShort(t, srv.URL, "team-1", "+13125550205", "Other team", ends)
	sup := newConsoleClient(t, srv.URL, supervisorUser, supervisorPass)
	// agent-2 is dialing the fourth.
	if st := sup.do("POST", "/callbacks/"+ids[phones[3]]+"/claim", map[string]string{"agentId": "agent-2"}, nil); st != 200 {
		t.Fatalf("claim: %d", st)
	}

	br := newBrowser(t)
	w := br.openSimulator("agent-1", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback")
	w.waitFor("the agent's list", `row('`+srv.A1Phone+`')`, 15*time.Second)
	if eval[bool](w, `!!row('`+phones[0]+`')`) {
		t.Fatal("team-2's callback is in agent-1's list before the reassignment")
	}

	p := br.signInAs("supervisor", srv.URL, supervisorUser, supervisorPass)
	time.Sleep(time.Until(ends) + 200*time.Millisecond)
	list := `pg('cdyx-console-callbacks')`
	p.waitFor("the list", `inPg('cdyx-console-callbacks', 'tbody tr')`, 10*time.Second)
	// The filters, typed as a person would: the team, and overdue.
	p.do(`const f = ` + list + `.shadowRoot.querySelector('form.filters');
	  f.querySelector('#f-team').value = 'team-2';
	  f.querySelector('input[name=overdue]').checked = true;
	  f.querySelector('button[type=submit]').click();`)
	p.waitFor("the overdue callbacks of team-2", `allInPg('cdyx-console-callbacks', 'tbody tr').length === 4 && !allInPg('cdyx-console-callbacks', 'tbody tr').some((r) => r.dataset.id === '`+other+`')`, 10*time.Second)
	if q := eval[string](p, `location.hash`); !strings.Contains(q, "team=team-2") || !strings.Contains(q, "overdue=true") {
		t.Errorf("the filters are not in the URL: %s", q)
	}
	p.screenshot("overdue-of-team-2")
	// Export CSV downloads what matches: a header and the four.
	csv := eval[string](p, `fetch(inPg('cdyx-console-callbacks', 'a[download]').href).then((r) => r.text())`)
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 5 || !strings.HasPrefix(lines[0], "id,status,teamId") {
		t.Errorf("the CSV export:\n%s", csv)
	}

	// Select: the first row from the keyboard (Space), the others with the mouse.
	p.do(`const r = allInPg('cdyx-console-callbacks', 'tbody tr'); r[0].focus();`)
	p.key(" ")
	p.waitFor("the first row selected", `allInPg('cdyx-console-callbacks', 'tbody tr')[0].classList.contains('selected')`, 5*time.Second)
	p.do(`allInPg('cdyx-console-callbacks', 'tbody tr').slice(1).forEach((r) => r.querySelector('input[type=checkbox]').click())`)
	p.waitFor("the bulk bar", `inPg('cdyx-console-callbacks', '.bulkbar') && /4 selected/.test(inPg('cdyx-console-callbacks', '.bulkbar').textContent)`, 5*time.Second)
	p.do(`const b = [...inPg('cdyx-console-callbacks', '.bulkbar').querySelectorAll('button')].find((b) => /Reassign/.test(b.textContent)); b.focus(); b.click();`)
	bulk := `inPg('cdyx-console-callbacks', 'cdyx-console-bulk').shadowRoot`
	p.waitFor("the bulk form", bulk+`.querySelector('#b-agentId')`, 5*time.Second)
	p.waitFor("the focus on the chosen change", `deepActive() && deepActive().name === 'kind' && deepActive().value === 'reassign'`, 5*time.Second)
	p.do(`const b = ` + bulk + `; setValue(b.querySelector('#b-agentId'), 'agent-1'); b.querySelector('button[type=submit]').click();`)
	p.waitFor("the bulk result", bulk+`.querySelector('#result')`, 15*time.Second)
	res := eval[string](p, bulk+`.querySelector('#result').textContent`)
	if !strings.Contains(res, "3 of 4 changed") || !strings.Contains(res, "1 refused") || !strings.Contains(res, "agent-2 is dialing") {
		t.Errorf("bulk result: %s", strings.Join(strings.Fields(res), " "))
	}
	p.screenshot("bulk-result")

	// The agent's widget shows the three, live.
	for _, ph := range phones[:3] {
		w.waitFor("the reassigned "+ph+" in agent-1's list", `row('`+ph+`')`, 10*time.Second)
	}
	w.screenshot("reassigned")
	for _, ph := range phones[:3] {
		var c callback
		read(t, srv.URL, "/callbacks/"+ids[ph], &c)
		if c.AgentID == nil || *c.AgentID != "agent-1" {
			t.Errorf("%s: agent %v", ph, c.AgentID)
		}
	}

	// Close the result; the refused one stays selected. Cancel the first from its detail.
	p.key("Escape")
	p.waitFor("the bulk dialog closed", `!inPg('cdyx-console-callbacks', 'cdyx-console-bulk')`, 5*time.Second)
	p.waitFor("the focus back on the bulk bar's button", `deepActive() && /Reassign/.test(deepActive().textContent)`, 5*time.Second)
	p.do(`navTo('callbacks', 'q=' + encodeURIComponent('` + phones[0] + `'))`)
	p.waitFor("the one callback", `allInPg('cdyx-console-callbacks', 'tbody tr').length === 1 && allInPg('cdyx-console-callbacks', 'tbody tr')[0].dataset.phone === '`+phones[0]+`'`, 10*time.Second)
	p.do(`allInPg('cdyx-console-callbacks', 'tbody tr')[0].focus()`)
	p.key("Enter")
	detail := `inPg('cdyx-console-callbacks', 'cdyx-console-callback-detail')`
	p.waitFor("its detail and history", detail+` && /Created/.test(`+detail+`.shadowRoot.querySelector('ol.history').textContent)`, 10*time.Second)
	p.screenshot("detail")
	p.do(`[...` + detail + `.shadowRoot.querySelectorAll('button')].find((b) => /Cancel callback/.test(b.textContent)).click()`)
	p.waitFor("the cancel form", bulk+`.querySelector('#b-reason')`, 5*time.Second)
	p.do(`const b = ` + bulk + `; setValue(b.querySelector('#b-reason'), 'Customer asked by e-mail'); b.querySelector('button[type=submit]').click();`)
	p.waitFor("the cancel result", bulk+`.querySelector('#result') && /1 of 1 changed/.test(`+bulk+`.querySelector('#result').textContent)`, 10*time.Second)
	w.waitFor("the cancelled one gone from agent-1's list", `!row('`+phones[0]+`')`, 10*time.Second)

	// The audit trail has the bulk requests and each callback's change.
	var audit struct {
		Items []struct{ Kind, Target, Actor string }
	}
	sup.do("GET", "/audit?limit=100", nil, &audit)
	kinds := map[string]int{}
	for _, e := range audit.Items {
		if e.Actor == supervisorUser {
			kinds[e.Kind]++
		}
	}
	if kinds["callbacks.bulk"] != 2 {
		t.Errorf("audit: %v", kinds)
	}
	t.Logf("the supervisor's audit entries: %v", kinds)
}

// figureCounts walks a report's figures (decoded JSON) and returns each count by its
// path, such as "now.overdue" or "outcomes.cancelledBy.supervisor".
func figureCounts(prefix string, v any, out map[string]int) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	if n, ok := m["count"].(float64); ok {
		if _, ok := m["search"]; ok {
			out[prefix] = int(n)
			return
		}
	}
	for k, x := range m {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		figureCounts(p, x, out)
	}
}

// The dashboard's figures are the report API's, and each count opens the list of
// exactly that many callbacks; the trend is drawn (uPlot loaded with the page).
func TestConsoleDashboard(t *testing.T) {
	srv := newFixture(t)
	ends := time.Now().Add(3 * time.Second)
	var ids []string
	for i, ph := range []string{"+13125550301", "+13125550302", "+13125550303"} {
		ids = append(ids, createShort(t, srv.URL, "team-2", ph, fmt.Sprintf("Late %d", i+1), ends))
	}
	sup := newConsoleClient(t, srv.URL, supervisorUser, supervisorPass)
	var res struct{ Succeeded int }
	if st := sup.do("POST", "/callbacks/bulk", map[string]any{"ids": ids[:1], "action": "cancel", "reason": "Duplicate"}, &res); st != 200 || res.Succeeded != 1 {
		t.Fatalf("bulk cancel: %d %+v", st, res)
	}
	time.Sleep(time.Until(ends) + 200*time.Millisecond)

	br := newBrowser(t)
	p := br.signInAs("supervisor", srv.URL, supervisorUser, supervisorPass)
	p.do(`navTo('dashboard')`)
	p.waitFor("the dashboard's figures", `inPg('cdyx-console-dashboard', '[data-figure="now.overdue"] a.fig')`, 15*time.Second)
	p.waitFor("the trend drawn", `(() => { const c = allInPg('cdyx-console-dashboard', 'cdyx-console-chart'); return c.length === 2 && c.every((x) => x.shadowRoot.querySelector('canvas')); })()`, 15*time.Second)
	p.screenshot("dashboard")

	// The same report from the API, for the dashboard's period and zone.
	q := eval[string](p, `(() => { const d = pg('cdyx-console-dashboard'); return d.params.toString(); })()`)
	var rep struct{ Figures map[string]any }
	if st := sup.do("GET", "/reports/summary?"+q, nil, &rep); st != 200 {
		t.Fatalf("report: %d", st)
	}
	want := map[string]int{}
	figureCounts("", rep.Figures, want)
	shown := eval[map[string]string](p, `Object.fromEntries(allInPg('cdyx-console-dashboard', '[data-figure]').map((el) => [el.dataset.figure, el.querySelector('.stat-value a.fig') ? el.querySelector('.stat-value a.fig').textContent.trim() : '']))`)
	checked := 0
	for fig, text := range shown {
		n, ok := want[fig]
		if !ok || text == "" {
			continue
		}
		checked++
		if text != fmt.Sprint(n) {
			t.Errorf("%s: the dashboard shows %s, the API counts %d", fig, text, n)
		}
	}
	if checked < 8 {
		t.Errorf("only %d figures compared: %v", checked, shown)
	}
	if want["now.overdue"] < 2 || want["outcomes.cancelledBy.supervisor"] < 1 {
		t.Errorf("the report misses the test's callbacks: %v", want)
	}
	t.Logf("the dashboard's figures, as the API counts them: %v", want)

	// Each count opens its list: overdue, and cancelled by a supervisor.
	for _, fig := range []string{"now.overdue", "outcomes.cancelled"} {
		p.do(`navTo('dashboard')`)
		p.waitFor("the figure "+fig, `inPg('cdyx-console-dashboard', '[data-figure="`+fig+`"] .stat-value a.fig')`, 10*time.Second)
		p.do(`inPg('cdyx-console-dashboard', '[data-figure="` + fig + `"] .stat-value a.fig').click()`)
		p.waitFor("the list of "+fig, fmt.Sprintf(`pg('cdyx-console-callbacks') && !pg('cdyx-console-callbacks').loading && allInPg('cdyx-console-callbacks', 'tbody tr').length === %d`, want[fig]), 10*time.Second)
	}
	p.screenshot("cancelled-list")
}

// An admin changes today's calling hours (in the customer's zone) in the policy's grid;
// the agent's widget, on its next read, turns Dial off with the reason.
func TestConsoleCallingHours(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	w := br.openSimulator("agent-1", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback")
	dial := `row('` + srv.A1Phone + `').querySelector('button.dial')`
	w.waitFor("Dial on in the customer's day", dial+` && !`+dial+`.disabled`, 15*time.Second)

	p := br.signInAs("admin", srv.URL, adminUser, adminPass)
	p.do(`navTo('policy')`)
	day := strings.ToLower(time.Now().In(mustZone(t, srv.Zone)).Weekday().String()[:3])
	row := `inPg('cdyx-console-policy', 'tr[data-day="` + day + `"]')`
	p.waitFor("the calling hours grid", row+` && `+row+`.querySelector('input[name^=start]').value !== ''`, 10*time.Second)
	p.screenshot("policy")
	// The customer's early afternoon falls outside 06:00-07:00.
	p.do(`const r = ` + row + `;
	  setValue(r.querySelector('input[name^=start]'), '06:00', 'change');`)
	p.do(`const r = ` + row + `;
	  setValue(r.querySelector('input[name^=end]'), '07:00', 'change');
	  inPg('cdyx-console-policy', 'button[type=submit]').click();`)
	p.waitFor("the policy saved", `/Saved/.test(inPg('cdyx-console-policy', '.saved').textContent)`, 10*time.Second)
	var pol struct {
		CallingHours map[string]*struct{ Start, End string }
	}
	api(t, srv.URL, "GET", "/policy", nil, &pol)
	if h := pol.CallingHours[day]; h == nil || h.Start != "06:00" || h.End != "07:00" {
		t.Fatalf("the policy's %s: %+v", day, h)
	}

	// The widget's next read (its Refresh) has the new hours.
	w.do(`[...list().shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Refresh').click()`)
	w.waitFor("Dial off outside the new hours", dial+`.disabled && /Outside the customer's calling hours/.test(row('`+srv.A1Phone+`').querySelector('.callable').textContent)`, 10*time.Second)
	w.screenshot("dial-off")
}

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// readmeSnippets returns the two JSON blocks of the README's "Add the widgets to a
// desktop layout".
func readmeSnippets(t testing.TB) (page, panel string) {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## Add the widgets to a desktop layout")
	if i < 0 {
		t.Fatal("the README has no section on the layout")
	}
	var blocks []string
	for rest := s[i:]; len(blocks) < 2; {
		a := strings.Index(rest, "```json\n")
		if a < 0 {
			t.Fatal("the README's layout section has fewer than two JSON blocks")
		}
		rest = rest[a+len("```json\n"):]
		e := strings.Index(rest, "\n```")
		blocks = append(blocks, rest[:e])
		rest = rest[e:]
	}
	return blocks[0], blocks[1]
}

// The admin's settings pages: the do-not-call list (add, search, import with a result
// per line, remove), accounts and keys (a secret shown once with its velocityAuth, a
// role, disable, revoke), the identity setting, the layout snippets (the README's, filled
// in, and working credentials made on the page), and the audit trail of it all.
func TestConsoleAdminPages(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.signInAs("admin", srv.URL, adminUser, adminPass)

	// Do-not-call.
	dnc := `pg('cdyx-console-do-not-call')`
	p.do(`navTo('do-not-call')`)
	p.waitFor("the do-not-call page", `inPg('cdyx-console-do-not-call', '#dnc-phone')`, 10*time.Second)
	p.do(`const r = ` + dnc + `.shadowRoot; setValue(r.querySelector('#dnc-phone'), '(312) 555-0101'); setValue(r.querySelector('#dnc-reason'), 'Asked twice'); r.querySelector('#dnc-phone').form.querySelector('button[type=submit]').click();`)
	p.waitFor("the number added, its callback cancelled", `/1 open callback was cancelled/.test(inPg('cdyx-console-do-not-call', '.msg.ok').textContent) && inPg('cdyx-console-do-not-call', 'tr[data-phone="`+srv.TeamPhone+`"]')`, 10*time.Second)
	p.do(`const r = ` + dnc + `.shadowRoot; setValue(r.querySelector('#dnc-csv'), '+13125550901,moved\nnot a number\n+13125550902\n'); r.querySelector('#dnc-csv').form.querySelector('button[type=submit]').click();`)
	p.waitFor("the import's result per line", `/3 lines: 2 added/.test(inPg('cdyx-console-do-not-call', '.result').textContent) && allInPg('cdyx-console-do-not-call', 'tr.import-error').length === 1 && /^2/.test(allInPg('cdyx-console-do-not-call', 'tr.import-error')[0].textContent.trim())`, 10*time.Second)
	p.do(`const r = ` + dnc + `.shadowRoot; setValue(r.querySelector('#dnc-q'), '+131255509'); r.querySelector('#dnc-q').form.querySelector('button[type=submit]').click();`)
	p.waitFor("the search by the start of a number", `allInPg('cdyx-console-do-not-call', 'tbody tr[data-phone]').length === 2 && inPg('cdyx-console-do-not-call', 'tr[data-phone="+13125550902"]')`, 10*time.Second)
	p.screenshot("do-not-call")
	p.do(`inPg('cdyx-console-do-not-call', 'tr[data-phone="+13125550902"] button.danger').click()`)
	p.waitFor("the confirmation", `inPg('cdyx-console-do-not-call', 'cdyx-console-dialog[open] button.yes')`, 5*time.Second)
	p.do(`inPg('cdyx-console-do-not-call', 'cdyx-console-dialog[open] button.yes').click()`)
	p.waitFor("the number removed", `!inPg('cdyx-console-do-not-call', 'tr[data-phone="+13125550902"]') && /Removed/.test(inPg('cdyx-console-do-not-call', '.msg.ok').textContent)`, 10*time.Second)

	// Accounts and keys.
	acc := `pg('cdyx-console-accounts').shadowRoot`
	p.do(`navTo('accounts')`)
	p.waitFor("the accounts", `inPg('cdyx-console-accounts', 'tr[data-username="supervisor"]')`, 10*time.Second)
	p.do(`const r = ` + acc + `; setValue(r.querySelector('#a-username'), 'wall-board'); r.querySelector('#a-role').value = 'supervisor'; r.querySelector('#a-username').form.querySelector('button[type=submit]').click();`)
	p.waitFor("the secret, once", acc+`.querySelector('cdyx-console-dialog[open] #secret-auth')`, 10*time.Second)
	password := eval[string](p, acc+`.querySelector('#secret-password').value`)
	auth := eval[string](p, acc+`.querySelector('#secret-auth').value`)
	if want := base64.StdEncoding.EncodeToString([]byte("wall-board:" + password)); password == "" || auth != want {
		t.Errorf("velocityAuth %q, want %q", auth, want)
	}
	if n := eval[int](p, acc+`.querySelectorAll('cdyx-console-dialog[open] cdyx-console-copy').length`); n != 2 {
		t.Errorf("%d copy buttons", n)
	}
	p.screenshot("account-secret")
	p.key("Escape")
	p.waitFor("the secret gone", `!`+acc+`.querySelector('cdyx-console-dialog[open]')`, 5*time.Second)
	if n := eval[int](p, acc+`.querySelectorAll('#secret-auth').length`); n != 0 {
		t.Error("the secret is still in the page")
	}
	// The new account signs in to the console with that password.
	newConsoleClient(t, srv.URL, "wall-board", password)
	p.do(`const r = ` + acc + `; setValue(r.querySelector('#k-name'), 'Wallboard'); r.querySelector('#k-name').form.querySelector('button[type=submit]').click();`)
	p.waitFor("the key, once", acc+`.querySelector('cdyx-console-dialog[open] #secret-key')`, 10*time.Second)
	key := eval[string](p, acc+`.querySelector('#secret-key').value`)
	p.key("Escape")
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/me", nil)
	req.Header.Set("X-Api-Key", key)
	req.SetBasicAuth("demo", "demo-password")
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("the new key: %v %v", res, err)
	}
	p.do(`[...` + acc + `.querySelectorAll('tbody tr[data-key]')].find((r) => r.textContent.includes('Wallboard')).querySelector('button.danger').click()`)
	p.waitFor("the confirmation", acc+`.querySelector('cdyx-console-dialog[open] button.yes')`, 5*time.Second)
	p.do(acc + `.querySelector('cdyx-console-dialog[open] button.yes').click()`)
	p.waitFor("the key revoked", `[...`+acc+`.querySelectorAll('tbody tr[data-key]')].some((r) => r.textContent.includes('Wallboard') && /Revoked/.test(r.textContent))`, 10*time.Second)
	p.do(acc + `.querySelector('tr[data-username="wall-board"] button.danger').click()`)
	p.waitFor("the confirmation", acc+`.querySelector('cdyx-console-dialog[open] button.yes')`, 5*time.Second)
	p.do(acc + `.querySelector('cdyx-console-dialog[open] button.yes').click()`)
	p.waitFor("the account disabled", acc+`.querySelector('tr[data-username="wall-board"]') && /Disabled/.test(`+acc+`.querySelector('tr[data-username="wall-board"]').textContent)`, 10*time.Second)
	p.screenshot("accounts")

	// Identity: webex without an org id is refused with the reason; off is saved.
	idp := `pg('cdyx-console-identity').shadowRoot`
	p.do(`navTo('identity')`)
	p.waitFor("the identity page", idp+`.querySelector('input[value=webex]')`, 10*time.Second)
	p.do(idp + `.querySelector('input[value=webex]').click()`)
	p.waitFor("the org field", idp+`.querySelector('#i-org')`, 5*time.Second)
	p.do(`setValue(` + idp + `.querySelector('#i-org'), ''); ` + idp + `.querySelector('button[type=submit]').click();`)
	p.waitFor("the refusal", idp+`.querySelector('.msg.error') && `+idp+`.querySelector('#i-org').getAttribute('aria-invalid') === 'true'`, 10*time.Second)
	p.do(idp + `.querySelector('input[value=off]').click(); ` + idp + `.querySelector('button[type=submit]').click();`)
	p.waitFor("saved", `/not checked/.test(`+idp+`.querySelector('.saved').textContent)`, 10*time.Second)

	// Layout snippets: the README's, for any server; filled in here, they work.
	sn := `pg('cdyx-console-snippets').shadowRoot`
	p.do(`navTo('layout')`)
	p.waitFor("the snippets", sn+`.querySelector('#snippet-page')`, 10*time.Second)
	if got := eval[string](p, sn+`.querySelector('#s-server').value`); got != srv.URL {
		t.Errorf("the server's address %q, want %q", got, srv.URL)
	}
	p.do(`setValue(` + sn + `.querySelector('#s-server'), 'https://velocity.customerdynamics.com')`)
	wantPage, wantPanel := readmeSnippets(t)
	p.waitFor("the README host", `/velocity.customerdynamics.com/.test(`+sn+`.querySelector('#snippet-page').textContent)`, 5*time.Second)
	if got := eval[string](p, sn+`.querySelector('#snippet-page').textContent`); got != wantPage {
		t.Errorf("the page snippet is not the README's:\n%s\nwant\n%s", got, wantPage)
	}
	if got := eval[string](p, sn+`.querySelector('#snippet-panel').textContent`); got != wantPanel {
		t.Errorf("the panel snippet is not the README's:\n%s\nwant\n%s", got, wantPanel)
	}
	p.do(`setValue(` + sn + `.querySelector('#s-server'), location.origin); setValue(` + sn + `.querySelector('#s-user'), 'layout-widgets');`)
	p.do(`[...` + sn + `.querySelectorAll('button')].find((b) => /new key/.test(b.textContent)).click()`)
	p.waitFor("the key filled in", sn+`.querySelector('#s-key').value !== ''`, 10*time.Second)
	p.do(`[...` + sn + `.querySelectorAll('button')].find((b) => /agent account/.test(b.textContent)).click()`)
	p.waitFor("the account filled in", sn+`.querySelector('#s-auth').value !== ''`, 10*time.Second)
	p.screenshot("layout")
	var layout struct {
		Page struct {
			Widgets map[string]struct {
				Script     string
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal([]byte(eval[string](p, sn+`.querySelector('#snippet-page').textContent`)), &layout); err != nil {
		t.Fatal(err)
	}
	wg := layout.Page.Widgets["cdyx-vel-callback"]
	if wg.Script != srv.URL+"/assets/callback.js" {
		t.Errorf("script %q", wg.Script)
	}
	raw, _ := base64.StdEncoding.DecodeString(fmt.Sprint(wg.Properties["velocityAuth"]))
	user, pass, _ := strings.Cut(string(raw), ":")
	req, _ = http.NewRequest("GET", srv.URL+"/api/v1/me", nil)
	req.Header.Set("X-Api-Key", fmt.Sprint(wg.Properties["velocityApiKey"]))
	req.SetBasicAuth(user, pass)
	var me struct{ Username, Role string }
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("the snippet's credentials: %v %v", res, err)
	} else {
		_ = json.NewDecoder(res.Body).Decode(&me)
		res.Body.Close()
	}
	if me.Username != "layout-widgets" || me.Role != "agent" {
		t.Errorf("the snippet's account: %+v", me)
	}

	// The audit trail shows the admin's changes.
	p.do(`navTo('audit')`)
	p.waitFor("the audit trail", `allInPg('cdyx-console-audit', 'tbody tr[data-kind]').length > 5`, 10*time.Second)
	kinds := eval[[]string](p, `allInPg('cdyx-console-audit', 'tbody tr[data-kind]').map((r) => r.dataset.kind)`)
	for _, k := range []string{"apiKey.revoke", "account.create"} {
		if !slicesContains(kinds, k) {
			t.Errorf("the audit page lacks %s: %v", k, kinds)
		}
	}
	p.screenshot("audit")
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// consolePages are the console's pages and what shows each has loaded.
var consolePages = []struct{ page, ready string }{
	{"callbacks", `inPg('cdyx-console-callbacks', 'tbody tr')`},
	{"dashboard", `inPg('cdyx-console-dashboard', '[data-figure] a.fig') && allInPg('cdyx-console-dashboard', 'cdyx-console-chart').every((c) => c.shadowRoot.querySelector('canvas'))`},
	{"policy", `inPg('cdyx-console-policy', 'tr[data-day="mon"]')`},
	{"do-not-call", `inPg('cdyx-console-do-not-call', '#dnc-phone') && inPg('cdyx-console-do-not-call', 'tbody tr, .empty')`},
	{"accounts", `inPg('cdyx-console-accounts', 'tr[data-username]')`},
	{"identity", `inPg('cdyx-console-identity', 'input[value=webex]')`},
	{"layout", `inPg('cdyx-console-snippets', '#snippet-page')`},
	{"audit", `inPg('cdyx-console-audit', 'tbody tr, .empty')`},
}

// axeCheck runs axe-core on the whole document (shadow roots included) and fails the
// test for serious or critical violations.
func axeCheck(t *testing.T, p *tab, state string) {
	t.Helper()
	vs := eval[[]axeViolation](p, `axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations)`)
	for _, v := range vs {
		msg := v.ID + " (" + v.Impact + "): " + v.Help
		for _, n := range v.Nodes {
			msg += fmt.Sprintf("\n    %v %s", n.Target, strings.TrimSpace(n.FailureSummary))
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: %s", state, msg)
		} else {
			t.Logf("%s (minor): %s", state, msg)
		}
	}
}

// setDark picks the console's light or dark theme with its toggle.
func setDark(p *tab, dark bool) {
	p.do(`const b = [...app().shadowRoot.querySelectorAll('header button')].find((x) => /Dark theme/.test(x.textContent));
	  if ((b.getAttribute('aria-pressed') === 'true') !== ` + fmt.Sprint(dark) + `) b.click();`)
	p.waitFor("the theme", fmt.Sprintf(`app().hasAttribute('dark') === %v`, dark), 5*time.Second)
}

// axe finds no serious or critical violation on any page of the console, in either
// theme, nor on the sign-in, nor with a callback's detail or a bulk change open; and a
// screenshot of each is saved (VELOCITY_SCREENSHOTS).
func TestConsoleAccessibility(t *testing.T) {
	axe := axeSource(t)
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openConsole("a11y", srv.URL)
	p.do(axe)
	for _, dark := range []bool{false, true} {
		theme := map[bool]string{false: "light", true: "dark"}[dark]
		p.do(`localStorage.setItem('velocity-console-theme', '` + theme + `'); app().theme = '` + theme + `'; app().dark = ` + fmt.Sprint(dark))
		p.waitFor("the sign-in form", `signInForm() && signInForm().querySelector('#password')`, 10*time.Second)
		axeCheck(t, p, "sign-in, "+theme)
		p.screenshot("sign-in-" + theme)
	}
	p.signIn("demo", adminUser, adminPass)
	p.waitFor("the shell", `app().shadowRoot.querySelector('nav')`, 10*time.Second)
	for _, dark := range []bool{false, true} {
		theme := map[bool]string{false: "light", true: "dark"}[dark]
		setDark(p, dark)
		for _, pg := range consolePages {
			p.do(`navTo('` + pg.page + `')`)
			p.waitFor(pg.page+" loaded", pg.ready, 15*time.Second)
			axeCheck(t, p, pg.page+", "+theme)
			p.screenshot(pg.page + "-" + theme)
		}
		// A callback's detail, then a bulk change, open.
		p.do(`navTo('callbacks')`)
		p.waitFor("the list", consolePages[0].ready, 10*time.Second)
		p.do(`allInPg('cdyx-console-callbacks', 'tbody tr')[0].click()`)
		p.waitFor("the detail's history", `inPg('cdyx-console-callbacks', 'cdyx-console-callback-detail') && inPg('cdyx-console-callbacks', 'cdyx-console-callback-detail').shadowRoot.querySelector('ol.history li')`, 10*time.Second)
		axeCheck(t, p, "detail, "+theme)
		p.screenshot("detail-" + theme)
		p.key("Escape")
		p.waitFor("the detail closed", `!inPg('cdyx-console-callbacks', 'cdyx-console-callback-detail')`, 5*time.Second)
		p.do(`allInPg('cdyx-console-callbacks', 'tbody tr input[type=checkbox]').slice(0, 2).forEach((c) => c.click())`)
		p.do(`[...inPg('cdyx-console-callbacks', '.bulkbar').querySelectorAll('button')].find((b) => /Reschedule/.test(b.textContent)).click()`)
		p.waitFor("the bulk form", `inPg('cdyx-console-callbacks', 'cdyx-console-bulk') && inPg('cdyx-console-callbacks', 'cdyx-console-bulk').shadowRoot.querySelector('#b-windowStart')`, 5*time.Second)
		axeCheck(t, p, "bulk, "+theme)
		p.screenshot("bulk-" + theme)
		p.key("Escape")
		p.waitFor("the bulk closed", `!inPg('cdyx-console-callbacks', 'cdyx-console-bulk')`, 5*time.Second)
		p.do(`[...inPg('cdyx-console-callbacks', '.bulkbar').querySelectorAll('button')].find((b) => /Clear selection/.test(b.textContent)).click()`)
	}
}

// A bulk reschedule moves the selected callbacks to a new window (given in the
// supervisor's time), and a shift moves each window by a number of hours; a dashboard
// link's filter (not in the form) shows as a chip that can be removed.
func TestConsoleBulkReschedule(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.signInAs("supervisor", srv.URL, supervisorUser, supervisorPass)
	rows := `allInPg('cdyx-console-callbacks', 'tbody tr')`
	bulk := `inPg('cdyx-console-callbacks', 'cdyx-console-bulk').shadowRoot`
	open := func(q, action string) {
		t.Helper()
		p.do(`navTo('callbacks', '` + q + `')`)
		p.waitFor("the list for "+q, `pg('cdyx-console-callbacks') && !pg('cdyx-console-callbacks').loading && `+rows+`.length > 0 && new URLSearchParams(location.hash.split('?')[1]).toString() === new URLSearchParams('`+q+`').toString()`, 10*time.Second)
		p.do(rows + `.forEach((r) => r.querySelector('input[type=checkbox]').click())`)
		p.do(`[...inPg('cdyx-console-callbacks', '.bulkbar').querySelectorAll('button')].find((b) => /` + action + `/.test(b.textContent)).click()`)
		p.waitFor("the bulk form", bulk+`.querySelector('form')`, 5*time.Second)
	}

	// Shift the team's callback and agent-2's by two hours.
	open("agent=agent-2&createdBy=demo", "Reschedule")
	if n := eval[int](p, rows+`.length`); n != 1 {
		t.Fatalf("%d rows for agent-2's callback", n)
	}
	p.do(bulk + `.querySelector('input[name=when][value=shift]').click()`)
	p.waitFor("the hours field", bulk+`.querySelector('#b-hours')`, 5*time.Second)
	p.do(`setValue(` + bulk + `.querySelector('#b-hours'), '2'); ` + bulk + `.querySelector('button[type=submit]').click();`)
	p.waitFor("the result", bulk+`.querySelector('#result') && /1 of 1 changed/.test(`+bulk+`.querySelector('#result').textContent)`, 10*time.Second)
	var c callback
	read(t, srv.URL, "/callbacks/"+srv.Agent2.ID, &c)
	before, _ := time.Parse(time.RFC3339Nano, srv.Agent2.WindowStart)
	after, _ := time.Parse(time.RFC3339Nano, c.WindowStart)
	if d := after.Sub(before); d < 119*time.Minute || d > 121*time.Minute {
		t.Errorf("shifted by %v (%s to %s)", d, srv.Agent2.WindowStart, c.WindowStart)
	}
	p.key("Escape")

	// Reschedule agent-1's to a window an hour from now, typed in the browser's time.
	open("agent=agent-1&createdBy=demo", "Reschedule")
	start := eval[string](p, `(() => { const d = new Date(Date.now() + 3600e3); d.setSeconds(0, 0); const z = (n) => String(n).padStart(2, '0'); return d.getFullYear() + '-' + z(d.getMonth() + 1) + '-' + z(d.getDate()) + 'T' + z(d.getHours()) + ':' + z(d.getMinutes()); })()`)
	want := eval[string](p, `new Date('`+start+`').toISOString()`)
	p.do(`setValue(` + bulk + `.querySelector('#b-windowStart'), '` + start + `'); ` + bulk + `.querySelector('button[type=submit]').click();`)
	p.waitFor("the result", bulk+`.querySelector('#result') && /1 of 1 changed/.test(`+bulk+`.querySelector('#result').textContent)`, 10*time.Second)
	read(t, srv.URL, "/callbacks/"+srv.Agent1.ID, &c)
	if !sameInstant(t, c.WindowStart, want) {
		t.Errorf("rescheduled to %s, want %s", c.WindowStart, want)
	}
	p.key("Escape")

	// A filter the form does not edit is a chip; removing it widens the list.
	p.do(`navTo('callbacks', 'createdBy=demo&claimedBy=agent-9')`)
	p.waitFor("the chip", `inPg('cdyx-console-callbacks', '.chip') && /Being dialed by: agent-9/.test(inPg('cdyx-console-callbacks', '.chip').textContent) && !pg('cdyx-console-callbacks').loading && `+rows+`.length === 0`, 10*time.Second)
	p.do(`inPg('cdyx-console-callbacks', '.chip button').click()`)
	p.waitFor("the wider list", `!inPg('cdyx-console-callbacks', '.chip') && `+rows+`.length === 3 && location.hash === '#/callbacks?createdBy=demo'`, 10*time.Second)
}
