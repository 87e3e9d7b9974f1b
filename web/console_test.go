package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"
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
