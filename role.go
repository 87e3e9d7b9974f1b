package velocity

import (
	"context"
	"sort"
	"strings"
)

// Role is what an account may do. Roles belong to accounts; the API key only names the
// tenant. Every route of the API requires a Permission, and a role holds a fixed set.
type Role string

const (
	// RoleAgent is what the widgets need: its own and its team's callbacks (list,
	// stream, create, claim, release, record, reschedule, reassign between the agent and
	// its team, cancel), number look-ups, adding to the do-not-call list, reading the
	// policy.
	RoleAgent Role = "agent"
	// RoleSupervisor is an agent's permissions for every team of the tenant, plus
	// tenant-wide lists and reports, bulk changes and the audit trail.
	RoleSupervisor Role = "supervisor"
	// RoleAdmin is everything: a supervisor's permissions plus the policy, removing
	// do-not-call entries, accounts, API keys, webhooks and identity settings.
	RoleAdmin Role = "admin"
	// RoleIntegration is for IVR flows and back-office systems: create, read and
	// cancel callbacks, report a customer's inbound call; no agent actions, no settings.
	RoleIntegration Role = "integration"
)

// Roles lists every role, least privileged first (integration stands apart).
var Roles = []Role{RoleAgent, RoleSupervisor, RoleAdmin, RoleIntegration}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if k == r {
			return true
		}
	}
	return false
}

// ParseRole returns the role named s, or a validation error.
func ParseRole(field, s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", ValidationError(FieldError{Field: field, Code: FieldInvalidRole, Message: "must be one of agent, supervisor, admin, integration"})
	}
	return r, nil
}

// rank orders the roles by privilege for "nobody raises their own role": integration
// ranks with agent (neither may manage accounts).
func (r Role) rank() int {
	switch r {
	case RoleAdmin:
		return 3
	case RoleSupervisor:
		return 2
	}
	return 1
}

// Outranks reports whether r carries more privilege than o.
func (r Role) Outranks(o Role) bool { return r.rank() > o.rank() }

// Permission is one thing a route does, checked against the caller's role.
type Permission string

const (
	PermMe              Permission = "me"                // whom the credentials name
	PermReadOwn         Permission = "callbacks.read"    // an agent's own and team's callbacks, one callback, its history
	PermReadAll         Permission = "callbacks.readAll" // tenant-wide and any team's lists
	PermCreate          Permission = "callbacks.create"  // schedule a callback
	PermDial            Permission = "callbacks.dial"    // claim, release, record attempts, mark reached
	PermEdit            Permission = "callbacks.edit"    // reschedule, edit, reassign
	PermCancel          Permission = "callbacks.cancel"  // cancel
	PermBulk            Permission = "callbacks.bulk"    // bulk changes
	PermStream          Permission = "events.stream"     // live updates
	PermLookup          Permission = "numbers.lookup"    // number look-ups
	PermReadPolicy      Permission = "policy.read"
	PermManagePolicy    Permission = "policy.manage"
	PermAddDoNotCall    Permission = "doNotCall.add"
	PermListDoNotCall   Permission = "doNotCall.list"
	PermManageDoNotCall Permission = "doNotCall.manage" // remove entries, import lists
	PermReports         Permission = "reports.read"
	PermAudit           Permission = "audit.read"
	PermAccounts        Permission = "accounts.manage"
	PermAPIKeys         Permission = "apiKeys.manage"
	PermSettings        Permission = "settings.manage" // identity and tenant settings
	PermWebhooks        Permission = "webhooks.manage"
	PermErase           Permission = "customers.erase"      // erase a customer's personal data
	PermInbound         Permission = "interactions.inbound" // report a customer's inbound call (IVR flows)
)

var agentPerms = []Permission{PermMe, PermReadOwn, PermCreate, PermDial, PermEdit, PermCancel, PermStream, PermLookup, PermReadPolicy, PermAddDoNotCall}

