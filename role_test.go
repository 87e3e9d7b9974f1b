package velocity_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
)

// agentPrincipal is the widgets' account of the bundle's tenant: the role agent, no
// proven identity (the tenant's agent identity is off).
func (b *testBundle) agentPrincipal() velocity.Principal {
	return velocity.Principal{Tenant: b.p.Tenant, Username: "widget", Role: velocity.RoleAgent, KeyPrefix: "test", Remote: "127.0.0.1"}
}

// provenAgent is the widgets' account acting for an agent whose Webex token proved who
// it is (the tenant's agent identity is webex).
func (b *testBundle) provenAgent(agent string, ids ...string) velocity.Principal {
	p := b.agentPrincipal()
	p.Agent, p.AgentIDs = agent, ids
	return p
}

// noStore is a bundle of principals only (an admin of a tenant never stored), for rules
// that need no store.
func noStore() *testBundle {
	return &testBundle{p: velocity.Principal{Tenant: velocity.Tenant{ID: "tn_rules", Name: "acme"}, Username: "system", Role: velocity.RoleAdmin}}
}

func TestParseRole(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want velocity.Role
	}{
		{"agent", velocity.RoleAgent},
		{"supervisor", velocity.RoleSupervisor},
		{" Admin ", velocity.RoleAdmin},
		{"INTEGRATION", velocity.RoleIntegration},
	} {
		got, err := velocity.ParseRole("role", c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if !got.Valid() {
			t.Errorf("%q is not Valid", got)
		}
	}
	for _, bad := range []string{"", "root", "agents", "super visor"} {
		got, err := velocity.ParseRole("newRole", bad)
		if got != "" {
			t.Errorf("ParseRole(%q) = %q, want none", bad, got)
		}
		wantFields(t, err, "newRole:invalid_role")
		if velocity.Role(bad).Valid() {
			t.Errorf("%q is Valid", bad)
		}
	}
}

func TestRoleOutranks(t *testing.T) {
	t.Parallel()
	agent, sup, admin, integ := velocity.RoleAgent, velocity.RoleSupervisor, velocity.RoleAdmin, velocity.RoleIntegration
	for _, c := range []struct {
		r, o velocity.Role
		want bool
	}{
		{admin, sup, true}, {admin, agent, true}, {admin, integ, true},
		{sup, agent, true}, {sup, integ, true},
		{sup, admin, false}, {agent, sup, false}, {integ, sup, false},
		// Integration ranks with agent: neither outranks the other, nor itself.
		{integ, agent, false}, {agent, integ, false},
		{admin, admin, false}, {agent, agent, false},
	} {
		if got := c.r.Outranks(c.o); got != c.want {
			t.Errorf("%s.Outranks(%s) = %v, want %v", c.r, c.o, got, c.want)
		}
	}
}

func TestRolesWith(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		perm velocity.Permission
		want []velocity.Role
	}{
		{velocity.PermMe, velocity.Roles},
		{velocity.PermDial, []velocity.Role{velocity.RoleAgent, velocity.RoleSupervisor, velocity.RoleAdmin}},
		{velocity.PermBulk, []velocity.Role{velocity.RoleSupervisor, velocity.RoleAdmin}},
		{velocity.PermReadAll, []velocity.Role{velocity.RoleSupervisor, velocity.RoleAdmin, velocity.RoleIntegration}},
		{velocity.PermInbound, []velocity.Role{velocity.RoleAdmin, velocity.RoleIntegration}},
		{velocity.PermAccounts, []velocity.Role{velocity.RoleAdmin}},
		{velocity.Permission("nothing.at.all"), nil},
	} {
		if got := velocity.RolesWith(c.perm); !slices.Equal(got, c.want) {
			t.Errorf("RolesWith(%s) = %v, want %v", c.perm, got, c.want)
		}
	}
}

