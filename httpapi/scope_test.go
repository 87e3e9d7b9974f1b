package httpapi_test

import (
	"testing"

	"github.com/customerdynamics/velocity"
)

// TestAgentWorksTeamAndOwnCallbacks holds an agent account to its team's callbacks and
// its own personal ones: another agent's personal callback cannot be read, edited,
// reassigned or cancelled by it (403, nothing changed), a callback cannot be moved to
// another team by it; supervisors and integrations may; the customer reached on an
// inbound call may be marked so by whoever took the call.
func TestAgentWorksTeamAndOwnCallbacks(t *testing.T) {
	e := newEnv(t)
	crm := e.account(t, "demo", "crm", velocity.RoleIntegration)
	theirs := e.do(&e.sup, "POST", "/api/v1/callbacks", map[string]any{"teamId": "team-1", "agentId": "agent-2", "phoneNumber": "+16465553101", "customerName": "Theirs"}).want(t, 201, "").str("id")
	cb := "/api/v1/callbacks/" + theirs

	as1 := []string{"X-Agent-Id", "agent-1"}
	refused := []struct {
		method, path string
		body         any
		headers      []string
	}{
		{"GET", cb, nil, as1},
		{"GET", cb, nil, nil}, // naming no agent proves nothing
		{"GET", cb + "/history", nil, as1},
		{"PATCH", cb, map[string]any{"notes": "mine now"}, as1},
		{"PATCH", cb, map[string]any{"agentId": "agent-1"}, as1},
		{"PATCH", cb, map[string]any{"agentId": nil}, as1},
		{"POST", cb + "/cancel", map[string]any{"agentId": "agent-1", "reason": "r"}, nil},
		{"POST", cb + "/cancel", map[string]any{"reason": "r"}, nil},
	}
	for _, c := range refused {
		r := e.do(&e.demo, c.method, c.path, c.body, c.headers...).want(t, 403, "forbidden")
		if r.str("agentId") != "agent-2" || r.body["requiredRoles"] == nil {
			t.Fatalf("%s %s: refusal %s", c.method, c.path, r.raw)
		}
	}
	// Its claim stays the domain's rule (only the owner dials a personal callback).
	e.do(&e.demo, "POST", cb+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 409, "personal_callback")
	if g := e.do(&e.admin, "GET", cb, nil).want(t, 200, ""); g.body["version"] != float64(1) || g.str("agentId") != "agent-2" || g.str("status") != "scheduled" {
		t.Fatalf("a refused change changed the callback: %s", g.raw)
	}

	// Its owner works it; supervisors and integrations read it.
	as2 := []string{"X-Agent-Id", "agent-2"}
	e.do(&e.demo, "GET", cb, nil, as2...).want(t, 200, "")
	if h := e.do(&e.demo, "GET", cb+"/history", nil, as2...).want(t, 200, ""); len(h.body["items"].([]any)) != 1 {
		t.Fatalf("history %s", h.raw)
	}
	e.do(&e.demo, "PATCH", cb, map[string]any{"notes": "after 5"}, as2...).want(t, 200, "")
	e.do(&e.sup, "GET", cb, nil).want(t, 200, "")
	e.do(crm, "GET", cb, nil).want(t, 200, "")

	// Moving to another team is a supervisor's; the same team is no move.
	team := e.create(map[string]any{"phoneNumber": "+16465553102"}).str("id")
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+team, map[string]any{"teamId": "team-9"}, as1...).want(t, 403, "forbidden")
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+team, map[string]any{"teamId": "team-1", "notes": "n"}, as1...).want(t, 200, "")
	if m := e.do(&e.sup, "PATCH", "/api/v1/callbacks/"+team, map[string]any{"teamId": "team-9"}).want(t, 200, ""); m.str("teamId") != "team-9" {
		t.Fatalf("supervisor's move %s", m.raw)
	}
	// A team callback is any agent's of the team to cancel.
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+e.create(map[string]any{"phoneNumber": "+16465553103"}).str("id")+"/cancel", map[string]any{"agentId": "agent-1", "reason": "r"}).want(t, 200, "")

	// The agent on the customer's inbound call marks them reached, whoever's callback it
	// was (the inbound match), and the history says who.
	done := e.do(&e.demo, "POST", cb+"/reached", map[string]any{"interactionId": "int-in-1", "agentId": "agent-1"}).want(t, 200, "")
	if done.str("status") != "completed" {
		t.Fatalf("reached %s", done.raw)
	}
	// An integration cancels any open callback.
	other := e.do(&e.sup, "POST", "/api/v1/callbacks", map[string]any{"teamId": "team-1", "agentId": "agent-2", "phoneNumber": "+16465553104"}).want(t, 201, "").str("id")
	e.do(crm, "POST", "/api/v1/callbacks/"+other+"/cancel", map[string]any{"reason": "customer asked"}).want(t, 200, "")
}