var rolePerms = map[Role]map[Permission]bool{
	RoleAgent:       set(agentPerms...),
	RoleSupervisor:  set(append([]Permission{PermReadAll, PermBulk, PermListDoNotCall, PermReports, PermAudit}, agentPerms...)...),
	RoleAdmin:       set(append([]Permission{PermReadAll, PermBulk, PermListDoNotCall, PermReports, PermAudit, PermManagePolicy, PermManageDoNotCall, PermAccounts, PermAPIKeys, PermSettings, PermWebhooks, PermErase, PermInbound}, agentPerms...)...),
	RoleIntegration: set(PermMe, PermReadOwn, PermReadAll, PermCreate, PermCancel, PermLookup, PermReadPolicy, PermInbound),
}

func set(ps ...Permission) map[Permission]bool {
	m := map[Permission]bool{}
	for _, p := range ps {
		m[p] = true
	}
	return m
}

// Can reports whether the role holds the permission.
func (r Role) Can(p Permission) bool { return rolePerms[r][p] }

// RolesWith returns the roles holding the permission, in Roles order.
func RolesWith(p Permission) []Role {
	var out []Role
	for _, r := range Roles {
		if r.Can(p) {
			out = append(out, r)
		}
	}
	return out
}

// permissionText says what each permission allows, for the refusal's message.
var permissionText = map[Permission]string{
	PermMe: "read whom its credentials name", PermReadOwn: "read callbacks", PermReadAll: "read every team's callbacks",
	PermCreate: "schedule callbacks", PermDial: "claim, release or record calls", PermEdit: "edit, reschedule or reassign callbacks",
	PermCancel: "cancel callbacks", PermBulk: "change callbacks in bulk", PermStream: "open live event streams",
	PermLookup: "look numbers up", PermReadPolicy: "read the policy", PermManagePolicy: "change the policy",
	PermAddDoNotCall: "add numbers to the do-not-call list", PermListDoNotCall: "list the do-not-call list",
	PermManageDoNotCall: "remove or import do-not-call numbers", PermReports: "read reports", PermAudit: "read the audit trail",
	PermAccounts: "manage accounts", PermAPIKeys: "manage API keys", PermSettings: "change the tenant's settings",
	PermWebhooks: "manage webhooks", PermErase: "erase customers' personal data", PermInbound: "report inbound calls",
}

// Describe says in words what the permission allows.
func (perm Permission) Describe() string {
	if t, ok := permissionText[perm]; ok {
		return t
	}
	return string(perm)
}

// Require returns nil when p's role holds perm, else the refusal (Forbidden).
func (p Principal) Require(perm Permission) error {
	if p.Role.Can(perm) {
		return nil
	}
	return Forbidden(p, perm, perm.Describe())
}

// Forbidden returns the error for a principal whose role lacks the permission, naming
// the roles that hold it.
func Forbidden(p Principal, perm Permission, what string) error {
	names := make([]string, 0, 4)
	for _, r := range RolesWith(perm) {
		names = append(names, string(r))
	}
	sort.Strings(names)
	return NewError(CodeForbidden, "Your account's role ("+string(p.Role)+") may not "+what+"; this needs the role "+strings.Join(names, " or ")+".").
		With("", map[string]any{"role": p.Role, "requiredRoles": names, "permission": perm})
}

// ActsAs checks that p may act for agentID: always, unless the request proved which agent
// it is (the tenant's agent identity is on), in which case agentID must be that agent's.
func (p Principal) ActsAs(field, agentID string) error {
	if len(p.AgentIDs) == 0 || agentID == "" {
		return nil
	}
	for _, id := range p.AgentIDs {
		// UUIDs and e-mail addresses match regardless of case; other ids (Webex's
		// base64 person id) only exactly.
		if id == agentID || (strings.EqualFold(id, agentID) && (strings.Contains(id, "@") || isUUID(id))) {
			return nil
		}
	}
	return NewError(CodeForbidden, "This request is proven to come from agent "+p.Agent+"; it may not act for "+field+" "+agentID+".").
		With("", map[string]any{"agentId": p.Agent, "field": field})
}

