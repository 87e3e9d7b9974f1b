package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/customerdynamics/velocity/storetest"
)

// chromiumPath returns Debian's chromium, or fails (under CI) or skips the test.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	storetest.SkipSuite(t, "browser tests", "chromium is not installed (make test-deps installs it)")
	return ""
}

// browser is one headless Chromium for a test; tabs share it.
type browser struct {
	t   testing.TB
	ctx context.Context
}

func newBrowser(t testing.TB) *browser {
	t.Helper()
	path := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return &browser{t: t, ctx: ctx}
}

// tab is one page of the browser.
type tab struct {
	t    testing.TB
	ctx  context.Context
	name string
}

// tab opens a new tab (in its own window, so it is never hidden) at url.
func (b *browser) tab(name, url string) *tab {
	b.t.Helper()
	return b.tabWith(name, url, "")
}

// tabWith opens a tab that runs initJS in every document before the page's own scripts
// (to stand in for a browser API such as Notification), then loads url.
func (b *browser) tabWith(name, url, initJS string) *tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	b.t.Cleanup(cancel)
	tb := &tab{t: b.t, ctx: ctx, name: name}
	// The first action on a context opens its tab and ties the tab's life to that
	// context, so it must not be a short-lived one.
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("%s: open a tab: %v", name, err)
	}
	tctx, c := context.WithTimeout(ctx, 30*time.Second)
	defer c()
	if initJS != "" {
		if err := chromedp.Do(tctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: initJS})
			return err
		})); err != nil {
			b.t.Fatalf("%s: add the init script: %v", name, err)
		}
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		b.t.Fatalf("%s: open %s: %v", name, url, err)
	}
	return tb
}

// helpers are defined in every evaluation: deep queries across shadow roots.
const helpers = `
var $$deep = function (sel, root) {
  root = root || document;
  var out = [];
  (function walk(r) {
    if (r.shadowRoot) walk(r.shadowRoot);
    r.querySelectorAll(sel).forEach(function (e) { out.push(e); });
    r.querySelectorAll('*').forEach(function (e) { if (e.shadowRoot) walk(e.shadowRoot); });
  })(root);
  return out;
};
var $deep = function (sel, root) { return $$deep(sel, root)[0] || null; };
var pageWidget = function () { return document.querySelector('[data-page-id="velocity-callback"] cdyx-vel-callback'); };
var panelWidget = function () { return document.querySelector('#dw-panel-one cdyx-vel-callback'); };
var list = function () { return $deep('cdyx-vel-callback-list', pageWidget()); };
var form = function () { return $deep('cdyx-vel-callback-form', panelWidget()); };
var row = function (phone) { var l = list(); return l && l.shadowRoot.querySelector('li[data-phone="' + phone + '"]'); };
var setValue = function (el, v, ev) { el.value = v; el.dispatchEvent(new Event(ev || 'input', { bubbles: true, composed: true })); };
`

// eval runs a JavaScript expression (which may return a promise) and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	return evalWithin[T](tb, expr, 30*time.Second)
}

func evalWithin[T any](tb *tab, expr string, limit time.Duration) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T]("(async () => {"+helpers+"\nreturn ("+expr+");\n})()", chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: eval %s: %v", tb.name, short(expr), err)
	}
	return v
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

// do runs JavaScript statements.
func (tb *tab) do(js string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, "(async () => {"+js+"\n})()")
}

// waitFor polls cond (a JavaScript expression) in the page until it is truthy. The
// timeout is at least 10s: the suite shares two cores with the other packages' tests.
func (tb *tab) waitFor(what, cond string, timeout time.Duration) {
	tb.t.Helper()
	timeout = max(timeout, 10*time.Second)
	ok := evalWithin[bool](tb, fmt.Sprintf(`new Promise((resolve) => {
      const end = Date.now() + %d;
      const check = () => {
        let v = false;
        try { v = !!(%s); } catch (e) { v = false; }
        if (v) return resolve(true);
        if (Date.now() > end) return resolve(false);
        setTimeout(check, 20);
      };
      check();
    })`, timeout.Milliseconds(), cond), timeout+20*time.Second)
	if !ok {
		tb.screenshot(strings.ReplaceAll(what, " ", "-"))
		tb.t.Fatalf("%s: timed out after %v waiting for %s", tb.name, timeout, what)
	}
}

