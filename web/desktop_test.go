package web_test

// The widgets against the simulator in its realistic mode: the behaviours of the real
// Desktop its SDK and Cisco's own widgets show (outbound tasks, wrap-up, SDK rejections,
// timeouts, gating, masking, selected tasks, themes, pages that are dropped).

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// outdialPayload is the part of a startOutdial payload the tests read.
type outdialPayload struct {
	Data struct {
		EntryPointID string  `json:"entryPointId"`
		Destination  string  `json:"destination"`
		Origin       *string `json:"origin"`
	} `json:"data"`
}

// createCallback makes a callback in a zone where it is daytime and returns it.
func createCallback(t testing.TB, base string, body map[string]any) callback {
	t.Helper()
	if _, ok := body["timezone"]; !ok {
		body["timezone"] = daytimeZone(t)
	}
	var cb callback
	if st := api(t, base, "POST", "/callbacks", body, &cb); st != 201 {
		t.Fatalf("create %v: %d", body["phoneNumber"], st)
	}
	return cb
}

// Point 1 and 5: during an outbound call the panel prefills the customer (the dnis), not
// the contact center's own caller id (the ani); the outdial carries the agent's chosen
// caller id as origin (or a number the layout gives), and none when there is none.
func TestOutboundCallPrefillsCustomerAndCallerID(t *testing.T) {
	srv := newFixture(t)
	extra := createCallback(t, srv.URL, map[string]any{"teamId": "team-1", "phoneNumber": "+13125550104", "customerName": "Cleo Three"})
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback")
	p.waitFor("the rows", `row('`+srv.TeamPhone+`') && row('`+srv.A1Phone+`') && row('`+extra.PhoneNumber+`')`, 15*time.Second)

	dialAndWait := func(phone string, n int) {
		t.Helper()
		p.waitFor("Dial on for "+phone, `!row('`+phone+`').querySelector('button.dial').disabled`, 5*time.Second)
		p.do(`row('` + phone + `').querySelector('button.dial').click()`)
		p.waitFor("the outdial and its task", `velocitySimulator.outdials.length === `+strconv.Itoa(n)+` && velocitySimulator.activeCall && row('`+phone+`').querySelector('cdyx-vel-outcome')`, 10*time.Second)
	}

	// The agent chose the callbacks line as caller id in the Desktop.
	p.do(`velocitySimulator.setOutdialAni({id: '+18005550155', name: 'Callbacks line'})`)
	dialAndWait(srv.TeamPhone, 1)
	type task struct {
		Direction struct{ Type string }      `json:"contactDirection"`
		CAD       struct{ Ani, Dnis string } `json:"callAssociatedDetails"`
	}
	tk := eval[task](p, `velocitySimulator.activeCall`)
	if tk.Direction.Type != "OUTBOUND" || tk.CAD.Ani != "+18005550155" || tk.CAD.Dnis != srv.TeamPhone {
		t.Errorf("the simulator's outbound task: %+v (want ani = the caller id, dnis = the customer)", tk)
	}
	p.waitFor("the panel prefilled with the customer", `$deep('#phone', form()).value === '`+srv.TeamPhone+`' && $deep('#name', form()).value === 'Tess Team'`, 5*time.Second)
	if txt := eval[string](p, `form().shadowRoot.textContent`); strings.Contains(txt, "+18005550155") {
		t.Errorf("the panel shows our own caller id: %s", short(txt))
	}
	ods := eval[[]outdialPayload](p, `velocitySimulator.outdials`)
	if o := ods[0].Data.Origin; o == nil || *o != "+18005550155" {
		t.Errorf("origin %v, want the chosen caller id", o)
	}

	// No caller id chosen: no origin (the Desktop's default).
	p.do(`velocitySimulator.wrapUp(); velocitySimulator.setOutdialAni(null)`)
	dialAndWait(srv.A1Phone, 2)
	p.waitFor("the panel prefilled with the second customer", `$deep('#phone', form()).value === '`+srv.A1Phone+`'`, 5*time.Second)
	if o := eval[[]outdialPayload](p, `velocitySimulator.outdials`)[1].Data.Origin; o != nil {
		t.Errorf("origin %q without a chosen caller id", *o)
	}

	// An administrator's fixed number; a task that carries its numbers only in
	// callProcessingDetails (the panel falls back to its dnis).
	p.do(`velocitySimulator.wrapUp(); pageWidget().outdialAni = '+1 800 555 0199'; velocitySimulator.numbersIn = 'callProcessingDetails'`)
	dialAndWait(extra.PhoneNumber, 3)
	if o := eval[[]outdialPayload](p, `velocitySimulator.outdials`)[2].Data.Origin; o == nil || *o != "+1 800 555 0199" {
		t.Errorf("origin %v, want the layout's number", o)
	}
	type details struct {
		CAD map[string]any             `json:"callAssociatedDetails"`
		CPD struct{ Ani, Dnis string } `json:"callProcessingDetails"`
	}
	if tk := eval[details](p, `velocitySimulator.activeCall`); tk.CAD["dnis"] != nil || tk.CAD["ani"] != nil || tk.CPD.Dnis != extra.PhoneNumber || tk.CPD.Ani != "+1 800 555 0199" {
		t.Errorf("the task's details: %+v (want the numbers in callProcessingDetails only)", tk)
	}
	p.waitFor("the panel prefilled with the customer from callProcessingDetails.dnis", `$deep('#phone', form()).value === '`+extra.PhoneNumber+`' && $deep('#name', form()).value === 'Cleo Three'`, 5*time.Second)
}

