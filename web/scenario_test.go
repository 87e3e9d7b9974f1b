package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Agent A, on a simulated call, schedules a team callback from the panel; agent B's page
// shows it without a reload; B dials it (one outdial with B's entry point and the E.164
// number) and records "no answer" with a retry time; the callback then shows one attempt
// and the retry time.
func TestScheduleDialAndRecordOutcome(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	a := br.openSimulator("agentA", srv.URL, "agent=agent-1&team=team-1&tab=Callback")
	b := br.openSimulator("agentB", srv.URL, "agent=agent-2&team=team-1&page=velocity-callback")
	b.waitFor("B's list to load and go live", `list() && list().shadowRoot.querySelectorAll('li[data-callback-id]').length > 0 && list().shadowRoot.querySelector('.live[data-state="live"]')`, 15*time.Second)

	const interaction = "9b2f3c1e-6a4d-4f7e-8a1b-2c3d4e5f6a7b"
	a.do(`velocitySimulator.startCall({ani: '(415) 555-0199', customerName: 'Ada Lovelace', interactionId: '` + interaction + `'})`)
	a.waitFor("the panel to fill in the caller", `form() && $deep('#phone', form()).value === '(415) 555-0199' && $deep('#name', form()).value === 'Ada Lovelace'`, 10*time.Second)
	a.do(`setValue($deep('#notes', form()), 'Wants to hear about the refund.'); setValue($deep('#zone', form()), '` + srv.Zone + `', 'change');`)
	a.screenshot("panel-prefilled")
	a.do(`$deep('button[type=submit]', form()).click()`)
	a.waitFor("the panel to confirm", `$deep('.created', form())`, 10*time.Second)

	const phone = "+14155550199"
	b.waitFor("the new callback on B's page", `row('`+phone+`')`, 5*time.Second)
	if g := eval[string](b, `row('`+phone+`').dataset.group`); g != "due" {
		t.Errorf("new callback is in group %q, want due", g)
	}
	if txt := eval[string](b, `row('`+phone+`').textContent`); !strings.Contains(txt, "Ada Lovelace") || !strings.Contains(txt, "Wants to hear about the refund.") || !strings.Contains(txt, "Team") {
		t.Errorf("row text: %s", short(txt))
	}
	cb := findByPhone(t, srv.URL, "team-1", "agent-2", phone)
	if cb.SourceInteractionID != interaction || cb.AgentID != nil || cb.CustomerName != "Ada Lovelace" {
		t.Errorf("created callback: %+v", cb)
	}

	b.do(`row('` + phone + `').querySelector('button.dial').click()`)
	b.waitFor("the outdial", `velocitySimulator.outdials.length === 1`, 10*time.Second)
	b.waitFor("the outcome form", `row('`+phone+`').querySelector('cdyx-vel-outcome')`, 5*time.Second)
	type outdial struct {
		Data struct {
			EntryPointID string            `json:"entryPointId"`
			Destination  string            `json:"destination"`
			Direction    string            `json:"direction"`
			MediaType    string            `json:"mediaType"`
			OutboundType string            `json:"outboundType"`
			Attributes   map[string]string `json:"attributes"`
		} `json:"data"`
	}
	ods := eval[[]outdial](b, `velocitySimulator.outdials`)
	ep := eval[string](b, `velocitySimulator.store.get('agent.outDialEp')`)
	if len(ods) != 1 {
		t.Fatalf("outdials: %+v", ods)
	}
	d := ods[0].Data
	if d.EntryPointID != ep || d.Destination != phone || d.Direction != "OUTBOUND" || d.MediaType != "telephony" || d.OutboundType != "OUTDIAL" || d.Attributes == nil {
		t.Errorf("outdial %+v, want entry point %s and destination %s", d, ep, phone)
	}
	if n := eval[int](a, `velocitySimulator.outdials.length`); n != 0 {
		t.Errorf("agent A's simulator recorded %d outdials", n)
	}
	if cb := findByPhone(t, srv.URL, "team-1", "agent-2", phone); cb.Status != "claimed" || cb.ClaimedBy == nil || *cb.ClaimedBy != "agent-2" {
		t.Errorf("after dial: %+v", cb)
	}

	b.do(`
	  const o = row('` + phone + `').querySelector('cdyx-vel-outcome');
	  o.shadowRoot.querySelector('input[value=no_answer]').click();
	`)
	b.waitFor("the retry picker", `row('`+phone+`').querySelector('cdyx-vel-outcome').shadowRoot.querySelector('cdyx-vel-when')`, 5*time.Second)
	retryAt := eval[string](b, `(async () => {
	  const o = row('`+phone+`').querySelector('cdyx-vel-outcome');
	  const w = o.shadowRoot.querySelector('cdyx-vel-when');
	  [...w.shadowRoot.querySelectorAll('button')].find((x) => x.textContent.trim() === 'In 2 hours').click();
	  await o.updateComplete;
	  return o.retryAt.toISOString();
	})()`)
	b.screenshot("outcome")
	b.do(`row('` + phone + `').querySelector('cdyx-vel-outcome').shadowRoot.querySelector('button[type=submit]').click()`)
	b.waitFor("one attempt on the row", `row('`+phone+`') && row('`+phone+`').dataset.attempts === '1' && !row('`+phone+`').querySelector('cdyx-vel-outcome')`, 10*time.Second)
	shown := eval[string](b, `row('`+phone+`').querySelector('.window').dataset.start`)
	if !sameInstant(t, shown, retryAt) {
		t.Errorf("row shows window start %s, want the retry time %s", shown, retryAt)
	}
	if txt := eval[string](b, `row('`+phone+`').textContent`); !strings.Contains(txt, "1 attempt of 3") || !strings.Contains(txt, "last: No answer") || !strings.Contains(txt, "Retry") {
		t.Errorf("row text after the attempt: %s", short(txt))
	}
	if g := eval[string](b, `row('`+phone+`').dataset.group`); g != "upcoming" {
		t.Errorf("group after retry %q, want upcoming", g)
	}
	cb = findByPhone(t, srv.URL, "team-1", "agent-2", phone)
	if cb.Attempts != 1 || cb.LastOutcome == nil || *cb.LastOutcome != "no_answer" || cb.Status != "scheduled" || !sameInstant(t, cb.WindowStart, retryAt) {
		t.Errorf("after no answer: %+v (retry %s)", cb, retryAt)
	}
	if n := eval[int](b, `velocitySimulator.outdials.length`); n != 1 {
		t.Errorf("%d outdials, want 1", n)
	}
	b.screenshot("after")
}

