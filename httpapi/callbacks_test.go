package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCallbackLifecycle(t *testing.T) {
	e := newEnv(t)
	start := e.clock.Now().Add(2 * time.Hour).Format(time.RFC3339)
	r := e.create(map[string]any{"customerName": "Ada", "phoneNumber": "(646) 555-0100", "windowStart": start, "notes": "n", "sourceInteractionId": "int-1"})
	id := r.str("id")
	if r.header.Get("Location") != "/api/v1/callbacks/"+id || r.header.Get("ETag") != `"1"` {
		t.Fatalf("headers %v", r.header)
	}
	if r.str("phoneNumber") != "+16465550100" || r.str("timezone") != "America/New_York" || r.body["agentId"] != nil || r.str("status") != "scheduled" {
		t.Fatalf("created %s", r.raw)
	}
	got := e.do(&e.demo, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, "")
	if got.str("id") != id || got.body["version"] != float64(1) {
		t.Fatalf("get %s", got.raw)
	}
	// Reassign to agent-2 with the right version, then a stale version changes nothing.
	// (An agent gives a callback only to itself or its team; a supervisor moves it.)
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"agentId": "agent-2"}, "If-Match", `"1"`, "X-Agent-Id", "agent-1").want(t, 403, "forbidden")
	p := e.do(&e.sup, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"agentId": "agent-2", "notes": "call after lunch"}, "If-Match", `"1"`, "X-Agent-Id", "agent-1").want(t, 200, "")
	if p.str("agentId") != "agent-2" || p.body["version"] != float64(2) || p.header.Get("ETag") != `"2"` {
		t.Fatalf("patch %s", p.raw)
	}
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"notes": "stale"}, "If-Match", `"1"`, "X-Agent-Id", "agent-2").want(t, 412, "version_mismatch")
	if g := e.do(&e.demo, "GET", "/api/v1/callbacks/"+id, nil, "X-Agent-Id", "agent-2"); g.str("notes") != "call after lunch" {
		t.Fatalf("stale patch changed notes: %s", g.raw)
	}
	// Back to the team with agentId: null, by its owner.
	p = e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"agentId": nil}, "X-Agent-Id", "agent-2").want(t, 200, "")
	if p.body["agentId"] != nil {
		t.Fatalf("agentId null: %s", p.raw)
	}
	// Claim, record no answer with a retry, claim again, connect.
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-2"}).want(t, 409, "already_claimed")
	retry := e.clock.Now().Add(3 * time.Hour).Format(time.RFC3339)
	a := e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/attempts", map[string]any{"agentId": "agent-1", "outcome": "no_answer", "retryAt": retry}).want(t, 200, "")
	if a.str("status") != "scheduled" || a.body["attempts"] != float64(1) || a.str("windowStart") != retry || a.str("lastOutcome") != "no_answer" {
		t.Fatalf("attempt %s", a.raw)
	}
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-2"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/release", map[string]any{"agentId": "agent-1"}).want(t, 409, "not_claim_holder")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/release", map[string]any{"agentId": "agent-2"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-2"}).want(t, 200, "")
	done := e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/attempts", map[string]any{"agentId": "agent-2", "outcome": "connected", "interactionId": "int-2"}).want(t, 200, "")
	if done.str("status") != "completed" || done.body["attempts"] != float64(2) {
		t.Fatalf("completed %s", done.raw)
	}
	r409 := e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/cancel", map[string]any{}).want(t, 409, "invalid_transition")
	if r409.str("currentStatus") != "completed" {
		t.Fatalf("the problem does not say the callback's status: %s", r409.raw)
	}
	h := e.do(&e.demo, "GET", "/api/v1/callbacks/"+id+"/history", nil).want(t, 200, "")
	var types []string
	for _, it := range h.body["items"].([]any) {
		types = append(types, it.(map[string]any)["type"].(string))
	}
	want := "created updated updated claimed attempted claimed released claimed attempted completed"
	if strings.Join(types, " ") != want {
		t.Fatalf("history %v\nwant       %s", types, want)
	}
	first := h.body["items"].([]any)[1].(map[string]any)
	if first["actor"].(map[string]any)["agentId"] != "agent-1" || first["actor"].(map[string]any)["account"] != "supervisor" {
		t.Fatalf("actor %v", first["actor"])
	}
}