func TestRequireNamesTheRolesThatMay(t *testing.T) {
	t.Parallel()
	b := noStore()
	agent := b.agentPrincipal()
	if err := agent.Require(velocity.PermDial); err != nil {
		t.Fatalf("agent may dial: %v", err)
	}
	if err := b.p.Require(velocity.PermErase); err != nil {
		t.Fatalf("admin may erase: %v", err)
	}
	e := wantCode(t, agent.Require(velocity.PermBulk), "forbidden")
	if e.Kind != velocity.KindForbidden {
		t.Fatalf("kind %v", e.Kind)
	}
	if !strings.Contains(e.Message, "(agent)") || !strings.Contains(e.Message, "change callbacks in bulk") ||
		!strings.Contains(e.Message, "admin or supervisor") {
		t.Fatalf("message %q", e.Message)
	}
	if fmt.Sprint(e.Extra["requiredRoles"]) != "[admin supervisor]" || e.Extra["role"] != velocity.RoleAgent || e.Extra["permission"] != velocity.PermBulk {
		t.Fatalf("extra %v", e.Extra)
	}
	integ := agent
	integ.Role = velocity.RoleIntegration
	e = wantCode(t, integ.Require(velocity.PermDial), "forbidden")
	if fmt.Sprint(e.Extra["requiredRoles"]) != "[admin agent supervisor]" || !strings.Contains(e.Message, "claim, release or record calls") {
		t.Fatalf("integration dialing: %v %q", e.Extra, e.Message)
	}
	// A role that is not known holds nothing.
	nobody := agent
	nobody.Role = "root"
	wantCode(t, nobody.Require(velocity.PermMe), "forbidden")
	// A permission without words is named as itself.
	if got := velocity.Permission("x.y").Describe(); got != "x.y" {
		t.Fatalf("Describe = %q", got)
	}
	e = wantCode(t, velocity.Forbidden(agent, velocity.PermErase, "forget customers"), "forbidden")
	if !strings.Contains(e.Message, "may not forget customers; this needs the role admin.") {
		t.Fatalf("message %q", e.Message)
	}
}

func TestActsAs(t *testing.T) {
	t.Parallel()
	b := noStore()
	const (
		email  = "Ann.Lee@Example.com"
		uuid   = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
		webex  = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hYmM"
		badUID = "3F2504E04-F89-11D3-9A0C-0305E82C3301" // 36 characters, a hyphen out of place
		hexish = "3F2504E0-4F89-11D3-9A0C-0305E82C330G" // 36 characters, a letter that is not hex
	)
	p := b.provenAgent("Ann Lee", email, uuid, webex, badUID, hexish)
	for _, c := range []struct {
		id string
		ok bool
	}{
		{"", true}, // naming no agent
		{email, true},
		{strings.ToLower(email), true},
		{strings.ToUpper(email), true},
		{uuid, true},
		{strings.ToLower(uuid), true},
		{webex, true},
		{strings.ToLower(webex), false}, // Webex's ids match only exactly
		{badUID, true},
		{strings.ToLower(badUID), false}, // not a UUID: exactly only
		{strings.ToLower(hexish), false},
		{"agent-2", false},
	} {
		err := p.ActsAs("agentId", c.id)
		if c.ok {
			if err != nil {
				t.Errorf("ActsAs(%q): %v", c.id, err)
			}
			continue
		}
		e := wantCode(t, err, "forbidden")
		if e.Extra["agentId"] != "Ann Lee" || e.Extra["field"] != "agentId" || !strings.Contains(e.Message, "proven to come from agent Ann Lee") ||
			!strings.Contains(e.Message, c.id) {
			t.Errorf("ActsAs(%q): %q %v", c.id, e.Message, e.Extra)
		}
	}
	// Without a proven identity the request may name any agent.
	if err := b.agentPrincipal().ActsAs("agentId", "anyone"); err != nil {
		t.Fatal(err)
	}
}