// screenshot saves a PNG into $VELOCITY_SCREENSHOTS when that is set (for people to look at).
func (tb *tab) screenshot(name string) {
	dir := os.Getenv("VELOCITY_SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, tb.t.Name()+"-"+tb.name+"-"+name+".png"), png, 0o644)
}

// openSimulator opens the simulator as an agent and waits until its layout is mounted.
func (b *browser) openSimulator(name, base, query string) *tab {
	b.t.Helper()
	return b.openSimulatorWith(name, base, query, "")
}

// openSimulatorWith is openSimulator with a script run before the page's (see tabWith).
func (b *browser) openSimulatorWith(name, base, query, initJS string) *tab {
	b.t.Helper()
	tb := b.tabWith(name, base+"/simulator?"+query, initJS)
	tb.waitFor("the simulator to mount its layout", `window.velocitySimulator && window.velocitySimulator.widgets.length >= 2`, 20*time.Second)
	if !eval[bool](tb, `window.velocitySimulator.ready`) {
		b.t.Fatalf("%s: the simulator did not mount its layout", name)
	}
	return tb
}

// api calls the server's API with the demo credentials.
func api(t testing.TB, base, method, path string, body any, out any) int {
	t.Helper()
	return apiAs(t, "demo", "demo-password", base, method, path, body, out)
}

// read GETs path as the demo tenant's admin, who may read every callback (the widgets'
// agent account reads only team callbacks and its own): what a test checks, not does.
func read(t testing.TB, base, path string, out any) int {
	t.Helper()
	return apiAs(t, "admin", "admin-password", base, "GET", path, nil, out)
}

// apiAs calls the API with the demo tenant's key as the account user.
func apiAs(t testing.TB, user, pass, base, method, path string, body any, out any) int {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, base+"/api/v1"+path, rd)
	req.Header.Set("X-Api-Key", "velocity-demo-key")
	req.SetBasicAuth(user, pass)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if out != nil {
		_ = json.NewDecoder(res.Body).Decode(out)
	}
	return res.StatusCode
}

// callback is the part of the API's callback object the tests read.
type callback struct {
	ID                  string  `json:"id"`
	TeamID              string  `json:"teamId"`
	AgentID             *string `json:"agentId"`
	CustomerName        string  `json:"customerName"`
	PhoneNumber         string  `json:"phoneNumber"`
	WindowStart         string  `json:"windowStart"`
	Notes               string  `json:"notes"`
	SourceInteractionID string  `json:"sourceInteractionId"`
	Status              string  `json:"status"`
	Attempts            int     `json:"attempts"`
	LastOutcome         *string `json:"lastOutcome"`
	ClaimedBy           *string `json:"claimedBy"`
}

func findByPhone(t testing.TB, base, team, agent, phone string) callback {
	t.Helper()
	var list struct{ Items []callback }
	api(t, base, "GET", "/callbacks?limit=500&teamId="+team+"&agentId="+agent, nil, &list)
	for _, c := range list.Items {
		if c.PhoneNumber == phone {
			return c
		}
	}
	t.Fatalf("no open callback for %s", phone)
	return callback{}
}

func sameInstant(t testing.TB, a, b string) bool {
	t.Helper()
	ta, err1 := time.Parse(time.RFC3339Nano, a)
	tb, err2 := time.Parse(time.RFC3339Nano, b)
	if err1 != nil || err2 != nil {
		t.Fatalf("parse %q / %q: %v %v", a, b, err1, err2)
	}
	return ta.Sub(tb).Abs() < time.Millisecond
}
