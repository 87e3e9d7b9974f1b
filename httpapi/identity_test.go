package httpapi_test

import (
	"testing"
	"time"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/webexid"
	"github.com/customerdynamics/velocity/webexid/webexidtest"
)

// TestProvenAgentIdentity: with the tenant's agent identity on, an agent request must
// carry the agent's Webex token and acts as that agent only; another org's token, an
// unknown token and Webex being down are refused (nothing changed); a token revoked
// upstream stops working once its cache entry is older than the TTL (5 minutes).
func TestProvenAgentIdentity(t *testing.T) {
	fake := webexidtest.NewServer(t)
	const orgUUID, otherOrg = "7a6c6e1f-7d1e-4b6e-9d3f-3f0e6b7f2a11", "0b6d5e4c-3a2b-4c1d-8e9f-0a1b2c3d4e5f"
	const agentUUID = "2f1e8c7a-6b5d-4c3e-9a1f-0e2d4c6b8a09"
	fake.AddToken("tok-agent", webexid.Person{ID: webexidtest.PersonID(agentUUID), OrgID: webexidtest.OrgID(orgUUID), Emails: []string{"ana@example.com"}, DisplayName: "Ana"})
	fake.AddToken("tok-other-org", webexid.Person{ID: webexidtest.PersonID("9f1e8c7a-6b5d-4c3e-9a1f-0e2d4c6b8a09"), OrgID: webexidtest.OrgID(otherOrg)})
	e := newEnv(t, func(c *app.Config) { c.WebexAPIURL = fake.URL })
	id := e.create(map[string]any{"phoneNumber": "+12125550161"}).str("id")

	// Off by default: today's behaviour, the agent id a request names is trusted.
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "agent-9"}).want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/release", map[string]any{"agentId": "agent-9"}).want(t, 200, "")

	// An agent may not turn it on; an admin does, with the org in either form.
	e.do(&e.demo, "PATCH", "/api/v1/tenant/identity", map[string]any{"agentIdentity": "webex", "webexOrgId": orgUUID}).want(t, 403, "forbidden")
	e.do(&e.admin, "PATCH", "/api/v1/tenant/identity", map[string]any{"agentIdentity": "webex"}).want(t, 422, "validation_failed")
	e.do(&e.admin, "PATCH", "/api/v1/tenant/identity", map[string]any{"agentIdentity": "webex", "webexOrgId": webexidtest.OrgID(orgUUID)}).want(t, 200, "")
	e.clock.Advance(6 * time.Second) // past the credentials' 5-second trust

	claim := func(token, agent string) response {
		return e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": agent}, "X-Webex-Token", token)
	}
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": agentUUID}).want(t, 401, "invalid_webex_token")
	claim("tok-agent", "agent-9").want(t, 403, "forbidden")
	claim("tok-other-org", agentUUID).want(t, 403, "wrong_webex_org")
	claim("tok-unknown", agentUUID).want(t, 401, "invalid_webex_token")
	if g := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, ""); g.str("status") != "scheduled" {
		t.Fatalf("a refused claim changed the callback: %s", g.raw)
	}
	// The agent's own ids (the CI user id in any case, or the e-mail) are accepted.
	claim("tok-agent", "2F1E8C7A-6B5D-4C3E-9A1F-0E2D4C6B8A09").want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/release", map[string]any{"agentId": "2F1E8C7A-6B5D-4C3E-9A1F-0E2D4C6B8A09"}, "X-Webex-Token", "tok-agent").want(t, 200, "")
	claim("tok-agent", "Ana@Example.com").want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/release", map[string]any{"agentId": "Ana@Example.com"}, "X-Webex-Token", "tok-agent").want(t, 200, "")
	me := e.do(&e.demo, "GET", "/api/v1/me", nil, "X-Webex-Token", "tok-agent").want(t, 200, "")
	if me.str("agent") != agentUUID || me.str("agentIdentity") != "webex" {
		t.Fatalf("me %s", me.raw)
	}
	// Lists and streams are the proven agent's only.
	e.do(&e.demo, "GET", "/api/v1/callbacks?agentId=agent-9&teamId=team-1", nil, "X-Webex-Token", "tok-agent").want(t, 403, "forbidden")
	e.do(&e.demo, "GET", "/api/v1/callbacks?agentId="+agentUUID+"&teamId=team-1", nil, "X-Webex-Token", "tok-agent").want(t, 200, "")
	e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{"agentId": "agent-9", "teamId": "team-1"}, "X-Webex-Token", "tok-agent").want(t, 403, "forbidden")
	// Naming no agent, a proven agent acts as itself: its own personal callback is its to
	// read and change, and the history records it as the actor; another agent's is not.
	mine := e.do(&e.sup, "POST", "/api/v1/callbacks", map[string]any{"teamId": "team-1", "agentId": agentUUID, "phoneNumber": "+12125550162"}).want(t, 201, "").str("id")
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+mine, map[string]any{"notes": "n"}, "X-Webex-Token", "tok-agent").want(t, 200, "")
	h := e.do(&e.demo, "GET", "/api/v1/callbacks/"+mine+"/history", nil, "X-Webex-Token", "tok-agent").want(t, 200, "")
	if items := h.body["items"].([]any); len(items) != 2 || items[1].(map[string]any)["actor"].(map[string]any)["agentId"] != agentUUID {
		t.Fatalf("history of a change naming no agent: %s", h.raw)
	}
	theirs := e.do(&e.sup, "POST", "/api/v1/callbacks", map[string]any{"teamId": "team-1", "agentId": "agent-9", "phoneNumber": "+12125550163"}).want(t, 201, "").str("id")
	e.do(&e.demo, "GET", "/api/v1/callbacks/"+theirs, nil, "X-Webex-Token", "tok-agent").want(t, 403, "forbidden")
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+theirs+"/cancel", map[string]any{"reason": "r"}, "X-Webex-Token", "tok-agent").want(t, 403, "forbidden")
	// A supervisor's requests do not need a Webex token.
	e.do(&e.sup, "GET", "/api/v1/callbacks?teamId=team-1", nil).want(t, 200, "")

	// Webex down: 503, never a pass, for a token not checked in the last TTL.
	fake.AddToken("tok-agent-2", webexid.Person{ID: webexidtest.PersonID("3f1e8c7a-6b5d-4c3e-9a1f-0e2d4c6b8a09"), OrgID: webexidtest.OrgID(orgUUID)})
	fake.SetDown(true)
	r := e.do(&e.demo, "POST", "/api/v1/callbacks/"+id+"/claim", map[string]any{"agentId": "3f1e8c7a-6b5d-4c3e-9a1f-0e2d4c6b8a09"}, "X-Webex-Token", "tok-agent-2")
	r.want(t, 503, "identity_unavailable")
	fake.SetDown(false)
	if g := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, ""); g.str("status") != "scheduled" || g.body["claimedBy"] != nil {
		t.Fatalf("a claim refused while Webex was down changed the callback: %s", g.raw)
	}
	// An expired token is one Webex no longer accepts: refused, whatever it once was.
	fake.AddToken("tok-expired", webexid.Person{ID: webexidtest.PersonID(agentUUID), OrgID: webexidtest.OrgID(orgUUID)})
	fake.Revoke("tok-expired")
	claim("tok-expired", agentUUID).want(t, 401, "invalid_webex_token")

	// Revoked upstream: still accepted from the cache within the TTL, refused after it.
	fake.Revoke("tok-agent")
	claim("tok-agent", agentUUID).want(t, 200, "")
	e.clock.Advance(5*time.Minute + time.Second)
	claim("tok-agent", agentUUID).want(t, 401, "invalid_webex_token")
	audit := e.do(&e.admin, "GET", "/api/v1/audit?kind=tenant.identity", nil).want(t, 200, "")
	if items := audit.body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["actor"] != "admin" {
		t.Fatalf("audit %s", audit.raw)
	}
}
