package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// notificationStub stands in for the browser's Notification API (a permission prompt a
// headless browser cannot show): it grants permission when asked and records every
// notification shown in window.__notes.
const notificationStub = `(() => {
  const notes = [];
  window.__notes = notes;
  window.__permissionAsked = 0;
  class FakeNotification {
    constructor(title, opts) { opts = opts || {}; notes.push({ title: title, body: opts.body || '', tag: opts.tag || '' }); this.onclick = null; }
    close() {}
    static requestPermission() { window.__permissionAsked++; FakeNotification.permission = 'granted'; return Promise.resolve('granted'); }
  }
  FakeNotification.permission = 'default';
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
})();`

// zoneAt returns a zone whose local time is now closest to hour:00.
func zoneAt(t testing.TB, hour int) string {
	t.Helper()
	best, bestDiff := "", 24*60
	now := time.Now()
	for _, z := range []string{
		"Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
		"America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/South_Georgia", "Atlantic/Azores",
		"Europe/London", "Europe/Paris", "Europe/Athens", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi",
		"Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "Australia/Brisbane", "Pacific/Noumea",
		"Pacific/Auckland", "Pacific/Kiritimati",
	} {
		loc, err := time.LoadLocation(z)
		if err != nil {
			continue
		}
		lt := now.In(loc)
		diff := (lt.Hour()*60 + lt.Minute() - hour*60 + 24*60) % (24 * 60)
		diff = min(diff, 24*60-diff)
		if diff < bestDiff {
			best, bestDiff = z, diff
		}
	}
	if best == "" {
		t.Fatal("no time zone data")
	}
	return best
}

// An agent's page is open; a personal callback whose window opens two seconds later is
// created through the API. Without a reload, the server's due event puts a count in the
// page's header (and in the Callback panel) and one Desktop notification is fired through
// the Desktop (not the browser's Notification API), not more. The badge leads to the row.
// A fallback event for the agent's callback says it went to the team.
func TestDueReminder(t *testing.T) {
	srv := startServer(t)
	zone := daytimeZone(t)
	const agent, team, phone = "agent-7", "team-r", "+13125550777"
	br := newBrowser(t)
	p := br.openSimulatorWith("agent", srv.URL, "agent="+agent+"&team="+team+"&page=velocity-callback&tab=Callback", notificationStub)
	p.waitFor("the live list", `list() && list().shadowRoot.querySelector('.live[data-state="live"]') && !list().loading`, 15*time.Second)
	if eval[bool](p, `!!list().shadowRoot.querySelector('#notify-on')`) {
		t.Error("the page asks for the browser's notification permission inside the Desktop")
	}

	start := time.Now().Add(2 * time.Second)
	var cb callback
	if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": team, "agentId": agent, "phoneNumber": phone, "customerName": "Dora Due", "timezone": zone,
		"windowStart": start.UTC().Format(time.RFC3339Nano), "windowEnd": start.Add(time.Hour).UTC().Format(time.RFC3339Nano)}, &cb); st != 201 {
		t.Fatalf("create: %d", st)
	}
	p.waitFor("the upcoming row", `row('`+phone+`') && row('`+phone+`').dataset.group === 'upcoming'`, 5*time.Second)
	if eval[bool](p, `!!list().shadowRoot.querySelector('button.reminders')`) {
		t.Fatal("a reminder before the window opened")
	}
	p.waitFor("the reminder badge", `(() => { const b = list().shadowRoot.querySelector('button.reminders'); return b && /1\s*due/.test(b.textContent) && row('`+phone+`').dataset.group === 'due' && row('`+phone+`').querySelector('.badge.new'); })()`, 10*time.Second)
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("the reminder came %v after the window opened", d)
	}
	p.waitFor("the count in the panel", `form() && /1 of your callbacks is due now/.test(form().shadowRoot.textContent)`, 5*time.Second)
	p.screenshot("reminder")
	type note struct{ Title, Body, Type, Mode string }
	notes := eval[[]note](p, `velocitySimulator.notifications`)
	if len(notes) != 1 || !strings.Contains(notes[0].Title, "Dora Due") || !strings.Contains(notes[0].Body, phone) || notes[0].Mode != "autodismiss" {
		t.Fatalf("Desktop notifications: %+v", notes)
	}
	if n := eval[int](p, `__notes.length`); n != 0 {
		t.Errorf("%d browser notifications inside the Desktop", n)
	}
	// No second notification for the same window: not on a reload, nor on a repeated event.
	p.do(`await list().load(); list().feed.onEvent({ type: 'due', callback: list().items.get('` + cb.ID + `'), data: {} });`)
	time.Sleep(1500 * time.Millisecond)
	if n := eval[int](p, `velocitySimulator.notifications.length`); n != 1 {
		t.Errorf("%d notifications for one window, want 1", n)
	}

	// The badge leads to the row (its Dial button takes the focus) and is then cleared.
	p.do(`list().shadowRoot.querySelector('button.reminders').click()`)
	p.waitFor("the focus on the row, the badge gone", `!list().shadowRoot.querySelector('button.reminders') && list().shadowRoot.activeElement && list().shadowRoot.activeElement.closest('li') === row('`+phone+`')`, 5*time.Second)
	p.waitFor("the panel's count gone", `!/due now/.test(form().shadowRoot.textContent)`, 5*time.Second)

	// A fallback event: the agent's overdue callback went to the team.
	p.do(`const cb = { ...list().items.get('` + cb.ID + `'), agentId: null, version: list().items.get('` + cb.ID + `').version + 1 };
	  list().feed.onEvent({ type: 'fallback', callback: cb, data: { previousAgentId: '` + agent + `', reason: 'overdue' } });`)
	p.waitFor("the handed-to-team notice", `/Team/.test(row('`+phone+`').querySelector('.badge').textContent) && /handed to your team/.test(row('`+phone+`').querySelector('.notice').textContent)`, 5*time.Second)
}