func TestListAndPaging(t *testing.T) {
	e := newEnv(t)
	// The demo seeds 5 callbacks: 3 team, 1 agent-1, 1 agent-2.
	r := e.do(&e.demo, "GET", "/api/v1/callbacks?agentId=agent-1&teamId=team-1", nil).want(t, 200, "")
	items := r.body["items"].([]any)
	if len(items) != 4 || r.body["nextCursor"] != nil {
		t.Fatalf("agent-1 sees %d items: %s", len(items), r.raw)
	}
	prev := ""
	for _, it := range items {
		ws := it.(map[string]any)["windowStart"].(string)
		if ws < prev {
			t.Fatal("not ordered by windowStart")
		}
		prev = ws
		if a := it.(map[string]any)["agentId"]; a != nil && a != "agent-1" {
			t.Fatalf("agent-1 sees agent %v's callback", a)
		}
	}
	var seen []string
	cursor := ""
	for pages := 0; ; pages++ {
		path := "/api/v1/callbacks?teamId=team-1&limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := e.do(&e.sup, "GET", path, nil).want(t, 200, "")
		for _, it := range r.body["items"].([]any) {
			seen = append(seen, it.(map[string]any)["id"].(string))
		}
		if r.body["nextCursor"] == nil {
			break
		}
		cursor = r.body["nextCursor"].(string)
		if pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != 5 {
		t.Fatalf("paged %d of 5", len(seen))
	}
	r = e.do(&e.sup, "GET", "/api/v1/callbacks?status=cancelled,completed", nil).want(t, 200, "")
	if len(r.body["items"].([]any)) != 0 {
		t.Fatal("closed callbacks in a fresh demo")
	}
}

func TestBadInput(t *testing.T) {
	e := newEnv(t)
	id := e.create(map[string]any{"phoneNumber": "+12125550111"}).str("id")
	now := e.clock.Now()
	ts := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	long := strings.Repeat("x", 2001)
	cb := "/api/v1/callbacks"
	one := cb + "/" + id
	cases := []struct {
		name, method, path string
		body               any
		status             int
		code               string
		field              string
		headers            []string
	}{
		{"malformed json", "POST", cb, `{"teamId":`, 400, "invalid_json", "", nil},
		{"not an object", "POST", cb, `[1,2]`, 400, "invalid_json", "", nil},
		{"trailing data", "POST", cb, `{"teamId":"t","phoneNumber":"+12125550112"} {}`, 400, "invalid_json", "", nil},
		{"empty body", "POST", cb, ``, 400, "empty_body", "", nil},
		{"unknown field", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "phone": "x"}, 400, "unknown_field", "phone", nil},
		{"wrong type", "POST", cb, map[string]any{"teamId": 7, "phoneNumber": "+12125550112"}, 400, "invalid_field_type", "teamId", nil},
		{"bad timestamp", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowStart": "tomorrow"}, 400, "invalid_field_value", "windowStart", nil},
		{"too large", "POST", cb, `{"notes":"` + strings.Repeat("a", 70<<10) + `"}`, 413, "body_too_large", "", nil},
		{"missing team", "POST", cb, map[string]any{"phoneNumber": "+12125550112"}, 422, "validation_failed", "teamId", nil},
		{"missing number", "POST", cb, map[string]any{"teamId": "t"}, 422, "validation_failed", "phoneNumber", nil},
		{"invalid number", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "12345"}, 422, "validation_failed", "phoneNumber", nil},
		{"letters for a number", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "call me"}, 422, "validation_failed", "phoneNumber", nil},
		{"bad country", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "2125550112", "country": "XX"}, 422, "validation_failed", "country", nil},
		{"bad timezone", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "timezone": "Mars/Olympus"}, 422, "validation_failed", "timezone", nil},
		{"end before start", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowStart": ts(2 * time.Hour), "windowEnd": ts(time.Hour)}, 422, "validation_failed", "windowEnd", nil},
		{"already ended", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowStart": ts(-3 * time.Hour), "windowEnd": ts(-2 * time.Hour)}, 422, "validation_failed", "windowEnd", nil},
		{"too far ahead", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowStart": ts(32 * 24 * time.Hour)}, 422, "validation_failed", "windowStart", nil},
		{"over-long notes", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "notes": long}, 422, "validation_failed", "notes", nil},
		{"over-long name", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "customerName": long[:251]}, 422, "validation_failed", "customerName", nil},
		{"max attempts", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "maxAttempts": 0}, 422, "validation_failed", "maxAttempts", nil},
		{"duplicate open", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "212 555 0111"}, 409, "duplicate_open_callback", "", nil},
		{"long idempotency key", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112"}, 400, "invalid_idempotency_key", "", []string{"Idempotency-Key", strings.Repeat("k", 256)}},
		{"limit not a number", "GET", cb + "?limit=abc", nil, 400, "invalid_parameter", "limit", nil},
		{"limit zero", "GET", cb + "?limit=0", nil, 400, "invalid_parameter", "limit", nil},
		{"limit too big", "GET", cb + "?limit=501", nil, 400, "invalid_parameter", "limit", nil},
		{"bad status", "GET", cb + "?status=open", nil, 400, "invalid_parameter", "status", nil},
		{"unknown parameter", "GET", cb + "?agent=agent-1", nil, 400, "invalid_parameter", "agent", nil},
		{"repeated parameter", "GET", cb + "?teamId=a&teamId=b", nil, 400, "invalid_parameter", "teamId", nil},
		{"bad cursor", "GET", cb + "?cursor=zzz", nil, 400, "invalid_cursor", "cursor", nil},
		{"unknown id", "GET", cb + "/cb_nope", nil, 404, "not_found", "", nil},
		{"unknown id history", "GET", cb + "/cb_nope/history", nil, 404, "not_found", "", nil},
		{"unknown id claim", "POST", cb + "/cb_nope/claim", map[string]any{"agentId": "a"}, 404, "not_found", "", nil},
		{"claim without agent", "POST", one + "/claim", map[string]any{}, 422, "validation_failed", "agentId", nil},
		{"claim with no body", "POST", one + "/claim", ``, 400, "empty_body", "", nil},
		{"release unclaimed", "POST", one + "/release", map[string]any{"agentId": "a"}, 409, "invalid_transition", "", nil},
		{"attempt unclaimed", "POST", one + "/attempts", map[string]any{"agentId": "a", "outcome": "busy"}, 409, "invalid_transition", "", nil},
		{"attempt bad outcome", "POST", one + "/attempts", map[string]any{"agentId": "a", "outcome": "great"}, 422, "validation_failed", "outcome", nil},
		{"patch bad if-match", "PATCH", one, map[string]any{"notes": "x"}, 400, "invalid_if_match", "", []string{"If-Match", "abc"}},
		{"patch stale", "PATCH", one, map[string]any{"notes": "x"}, 412, "version_mismatch", "", []string{"If-Match", `"9"`}},
		{"patch null", "PATCH", one, map[string]any{"notes": nil}, 422, "validation_failed", "notes", nil},
		{"patch unknown", "PATCH", one, map[string]any{"status": "completed"}, 400, "unknown_field", "status", nil},
		{"patch past window", "PATCH", one, map[string]any{"windowStart": ts(-5 * time.Hour)}, 422, "validation_failed", "windowEnd", nil},
		{"cancel long reason", "POST", one + "/cancel", map[string]any{"reason": long}, 422, "validation_failed", "reason", nil},
		{"window end in year 9999", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowEnd": "9999-12-31T23:59:59-05:00"}, 422, "validation_failed", "windowEnd", nil},
		{"window start in year 0", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowStart": "0000-01-01T00:00:00+01:00"}, 422, "validation_failed", "windowStart", nil},
		{"window longer than 7 days", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "windowEnd": ts(8 * 24 * time.Hour)}, 422, "validation_failed", "windowEnd", nil},
		{"NUL in a team id", "POST", cb, map[string]any{"teamId": "t\u0000x", "phoneNumber": "+12125550112"}, 422, "validation_failed", "teamId", nil},
		{"control character in a name", "POST", cb, map[string]any{"teamId": "t", "phoneNumber": "+12125550112", "customerName": "Ada\u001b[31m"}, 422, "validation_failed", "customerName", nil},
		{"NUL in a query value", "GET", cb + "?teamId=a%00b", nil, 400, "invalid_parameter", "teamId", nil},
		{"invalid UTF-8 in a query value", "GET", cb + "?agentId=%ff", nil, 400, "invalid_parameter", "agentId", nil},
		{"NUL in a path id", "GET", cb + "/a%00b", nil, 404, "not_found", "", nil},
		{"invalid UTF-8 in a path id", "GET", cb + "/%ff", nil, 404, "not_found", "", nil},
		{"NUL in a stream token scope", "POST", "/api/v1/events/token", map[string]any{"agentId": "a\u0000"}, 422, "validation_failed", "agentId", nil},
		{"patch window end in year 9999", "PATCH", one, map[string]any{"windowEnd": "9999-12-31T23:59:59Z"}, 422, "validation_failed", "windowEnd", nil},
		{"unknown route", "GET", "/api/v1/nothing", nil, 404, "route_not_found", "", nil},
		{"wrong method", "DELETE", one, nil, 405, "method_not_allowed", "", nil},
		{"events bad param", "GET", "/api/v1/events?since=1", nil, 400, "invalid_parameter", "since", nil},
		{"events bad token", "GET", "/api/v1/events?token=forged.sig", nil, 401, "invalid_stream_token", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do(&e.demo, c.method, c.path, c.body, c.headers...).want(t, c.status, c.code)
			if c.field != "" {
				fields, _ := r.body["fields"].([]any)
				found := false
				for _, f := range fields {
					found = found || f.(map[string]any)["field"] == c.field
				}
				if !found {
					t.Fatalf("problem does not name field %q: %s", c.field, r.raw)
				}
			}
		})
	}
	// Nothing was lost or changed by all that.
	if g := e.do(&e.demo, "GET", one, nil); g.body["version"] != float64(1) || g.str("status") != "scheduled" {
		t.Fatalf("bad input changed the callback: %s", g.raw)
	}
}

