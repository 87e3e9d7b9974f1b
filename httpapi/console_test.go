package httpapi_test

import (
	"context"
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
		e.clock.Advance(time.Second) // ids made in one instant do not sort by creation
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

func TestBulk(t *testing.T) {
	e := newEnv(t)
	mk := func(i int) string {
		start := e.clock.Now().Add(time.Duration(i+1) * time.Hour).Format(time.RFC3339)
		return e.create(map[string]any{"teamId": "bulk", "phoneNumber": fmt.Sprintf("+1646555%04d", 700+i), "windowStart": start}).str("id")
	}
	a, dialed, closed, d := mk(0), mk(1), mk(2), mk(3)
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+dialed+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+closed+"/cancel", map[string]any{}).want(t, 200, "")

	// One refused does not stop the rest; each item says what happened, in order.
	r := e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"ids": []string{a, dialed, closed, "cb_missing", d, a}, "action": "reassign", "agentId": "agent-2"}).want(t, 200, "")
	if r.body["total"] != float64(5) || r.body["succeeded"] != float64(2) || r.body["failed"] != float64(3) {
		t.Fatalf("result %s", r.raw)
	}
	var codes []string
	for _, it := range r.body["items"].([]any) {
		m := it.(map[string]any)
		c, _ := m["code"].(string)
		if m["ok"] == true {
			c = "ok"
		} else if m["message"] == "" {
			t.Fatalf("no message: %v", m)
		}
		codes = append(codes, m["id"].(string)+":"+c)
	}
	if want := []string{a + ":ok", dialed + ":already_claimed", closed + ":invalid_transition", "cb_missing:not_found", d + ":ok"}; !slices.Equal(codes, want) {
		t.Fatalf("items %v\nwant %v", codes, want)
	}
	if g := e.do(&e.sup, "GET", "/api/v1/callbacks/"+a, nil); g.str("agentId") != "agent-2" {
		t.Fatalf("not reassigned: %s", g.raw)
	}
	// Every change is in the audit trail, and the request too.
	audit := e.do(&e.sup, "GET", "/api/v1/audit?kind=callback.updated", nil).want(t, 200, "")
	if n := len(audit.body["items"].([]any)); n != 2 {
		t.Fatalf("%d audit entries of updates: %s", n, audit.raw)
	}
	audit = e.do(&e.sup, "GET", "/api/v1/audit?kind=callbacks.bulk", nil).want(t, 200, "")
	if items := audit.body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["actor"] != "supervisor" {
		t.Fatalf("bulk audit %s", audit.raw)
	}

	// Shift by a filter: every scheduled callback of the team moves two hours.
	before := e.do(&e.sup, "GET", "/api/v1/callbacks/"+d, nil).str("windowStart")
	r = e.do(&e.admin, "POST", "/api/v1/callbacks/bulk", map[string]any{"filter": map[string]any{"team": []string{"bulk"}, "status": "scheduled"}, "action": "shift", "hours": 2}).want(t, 200, "")
	if r.body["total"] != float64(2) || r.body["succeeded"] != float64(2) {
		t.Fatalf("shift %s", r.raw)
	}
	after := e.do(&e.sup, "GET", "/api/v1/callbacks/"+d, nil).str("windowStart")
	if b, _ := time.Parse(time.RFC3339, before); b.Add(2*time.Hour).Format(time.RFC3339) != after {
		t.Fatalf("window %s -> %s", before, after)
	}
	// Reschedule, then cancel with a reason: the search lists them as a supervisor's.
	start := e.clock.Now().Add(30 * time.Hour).Format(time.RFC3339)
	e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"ids": []string{a}, "action": "reschedule", "windowStart": start}).want(t, 200, "")
	if g := e.do(&e.sup, "GET", "/api/v1/callbacks/"+a, nil); g.str("windowStart") != start {
		t.Fatalf("not rescheduled: %s", g.raw)
	}
	r = e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"filter": map[string]any{"team": "bulk", "status": "scheduled,claimed"}, "action": "cancel", "reason": "campaign over"}).want(t, 200, "")
	if r.body["total"] != float64(3) || r.body["succeeded"] != float64(2) || r.body["failed"] != float64(1) {
		t.Fatalf("cancel %s", r.raw)
	}
	if s := e.do(&e.sup, "GET", "/api/v1/callbacks/search?team=bulk&closeReason=supervisor", nil); len(s.ids()) != 2 {
		t.Fatalf("cancelled by a supervisor: %s", s.raw)
	}

	// Refused whole: what to change and how must be clear.
	for _, body := range []map[string]any{
		{"action": "cancel", "reason": "r"},
		{"ids": []string{a}, "filter": map[string]any{"team": "bulk"}, "action": "cancel", "reason": "r"},
		{"ids": []string{a}, "action": "delete"},
		{"ids": []string{a}, "action": "cancel"},
		{"ids": []string{a}, "action": "reassign"},
		{"ids": []string{a}, "action": "reassign", "agentId": "agent-1", "toTeam": true},
		{"ids": []string{a}, "action": "shift", "hours": 0},
		{"ids": []string{a}, "action": "shift", "hours": 2, "reason": "r"},
		{"ids": make([]string, 10001), "action": "cancel", "reason": "r"},
	} {
		e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", body).want(t, 422, "validation_failed")
	}
	e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"filter": map[string]any{"team": "bulk", "limit": 5}, "action": "cancel", "reason": "r"}).want(t, 400, "unknown_field")
	e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"filter": map[string]any{"sort": "name"}, "action": "cancel", "reason": "r"}).want(t, 400, "invalid_field_value")
	e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"filter": []string{"x"}, "action": "cancel", "reason": "r"}).want(t, 400, "invalid_field_type")
	e.do(&e.demo, "POST", "/api/v1/callbacks/bulk", map[string]any{"ids": []string{a}, "action": "cancel", "reason": "r"}).want(t, 403, "forbidden")
	e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", strings.Repeat(" ", httpapi.MaxBulkBodyBytes+1)).want(t, 413, "body_too_large")
}