// Point 4: no Dial while the agent is on a telephony task (talking or wrapping up) or when
// outbound calls are off for the agent: the reason is shown, nothing is claimed or dialed.
func TestDialOffOnCallOrOutboundOff(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	phone := srv.TeamPhone
	dial := `row('` + phone + `').querySelector('button.dial')`
	p.waitFor("Dial on", `row('`+phone+`') && !`+dial+`.disabled`, 15*time.Second)
	tryDial := func(want string) {
		t.Helper()
		p.do(`await list().dial(list().items.get('` + srv.Team.ID + `'))`)
		p.waitFor("the refusal: "+want, `/`+want+`.* Nothing was dialed/.test(row('`+phone+`').querySelector('.notice').textContent)`, 5*time.Second)
		if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.Status != "scheduled" {
			t.Errorf("claimed although the agent cannot dial: %+v", cb)
		}
	}

	p.do(`velocitySimulator.startCall({ani: '+14155550120', customerName: 'On The Line'})`)
	p.waitFor("Dial off on a call, with the reason", dial+`.disabled && /You are on a call/.test(row('`+phone+`').querySelector('.callable').textContent) && /You are on a call/.test(list().shadowRoot.querySelector('.blocked').textContent)`, 5*time.Second)
	tryDial("You are on a call")
	p.do(`velocitySimulator.endCall()`)
	p.waitFor("Dial off in wrap-up", dial+`.disabled && /wrapping up a call/.test(row('`+phone+`').querySelector('.callable').textContent)`, 5*time.Second)
	p.do(`velocitySimulator.wrapUp()`)
	p.waitFor("Dial on after wrap-up", `!`+dial+`.disabled && !list().shadowRoot.querySelector('.blocked')`, 5*time.Second)

	p.do(`velocitySimulator.setOutboundEnabled(false)`)
	p.waitFor("Dial off without outbound", dial+`.disabled && /Outbound calls are off for you/.test(row('`+phone+`').querySelector('.callable').textContent)`, 5*time.Second)
	tryDial("Outbound calls are off")
	p.do(`velocitySimulator.setOutboundEnabled(true)`)
	p.waitFor("Dial on again", `!`+dial+`.disabled`, 5*time.Second)
	if n := eval[int](p, `velocitySimulator.outdials.length`); n != 0 {
		t.Errorf("%d outdials", n)
	}
}