func TestReassignWhileClaimed(t *testing.T) {
	e := newEnv(t)
	id := e.create(map[string]any{"phoneNumber": "+12125550166"}).str("id")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	r := e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"agentId": "agent-2"}).want(t, 409, "already_claimed")
	if r.str("claimedBy") != "agent-1" {
		t.Fatalf("refusal %s", r.raw)
	}
	// To the holder, or back to the team, is fine.
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"agentId": "agent-1"}, "X-Agent-Id", "agent-1").want(t, 200, "")
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"agentId": nil}, "X-Agent-Id", "agent-1").want(t, 200, "")
	// A patch onto another open callback's number names it.
	other := e.create(map[string]any{"phoneNumber": "+12125550167"}).str("id")
	d := e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"phoneNumber": "+12125550167"}).want(t, 409, "duplicate_open_callback")
	if d.str("existingId") != other {
		t.Fatalf("duplicate %s", d.raw)
	}
	// Clipped windows come back in UTC, like every other time: under the default hours, at
	// 10:00 in New York, a window moved to Kolkata (20:30-21:30 there) ends at 21:00.
	e.defaultHours(t)
	e.clock.Set(time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC))
	id = e.create(map[string]any{"phoneNumber": "+12125550168", "timezone": "America/New_York"}).str("id")
	p := e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+id, map[string]any{"timezone": "Asia/Kolkata"}).want(t, 200, "")
	if p.str("windowEnd") != "2026-03-02T15:30:00Z" {
		t.Fatalf("window end %q", p.str("windowEnd"))
	}
}