// Two agents pressing Dial on the same team callback at once start exactly one outdial;
// the other is told and dials nothing.
func TestConcurrentDialStartsOneOutdial(t *testing.T) {
	srv := newFixture(t)
	const phone = "+13125550187"
	var cb callback
	if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phone, "customerName": "Grace Hopper", "timezone": srv.Zone}, &cb); st != 201 {
		t.Fatalf("create: %d", st)
	}
	br := newBrowser(t)
	a := br.openSimulator("agentA", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	b := br.openSimulator("agentB", srv.URL, "agent=agent-2&team=team-1&page=velocity-callback")
	for _, tb := range []*tab{a, b} {
		tb.waitFor("the callback", `row('`+phone+`')`, 15*time.Second)
	}
	var wg sync.WaitGroup
	for _, tb := range []*tab{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](helpers+`row('`+phone+`').querySelector('button.dial').click()`))
		}()
	}
	wg.Wait()
	for _, tb := range []*tab{a, b} {
		tb.waitFor("the dial to settle", `velocitySimulator.outdials.length === 1 || (row('`+phone+`') && (row('`+phone+`').querySelector('.notice') || /Held by/.test(row('`+phone+`').textContent)))`, 10*time.Second)
	}
	time.Sleep(500 * time.Millisecond)
	na := eval[int](a, `velocitySimulator.outdials.length`)
	nb := eval[int](b, `velocitySimulator.outdials.length`)
	if na+nb != 1 {
		t.Fatalf("outdials: A %d, B %d; want exactly one in all", na, nb)
	}
	loser := a
	if na == 1 {
		loser = b
	}
	// The loser is told, or (when the winner's claim reached its page before its click) its
	// Dial was already off with the holder named.
	loser.waitFor("the lost-claim notice", `row('`+phone+`') && (row('`+phone+`').querySelector('.notice') ? /already took this callback\. Nothing was dialed\./.test(row('`+phone+`').querySelector('.notice').textContent) : row('`+phone+`').querySelector('button.dial').disabled && /Held by agent-/.test(row('`+phone+`').textContent))`, 5*time.Second)
}

