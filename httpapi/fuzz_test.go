package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzAPIBodies sends arbitrary bodies and paths to the write endpoints: whatever a
// client sends, the answer is never a 5xx and always JSON.
func FuzzAPIBodies(f *testing.F) {
	for _, s := range []string{`{}`, `{"teamId":"t","phoneNumber":"+12125550100"}`, `{"agentId":null}`, `[`, `{"windowStart":"2026-13-45T99:00:00Z"}`,
		`{"teamId":"t","phoneNumber":"+1 212 555 0100","windowStart":"2026-03-02T15:00:00Z","windowEnd":"2026-03-02T14:00:00Z"}`,
		`{"agentId":"a","outcome":"busy","retryAt":"1900-01-01T00:00:00Z"}`, "\x00\xff", `{"maxAttempts":1e309}`, `{"teamId":"\ud800"}`} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(3))
	}
	e := newEnv(f)
	routes := []struct{ method, path string }{
		{"POST", "/api/v1/callbacks"}, {"PATCH", "/api/v1/callbacks/ID"}, {"POST", "/api/v1/callbacks/ID/claim"},
		{"POST", "/api/v1/callbacks/ID/attempts"}, {"POST", "/api/v1/callbacks/ID/cancel"}, {"POST", "/api/v1/callbacks/ID/release"},
		{"POST", "/api/v1/events/token"}, {"GET", "/api/v1/callbacks?cursor="},
	}
	id := e.create(map[string]any{"phoneNumber": "+12125550190"}).str("id")
	f.Fuzz(func(t *testing.T, body string, which uint8) {
		rt := routes[int(which)%len(routes)]
		path := strings.ReplaceAll(rt.path, "ID", id)
		if rt.method == "GET" {
			path += url.QueryEscape(body)
			body = ""
		}
		req := httptest.NewRequest(rt.method, "http://x"+path, strings.NewReader(body))
		req.Header.Set("X-Api-Key", e.demo.key)
		req.SetBasicAuth(e.demo.user, e.demo.pass)
		w := httptest.NewRecorder()
		e.app.Handler().ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("%s %s with %q: %d %s", rt.method, path, body, w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, "json") {
			t.Fatalf("%s %s: content type %q", rt.method, path, ct)
		}
		_ = http.StatusOK
	})
}

// FuzzQueryString sends arbitrary query strings to the list, lookup and do-not-call
// endpoints: the answer is a JSON 200 or a JSON 4xx problem, never a 5xx.
func FuzzQueryString(f *testing.F) {
	for _, s := range []string{"agentId=agent-1&teamId=team-1", "status=claimed,completed&limit=500", "limit=-1", "cursor=%ff", "status=nope", "number=%2B12125550100&country=GB", "after=%00&limit=1001", "a=1&a=2", "%zz",
		"team=a&team=b&q=50%25_&sort=attempts&order=desc&cursor=czF8YXR0ZW1wdHN8ZGVzY3wzfGNiXzE", "windowFrom=2026-11-30&tz=Asia/Kolkata&overdue=true&minAttempts=2", "from=2026-11-01&to=2026-11-30&team=a&format=csv"} {
		for i := uint8(0); i < 5; i++ {
			f.Add(s, i)
		}
	}
	e := newEnv(f)
	paths := []string{"/api/v1/callbacks", "/api/v1/phone-numbers/lookup", "/api/v1/do-not-call", "/api/v1/callbacks/search", "/api/v1/reports/daily"}
	f.Fuzz(func(t *testing.T, query string, which uint8) {
		path := paths[int(which)%len(paths)]
		req := httptest.NewRequest("GET", "http://x"+path, nil)
		req.URL.RawQuery = query
		req.Header.Set("X-Api-Key", e.demo.key)
		req.SetBasicAuth(e.demo.user, e.demo.pass)
		if strings.HasPrefix(path, "/api/v1/callbacks/") || strings.HasPrefix(path, "/api/v1/reports/") {
			req.SetBasicAuth(e.sup.user, e.sup.pass)
		}
		w := httptest.NewRecorder()
		e.app.Handler().ServeHTTP(w, req)
		if ct := w.Header().Get("Content-Type"); w.Code >= 500 || !strings.Contains(ct, "json") && !strings.HasPrefix(ct, "text/csv") {
			t.Fatalf("GET %s?%s: %d %s %s", path, query, w.Code, w.Header().Get("Content-Type"), w.Body)
		}
	})
}
