package httpapi_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/httpapi"
)

// items returns the ids of a page's items.
func (r response) ids() []string {
	var out []string
	items, _ := r.body["items"].([]any)
	for _, it := range items {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

func TestSearch(t *testing.T) {
	e := newEnv(t)
	var ids []string
	for i := 0; i < 5; i++ {
		start := e.clock.Now().Add(time.Duration(5-i) * time.Hour).Format(time.RFC3339)
		r := e.create(map[string]any{"teamId": "console", "phoneNumber": fmt.Sprintf("+1646555%04d", 300+i), "customerName": fmt.Sprintf("Zoë %d", i), "windowStart": start})
		ids = append(ids, r.str("id"))
		e.clock.Advance(time.Second)
	}
	e.create(map[string]any{"teamId": "elsewhere", "phoneNumber": "+16465550400", "customerName": "Zoë elsewhere"})
	// Agent-1 dials the first and connects.
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+ids[4]+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+ids[4]+"/attempts", map[string]any{"agentId": "agent-1", "outcome": "connected"}).want(t, 200, "")

	// By window start (default): the last created first; two at a time, then the rest.
	r := e.do(&e.sup, "GET", "/api/v1/callbacks/search?team=console&limit=2", nil).want(t, 200, "")
	if got := r.ids(); !slices.Equal(got, []string{ids[4], ids[3]}) {
		t.Fatalf("page 1 %v", got)
	}
	next := r.str("nextCursor")
	r = e.do(&e.sup, "GET", "/api/v1/callbacks/search?team=console&limit=2&cursor="+url.QueryEscape(next), nil).want(t, 200, "")
	r = e.do(&e.sup, "GET", "/api/v1/callbacks/search?team=console&limit=2&cursor="+url.QueryEscape(r.str("nextCursor")), nil).want(t, 200, "")
	if got := r.ids(); !slices.Equal(got, []string{ids[0]}) || r.body["nextCursor"] != nil {
		t.Fatalf("last page %s", r.raw)
	}
	// Filters combine; the facts come with each item.
	r = e.do(&e.admin, "GET", "/api/v1/callbacks/search?team=console&team=elsewhere&q=zo%C3%8B&status=completed&firstDialBy=agent-1", nil).want(t, 200, "")
	if got := r.ids(); !slices.Equal(got, []string{ids[4]}) {
		t.Fatalf("completed %s", r.raw)
	}
	facts := r.body["items"].([]any)[0].(map[string]any)["facts"].(map[string]any)
	if facts["closeReason"] != "connected" || facts["firstAttemptBy"] != "agent-1" || facts["firstOutcome"] != "connected" || facts["closedAt"] == nil {
		t.Fatalf("facts %v", facts)
	}
	r = e.do(&e.sup, "GET", "/api/v1/callbacks/search?q=zo%C3%AB&sort=createdAt&order=desc", nil).want(t, 200, "")
	if got := r.ids(); len(got) != 6 || got[1] != ids[4] {
		t.Fatalf("by created, newest first %v", got)
	}
	// A cursor of another order, unknown and repeated parameters, and an agent.
	e.do(&e.sup, "GET", "/api/v1/callbacks/search?team=console&sort=attempts&cursor="+url.QueryEscape(next), nil).want(t, 400, "invalid_cursor")
	e.do(&e.sup, "GET", "/api/v1/callbacks/search?teamId=console", nil).want(t, 400, "invalid_parameter")
	e.do(&e.sup, "GET", "/api/v1/callbacks/search?status=open", nil).want(t, 400, "invalid_parameter")
	e.do(&e.sup, "GET", "/api/v1/callbacks/search?sort=createdAt&sort=attempts", nil).want(t, 400, "invalid_parameter")
	e.do(&e.sup, "GET", "/api/v1/callbacks/search?windowFrom=yesterday", nil).want(t, 400, "invalid_parameter")
	e.do(&e.sup, "GET", "/api/v1/callbacks/search?limit=501", nil).want(t, 400, "invalid_parameter")
	e.do(&e.demo, "GET", "/api/v1/callbacks/search", nil).want(t, 403, "forbidden")
	// Another tenant sees none of these.
	if r := e.do(&e.other, "GET", "/api/v1/callbacks/search?team=console", nil).want(t, 200, ""); len(r.ids()) != 0 {
		t.Fatalf("another tenant's search %s", r.raw)
	}
}

// csvGet fetches a CSV export and returns its rows and response.
func (e *env) csvGet(c *creds, path string) ([][]string, *http.Response) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
	req.Header.Set("X-Api-Key", c.key)
	req.SetBasicAuth(c.user, c.pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		e.t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
	}
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		e.t.Fatalf("%s: not CSV: %v\n%s", path, err, body)
	}
	return rows, resp
}

func TestExportCSV(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 7; i++ {
		e.create(map[string]any{"teamId": "export", "phoneNumber": fmt.Sprintf("+1646555%04d", 500+i), "customerName": fmt.Sprintf("Customer %d", i)})
	}
	evil := e.create(map[string]any{"teamId": "export", "phoneNumber": "+16465550600", "customerName": "=HYPERLINK(\"x\")", "notes": "line one\nline, two"})
	rows, resp := e.csvGet(&e.sup, "/api/v1/callbacks/export.csv?team=export&sort=createdAt")
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("headers %v", resp.Header)
	}
	if !slices.Equal(rows[0], httpapi.ExportColumns) || len(rows) != 9 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	if resp.Trailer.Get("X-Export-Truncated") != "false" {
		t.Fatalf("trailer %v", resp.Trailer)
	}
	last := map[string]string{}
	for i, col := range httpapi.ExportColumns {
		last[col] = rows[8][i]
	}
	if last["id"] != evil.str("id") || last["customerName"] != `'=HYPERLINK("x")` || last["notes"] != "line one\nline, two" ||
		last["phoneNumber"] != "+16465550600" || last["status"] != "scheduled" || last["closedAt"] != "" || last["version"] != "1" {
		t.Fatalf("row %v", last)
	}
	// The filters apply; nothing matches: the header alone.
	rows, _ = e.csvGet(&e.admin, "/api/v1/callbacks/export.csv?team=export&status=completed")
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	e.do(&e.sup, "GET", "/api/v1/callbacks/export.csv?limit=5", nil).want(t, 400, "invalid_parameter")
	e.do(&e.sup, "GET", "/api/v1/callbacks/export.csv?bogus=1", nil).want(t, 400, "invalid_parameter")
	e.do(&e.demo, "GET", "/api/v1/callbacks/export.csv", nil).want(t, 403, "forbidden")
}
