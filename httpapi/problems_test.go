package httpapi_test

import (
	"strings"
	"testing"
)

// TestOneCodePerRule checks the rules that used to answer with two codes: a header that
// is not valid text gets its header's own code, and a stream token's agent and team ids
// are held to the rules of every other id (too_long, in characters).
func TestOneCodePerRule(t *testing.T) {
	e := newEnv(t)
	one := "/api/v1/callbacks/" + e.create(map[string]any{"phoneNumber": "+12125550171"}).str("id")
	e.do(&e.demo, "POST", "/api/v1/callbacks", map[string]any{"teamId": "t", "phoneNumber": "+12125550172"},
		"Idempotency-Key", "key-\xff").want(t, 400, "invalid_idempotency_key")
	e.do(&e.demo, "PATCH", one, map[string]any{"notes": "x"}, "If-Match", "\xff").want(t, 400, "invalid_if_match")
	e.do(&e.demo, "PATCH", one, map[string]any{"notes": "x"}, "X-Agent-Id", "agent-\xff").want(t, 400, "invalid_header")

	fieldCode := func(r response, field string) string {
		fields, _ := r.body["fields"].([]any)
		for _, f := range fields {
			if f := f.(map[string]any); f["field"] == field {
				return f["code"].(string)
			}
		}
		return ""
	}
	token := "/api/v1/events/token"
	r := e.do(&e.demo, "POST", token, map[string]any{"agentId": strings.Repeat("a", 129), "teamId": "team-1"}).want(t, 422, "validation_failed")
	if c := fieldCode(r, "agentId"); c != "too_long" {
		t.Fatalf("over-long agentId: field code %q: %s", c, r.raw)
	}
	r = e.do(&e.demo, "POST", token, map[string]any{"agentId": "agent-1", "teamId": "team\u0007"}).want(t, 422, "validation_failed")
	if c := fieldCode(r, "teamId"); c != "invalid_text" {
		t.Fatalf("control character in teamId: field code %q: %s", c, r.raw)
	}
	// 128 characters is the limit, whatever their UTF-8 length, as for a claim's agentId.
	e.do(&e.demo, "POST", token, map[string]any{"agentId": strings.Repeat("é", 128), "teamId": "team-1"}).want(t, 200, "")
}

// TestErrorsAreProblems checks answers that were once written by hand: the mux's 404 and
// 405, and readyz's 503, are problems with their status's headers.
func TestErrorsAreProblems(t *testing.T) {
	e := newEnv(t)
	e.do(&e.demo, "GET", "/api/v1/nothing", nil).want(t, 404, "route_not_found")
	if r := e.do(&e.demo, "PUT", "/api/v1/me", nil).want(t, 405, "method_not_allowed"); !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Fatalf("405 without Allow: %v", r.header)
	}
	e.do(&e.demo, "GET", "/api/v1/callbacks/a%00b", nil).want(t, 404, "not_found")
	e.app.Store.Close()
	if r := e.do(nil, "GET", "/readyz", nil).want(t, 503, "database_unavailable"); r.header.Get("Retry-After") == "" {
		t.Fatalf("503 without Retry-After: %v", r.header)
	}
}