func TestCheckScope(t *testing.T) {
	t.Parallel()
	b := setup(t)
	agent := b.agentPrincipal()
	sup := agent
	sup.Role = velocity.RoleSupervisor
	integ := agent
	integ.Role = velocity.RoleIntegration
	proven := b.provenAgent("agent-1", "agent-1")
	for _, c := range []struct {
		name          string
		p             velocity.Principal
		agent, team   string
		ok            bool
		wantForbidden bool
	}{
		{"an agent, its own and its team's", agent, "agent-1", "team-1", true, false},
		{"an agent without its team", agent, "agent-1", "", false, true},
		{"an agent without itself", agent, "", "team-1", false, true},
		{"an agent, the whole tenant", agent, "", "", false, true},
		{"a proven agent, itself", proven, "agent-1", "team-1", true, false},
		{"a proven agent, another", proven, "agent-2", "team-1", false, true},
		{"a supervisor, the whole tenant", sup, "", "", true, false},
		{"a supervisor, a team", sup, "", "team-9", true, false},
		{"an integration, the whole tenant", integ, "", "", true, false},
		{"an admin, an agent", b.p, "agent-2", "", true, false},
	} {
		err := c.p.CheckScope(c.agent, c.team)
		if c.ok != (err == nil) {
			t.Errorf("%s: %v", c.name, err)
		}
		if c.wantForbidden {
			if e, ok := velocity.AsError(err); !ok || e.Code != velocity.CodeForbidden {
				t.Errorf("%s: %v, want forbidden", c.name, err)
			}
		}
	}
	// The list an agent may not read is refused the same way.
	if _, _, err := b.svc.List(context.Background(), agent, velocity.ListQuery{TeamID: "team-1"}); err == nil {
		t.Fatal("an agent listed a whole team")
	}
}

// TestAgentWorksTeamAndOwnCallbacks: an agent account reads and changes its team's
// callbacks and its own personal ones, never another agent's personal one; roles that
// read every team's callbacks work any.
func TestAgentWorksTeamAndOwnCallbacks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	agent := b.agentPrincipal()
	team := b.create(t, velocity.CreateInput{})
	mine := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")})
	theirs := b.create(t, velocity.CreateInput{AgentID: ptr("agent-2")})
	owners := map[string]string{mine.ID: "agent-1", theirs.ID: "agent-2"}

	type call func(p velocity.Principal, id, agentID string) error
	calls := map[string]call{
		"get": func(p velocity.Principal, id, agentID string) error {
			_, err := b.svc.Get(ctx, p, id, agentID)
			return err
		},
		"history": func(p velocity.Principal, id, agentID string) error {
			_, err := b.svc.History(ctx, p, id, agentID)
			return err
		},
		"update": func(p velocity.Principal, id, agentID string) error {
			_, err := b.svc.Update(ctx, p, id, agentID, velocity.UpdateInput{Notes: ptr("by " + agentID)}, nil)
			return err
		},
	}
	for name, do := range calls {
		for _, c := range []struct {
			who     string
			p       velocity.Principal
			id      string
			agentID string
			ok      bool
		}{
			{"an agent, a team callback", agent, team.ID, "agent-1", true},
			{"an agent naming no agent, a team callback", agent, team.ID, "", true},
			{"an agent, its own", agent, mine.ID, "agent-1", true},
			{"an agent, another's", agent, theirs.ID, "agent-1", false},
			{"an agent naming no agent, a personal one", agent, mine.ID, "", false},
			{"a proven agent naming no agent, its own", b.provenAgent("agent-1", "agent-1"), mine.ID, "", true},
			{"a proven agent naming no agent, another's", b.provenAgent("agent-1", "agent-1"), theirs.ID, "", false},
			{"an admin, another's", b.p, theirs.ID, "", true},
		} {
			err := do(c.p, c.id, c.agentID)
			if c.ok {
				if err != nil {
					t.Errorf("%s: %s: %v", name, c.who, err)
				}
				continue
			}
			e, ok := velocity.AsError(err)
			if !ok || e.Code != velocity.CodeForbidden || fmt.Sprint(e.Extra["requiredRoles"]) != "[admin supervisor]" ||
				!strings.Contains(e.Message, "personal callback") {
				t.Errorf("%s: %s: %v, want forbidden", name, c.who, err)
				continue
			}
			if got, want := e.Extra["agentId"], owners[c.id]; got != want {
				t.Errorf("%s: %s: extra agentId %v, want the owner %s", name, c.who, got, want)
			}
		}
	}
	// The refused updates changed nothing; the allowed ones did: the admin's on
	// another's callback; the agent's and the proven agent's (recorded as itself) on its own.
	for id, want := range map[string][]string{theirs.ID: {""}, mine.ID: {"agent-1", "agent-1"}, team.ID: {"agent-1", ""}} {
		var by []string
		for _, e := range b.history(t, id) {
			if e.Type == velocity.EventUpdated {
				by = append(by, e.Actor.AgentID)
			}
		}
		if !slices.Equal(by, want) {
			t.Errorf("updates of %s by %q, want %q", owners[id], by, want)
		}
	}

	// Cancelling another agent's callback is refused and leaves it open; its own is
	// cancelled for the customer.
	_, err := b.svc.Cancel(ctx, agent, theirs.ID, "agent-1", "not needed")
	wantCode(t, err, "forbidden")
	if got, _ := b.svc.Get(ctx, b.p, theirs.ID, ""); got.Status != velocity.StatusScheduled {
		t.Fatalf("refused cancel applied: %s", got.Status)
	}
	done, err := b.svc.Cancel(ctx, agent, mine.ID, "agent-1", "customer called")
	if err != nil || done.Status != velocity.StatusCancelled || done.Facts.CloseReason != velocity.CloseCustomer || done.Facts.ClosedBy != "agent-1" {
		t.Fatalf("own cancel: %+v %v", done.Facts, err)
	}
	// A proven agent may not name another agent to get round the rule.
	_, err = b.svc.Get(ctx, b.provenAgent("agent-1", "agent-1"), theirs.ID, "agent-2")
	if e := wantCode(t, err, "forbidden"); e.Extra["field"] != "X-Agent-Id" {
		t.Fatalf("extra %v", e.Extra)
	}
}