// The unconfirmed fact, both ways: a Desktop that refuses outdials while the agent is
// Available (the simulator's idleToOutdial) rejects as the SDK does (an empty message, the
// reason in details.data.reason): the agent sees the reason and the claim is released.
// Idle, or with the switch off, dialing works.
func TestOutdialRefusedWhileAvailable(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&idleToOutdial=true")
	if !eval[bool](p, `velocitySimulator.idleToOutdial && document.querySelector('#sim-idle-outdial').checked && velocitySimulator.agentState === 'Available'`) {
		t.Fatal("idleToOutdial=true did not turn the switch on")
	}
	dialAndWait := func(phone, want string) {
		t.Helper()
		p.waitFor("Dial on for "+phone, `row('`+phone+`') && !row('`+phone+`').querySelector('button.dial').disabled`, 15*time.Second)
		p.do(`row('` + phone + `').querySelector('button.dial').click()`)
		p.waitFor(want, `row('`+phone+`').querySelector('.notice') && /`+want+`/.test(row('`+phone+`').querySelector('.notice').textContent)`, 10*time.Second)
	}

	dialAndWait(srv.TeamPhone, `The Desktop could not dial: The agent must be Idle, not Available, to make an outdial call\. The callback was released\.`)
	p.waitFor("the release", `!/You are calling/.test(row('`+srv.TeamPhone+`').textContent) && !row('`+srv.TeamPhone+`').querySelector('cdyx-vel-outcome')`, 5*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", srv.TeamPhone); cb.Status != "scheduled" || cb.ClaimedBy != nil {
		t.Errorf("after the refusal: %+v", cb)
	}
	if n := eval[int](p, `velocitySimulator.outdials.length + velocitySimulator.tasks.length`); n != 1 {
		t.Errorf("%d outdials and tasks, want the one refused outdial", n)
	}

	// Idle: the same Desktop dials.
	p.do(`velocitySimulator.setAgentState('Idle')`)
	dialAndWait(srv.TeamPhone, `Calling `+regexp.QuoteMeta(srv.TeamPhone))
	if tk := eval[string](p, `velocitySimulator.activeCall && velocitySimulator.activeCall.contactDirection.type`); tk != "OUTBOUND" {
		t.Errorf("no outbound call when Idle: %q", tk)
	}

	// The switch off: an Available agent dials.
	p.do(`velocitySimulator.wrapUp(); velocitySimulator.setAgentState('Available'); velocitySimulator.setIdleToOutdial(false)`)
	dialAndWait(srv.A1Phone, `Calling `+regexp.QuoteMeta(srv.A1Phone))
	if n := eval[int](p, `velocitySimulator.outdials.length`); n != 3 {
		t.Errorf("%d outdials, want 3", n)
	}
}

