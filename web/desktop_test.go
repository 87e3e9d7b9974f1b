package web_test

// The widgets against the simulator in its realistic mode: the behaviours of the real
// Desktop its SDK and Cisco's own widgets show (outbound tasks, wrap-up, SDK rejections,
// timeouts, gating, masking, selected tasks, themes, pages that are dropped).

import (
	"io"
	"net/http"
	"net/http/httptest"
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

	// An administrator's fixed number.
	p.do(`velocitySimulator.wrapUp(); pageWidget().outdialAni = '+1 800 555 0199'`)
	dialAndWait(extra.PhoneNumber, 3)
	if o := eval[[]outdialPayload](p, `velocitySimulator.outdials`)[2].Data.Origin; o == nil || *o != "+1 800 555 0199" {
		t.Errorf("origin %v, want the layout's number", o)
	}
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

// Point 3: the Desktop does not answer an outdial (the SDK's 20-second timeout, shortened
// here): the agent is told the result is unknown, the claim is kept and the outcome can be
// recorded; when such a call connects after all, the widget follows it.
func TestOutdialTimeoutLeavesTheChoice(t *testing.T) {
	srv := newFixture(t)
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&page=velocity-callback")
	phone := srv.TeamPhone
	p.waitFor("the callback", `row('`+phone+`')`, 15*time.Second)
	p.do(`Object.assign(velocitySimulator, { failOutdials: 'timeout', outdialTimeoutMs: 1000, connectAfterTimeout: false }); row('` + phone + `').querySelector('button.dial').click()`)
	p.waitFor("the unknown result, the outcome form", `/did not confirm the call within 20 seconds: it may still connect/.test(row('`+phone+`').querySelector('.notice').textContent) && row('`+phone+`').querySelector('cdyx-vel-outcome')`, 10*time.Second)
	if cb := findByPhone(t, srv.URL, "team-1", "agent-1", phone); cb.Status != "claimed" {
		t.Errorf("after a timeout the claim was given back: %+v", cb)
	}
	outcome := `row('` + phone + `').querySelector('cdyx-vel-outcome')`
	p.do(outcome + `.shadowRoot.querySelector('input[value=no_answer]').click()`)
	p.do(outcome + `.shadowRoot.querySelector('button[type=submit]').click()`)
	p.waitFor("the attempt recorded", `row('`+phone+`').dataset.attempts === '1' && !`+outcome, 10*time.Second)

	// A timed-out outdial that connects after all: the widget adopts its interaction.
	p.do(`velocitySimulator.connectAfterTimeout = true; row('` + phone + `').querySelector('button.dial').click()`)
	p.waitFor("the late connection", `/connected after all/.test(row('`+phone+`').querySelector('.notice').textContent) && velocitySimulator.activeCall`, 10*time.Second)
	p.waitFor("the outcome form names the call", outcome+` && `+outcome+`.interactionId === velocitySimulator.activeCall.interactionId`, 5*time.Second)
}

// Point 10: the panel follows the task the agent selected among several, never prefills a
// masked number (it says it is masked), and treats wrap-up as the call having ended.
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
