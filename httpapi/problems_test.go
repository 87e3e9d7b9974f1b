package httpapi_test

import (
	"strings"
	"testing"
)

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
