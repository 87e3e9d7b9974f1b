package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// console is a browser signed in to the console: its session cookie and CSRF token.
type console struct {
	t      *testing.T
	e      *env
	cookie *http.Cookie
	csrf   string
}

func (e *env) signIn(t *testing.T, tenant, user, pass string, host string) (*console, *http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/session", strings.NewReader(`{"tenant":"`+tenant+`","username":"`+user+`","password":"`+pass+`"}`))
	req.Header.Set("Content-Type", "application/json")
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	c := &console{t: t, e: e}
	for _, ck := range resp.Cookies() {
		if ck.Name == "velocity_session" {
			c.cookie = ck
		}
	}
	if s, ok := body["csrfToken"].(string); ok {
		c.csrf = s
	}
	return c, resp, body
}

// do sends a request with the session cookie (and the CSRF token when withCSRF).
func (c *console) do(method, path, body string, withCSRF bool) (int, string) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, c.e.srv.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	if withCSRF {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestConsoleSession: supervisors and admins sign in with the tenant, username and
// password; the cookie is HttpOnly, SameSite=Strict and Secure outside loopback; every
// change needs the CSRF token; sessions end when idle, when old, and at sign-out;
// agents cannot sign in; failed passwords are limited as for the API.
func TestConsoleSession(t *testing.T) {
	e := newEnv(t)
	sup, resp, body := e.signIn(t, "demo", "supervisor", "supervisor-password", "")
	if resp.StatusCode != 201 || sup.cookie == nil || sup.csrf == "" || body["role"] != "supervisor" {
		t.Fatalf("sign-in: %d %v", resp.StatusCode, body)
	}
	if !sup.cookie.HttpOnly || sup.cookie.SameSite != http.SameSiteStrictMode || sup.cookie.Secure {
		t.Fatalf("cookie on loopback: %+v", sup.cookie)
	}
	if _, resp, _ := e.signIn(t, "demo", "supervisor", "supervisor-password", "velocity.example.com"); !strings.Contains(resp.Header.Get("Set-Cookie"), "Secure") {
		t.Fatalf("cookie outside loopback is not Secure: %s", resp.Header.Get("Set-Cookie"))
	}
	// Another site's page cannot sign the browser in (login CSRF); the console's own can.
	for origin, want := range map[string]int{"https://evil.example": 403, "null": 403, e.srv.URL: 201} {
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/session", strings.NewReader(`{"tenant":"demo","username":"supervisor","password":"supervisor-password"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", origin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want || (want == 403 && len(resp.Cookies()) != 0) {
			t.Fatalf("sign-in from %s: %d %v", origin, resp.StatusCode, resp.Cookies())
		}
	}
	// The session reads like the account's credentials would.
	if code, b := sup.do("GET", "/api/v1/callbacks?teamId=team-1", "", false); code != 200 {
		t.Fatalf("list: %d %s", code, b)
	}
	if code, b := sup.do("GET", "/api/v1/session", "", false); code != 200 || !strings.Contains(b, `"csrfToken"`) {
		t.Fatalf("session: %d %s", code, b)
	}
	// A change without the CSRF token is refused, and changes nothing.
	id := e.create(map[string]any{"phoneNumber": "+12125550171"}).str("id")
	if code, b := sup.do("POST", "/api/v1/callbacks/"+id+"/cancel", `{"reason":"r"}`, false); code != 403 || !strings.Contains(b, "CSRF") {
		t.Fatalf("change without CSRF: %d %s", code, b)
	}
	if g := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, ""); g.str("status") != "scheduled" {
		t.Fatal("a refused change changed the callback")
	}
	if code, b := sup.do("POST", "/api/v1/callbacks/"+id+"/cancel", `{"reason":"r"}`, true); code != 200 {
		t.Fatalf("change with CSRF: %d %s", code, b)
	}
	// The role still decides: a supervisor may not change the policy.
	if code, _ := sup.do("PATCH", "/api/v1/policy", `{"maxAttempts":4}`, true); code != 403 {
		t.Fatalf("supervisor changed the policy: %d", code)
	}
	// The change is in the audit trail as the supervisor's, from a session.
	a := e.do(&e.admin, "GET", "/api/v1/audit?actor=supervisor", nil).want(t, 200, "")
	if items := a.body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["actorKey"] != "session" || items[0].(map[string]any)["kind"] != "callback.cancelled" {
		t.Fatalf("audit %s", a.raw)
	}

	// Idle for longer than 30 minutes: the session has ended.
	e.clock.Advance(31 * time.Minute)
	if code, b := sup.do("GET", "/api/v1/session", "", false); code != 401 {
		t.Fatalf("idle session: %d %s", code, b)
	}
	// Active, but older than 12 hours: ended.
	admin, _, _ := e.signIn(t, "demo", "admin", "admin-password", "")
	for i := 0; i < 25; i++ {
		e.clock.Advance(29 * time.Minute)
		if code, _ := admin.do("GET", "/api/v1/session", "", false); code != 200 && i < 24 {
			t.Fatalf("active session ended after %d steps: %d", i, code)
		}
	}
	if code, _ := admin.do("GET", "/api/v1/session", "", false); code != 401 {
		t.Fatalf("a session past 12 hours: %d", code)
	}
	// Sign-out ends it at once.
	admin, _, _ = e.signIn(t, "demo", "admin", "admin-password", "")
	if code, b := admin.do("DELETE", "/api/v1/session", "", true); code != 204 {
		t.Fatalf("sign-out: %d %s", code, b)
	}
	if code, _ := admin.do("GET", "/api/v1/callbacks?teamId=team-1", "", false); code != 401 {
		t.Fatalf("after sign-out: %d", code)
	}
	// Agents and integrations cannot sign in; a wrong password is 401, and after ten
	// failures in a minute even the right one waits.
	if _, resp, body := e.signIn(t, "demo", "demo", "demo-password", ""); resp.StatusCode != 403 || body["code"] != "forbidden" {
		t.Fatalf("agent sign-in: %d %v", resp.StatusCode, body)
	}
	if _, resp, _ := e.signIn(t, "nope", "admin", "admin-password", ""); resp.StatusCode != 401 {
		t.Fatalf("unknown tenant: %d", resp.StatusCode)
	}
	for i := 0; i < 10; i++ {
		if _, resp, _ := e.signIn(t, "demo", "admin", "wrong-password", ""); resp.StatusCode != 401 {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
	}
	if _, resp, body := e.signIn(t, "demo", "admin", "admin-password", ""); resp.StatusCode != 429 {
		t.Fatalf("after ten failures: %d %v", resp.StatusCode, body)
	}
	// A disabled account's session ends.
	sup, _, _ = e.signIn(t, "demo", "supervisor", "supervisor-password", "")
	e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 200, "")
	e.do(&e.admin, "PATCH", "/api/v1/accounts/supervisor", map[string]any{"disabled": true}).want(t, 200, "")
	if code, _ := sup.do("GET", "/api/v1/session", "", false); code != 401 {
		t.Fatalf("a disabled account's session: %d", code)
	}
}