// Dark mode follows $STORE.app.darkMode, live, on both widgets.
func TestDarkModeFollowsStore(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback")
	p.waitFor("the list", `list() && list().shadowRoot.querySelector('li')`, 15*time.Second)
	bg := `getComputedStyle(%s).backgroundColor`
	check := func(dark bool) {
		t.Helper()
		want, color := "false", "rgb(255, 255, 255)"
		if dark {
			want, color = "true", "rgb(18, 18, 18)"
		}
		for _, w := range []string{"pageWidget()", "panelWidget()"} {
			p.waitFor(w+" dark="+want, w+`.getAttribute('dark') === '`+want+`' && `+fmt.Sprintf(bg, w)+` === '`+color+`'`, 5*time.Second)
		}
		if got := eval[string](p, fmt.Sprintf(bg, `list().shadowRoot.querySelector('li')`)); got != color {
			t.Errorf("row background %s, want %s", got, color)
		}
	}
	check(false)
	p.do(`velocitySimulator.setDarkMode(true)`)
	check(true)
	p.screenshot("dark")
	p.do(`velocitySimulator.setDarkMode(false)`)
	check(false)

	// Switching agent in the simulator pushes the new agent to the widgets: the list reloads.
	p.waitFor("agent-1's list", `row('`+srv.A1Phone+`') && !row('`+srv.A2Phone+`')`, 5*time.Second)
	p.do(`velocitySimulator.setAgent({agentId: 'agent-2', teamId: 'team-1', agentName: 'Blair Chen'})`)
	p.waitFor("agent-2's list", `row('`+srv.A2Phone+`') && !row('`+srv.A1Phone+`') && row('`+srv.TeamPhone+`') && pageWidget().outdialEp === velocitySimulator.store.get('agent.outDialEp')`, 10*time.Second)

	d := br.openSimulator("dark", srv.URL, "agent=agent-1&team=team-1&dark=true&page=velocity-callback")
	d.waitFor("dark from the query string", `pageWidget().getAttribute('dark') === 'true'`, 5*time.Second)
}

// Bad input in the panel shows the API's own error beside the field.
func TestPanelShowsAPIErrorAtField(t *testing.T) {
	srv := startServer(t)
	var problem struct {
		Code   string
		Fields []struct{ Field, Code, Message string }
	}
	if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": "12"}, &problem); st != 422 || len(problem.Fields) == 0 {
		t.Fatalf("API: %d %+v", st, problem)
	}
	want := problem.Fields[0].Message

	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&tab=Callback")
	p.waitFor("the empty form", `form() && $deep('#phone', form()) && $deep('#phone', form()).value === '' && /No active call/.test(form().shadowRoot.textContent)`, 10*time.Second)
	p.do(`setValue($deep('#phone', form()), '12'); setValue($deep('#name', form()), 'Typo Customer');`)
	p.do(`$deep('button[type=submit]', form()).click()`)
	p.waitFor("the phone error", `$deep('#phone-err', form()).textContent.trim() !== ''`, 10*time.Second)
	got := eval[string](p, `$deep('#phone-err', form()).textContent.trim()`)
	if !strings.Contains(got, want) {
		t.Errorf("phone error %q does not show the API's %q", got, want)
	}
	if inv := eval[string](p, `$deep('#phone', form()).getAttribute('aria-invalid')`); inv != "true" {
		t.Errorf("aria-invalid %q", inv)
	}
	if focused := eval[string](p, `form().shadowRoot.activeElement ? form().shadowRoot.activeElement.id : ''`); focused != "phone" {
		t.Errorf("focus on %q, want the phone field", focused)
	}
	if other := eval[string](p, `$deep('#name-err', form()).textContent.trim()`); other != "" {
		t.Errorf("name error %q", other)
	}
	p.screenshot("error")

	// A window that already ended is the API's error too, shown at the time picker.
	p.do(`setValue($deep('#phone', form()), '+1 415 555 0123')`)
	p.do(`const w = $deep('cdyx-vel-when', form()); const i = w.shadowRoot.querySelector('input'); i.value = '2020-01-01T10:00'; i.dispatchEvent(new Event('change'));`)
	p.do(`$deep('button[type=submit]', form()).click()`)
	p.waitFor("the time error", `(() => { const w = $deep('cdyx-vel-when', form()); return w && w.error && w.shadowRoot.querySelector('.field-error').textContent.trim() !== ''; })()`, 10*time.Second)
}