// Outside the customer's calling hours Dial is off, with the reason beside it (and as its
// description); a claim refused by the server for the same reason says so; and the row
// follows the calling hours as time passes, without a reload.
func TestDialOffOutsideCallingHours(t *testing.T) {
	srv := startServer(t)
	night, day := zoneAt(t, 3), daytimeZone(t)
	const agent, team, nightPhone, dayPhone = "agent-8", "team-n", "+13125550881", "+13125550882"
	var nightCB callback
	for _, c := range []struct {
		phone, zone string
		out         *callback
	}{{nightPhone, night, &nightCB}, {dayPhone, day, nil}} {
		if st := api(t, srv.URL, "POST", "/callbacks", map[string]any{"teamId": team, "phoneNumber": c.phone, "customerName": "Zone " + c.zone, "timezone": c.zone}, c.out); st != 201 {
			t.Fatalf("create in %s: %d", c.zone, st)
		}
	}
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent="+agent+"&team="+team+"&page=velocity-callback")
	p.waitFor("both rows", `row('`+nightPhone+`') && row('`+dayPhone+`')`, 15*time.Second)
	p.screenshot("hours")

	dial := func(phone string) string { return `row('` + phone + `').querySelector('button.dial')` }
	if !eval[bool](p, dial(nightPhone)+`.disabled && row('`+nightPhone+`').dataset.callable === 'false'`) {
		t.Errorf("Dial is on for a customer at night (%s)", night)
	}
	reason := eval[string](p, `row('`+nightPhone+`').querySelector('.callable').textContent.trim()`)
	if !strings.Contains(reason, "Outside the customer's calling hours") || !strings.Contains(reason, "Calling opens") {
		t.Errorf("reason %q", reason)
	}
	if !eval[bool](p, `(() => { const b = `+dial(nightPhone)+`; const d = list().shadowRoot.getElementById(b.getAttribute('aria-describedby')); return !!d && d.textContent.trim() === `+"`"+reason+"`"+`; })()`) {
		t.Error("Dial's aria-describedby does not name the reason")
	}
	if eval[bool](p, dial(dayPhone)+`.disabled`) || !strings.Contains(eval[string](p, `row('`+dayPhone+`').querySelector('.callable').textContent`), "Callable now") {
		t.Errorf("Dial is off for a customer in the day (%s)", day)
	}

	// The server refuses the claim too (dialing it from code, as if the button were on).
	p.do(`await list().dial(list().items.get('` + nightCB.ID + `'))`)
	p.waitFor("the refused claim's notice", `row('`+nightPhone+`').querySelector('.notice') && /outside the customer's calling hours/.test(row('`+nightPhone+`').querySelector('.notice').textContent) && /Calling opens/.test(row('`+nightPhone+`').querySelector('.notice').textContent)`, 10*time.Second)
	if n := eval[int](p, `velocitySimulator.outdials.length`); n != 0 {
		t.Errorf("%d outdials", n)
	}

	// Time passes: hours that open in 1.5 s turn Dial on then, with no request.
	p.do(`const l = list(); const cb = { ...l.items.get('` + nightCB.ID + `') };
	  cb.callable = { now: false, from: new Date(Date.now() + 1500).toISOString(), until: new Date(Date.now() + 3600000).toISOString() };
	  l.items = new Map(l.items).set(cb.id, cb);
	  window.__fetches = 0; const f = window.fetch; window.fetch = function () { window.__fetches++; return f.apply(this, arguments); };`)
	p.waitFor("Dial still off", dial(nightPhone)+`.disabled`, 5*time.Second)
	p.waitFor("Dial on when the hours open", `!`+dial(nightPhone)+`.disabled && /Callable now/.test(row('`+nightPhone+`').querySelector('.callable').textContent)`, 10*time.Second)
	if n := eval[int](p, `__fetches`); n != 0 {
		t.Errorf("%d requests to follow the hours", n)
	}
}