func TestIdempotencyKey(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"teamId": "team-1", "phoneNumber": "+12125550177"}
	a := e.do(&e.demo, "POST", "/api/v1/callbacks", body, "Idempotency-Key", "k-1").want(t, 201, "")
	b := e.do(&e.demo, "POST", "/api/v1/callbacks", body, "Idempotency-Key", "k-1").want(t, 201, "")
	if a.str("id") != b.str("id") || b.header.Get("Idempotent-Replayed") != "true" || a.header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("replay: %s / %s", a.str("id"), b.str("id"))
	}
	body["notes"] = "changed"
	e.do(&e.demo, "POST", "/api/v1/callbacks", body, "Idempotency-Key", "k-1").want(t, 422, "idempotency_key_reused")
}

func TestClaimRaceOverHTTP(t *testing.T) {
	e := newEnv(t)
	for round := 0; round < 10; round++ {
		id := e.create(map[string]any{"phoneNumber": fmt.Sprintf("+1212555%04d", 200+round)}).str("id")
		var wg sync.WaitGroup
		statuses := make([]int, 64)
		start := make(chan struct{})
		for i := range statuses {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				statuses[i] = e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": fmt.Sprintf("agent-%d", i)}).status
			}(i)
		}
		close(start)
		wg.Wait()
		wins, conflicts := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				wins++
			case http.StatusConflict:
				conflicts++
			}
		}
		if wins != 1 || conflicts != 63 {
			t.Fatalf("round %d: %d wins, %d conflicts: %v", round, wins, conflicts, statuses)
		}
	}
}