func TestAgentReassignsOnlyBetweenItselfAndItsTeam(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	agent := b.agentPrincipal()
	cb := b.create(t, velocity.CreateInput{})

	// To another team: refused, for agents only.
	_, err := b.svc.Update(ctx, agent, cb.ID, "agent-1", velocity.UpdateInput{TeamID: ptr("team-2")}, nil)
	if e := wantCode(t, err, "forbidden"); e.Extra["field"] != "teamId" || !strings.Contains(e.Message, "team-2") {
		t.Fatalf("%q %v", e.Message, e.Extra)
	}
	// Naming its own team (however spaced) is no move.
	if _, err := b.svc.Update(ctx, agent, cb.ID, "agent-1", velocity.UpdateInput{TeamID: ptr(" team-1 "), Notes: ptr("same team")}, nil); err != nil {
		t.Fatalf("same team: %v", err)
	}
	// To another agent: refused.
	_, err = b.svc.Update(ctx, agent, cb.ID, "agent-1", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-2")}, nil)
	if e := wantCode(t, err, "forbidden"); !strings.Contains(e.Message, "only to itself (agent-1)") {
		t.Fatalf("message %q", e.Message)
	}
	// A proven agent may not give it to another either.
	_, err = b.svc.Update(ctx, b.provenAgent("agent-1", "agent-1"), cb.ID, "", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-2")}, nil)
	wantCode(t, err, "forbidden")
	got, _ := b.svc.Get(ctx, b.p, cb.ID, "")
	if got.TeamID != "team-1" || got.Owner() != "" {
		t.Fatalf("refused moves applied: %+v", got)
	}
	// To itself, and back to the team: fine.
	got, err = b.svc.Update(ctx, agent, cb.ID, "agent-1", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-1")}, nil)
	if err != nil || got.Owner() != "agent-1" {
		t.Fatalf("to itself: %+v %v", got, err)
	}
	got, err = b.svc.Update(ctx, agent, cb.ID, "agent-1", velocity.UpdateInput{AgentIDSet: true}, nil)
	if err != nil || got.Owner() != "" {
		t.Fatalf("back to the team: %+v %v", got, err)
	}
	// A supervisor moves it anywhere.
	sup := agent
	sup.Role = velocity.RoleSupervisor
	got, err = b.svc.Update(ctx, sup, cb.ID, "", velocity.UpdateInput{TeamID: ptr("team-2"), AgentIDSet: true, AgentID: ptr("agent-7")}, nil)
	if err != nil || got.TeamID != "team-2" || got.Owner() != "agent-7" {
		t.Fatalf("supervisor: %+v %v", got, err)
	}
}