// Point 3: the Desktop does not answer an outdial (the SDK's 20-second timeout, shortened
// here): the agent is told the result is unknown, the claim is kept, and the agent may
// release the callback without an outcome or record one; when such a call connects after
// all, the widget follows it.
func TestOutdialTimeoutLeavesTheChoice(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	phone := srv.TeamPhone
	p.waitFor("the callback", `row('`+phone+`')`, 15*time.Second)
	outcome := `row('` + phone + `').querySelector('cdyx-vel-outcome')`
	timeout := func() {
		t.Helper()
		p.waitFor("Dial on", `!row('`+phone+`').querySelector('button.dial').disabled`, 5*time.Second)
		p.do(`Object.assign(velocitySimulator, { failOutdials: 'timeout', outdialTimeoutMs: 1000, connectAfterTimeout: false }); row('` + phone + `').querySelector('button.dial').click()`)
		p.waitFor("the unknown result, the outcome form", `/did not confirm the call within 20 seconds: it may still connect/.test(row('`+phone+`').querySelector('.notice').textContent) && `+outcome, 10*time.Second)
		if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.Status != "claimed" {
			t.Errorf("after a timeout the claim was given back: %+v", cb)
		}
	}

	// No call was made: the agent releases the callback without an outcome.
	timeout()
	p.do(`[...` + outcome + `.shadowRoot.querySelectorAll('button')].find((b) => /Release without outcome/.test(b.textContent)).click()`)
	p.waitFor("released: Dial again, no outcome form", `!`+outcome+` && !/You are calling/.test(row('`+phone+`').textContent) && row('`+phone+`').querySelector('button.dial') && row('`+phone+`').dataset.attempts === '0'`, 10*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.Status != "scheduled" || cb.ClaimedBy != nil || cb.Attempts != 0 {
		t.Errorf("after Release without outcome: %+v", cb)
	}

	// The agent knows how it went: the outcome is recorded.
	timeout()
	p.do(outcome + `.shadowRoot.querySelector('input[value=no_answer]').click()`)
	p.do(outcome + `.shadowRoot.querySelector('button[type=submit]').click()`)
	p.waitFor("the attempt recorded", `row('`+phone+`').dataset.attempts === '1' && !`+outcome, 10*time.Second)

	// A timed-out outdial that connects after all: the widget adopts its interaction.
	p.do(`velocitySimulator.connectAfterTimeout = true; row('` + phone + `').querySelector('button.dial').click()`)
	p.waitFor("the late connection", `/connected after all/.test(row('`+phone+`').querySelector('.notice').textContent) && velocitySimulator.activeCall`, 10*time.Second)
	p.waitFor("the outcome form names the call", outcome+` && `+outcome+`.interactionId === velocitySimulator.activeCall.interactionId`, 5*time.Second)
}

// Point 10: the panel follows the task the agent selected among several, never prefills a
// masked number (it says it is masked), and treats wrap-up and post_call as the call
// having ended (the Callbacks page too: Dial waits for the task to leave).
func TestPanelFollowsSelectedTask(t *testing.T) {
	srv := startServer(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&tab=Callback")
	p.waitFor("the empty form", `form() && /No active call/.test(form().shadowRoot.textContent)`, 10*time.Second)
	phone := `$deep('#phone', form()).value`
	p.do(`velocitySimulator.startCall({ani: '(415) 555-0101', customerName: 'Ann First', interactionId: 'i-first'})`)
	p.waitFor("the first caller", phone+` === '(415) 555-0101' && $deep('#name', form()).value === 'Ann First'`, 5*time.Second)
	p.do(`velocitySimulator.startCall({ani: '(415) 555-0102', customerName: 'Mo Masked', interactionId: 'i-masked', masked: true, keep: true})`)
	p.waitFor("the masked caller: no number, said why", phone+` === '' && $deep('#name', form()).value === 'Mo Masked' && /masked for you/.test(form().shadowRoot.textContent)`, 5*time.Second)
	if txt := eval[string](p, `form().shadowRoot.textContent`); strings.Contains(txt, "0102") {
		t.Errorf("the panel shows the masked number: %s", short(txt))
	}
	if n := eval[int](p, `velocitySimulator.tasks.length`); n != 2 {
		t.Fatalf("%d tasks, want 2", n)
	}
	p.do(`velocitySimulator.selectTask('i-first')`)
	p.waitFor("the selected task, not the last one", phone+` === '(415) 555-0101' && /From the current call with Ann First/.test(form().shadowRoot.textContent)`, 5*time.Second)
	p.do(`velocitySimulator.endCall('i-first')`)
	p.waitFor("wrap-up is the end of the call", `/From the call that just ended with Ann First/.test(form().shadowRoot.textContent) && `+phone+` === '(415) 555-0101'`, 5*time.Second)

	// post_call (eAgentContactEnded alone, no wrap-up event): ended too.
	p.do(`velocitySimulator.startCall({ani: '(415) 555-0103', customerName: 'Pat Post', interactionId: 'i-post'})`)
	p.waitFor("the third caller, live", phone+` === '(415) 555-0103' && /From the current call with Pat Post/.test(form().shadowRoot.textContent) && /You are on a call/.test(list().shadowRoot.querySelector('.blocked').textContent)`, 5*time.Second)
	p.do(`velocitySimulator.endCall('i-post', 'post_call')`)
	p.waitFor("post_call is the end of the call", `velocitySimulator.activeCall.state === 'post_call' && /From the call that just ended with Pat Post/.test(form().shadowRoot.textContent) && `+phone+` === '(415) 555-0103' && /You are wrapping up a call/.test(list().shadowRoot.querySelector('.blocked').textContent)`, 5*time.Second)
	p.do(`velocitySimulator.wrapUp('i-post')`)
	p.waitFor("Dial back once the task left", `!list().shadowRoot.querySelector('.blocked')`, 5*time.Second)
}

// Point 11: the widgets take the Desktop's Momentum design tokens when the page defines
// them (a tenant theme, light and dark), and their own palette otherwise.
func TestMomentumTokens(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("themed", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback&theme=momentum")
	p.waitFor("the list", `list() && list().shadowRoot.querySelector('li')`, 15*time.Second)
	bg := func(el string) string { return `getComputedStyle(` + el + `).backgroundColor` }
	p.waitFor("the tenant's background and text", bg("pageWidget()")+` === 'rgb(251, 245, 234)' && `+bg("panelWidget()")+` === 'rgb(251, 245, 234)' && getComputedStyle(pageWidget()).color === 'rgb(43, 29, 14)'`, 5*time.Second)
	p.do(`velocitySimulator.setDarkMode(true)`)
	p.waitFor("the tenant's dark background", bg("pageWidget()")+` === 'rgb(29, 23, 16)'`, 5*time.Second)
	p.screenshot("themed-dark")
	p.do(`velocitySimulator.setTheme('')`)
	p.waitFor("our own dark palette without the tokens", bg("pageWidget()")+` === 'rgb(18, 18, 18)'`, 5*time.Second)
}

// Points 6 and 7: a host that evaluates the script's text (so the script cannot tell its
// own URL) works once velocityUrl names the server; and the element keeps its width in a
// shrink-to-fit parent.
func TestVelocityURLAndWidth(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, `<!doctype html><html lang="en"><head><title>A host that evaluates scripts</title></head><body><main></main></body></html>`)
	}))
	defer other.Close()
	srv := newFixture(t, other.URL)
	br := newBrowser(t)
	p := br.tab("host", other.URL+"/")
	p.do(`const text = await (await fetch('` + srv.URL + `/assets/callback.js')).text(); const s = document.createElement('script'); s.textContent = text; document.head.appendChild(s);`)
	p.do(`
	  window.el = document.createElement('cdyx-vel-callback');
	  Object.assign(el, { velocityApiKey: 'velocity-demo-key', velocityAuth: btoa('demo:demo-password'), agentId: 'agent-1', teamId: 'team-1', callback: true });
	  document.querySelector('main').appendChild(el);
	`)
	rowJS := `$deep('li[data-phone="` + srv.TeamPhone + `"]', el)`
	time.Sleep(1500 * time.Millisecond)
	if eval[bool](p, `!!`+rowJS) {
		t.Fatal("the list loaded without velocityUrl: the test does not stand for a host that evaluates the script")
	}
	p.do(`el.velocityUrl = '` + srv.URL + `/'`)
	p.waitFor("the list from velocityUrl, live", rowJS+` && $deep('.live[data-state="live"]', el)`, 15*time.Second)

	// A shrink-to-fit parent (absolutely positioned): the element is not collapsed.
	p.do(`
	  const box = document.createElement('div'); box.style.cssText = 'position:absolute; top:0; left:0';
	  window.panel = document.createElement('cdyx-vel-callback');
	  Object.assign(panel, { velocityUrl: '` + srv.URL + `', velocityApiKey: 'velocity-demo-key', velocityAuth: btoa('demo:demo-password'), agentId: 'agent-1', teamId: 'team-1', callbackCreate: true });
	  box.appendChild(panel); document.body.appendChild(box);
	`)
	p.waitFor("the panel's form", `$deep('#phone', panel)`, 10*time.Second)
	if w := eval[float64](p, `panel.getBoundingClientRect().width`); w < 200 {
		t.Errorf("the element is %.0f px wide in a shrink-to-fit parent", w)
	}
}