// The page works when the Desktop sets the properties after attaching the element, one
// by one, and shows a clear message (not a blank area) while settings are missing or wrong.
func TestPropertiesAfterAttach(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	late := br.openSimulator("late", srv.URL, "agent=agent-2&team=team-1&page=velocity-callback&late=400")
	late.waitFor("the list after late properties", `list() && list().shadowRoot.querySelector('li[data-callback-id]')`, 15*time.Second)

	p := br.tab("manual", srv.URL+"/simulator?agent=agent-1&team=team-1")
	p.waitFor("the widget script", `customElements.get('cdyx-vel-callback')`, 15*time.Second)
	text := `el.shadowRoot.textContent.replace(/\s+/g, ' ')`
	p.do(`window.el = document.createElement('cdyx-vel-callback'); document.body.appendChild(el);`)
	p.waitFor("the mode message", text+`.includes('"callback": true')`, 5*time.Second)
	p.do(`el.callback = true`)
	p.waitFor("the credentials message", text+`.includes('velocityApiKey') && `+text+`.includes('velocityAuth')`, 5*time.Second)
	p.do(`el.velocityApiKey = 'velocity-demo-key'; el.velocityAuth = 'not base64!'`)
	p.waitFor("the bad velocityAuth message", text+`.includes('not valid Base64')`, 5*time.Second)
	p.do(`el.velocityAuth = btoa('demo:wrong-password')`)
	p.waitFor("the agent message", text+`.includes('agentId')`, 5*time.Second)
	p.do(`el.agentId = 'agent-1'; el.teamId = 'team-1';`)
	p.waitFor("the rejected-credentials message", `$deep('.msg.error', el) && /rejected/.test($deep('.msg.error', el).textContent)`, 10*time.Second)
	p.do(`el.velocityAuth = btoa('demo:demo-password')`)
	p.waitFor("the list", `$deep('li[data-callback-id]', el)`, 10*time.Second)
	p.do(`el.outdialEp = velocitySimulator.store.get('agent.outDialEp'); el.setAttribute('dark', 'true');`)
	p.waitFor("dark", `getComputedStyle(el).backgroundColor === 'rgb(18, 18, 18)'`, 5*time.Second)
	// A new agent reloads: agent-2 sees its own personal callback, agent-1's goes away.
	before := eval[int](p, `$$deep('li[data-callback-id]', el).length`)
	p.do(`el.agentId = 'agent-2'`)
	p.waitFor("agent-2's list", `$$deep('li[data-callback-id]', el).some((li) => /Bo Two/.test(li.textContent)) && !$$deep('li[data-callback-id]', el).some((li) => /Alma One/.test(li.textContent))`, 10*time.Second)
	if before == 0 {
		t.Error("no rows before the agent change")
	}
}

// The simulator mounts Cisco's sample layout (area under "agent"): other widgets become
// placeholders and ours still runs.
func TestSimulatorWithCiscoLayout(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.tab("cisco", srv.URL+"/simulator?agent=agent-1&team=team-1&page=velocity-callback&layout=/simulator/layouts/cisco-demo.json")
	p.waitFor("our widget's list", `list() && list().shadowRoot.querySelector('li[data-callback-id]')`, 20*time.Second)
	p.waitFor("a placeholder for the Desktop's own slot", `velocitySimulator.placeholders.some((x) => x.comp === 'slot CONTACT_HISTORY')`, 5*time.Second)
	p.waitFor("placeholders for widgets whose scripts cannot load", `['rss-feed-widget', 'map-widget', 'covid-by-location'].every((c) => velocitySimulator.placeholders.some((x) => x.comp === c))`, 20*time.Second)
	p.screenshot("cisco")
	if !eval[bool](p, `velocitySimulator.selectTab('Callback') && !!panelWidget()`) {
		t.Error("no Callback tab")
	}
}

