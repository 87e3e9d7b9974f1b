package httpapi_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity/httpapi"
)

// TestOpenAPIMatchesRoutes holds the published description against what the server
// serves: every route is described and every described operation is served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t)
	served := map[string]bool{"GET /healthz": true, "GET /readyz": true, "GET /api/v1/openapi.json": true}
	for _, r := range e.app.Server.Routes() {
		served[r.Method+" "+r.Path] = true
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	r := e.do(nil, "GET", "/api/v1/openapi.json", nil).want(t, 200, "")
	if err := json.Unmarshal(r.raw, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi: %v %q", err, doc.OpenAPI)
	}
	described := map[string]bool{}
	methods := regexp.MustCompile(`^(get|post|put|patch|delete)$`)
	for path, item := range doc.Paths {
		for m := range item {
			if methods.MatchString(m) {
				described[strings.ToUpper(m)+" "+path] = true
			}
		}
	}
	diff := func(a, b map[string]bool) []string {
		var out []string
		for k := range a {
			if !b[k] {
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	if d := diff(served, described); len(d) > 0 {
		t.Errorf("served but not described: %v", d)
	}
	if d := diff(described, served); len(d) > 0 {
		t.Errorf("described but not served: %v", d)
	}
	// Every described operation is actually routed (not a 404/405 from the mux).
	for op := range described {
		method, path, _ := strings.Cut(op, " ")
		path = strings.ReplaceAll(path, "{id}", "cb_x")
		if path == "/api/v1/events" {
			continue // a stream; covered by the events tests
		}
		res := e.do(&e.demo, method, path, map[string]any{})
		if res.str("code") == "route_not_found" || res.str("code") == "method_not_allowed" {
			t.Errorf("%s is described but not routed", op)
		}
	}
	if !json.Valid(httpapi.OpenAPI) {
		t.Fatal("embedded OpenAPI is not JSON")
	}
}

func TestHealth(t *testing.T) {
	e := newEnv(t)
	e.do(nil, "GET", "/healthz", nil).want(t, 200, "")
	r := e.do(nil, "GET", "/readyz", nil).want(t, 200, "")
	if r.str("status") != "ready" {
		t.Fatalf("readyz %s", r.raw)
	}
	e.app.Store.Close()
	e.do(nil, "GET", "/readyz", nil).want(t, 503, "database_unavailable")
}

func TestCORS(t *testing.T) {
	e := newEnv(t)
	r := e.do(nil, "OPTIONS", "/api/v1/callbacks", nil, "Origin", "https://desktop.wxcc-us1.cisco.com", "Access-Control-Request-Method", "POST")
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != "https://desktop.wxcc-us1.cisco.com" ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "X-Api-Key") {
		t.Fatalf("preflight: %d %v", r.status, r.header)
	}
	r = e.do(nil, "OPTIONS", "/api/v1/callbacks", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("unknown origin allowed")
	}
	r = e.do(&e.demo, "GET", "/api/v1/me", nil, "Origin", "https://x.cisco.com.evil.example")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("suffix trick allowed")
	}
}