func TestReports(t *testing.T) {
	e := newEnv(t)
	ids := map[string]string{}
	for i, name := range []string{"done", "gone", "open", "late"} {
		start := e.clock.Now().Add(time.Duration(i*10) * time.Minute).Format(time.RFC3339)
		ids[name] = e.create(map[string]any{"teamId": "rep", "phoneNumber": fmt.Sprintf("+1646555%04d", 800+i), "windowStart": start}).str("id")
	}
	e.create(map[string]any{"teamId": "rep-other", "phoneNumber": "+16465550900"})
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+ids["done"]+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+ids["done"]+"/attempts", map[string]any{"agentId": "agent-1", "outcome": "connected"}).want(t, 200, "")
	e.do(&e.sup, "POST", "/api/v1/callbacks/"+ids["gone"]+"/cancel", map[string]any{"reason": "duplicate"}).want(t, 200, "")
	e.clock.Advance(2 * time.Hour) // "open" and "late" windows ended 40 and 30 minutes ago

	r := e.do(&e.sup, "GET", "/api/v1/reports/summary?team=rep", nil).want(t, 200, "")
	f := r.body["figures"].(map[string]any)
	count := func(path string) float64 {
		var v any = f
		for _, k := range strings.Split(path, ".") {
			v = v.(map[string]any)[k]
		}
		return v.(map[string]any)["count"].(float64)
	}
	for path, want := range map[string]float64{"now.open": 2, "now.overdue": 2, "now.overdueBy.upTo1h": 2, "now.team": 2, "created": 4,
		"outcomes.closed": 2, "outcomes.completedBy.connected": 1, "outcomes.cancelledBy.supervisor": 1, "punctuality.firstDialed": 1} {
		if got := count(path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	if rt := f["outcomes"].(map[string]any)["connectRateFirst"].(map[string]any)["rate"]; rt != 1.0 {
		t.Errorf("first-dial connect rate %v", rt)
	}
	// A figure's search lists its callbacks.
	search := f["outcomes"].(map[string]any)["cancelledBy"].(map[string]any)["supervisor"].(map[string]any)["search"].(string)
	if s := e.do(&e.sup, "GET", "/api/v1/callbacks/search?"+search, nil).want(t, 200, ""); !slices.Equal(s.ids(), []string{ids["gone"]}) {
		t.Fatalf("search %q lists %s", search, s.raw)
	}
	if r.str("timezone") != "America/New_York" || r.body["teams"].([]any)[0] != "rep" || r.str("from") == "" {
		t.Fatalf("report %s", r.raw)
	}

	// Per team, per agent, per day.
	teams := e.do(&e.admin, "GET", "/api/v1/reports/teams?team=rep&team=nobody", nil).want(t, 200, "")
	if rows := teams.body["rows"].([]any); len(rows) != 2 || rows[0].(map[string]any)["teamId"] != "nobody" || rows[1].(map[string]any)["teamId"] != "rep" {
		t.Fatalf("teams %s", teams.raw)
	}
	agents := e.do(&e.sup, "GET", "/api/v1/reports/agents?team=rep", nil).want(t, 200, "")
	// agent-1 dialed; the callbacks were created by the account "demo", naming no agent.
	if rows := agents.body["rows"].([]any); len(rows) != 2 || rows[0].(map[string]any)["agentId"] != "agent-1" || rows[1].(map[string]any)["agentId"] != "demo" {
		t.Fatalf("agents %s", agents.raw)
	}
	daily := e.do(&e.sup, "GET", "/api/v1/reports/daily?from=2026-11-01&to=2026-11-30&tz=Europe/London", nil).want(t, 200, "")
	if rows := daily.body["rows"].([]any); len(rows) != 30 || rows[0].(map[string]any)["date"] != "2026-11-01" || rows[0].(map[string]any)["figures"].(map[string]any)["now"] != nil {
		t.Fatalf("daily %d rows: %.300s", len(rows), daily.raw)
	}

	// CSV: by ?format=csv or Accept.
	rows, resp := e.csvGet(&e.sup, "/api/v1/reports/summary?team=rep&format=csv")
	if resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !slices.Equal(rows[0], []string{"figure", "value", "search"}) {
		t.Fatalf("summary CSV %v %v", resp.Header, rows[0])
	}
	found := false
	for _, row := range rows {
		if row[0] == "outcomes.cancelledBy.supervisor" && row[1] == "1" && row[2] == search {
			found = true
		}
	}
	if !found {
		t.Fatalf("summary CSV has no line for outcomes.cancelledBy.supervisor: %v", rows)
	}
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/reports/daily?from=2026-11-01&to=2026-11-03", nil)
	req.Header.Set("X-Api-Key", e.sup.key)
	req.SetBasicAuth(e.sup.user, e.sup.pass)
	req.Header.Set("Accept", "text/csv")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(res.Body).ReadAll()
	res.Body.Close()
	if err != nil || len(lines) != 4 || lines[0][0] != "date" || lines[1][0] != "2026-11-01" || len(lines[0]) != len(lines[1]) || slices.Contains(lines[0], "now.open") {
		t.Fatalf("daily CSV %v %v", lines, err)
	}
	rows, _ = e.csvGet(&e.sup, "/api/v1/reports/teams?team=rep&format=csv")
	if len(rows) != 2 || rows[0][0] != "teamId" || rows[1][0] != "rep" || !slices.Contains(rows[0], "now.overdueBy.upTo4h") {
		t.Fatalf("teams CSV %v", rows)
	}

	// Bad periods and parameters, and roles.
	for _, q := range []string{"from=2026-12-01&to=2026-11-01", "from=2026-01-01&to=2026-12-31", "to=tomorrow", "tz=Nowhere/Else", "format=xml", "status=open", "to=2026-11-01&to=2026-11-02"} {
		e.do(&e.sup, "GET", "/api/v1/reports/summary?"+q, nil).want(t, 400, "invalid_parameter")
	}
	for _, c := range []*creds{&e.demo, e.account(t, "demo", "crm", "integration")} {
		e.do(c, "GET", "/api/v1/reports/summary", nil).want(t, 403, "forbidden")
	}
}

// TestTenantWideStream checks that a supervisor's console gets a stream of every change
// of the tenant (a token with no agent and no team), and an agent account does not.
func TestTenantWideStream(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tok := e.do(&e.sup, "POST", "/api/v1/events/token", map[string]any{}).want(t, 200, "")
	ch, resp := e.stream(ctx, "/api/v1/events?token="+tok.str("token"), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("stream: %d", resp.StatusCode)
	}
	// Changes of two teams, a personal callback and a team one, by an agent: all of them.
	a := e.create(map[string]any{"teamId": "north", "phoneNumber": "+16465550950", "agentId": "agent-1"}).str("id")
	b := e.create(map[string]any{"teamId": "south", "phoneNumber": "+16465550951"}).str("id")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+b+"/claim", map[string]any{"agentId": "agent-2"}).want(t, 200, "")
	// Another tenant's change is not in it.
	e.do(&e.other, "POST", "/api/v1/callbacks", map[string]any{"teamId": "north", "phoneNumber": "+442079460111"}).want(t, 201, "")
	e.do(&e.sup, "POST", "/api/v1/callbacks/bulk", map[string]any{"ids": []string{a}, "action": "cancel", "reason": "r"}).want(t, 200, "")
	var got []string
	for len(got) < 4 {
		ev := next(t, ch)
		got = append(got, ev.typ+":"+ev.data["callbackId"].(string))
	}
	if want := []string{"created:" + a, "created:" + b, "claimed:" + b, "cancelled:" + a}; !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	e.do(&e.admin, "POST", "/api/v1/events/token", map[string]any{"agentId": "", "teamId": ""}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{}).want(t, 403, "forbidden")
	e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{"teamId": "north"}).want(t, 403, "forbidden")
}