// When the Desktop fails to dial, the agent is told why and the claim is released: the
// SDK's rejection (an error with an empty message, the reason in details.data.reason) and
// eOutdialFailed naming this dial's interaction; an eOutdialFailed for another interaction
// is not ours. Keyboard: Enter on the focused Dial button dials.
func TestOutdialFailureReleasesClaim(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	phone := srv.TeamPhone
	p.waitFor("the callback", `row('`+phone+`')`, 15*time.Second)
	for _, c := range []struct{ mode, reason string }{{"reject", "the destination is not reachable"}, {"event", "the customer number is invalid"}} {
		p.do(`velocitySimulator.failOutdials = '` + c.mode + `'; row('` + phone + `').querySelector('button.dial').focus();`)
		if err := chromedp.Do(p.ctx, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		p.waitFor("the failure notice with the reason ("+c.mode+")", `row('`+phone+`').querySelector('.notice.error') && /could not dial: Simulated: `+c.reason+`/.test(row('`+phone+`').querySelector('.notice').textContent)`, 10*time.Second)
		p.waitFor("the release ("+c.mode+")", `!/You are calling/.test(row('`+phone+`').textContent) && !row('`+phone+`').querySelector('cdyx-vel-outcome')`, 5*time.Second)
		if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.Status != "scheduled" || cb.ClaimedBy != nil {
			t.Errorf("%s: after a failed outdial: %+v", c.mode, cb)
		}
	}
	if n := eval[int](p, `velocitySimulator.outdials.length`); n != 2 {
		t.Errorf("%d outdial requests, want 2", n)
	}
	// Another interaction's failure is not this dial's: the call goes on.
	p.do(`velocitySimulator.failOutdials = 'event-other'; row('` + phone + `').querySelector('button.dial').focus();`)
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	p.waitFor("the outcome form with focus", `row('`+phone+`').querySelector('cdyx-vel-outcome') && list().shadowRoot.activeElement && list().shadowRoot.activeElement.tagName === 'CDYX-VEL-OUTCOME'`, 10*time.Second)
	time.Sleep(700 * time.Millisecond) // the other interaction's eOutdialFailed comes 100 ms after the call
	if txt := eval[string](p, `row('`+phone+`').textContent`); strings.Contains(txt, "could not dial") || !strings.Contains(txt, "Calling "+phone) {
		t.Errorf("another interaction's failure changed this dial: %s", short(txt))
	}
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.Status != "claimed" {
		t.Errorf("after another interaction's failure: %+v", cb)
	}
}

// A dropped event stream reconnects with a new token and reloads the list, so a callback
// created while it was down still appears.
func TestLiveStreamReconnects(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	p.waitFor("live", `list() && list().shadowRoot.querySelector('.live[data-state="live"]')`, 15*time.Second)
	p.do(`window.__states = []; new MutationObserver(() => __states.push(list().live)).observe(list().shadowRoot, { subtree: true, attributes: true, attributeFilter: ['data-state'] });`)
	srv.conns.cut()                           // as a network failure would
	http.DefaultClient.CloseIdleConnections() // ours were cut too
	const phone = "+16175550163"
	if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phone, "customerName": "While Offline", "timezone": srv.Zone}, nil); st != 201 {
		t.Fatalf("create: %d", st)
	}
	p.waitFor("the callback after reconnecting", `row('`+phone+`') && list().live === 'live'`, 15*time.Second)
	if states := eval[[]string](p, `__states`); len(states) == 0 || !slices.Contains(states, "retrying") {
		t.Errorf("live states while reconnecting: %v", states)
	}
}