// TestInboundMatch: the number lookup names the customer's open callback, and marking it
// reached on the inbound call completes it; a lapsed claim is not shown as a claim.
func TestInboundMatch(t *testing.T) {
	e := newEnv(t)
	id := e.create(map[string]any{"phoneNumber": "+12125550177", "customerName": "Maria Garcia"}).str("id")
	l := e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?number=%28212%29+555-0177", nil).want(t, 200, "")
	open, ok := l.body["openCallback"].(map[string]any)
	if !ok || open["id"] != id || open["customerName"] != "Maria Garcia" || open["callable"] == nil {
		t.Fatalf("lookup %s", l.raw)
	}
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/reached", map[string]any{"agentId": "agent-1"}).want(t, 422, "validation_failed")
	r := e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/reached", map[string]any{"agentId": "agent-1", "interactionId": "int-9"}).want(t, 200, "")
	if r.str("status") != "completed" {
		t.Fatalf("reached %s", r.raw)
	}
	if l := e.do(&e.demo, "GET", "/api/v1/phone-numbers/lookup?number=%2B12125550177", nil).want(t, 200, ""); l.body["openCallback"] != nil {
		t.Fatalf("lookup after reached %s", l.raw)
	}
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/reached", map[string]any{"interactionId": "int-9"}).want(t, 409, "invalid_transition")

	// A claim whose lease ran out is not shown as a claim.
	id = e.create(map[string]any{"phoneNumber": "+12125550178"}).str("id")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	e.clock.Advance(6 * time.Minute)
	if _, err := e.app.Scheduler.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	g := e.do(&e.demo, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, "")
	if g.str("status") != "scheduled" || g.body["claimedBy"] != nil || g.body["claimExpiresAt"] != nil {
		t.Fatalf("lapsed claim shown: %s", g.raw)
	}
	// Its agent, still on the call, records the outcome.
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/attempts", map[string]any{"agentId": "agent-1", "outcome": "connected"}).want(t, 200, "")
}