// The panel looks the number up as the agent types: the E.164 form and the customer's
// time now, and a warning for a number on the do-not-call list.
func TestPanelLooksUpNumber(t *testing.T) {
	srv := startServer(t)
	const dnc = "+13125550999"
	if st := api(t, srv.URL, "POST", "/do-not-call", map[string]any{"phoneNumber": dnc, "reason": "asked not to be called"}, nil); st != 200 && st != 201 {
		t.Fatalf("do-not-call: %d", st)
	}
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-1&team=team-1&tab=Callback")
	p.waitFor("the empty form", `form() && $deep('#phone', form())`, 10*time.Second)
	p.do(`setValue($deep('#phone', form()), '(415) 555-0142')`)
	p.waitFor("the looked-up number", `/\+14155550142/.test($deep('#phone-hint', form()).textContent) && /customer's time now/.test($deep('#phone-hint', form()).textContent) && /Los Angeles/.test($deep('#phone-hint', form()).textContent)`, 5*time.Second)
	if eval[bool](p, `!!$deep('.dnc', form())`) {
		t.Error("a do-not-call warning for a number not on the list")
	}
	// The time picker shows the customer's time for the chosen slot.
	p.do(`const w = $deep('cdyx-vel-when', form()); [...w.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'In 2 hours').click();`)
	if z := eval[string](p, `$deep('cdyx-vel-when', form()).zone`); z != "America/Los_Angeles" {
		t.Errorf("the time picker's zone is %q", z)
	}
	p.do(`setValue($deep('#phone', form()), '312 555 0999')`)
	p.waitFor("the do-not-call warning", `$deep('.dnc', form()) && /do-not-call/.test($deep('.dnc', form()).textContent) && /phone-dnc/.test($deep('#phone', form()).getAttribute('aria-describedby'))`, 5*time.Second)
	p.do(`setValue($deep('#phone', form()), '12')`)
	p.waitFor("the invalid-number hint", `/Not a valid number yet/.test($deep('#phone-hint', form()).textContent) && !$deep('.dnc', form())`, 5*time.Second)
}

// The windowed list keeps the keyboard working: Tab walks from row to row past the rows
// first rendered (the window follows the focus), and each row tells its place in the list.
func TestWindowedListKeyboard(t *testing.T) {
	srv := startServer(t)
	zone := daytimeZone(t)
	const team, n = "team-k", 80
	for i := range n {
		body := map[string]any{"teamId": team, "phoneNumber": fmt.Sprintf("+1 646 555 %04d", 3000+i), "customerName": fmt.Sprintf("Keyboard %02d", i), "timezone": zone,
			"windowStart": time.Now().Add(10*time.Minute + time.Duration(i)*time.Minute).UTC().Format(time.RFC3339)}
		if st := api(t, srv.URL, "POST", "/callbacks", body, nil); st != 201 {
			t.Fatalf("create %d: %d", i, st)
		}
	}
	br := newBrowser(t)
	p := br.openSimulator("agent", srv.URL, "agent=agent-3&team="+team+"&page=velocity-callback")
	p.waitFor("the list", fmt.Sprintf(`list() && list().items.size === %d && list().shadowRoot.querySelector('li[data-callback-id]')`, n), 15*time.Second)
	first := eval[int](p, `list().shadowRoot.querySelectorAll('li[data-callback-id]').length`)
	if first >= n {
		t.Fatalf("%d of %d rows in the DOM: the list is not windowed", first, n)
	}
	p.do(`list().shadowRoot.querySelector('li[data-callback-id] button.dial').focus()`)
	const steps = 50
	for range steps * 2 { // Dial and Change on each row
		if err := chromedp.Do(p.ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
	}
	p.waitFor("the focus 50 rows down", fmt.Sprintf(`(() => { const a = list().shadowRoot.activeElement; const li = a && a.closest('li'); return li && li.getAttribute('aria-posinset') === '%d' && a.classList.contains('dial'); })()`, steps+1), 5*time.Second)
	type place struct{ Pos, Size string }
	got := eval[place](p, `(() => { const li = list().shadowRoot.activeElement.closest('li'); return { pos: li.getAttribute('aria-posinset'), size: li.getAttribute('aria-setsize') }; })()`)
	if got.Size == "" || got.Pos == "" {
		t.Errorf("row place %+v", got)
	}
	if rows := eval[int](p, `list().shadowRoot.querySelectorAll('li[data-callback-id]').length`); rows >= n {
		t.Errorf("%d rows in the DOM after tabbing", rows)
	}
}