// Reschedule, assign to me, give back to the team and cancel with a reason, from a row's
// Change panel.
func TestChangeCallback(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	phone := srv.TeamPhone
	p.waitFor("the callback", `row('`+phone+`')`, 15*time.Second)
	// The text filter.
	filter := `list().shadowRoot.querySelector('#filter')`
	p.do(`setValue(` + filter + `, 'tess')`)
	p.waitFor("only the matching row", `list().shadowRoot.querySelectorAll('li').length === 1 && row('`+phone+`')`, 5*time.Second)
	p.do(`setValue(` + filter + `, 'no such customer')`)
	p.waitFor("the no-match message", `list().shadowRoot.querySelectorAll('li').length === 0 && /No callback matches/.test(list().shadowRoot.textContent)`, 5*time.Second)
	p.do(`setValue(` + filter + `, '')`)
	editor := `row('` + phone + `').querySelector('cdyx-vel-editor')`
	open := func() {
		t.Helper()
		p.do(`if (!` + editor + `) row('` + phone + `').querySelector('button.more').click()`)
		p.waitFor("the editor", editor, 5*time.Second)
	}
	button := func(label string) string {
		return `[...` + editor + `.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === '` + label + `').click()`
	}

	open()
	p.waitFor("the history", editor+`.shadowRoot.querySelector('.history li') && /created/.test(`+editor+`.shadowRoot.querySelector('.history').textContent)`, 10*time.Second)
	p.do(`const w = ` + editor + `.shadowRoot.querySelector('cdyx-vel-when'); [...w.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Tomorrow morning').click();`)
	want := eval[string](p, `(async () => { await `+editor+`.updateComplete; return `+editor+`.when.toISOString(); })()`)
	p.do(button("Reschedule"))
	p.waitFor("the new window, editor closed", `Date.parse(row('`+phone+`').querySelector('.window').dataset.start) === Date.parse('`+want+`') && !`+editor, 10*time.Second)
	if g := eval[string](p, `row('`+phone+`').dataset.group`); g != "upcoming" {
		t.Errorf("group after rescheduling to tomorrow: %s", g)
	}

	open()
	p.do(button("Assign to me"))
	p.waitFor("mine, editor closed", `/Mine/.test(row('`+phone+`').querySelector('.badge').textContent) && !`+editor, 10*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.AgentID == nil || *cb.AgentID != "agent-1" {
		t.Errorf("after assign to me: %+v", cb)
	}
	open()
	p.do(button("Give to my team"))
	p.waitFor("team, editor closed", `/Team/.test(row('`+phone+`').querySelector('.badge').textContent) && !`+editor, 10*time.Second)

	open()
	p.do(`setValue(` + editor + `.shadowRoot.querySelector('input:not([type])'), 'Customer called in')`)
	p.do(button("Cancel callback"))
	p.waitFor("the row to go", `!row('`+phone+`')`, 10*time.Second)
	var h struct {
		Items []struct {
			Type string         `json:"type"`
			Data map[string]any `json:"data"`
		}
	}
	cb := struct{ ID string }{}
	var list struct{ Items []callback }
	api(t, srv.URL, "GET", "/callbacks?status=cancelled&teamId=team-1&agentId=agent-1", nil, &list)
	for _, c := range list.Items {
		if c.PhoneNumber == phone {
			cb.ID = c.ID
		}
	}
	if cb.ID == "" {
		t.Fatal("the cancelled callback is not listed as cancelled")
	}
	read(t, srv.URL, "/callbacks/"+cb.ID+"/history", &h)
	last := h.Items[len(h.Items)-1]
	if last.Type != "cancelled" || !strings.Contains(fmt.Sprint(last.Data), "Customer called in") {
		t.Errorf("last event %+v", last)
	}
}

// Without demo data the default layout has no credentials: the simulator asks for them
// and passes them to both widgets, which report credentials the server rejects.
func TestSimulatorAsksForCredentials(t *testing.T) {
	srv := startServerWith(t, false)
	br := newBrowser(t)
	p := br.tab("nodemo", srv.URL+"/simulator?agent=agent-1&team=team-1&page=velocity-callback")
	p.waitFor("the credentials form", `!document.querySelector('#sim-creds').hidden && document.activeElement && document.activeElement.id === 'sim-cred-key'`, 10*time.Second)
	if n := eval[int](p, `velocitySimulator.widgets.length`); n != 0 {
		t.Fatalf("%d widgets mounted before the credentials were given", n)
	}
	p.do(`
	  document.querySelector('#sim-cred-key').value = 'some-key';
	  document.querySelector('#sim-cred-user').value = 'someone';
	  document.querySelector('#sim-cred-pass').value = 'secret';
	  document.querySelector('#sim-creds button[type=submit]').click();
	`)
	p.waitFor("both widgets", `velocitySimulator.widgets.length === 2 && document.querySelector('#sim-creds').hidden`, 10*time.Second)
	got := eval[[]string](p, `velocitySimulator.widgets.map((w) => w.velocityApiKey + ' ' + atob(w.velocityAuth))`)
	if len(got) != 2 || got[0] != "some-key someone:secret" || got[1] != got[0] {
		t.Errorf("widget credentials %q", got)
	}
	p.waitFor("the rejected-credentials message", `$deep('.msg.error', pageWidget()) && /rejected/.test($deep('.msg.error', pageWidget()).textContent)`, 10*time.Second)
}

// Outside the Desktop (a page of another origin, no AGENTX_SERVICE), the same script
// finds the Velocity server from its own URL, loads twice without harm, lists callbacks
// live over CORS, explains that dialing needs the Desktop instead of dialing, never loads
// the Desktop SDK, and reminds the agent with the browser's notifications.
func TestWidgetOnAnotherOrigin(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><html lang="en"><head><title>Some other desktop</title></head><body><main></main></body></html>`))
	}))
	defer other.Close()
	srv := newFixture(t, other.URL)
	br := newBrowser(t)
	p := br.tabWith("other", other.URL+"/", notificationStub)
	load := `new Promise((resolve, reject) => { const s = document.createElement('script'); s.src = '` + srv.URL + `/assets/callback.js'; s.onload = resolve; s.onerror = reject; document.head.appendChild(s); })`
	p.do(`window.__errors = []; window.addEventListener('error', (e) => __errors.push(String(e.message)));`)
	p.do(`await ` + load + `; await ` + load + `;`)
	p.do(`
	  for (const mode of ['callback', 'callbackCreate']) {
	    const el = document.createElement('cdyx-vel-callback');
	    el.id = mode;
	    Object.assign(el, { velocityApiKey: 'velocity-demo-key', velocityAuth: btoa('demo:demo-password'), agentId: 'agent-1', teamId: 'team-1', outdialEp: '7f2d7c5e-1b1a-4c8e-9d7e-0a1b2c3d4e01', [mode]: true });
	    document.querySelector('main').appendChild(el);
	  }
	`)
	pageEl := `document.getElementById('callback')`
	rowJS := `$deep('li[data-phone="` + srv.TeamPhone + `"]', ` + pageEl + `)`
	p.waitFor("the list from the script's server", rowJS+` && $deep('.live[data-state="live"]', `+pageEl+`)`, 15*time.Second)
	p.waitFor("the empty panel", `/No active call/.test($deep('cdyx-vel-callback-form', document.getElementById('callbackCreate')).shadowRoot.textContent)`, 5*time.Second)
	p.waitFor("Dial off, with the reason", rowJS+`.querySelector('button.dial').disabled && /only inside the Webex Contact Center Desktop/.test(`+rowJS+`.querySelector('.callable').textContent)`, 5*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", srv.TeamPhone); cb.Status != "scheduled" {
		t.Errorf("the callback was claimed: %+v", cb)
	}
	const phone = "+13125550177"
	if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phone, "timezone": srv.Zone}, nil); st != 201 {
		t.Fatalf("create: %d", st)
	}
	p.waitFor("the live update", `$deep('li[data-phone="`+phone+`"]', `+pageEl+`)`, 5*time.Second)
	// Its window opened at once: its due reminder comes before reminders are turned on
	// below, so that the one notification there is the next callback's.
	p.waitFor("the due reminder", `/Just due/.test($deep('li[data-phone="`+phone+`"]', `+pageEl+`).textContent)`, 10*time.Second)
	if errs := eval[[]string](p, `__errors`); len(errs) != 0 {
		t.Errorf("page errors: %q", errs)
	}
	if eval[bool](p, `performance.getEntriesByType('resource').some((e) => /desktop-sdk/.test(e.name))`) {
		t.Error("the Desktop SDK was loaded outside the Desktop")
	}

	// Outside the Desktop, reminders fall back to the browser's notifications, once the
	// agent allowed them.
	p.do(`$deep('#notify-on', ` + pageEl + `).click()`)
	p.waitFor("reminders on", `Notification.permission === 'granted' && !$deep('#notify-on', `+pageEl+`)`, 5*time.Second)
	start := time.Now().Add(2 * time.Second)
	if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": "team-1", "agentId": "agent-1", "phoneNumber": "+13125550178", "customerName": "Nora Notified", "timezone": srv.Zone,
		"windowStart": start.UTC().Format(time.RFC3339Nano), "windowEnd": start.Add(time.Hour).UTC().Format(time.RFC3339Nano)}, nil); st != 201 {
		t.Fatalf("create: %d", st)
	}
	p.waitFor("the browser notification", `__notes.length === 1 && /Nora Notified/.test(__notes[0].title)`, 10*time.Second)
}