// withVelocityURL sets velocityUrl on every cdyx-vel-callback widget of a layout.
func withVelocityURL(n any, url string) {
	switch v := n.(type) {
	case map[string]any:
		if v["comp"] == "cdyx-vel-callback" {
			props, _ := v["properties"].(map[string]any)
			if props == nil {
				props = map[string]any{}
				v["properties"] = props
			}
			props["velocityUrl"] = url
		}
		for _, c := range v {
			withVelocityURL(c, url)
		}
	case []any:
		for _, c := range v {
			withVelocityURL(c, url)
		}
	}
}

// Point 6 inside the Desktop: a host that evaluates the script's text (the simulator's
// scripts=eval) makes the script derive a wrong address from a stack trace (the host's own
// script, /simulator/simulator.js). velocityUrl wins over it for the Desktop SDK as well as
// the API: the SDK is imported from velocityUrl's server only, and dialing works. Without
// velocityUrl the SDK's load fails and the page says why (Dial off); velocityUrl set then
// loads the SDK from the right server and dialing works.
func TestVelocityURLLoadsTheSDKForAnEvaluatedScript(t *testing.T) {
	srv := newFixture(t)
	res, err := http.Get(srv.URL + "/simulator/layout.json")
	if err != nil {
		t.Fatal(err)
	}
	var layout any
	err = json.NewDecoder(res.Body).Decode(&layout)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	withVelocityURL(layout, srv.URL)
	body, _ := json.Marshal(layout)
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer host.Close()
	right, wrong := srv.URL+"/assets/desktop-sdk.js", srv.URL+"/simulator/assets/desktop-sdk.js"
	sdkLoads := `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('/desktop-sdk.js'))`
	br := newBrowser(t)

	dialAndWait := func(p *tab, phone string) {
		t.Helper()
		dial := `row('` + phone + `').querySelector('button.dial')`
		p.waitFor("Dial on for "+phone, `row('`+phone+`') && !`+dial+`.disabled && !list().shadowRoot.querySelector('.blocked')`, 15*time.Second)
		p.do(dial + `.click()`)
		p.waitFor("the outdial and its call", `velocitySimulator.outdials.length === 1 && velocitySimulator.activeCall && row('`+phone+`').querySelector('cdyx-vel-outcome')`, 10*time.Second)
		if d := eval[outdialPayload](p, `velocitySimulator.outdials[0]`); d.Data.Destination != phone {
			t.Errorf("outdial to %q, want %s", d.Data.Destination, phone)
		}
	}

	// velocityUrl in the layout: the derived address is never tried.
	p := br.openSimulator("velocityUrl", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&scripts=eval&layout="+url.QueryEscape(host.URL+"/layout.json"))
	dialAndWait(p, srv.TeamPhone)
	if loads := eval[[]string](p, sdkLoads); !slices.Equal(loads, []string{right}) {
		t.Errorf("the Desktop SDK was fetched from %q, want only %s", loads, right)
	}

	// No velocityUrl: the derived address is wrong, and the page says so.
	q := br.openSimulator("derived", srv.URL, "agent=agent-2&team=team-1&page=velocity-callback&scripts=eval")
	q.waitFor("the SDK's failed load, in the list", `list() && list().shadowRoot.querySelector('.blocked') && list().shadowRoot.querySelector('.blocked').textContent.includes('could not be loaded from `+wrong+`')`, 15*time.Second)
	if loads := eval[[]string](q, sdkLoads); !slices.Equal(loads, []string{wrong}) {
		t.Fatalf("without velocityUrl the Desktop SDK was fetched from %q, want %s: the test does not stand for a host that evaluates the script", loads, wrong)
	}
	q.do(`pageWidget().velocityUrl = '` + srv.URL + `'; panelWidget().velocityUrl = '` + srv.URL + `';`)
	dialAndWait(q, srv.A2Phone)
	if loads := eval[[]string](q, sdkLoads); !slices.Equal(loads, []string{wrong, right}) {
		t.Errorf("the Desktop SDK was fetched from %q, want %s then %s", loads, wrong, right)
	}
}

// eventSourceCounter records every EventSource the page opens in window.__es.
const eventSourceCounter = `(() => {
  const ES = window.EventSource;
  window.__es = [];
  window.EventSource = class extends ES { constructor(u, o) { super(u, o); window.__es.push(this); } };
})();`

// Point 8: one event stream per document, shared by both widgets; with the Desktop
// dropping the Callbacks page when the agent navigates away, a reminder still reaches the
// panel and the Desktop's notifications, and the callback being dialed is still the
// agent's to record when the page is created again.
func TestRemindersAndDialSurviveThePage(t *testing.T) {
	srv := newFixture(t)
	zone := daytimeZone(t)
	br := newBrowser(t)
	p := br.openSimulatorWith("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback&pages=destroy", eventSourceCounter)
	p.waitFor("the live list", `list() && row('`+srv.TeamPhone+`') && list().live === 'live'`, 15*time.Second)
	open := `__es.filter((e) => e.readyState !== 2).length`
	p.waitFor("one stream for both widgets", open+` === 1 && form()`, 5*time.Second)

	p.do(`row('` + srv.TeamPhone + `').querySelector('button.dial').click()`)
	p.waitFor("the call", `velocitySimulator.activeCall && row('`+srv.TeamPhone+`').querySelector('cdyx-vel-outcome')`, 10*time.Second)
	call := eval[string](p, `velocitySimulator.activeCall.interactionId`)
	p.do(`window.__oldPage = pageWidget(); velocitySimulator.navigate('home')`)
	p.waitFor("the page dropped", `!pageWidget() && !__oldPage.isConnected`, 5*time.Second)
	if n := eval[int](p, open); n != 1 {
		t.Errorf("%d open streams with the page dropped, want 1 (the panel's)", n)
	}

	const phone = "+13125550777"
	start := time.Now().Add(2 * time.Second)
	createCallback(t, srv.URL, map[string]any{"teamId": "team-1", "agentId": "agent-1", "phoneNumber": phone, "customerName": "Dora Due", "timezone": zone,
		"windowStart": start.UTC().Format(time.RFC3339Nano), "windowEnd": start.Add(time.Hour).UTC().Format(time.RFC3339Nano)})
	p.waitFor("the reminder in the panel without the page", `/1 of your callbacks is due now/.test(form().shadowRoot.textContent)`, 10*time.Second)
	p.waitFor("the Desktop notification", `velocitySimulator.notifications.length === 1 && /Dora Due/.test(velocitySimulator.notifications[0].title)`, 5*time.Second)

	p.do(`velocitySimulator.navigate('velocity-callback')`)
	p.waitFor("a new page with the reminder and the dialed callback", `pageWidget() && pageWidget() !== __oldPage && list() && row('`+srv.TeamPhone+`') && /Record outcome/.test(row('`+srv.TeamPhone+`').querySelector('button.primary').textContent) && list().shadowRoot.querySelector('button.reminders')`, 10*time.Second)
	p.do(`row('` + srv.TeamPhone + `').querySelector('button.primary').click()`)
	p.waitFor("the outcome form names the call", `row('`+srv.TeamPhone+`').querySelector('cdyx-vel-outcome') && row('`+srv.TeamPhone+`').querySelector('cdyx-vel-outcome').interactionId === '`+call+`'`, 5*time.Second)
	if n := eval[int](p, open); n != 1 {
		t.Errorf("%d open streams after the page came back, want 1", n)
	}
	if n := eval[int](p, `velocitySimulator.notifications.length`); n != 1 {
		t.Errorf("%d notifications, want 1", n)
	}
}

// The inbound match: an agent on an inbound call from a number with an open callback is
// told at once, in the panel (and the Callbacks page marks the row); one click marks it
// done as reached on this call (its history keeps the interaction id), or keeps it; while
// another agent dials it, it stays open and the agent is told.
func TestInboundCallMatchesOpenCallback(t *testing.T) {
	srv := newFixture(t)
	maria := createCallback(t, srv.URL, map[string]any{"teamId": "team-1", "phoneNumber": "+14155550142", "customerName": "Maria Garcia",
		"windowStart": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	busy := createCallback(t, srv.URL, map[string]any{"teamId": "team-1", "phoneNumber": "+14155550143", "customerName": "Busy Bee"})
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback&tab=Callback")
	p.waitFor("the rows", `row('`+maria.PhoneNumber+`') && row('`+busy.PhoneNumber+`')`, 15*time.Second)
	banner := `$deep('.match', form())`

	p.do(`velocitySimulator.startCall({ani: '(415) 555-0142', interactionId: 'in-keep'})`)
	p.waitFor("the match in the panel and on the row", banner+` && /Maria Garcia has a callback scheduled for/.test(`+banner+`.textContent) && row('`+maria.PhoneNumber+`').querySelector('.badge.caller')`, 10*time.Second)
	p.screenshot("inbound-match")
	p.do(`[...` + banner + `.querySelectorAll('button')].find((b) => /Keep it/.test(b.textContent)).click()`)
	p.waitFor("kept", `/stays scheduled/.test(`+banner+`.textContent)`, 5*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", maria.PhoneNumber); cb.Status != "scheduled" {
		t.Errorf("kept callback: %+v", cb)
	}
	p.do(`velocitySimulator.wrapUp()`)
	p.waitFor("the row's mark gone with the call", `!row('`+maria.PhoneNumber+`').querySelector('.badge.caller') && !`+banner, 5*time.Second)

	p.do(`velocitySimulator.startCall({ani: '(415) 555-0142', interactionId: 'in-reached'})`)
	p.waitFor("the match again", banner+` && /Maria Garcia/.test(`+banner+`.textContent)`, 10*time.Second)
	p.do(`[...` + banner + `.querySelectorAll('button')].find((b) => /reached on this call/.test(b.textContent)).click()`)
	p.waitFor("done, the row gone", `/marked reached on this call/.test(`+banner+`.textContent) && !row('`+maria.PhoneNumber+`')`, 10*time.Second)
	var h struct {
		Items []struct {
			Type string         `json:"type"`
			Data map[string]any `json:"data"`
		}
	}
	read(t, srv.URL, "/callbacks/"+maria.ID+"/history", &h)
	if last := h.Items[len(h.Items)-1]; last.Type != "completed" || last.Data["interactionId"] != "in-reached" || last.Data["reason"] != "reached_inbound" {
		t.Errorf("history's last event %+v", last)
	}

	// Another agent is dialing the caller's callback: it stays open.
	if st := api(t, srv.URL, "POST", "/callbacks/"+busy.ID+"/claim", map[string]any{"agentId": "agent-2"}, nil); st != 200 {
		t.Fatalf("claim as agent-2: %d", st)
	}
	p.do(`velocitySimulator.startCall({ani: '+1 415 555 0143', interactionId: 'in-busy'})`)
	p.waitFor("the match, dialed by agent-2", banner+` && /agent-2 is dialing them now/.test(`+banner+`.textContent)`, 10*time.Second)
	p.do(`[...` + banner + `.querySelectorAll('button')].find((b) => /reached on this call/.test(b.textContent)).click()`)
	p.waitFor("told it stays open", `/agent-2 is dialing this customer right now/.test(`+banner+`.textContent)`, 10*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", busy.PhoneNumber); cb.Status != "claimed" {
		t.Errorf("the dialed callback: %+v", cb)
	}
}

// Point 2, with a one-minute lease (a slow test: two minutes and more). A call and its
// wrap-up longer than the lease keep the claim: the widget renews it while the Desktop has
// the call, talking (the first renewal, half the lease in) and in wrap-up (the next one).
// When renewals stop (the server out of the page's reach past the lease, the wrap-up goes
// on), the claim lapses and the callback is scheduled again; back online after the
// wrap-up, the agent still records its outcome.
func TestLongCallKeepsTheClaim(t *testing.T) {
	if testing.Short() {
		t.Skip("a two-minute test; skipped with -short")
	}
	srv := newFixture(t)
	// The widget's account is an agent's; the policy is an admin's to change.
	if st := newConsoleClient(t, srv.URL, adminUser, adminPass).do("PATCH", "/policy", map[string]any{"claimLeaseMinutes": 1}, nil); st != 200 {
		t.Fatalf("policy: %d", st)
	}
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	phone := srv.TeamPhone
	p.waitFor("the callback", `row('`+phone+`')`, 15*time.Second)
	p.do(`row('` + phone + `').querySelector('button.dial').click()`)
	p.waitFor("the call", `velocitySimulator.activeCall && row('`+phone+`').querySelector('cdyx-vel-outcome')`, 10*time.Second)
	var first struct {
		Status         string  `json:"status"`
		ClaimExpiresAt *string `json:"claimExpiresAt"`
	}
	read(t, srv.URL, "/callbacks/"+srv.Team.ID, &first)
	if first.Status != "claimed" || first.ClaimExpiresAt == nil {
		t.Fatalf("after dialing: %+v", first)
	}
	lease0, _ := time.Parse(time.RFC3339Nano, *first.ClaimExpiresAt)
	leaseNow := func(when string) time.Time {
		t.Helper()
		now := first
		read(t, srv.URL, "/callbacks/"+srv.Team.ID, &now)
		if now.Status != "claimed" || now.ClaimExpiresAt == nil {
			t.Fatalf("%s: %+v", when, now)
		}
		lease, _ := time.Parse(time.RFC3339Nano, *now.ClaimExpiresAt)
		return lease
	}

	// Talking: the claim is renewed half the lease in (30 s), for another minute.
	time.Sleep(40 * time.Second)
	talking := leaseNow("after 40 s of the call")
	if !talking.After(lease0.Add(20 * time.Second)) {
		t.Errorf("the lease was not renewed during the call: %s, first %s", talking, lease0)
	}
	// Wrap-up: renewed again (about 60 s in), so the claim outlives the lease.
	p.do(`velocitySimulator.endCall()`)
	p.waitFor("the wrap-up", `velocitySimulator.activeCall.state === 'wrapUp'`, 5*time.Second)
	time.Sleep(35 * time.Second)
	if wrapping := leaseNow("after 75 s, 35 s of them in wrap-up"); !wrapping.After(talking.Add(15 * time.Second)) {
		t.Errorf("the lease was not renewed during the wrap-up: %s, during the call %s", wrapping, talking)
	}
	if txt := eval[string](p, `row('`+phone+`').textContent`); !strings.Contains(txt, "You are calling") {
		t.Errorf("row during the long wrap-up: %s", short(txt))
	}

	// Renewals stop: the page cannot reach the server while the wrap-up goes on, past the lease.
	now := first
	p.do(`window.__fetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('offline'));`)
	deadline := time.Now().Add(100 * time.Second)
	for {
		read(t, srv.URL, "/callbacks/"+srv.Team.ID, &now)
		if now.Status == "scheduled" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the claim did not lapse: %+v", now)
		}
		time.Sleep(2 * time.Second)
	}
	p.do(`velocitySimulator.wrapUp();`)
	p.do(`window.fetch = window.__fetch;`)
	outcome := `row('` + phone + `').querySelector('cdyx-vel-outcome')`
	p.waitFor("the outcome form still there", outcome, 5*time.Second)
	p.do(outcome + `.shadowRoot.querySelector('input[value=connected]').click()`)
	p.do(outcome + `.shadowRoot.querySelector('button[type=submit]').click()`)
	p.waitFor("the callback completed", `!row('`+phone+`')`, 15*time.Second)
	var done callback
	read(t, srv.URL, "/callbacks/"+srv.Team.ID, &done)
	if done.Status != "completed" || done.Attempts != 1 {
		t.Errorf("after the outcome: %+v", done)
	}
}