// CheckScope checks that p may see the callbacks of agentID and teamID (a list, a live
// stream): any for roles that read every team's; for agents, their own and their team's.
func (p Principal) CheckScope(agentID, teamID string) error {
	return p.scope(ListQuery{AgentID: agentID, TeamID: teamID})
}

// scope checks that p may read a list: roles that read every team's callbacks may ask
// for any; agents only for their own and their team's (both named).
func (p Principal) scope(q ListQuery) error {
	if p.Role.Can(PermReadAll) {
		return nil
	}
	if q.AgentID == "" || q.TeamID == "" {
		return NewError(CodeForbidden, "An agent account lists its own and its team's callbacks: give agentId and teamId (the tenant's and any team's lists need the role supervisor or admin).").
			With("", map[string]any{"role": p.Role, "requiredRoles": []string{"admin", "supervisor", "integration"}})
	}
	return p.ActsAs("agentId", q.AgentID)
}

// actor returns the agent a change is recorded as made by: agentID when the request
// names one, else the agent its Webex token proves ("" when unproven).
func (p Principal) actor(agentID string) string {
	if agentID == "" {
		return p.Agent
	}
	return agentID
}

// mayWork checks that an agent account reads or changes only a team's callback or one
// personal to itself: agentID when the request names it, else the agent its Webex token
// proves. Another agent's personal callback is that agent's, and a supervisor moves it.
// Roles that read every team's callbacks may work any. The agent's team is not checked:
// it is what the Desktop says, and nothing proves it (see the README, Roles).
func (p Principal) mayWork(cb *Callback, agentID string) error {
	owner := cb.Owner()
	if p.Role.Can(PermReadAll) || owner == "" {
		return nil
	}
	if agentID != "" && owner == agentID {
		return nil
	}
	if agentID == "" && len(p.AgentIDs) > 0 && p.ActsAs("agentId", owner) == nil {
		return nil
	}
	return NewError(CodeForbidden, "This is "+owner+"'s personal callback: an agent account reads and changes its team's callbacks and its own (named in agentId or X-Agent-Id); moving callbacks between agents needs the role supervisor or admin.").
		With("", map[string]any{"role": p.Role, "requiredRoles": []string{"admin", "supervisor"}, "agentId": owner})
}

// mayMove checks that only roles that read every team's callbacks move a callback to
// another team: an agent reassigns between itself and its team.
func (p Principal) mayMove(cb *Callback, teamID *string) error {
	if p.Role.Can(PermReadAll) || teamID == nil || strings.TrimSpace(*teamID) == cb.TeamID {
		return nil
	}
	return NewError(CodeForbidden, "An agent account reassigns a callback only between itself and its team; moving it to team "+strings.TrimSpace(*teamID)+" needs the role supervisor or admin.").
		With("", map[string]any{"role": p.Role, "requiredRoles": []string{"admin", "supervisor"}, "field": "teamId"})
}

// reassignable checks that an agent account gives a callback only to itself or its team.
func (p Principal) reassignable(newOwner, actor string) error {
	if p.Role.Can(PermReadAll) || newOwner == "" {
		return nil
	}
	if len(p.AgentIDs) > 0 {
		return p.ActsAs("agentId", newOwner)
	}
	if actor != "" && newOwner != actor {
		return NewError(CodeForbidden, "An agent account reassigns a callback only to itself ("+actor+") or back to the team; a supervisor moves callbacks between agents.").
			With("", map[string]any{"role": p.Role, "requiredRoles": []string{"admin", "supervisor"}})
	}
	return nil
}

// IdentityVerifier proves which agent a request comes from, for tenants whose agent
// identity is on: it checks the agent's Webex access token with Webex (package webexid)
// and that the person belongs to the tenant's Webex organisation. It returns the agent's
// name for people and the agent ids the person answers to; an invalid token is 401
// (invalid_webex_token), another org's person 403, and Webex unreachable 503
// (identity_unavailable), never a pass.
type IdentityVerifier interface {
	VerifyAgent(ctx context.Context, t Tenant, token string) (agent string, agentIDs []string, err error)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case !strings.ContainsRune("0123456789abcdefABCDEF", r):
			return false
		}
	}
	return true
}
