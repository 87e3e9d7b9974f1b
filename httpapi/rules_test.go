package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPolicyAndDoNotCallEndpoints(t *testing.T) {
	e := newEnv(t)
	p := e.do(&e.other, "GET", "/api/v1/policy", nil).want(t, 200, "")
	if p.body["maxDaysAhead"] != float64(31) || p.body["callingHours"].(map[string]any)["mon"].(map[string]any)["start"] != "08:00" {
		t.Fatalf("policy %s", p.raw)
	}
	u := e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"callingHours": map[string]any{"sun": nil}, "teamFallbackMinutes": 0}).want(t, 200, "")
	if u.body["callingHours"].(map[string]any)["sun"] != nil || u.body["teamFallbackMinutes"] != float64(0) || u.body["maxAttempts"] != float64(3) {
		t.Fatalf("updated %s", u.raw)
	}
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"callingHours": map[string]any{"mon": map[string]any{"start": "9am", "end": "5pm"}}}).want(t, 422, "validation_failed")
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"maxDays": 3}).want(t, 400, "unknown_field")
	if o := e.do(&e.other, "GET", "/api/v1/policy", nil); o.body["teamFallbackMinutes"] != float64(60) {
		t.Fatal("another tenant's policy changed")
	}

	// Listing a number cancels its open callback; scheduling it again is refused.
	id := e.create(map[string]any{"phoneNumber": "+12125550181"}).str("id")
	r := e.do(&e.demo, "POST", "/api/v1/do-not-call", map[string]any{"phoneNumber": "212-555-0181", "reason": "asked twice"}).want(t, 200, "")
	if r.body["added"] != float64(1) || r.body["cancelled"].([]any)[0] != id {
		t.Fatalf("add %s", r.raw)
	}
	e.do(&e.demo, "POST", "/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": "+12125550181"}).want(t, 422, "validation_failed")
	e.do(&e.demo, "POST", "/api/v1/do-not-call", map[string]any{"phoneNumber": "12"}).want(t, 422, "validation_failed")

	req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/do-not-call/import", strings.NewReader("phone,reason\n+12125550182,x\nbad\n"))
	req.Header.Set("X-Api-Key", e.admin.key)
	req.SetBasicAuth(e.admin.user, e.admin.pass)
	req.Header.Set("Content-Type", "text/csv")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"added":1`) || !strings.Contains(string(body), `"line":3`) {
		t.Fatalf("import: %d %s", resp.StatusCode, body)
	}
	l := e.do(&e.sup, "GET", "/api/v1/do-not-call?limit=1", nil).want(t, 200, "")
	if len(l.body["items"].([]any)) != 1 || l.body["nextAfter"] != "+12125550181" {
		t.Fatalf("list %s", l.raw)
	}
	e.do(&e.admin, "DELETE", "/api/v1/do-not-call/+12125550181", nil).want(t, 204, "")
	e.do(&e.admin, "DELETE", "/api/v1/do-not-call/+12125550181", nil).want(t, 404, "not_found")
	e.do(&e.demo, "POST", "/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": "+12125550181"}).want(t, 201, "")
}

func TestCallableAndOutsideHours(t *testing.T) {
	e := newEnv(t)
	e.defaultHours(t)
	// 10:00 in New York: callable now, until 21:00.
	e.clock.Set(time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC))
	c := e.create(map[string]any{"phoneNumber": "+12125550191"})
	callable := c.body["callable"].(map[string]any)
	if callable["now"] != true || callable["until"] != "2026-03-03T02:00:00Z" {
		t.Fatalf("callable %v", callable)
	}
	// 22:30 in New York: a claim is refused with when calling opens.
	e.clock.Set(time.Date(2026, 3, 3, 3, 30, 0, 0, time.UTC))
	r := e.do(&e.demo, "POST", "/api/v1/callbacks/"+c.str("id")+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 409, "outside_calling_hours")
	if r.str("nextCallableAt") != "2026-03-03T13:00:00Z" || !strings.Contains(r.str("detail"), "22:30") {
		t.Fatalf("refusal %s", r.raw)
	}
	g := e.do(&e.demo, "GET", "/api/v1/callbacks/"+c.str("id"), nil).want(t, 200, "")
	if cl := g.body["callable"].(map[string]any); cl["now"] != false || cl["from"] != "2026-03-03T13:00:00Z" || cl["reason"] == "" {
		t.Fatalf("callable at night %v", cl)
	}
}

func TestPhoneLookup(t *testing.T) {
	e := newEnv(t)
	r := e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?number=%28415%29+555-0101", nil).want(t, 200, "")
	if r.str("phoneNumber") != "+14155550101" || r.str("timezone") != "America/Los_Angeles" || r.body["doNotCall"] != false {
		t.Fatalf("lookup %s", r.raw)
	}
	r = e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?number=0800+123+4567&country=GB", nil).want(t, 200, "")
	if r.body["timezone"] != "Europe/London" && r.body["timezone"] != nil {
		t.Fatalf("lookup GB %s", r.raw)
	}
	e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?number=12", nil).want(t, 422, "validation_failed")
	e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?number=%2B14155550101&country=XX", nil).want(t, 422, "validation_failed")
	e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?num=1", nil).want(t, 400, "invalid_parameter")
}

func TestPolicyRefusesUnknownNestedFields(t *testing.T) {
	e := newEnv(t)
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"callingHours": map[string]any{"mon": map[string]any{"start": "08:00", "end": "20:00", "open": true}}}).want(t, 400, "unknown_field")
	e.do(&e.admin, "PATCH", "/api/v1/policy", map[string]any{"callingHours": map[string]any{"mon": map[string]any{"start": "+8:00", "end": "20:00"}}}).want(t, 422, "validation_failed")
}
