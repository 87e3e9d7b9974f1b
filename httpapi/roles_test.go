package httpapi_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
)

// roleMatrix is who may call each route: the promise of the roles, written out here
// independently of the code and reproduced in README.md ("Roles"). A = agent,
// S = supervisor, D = admin, I = integration.
var roleMatrix = map[string]string{
	"POST /api/v1/callbacks":                    "ASDI",
	"GET /api/v1/callbacks":                     "ASDI",
	"GET /api/v1/callbacks/search":              "SDI",
	"GET /api/v1/callbacks/export.csv":          "SDI",
	"POST /api/v1/callbacks/bulk":               "SD",
	"GET /api/v1/callbacks/{id}":                "ASDI",
	"PATCH /api/v1/callbacks/{id}":              "ASD",
	"GET /api/v1/callbacks/{id}/history":        "ASDI",
	"POST /api/v1/callbacks/{id}/claim":         "ASD",
	"POST /api/v1/callbacks/{id}/release":       "ASD",
	"POST /api/v1/callbacks/{id}/attempts":      "ASD",
	"POST /api/v1/callbacks/{id}/cancel":        "ASDI",
	"POST /api/v1/callbacks/{id}/reached":       "ASD",
	"POST /api/v1/events/token":                 "ASD",
	"GET /api/v1/me":                            "ASDI",
	"GET /api/v1/phone-numbers/lookup":          "ASDI",
	"GET /api/v1/policy":                        "ASDI",
	"PATCH /api/v1/policy":                      "D",
	"GET /api/v1/do-not-call":                   "SD",
	"POST /api/v1/do-not-call":                  "ASD",
	"POST /api/v1/do-not-call/import":           "D",
	"DELETE /api/v1/do-not-call/{phone}":        "D",
	"GET /api/v1/accounts":                      "D",
	"POST /api/v1/accounts":                     "D",
	"PATCH /api/v1/accounts/{username}":         "D",
	"POST /api/v1/accounts/{username}/password": "D",
	"GET /api/v1/api-keys":                      "D",
	"POST /api/v1/api-keys":                     "D",
	"DELETE /api/v1/api-keys/{key}":             "D",
	"GET /api/v1/tenant":                        "D",
	"PATCH /api/v1/tenant/identity":             "D",
	"GET /api/v1/audit":                         "SD",
	"GET /api/v1/reports/summary":               "SD",
	"GET /api/v1/reports/teams":                 "SD",
	"GET /api/v1/reports/agents":                "SD",
	"GET /api/v1/reports/daily":                 "SD",
	"GET /api/v1/events":                        "token",
	"POST /api/v1/session":                      "sign-in",
	"GET /api/v1/session":                       "session",
	"DELETE /api/v1/session":                    "session",
}

var roleLetters = map[velocity.Role]string{velocity.RoleAgent: "A", velocity.RoleSupervisor: "S", velocity.RoleAdmin: "D", velocity.RoleIntegration: "I"}

// TestRoleMatrix calls every route as every role of the callback's own tenant and of
// another tenant: a role the matrix does not allow gets 403 forbidden naming the roles
// that may (and nothing changes); an allowed role is never refused for its role; another
// tenant's allowed roles get 404 for this tenant's ids.
func TestRoleMatrix(t *testing.T) {
	e := newEnv(t)
	own := map[velocity.Role]*creds{velocity.RoleAgent: &e.demo, velocity.RoleSupervisor: &e.sup, velocity.RoleAdmin: &e.admin,
		velocity.RoleIntegration: e.account(t, "demo", "crm", velocity.RoleIntegration)}
	other := map[velocity.Role]*creds{velocity.RoleAdmin: &e.other}
	for _, r := range []velocity.Role{velocity.RoleAgent, velocity.RoleSupervisor, velocity.RoleIntegration} {
		other[r] = e.account(t, "other", "other-"+string(r), r)
	}
	// Every route the server serves is in the matrix, and nothing else.
	var served []string
	for _, rt := range e.app.Server.Routes() {
		served = append(served, rt.Method+" "+rt.Path)
		if _, ok := roleMatrix[rt.Method+" "+rt.Path]; !ok {
			t.Errorf("route %s %s is not in the role matrix", rt.Method, rt.Path)
		}
	}
	if len(served) != len(roleMatrix) {
		t.Errorf("the matrix has %d routes, the server %d", len(roleMatrix), len(served))
	}

	phone := 100
	next := func() string { phone++; return fmt.Sprintf("+1646555%04d", phone) }
	for _, key := range sortedKeys(roleMatrix) {
		allowed := roleMatrix[key]
		if allowed == "token" || allowed == "sign-in" || allowed == "session" {
			continue // the event stream is authorised by its token, the console's session routes by the session (TestConsoleSession)
		}
		method, path, _ := strings.Cut(key, " ")
		for _, role := range velocity.Roles {
			t.Run(key+" as "+string(role), func(t *testing.T) {
				cb := e.create(map[string]any{"phoneNumber": next(), "customerName": "Matrix"})
				id := cb.str("id")
				req := strings.NewReplacer("{id}", id, "{phone}", "+16465559999", "{username}", "supervisor", "{key}", "nokey").Replace(path)
				body, query := matrixBody(method+" "+path, next)
				if query != "" {
					req += "?" + query
				}
				r := e.do(own[role], method, req, body, "X-Agent-Id", "agent-1")
				if strings.Contains(allowed, roleLetters[role]) {
					if r.status == 403 || r.status == 401 {
						t.Fatalf("%s may call %s but got %d %s", role, key, r.status, r.raw)
					}
				} else {
					r.want(t, 403, "forbidden")
					if !strings.Contains(r.str("detail"), "role") || r.body["requiredRoles"] == nil {
						t.Fatalf("refusal does not name the role needed: %s", r.raw)
					}
					if g := e.do(&e.admin, "GET", "/api/v1/callbacks/"+id, nil).want(t, 200, ""); g.body["version"] != float64(1) {
						t.Fatalf("a refused %s changed the callback: %s", key, g.raw)
					}
				}
				// Another tenant's account never reaches this tenant's callback.
				if strings.Contains(path, "{id}") && strings.Contains(allowed, roleLetters[role]) {
					body, query := matrixBody(method+" "+path, next)
					req := strings.Replace(path, "{id}", id, 1)
					if query != "" {
						req += "?" + query
					}
					e.do(other[role], method, req, body, "X-Agent-Id", "agent-1").want(t, 404, "not_found")
				}
			})
		}
	}
	// The README reproduces the matrix.
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z]+ /api/v1/[^`]*)` \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\|")
	found := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		var letters string
		for i, l := range []string{"A", "S", "D", "I"} {
			if strings.TrimSpace(m[2+i]) == "yes" {
				letters += l
			}
		}
		if c := strings.TrimSpace(m[2]); c != "yes" && c != "–" {
			letters = c // token, sign-in, session
		}
		found[m[1]] = letters
	}
	for key, want := range roleMatrix {
		if got, ok := found[key]; !ok || got != want {
			t.Errorf("README's roles table says %q for %s, the matrix %q", got, key, want)
		}
	}
	if len(found) != len(roleMatrix) {
		t.Errorf("README's roles table has %d routes, the matrix %d", len(found), len(roleMatrix))
	}
}

// matrixBody returns a request body and query that pass validation for the route, so
// that an allowed role's answer reflects the route and not a malformed request.
func matrixBody(route string, next func() string) (any, string) {
	switch route {
	case "POST /api/v1/callbacks":
		return map[string]any{"teamId": "team-1", "phoneNumber": next()}, ""
	case "GET /api/v1/callbacks":
		return nil, "agentId=agent-1&teamId=team-1"
	case "PATCH /api/v1/callbacks/{id}":
		return map[string]any{"notes": "n"}, ""
	case "POST /api/v1/callbacks/bulk":
		return map[string]any{"ids": []string{"cb_none"}, "action": "cancel", "reason": "r"}, ""
	case "POST /api/v1/callbacks/{id}/claim", "POST /api/v1/callbacks/{id}/release":
		return map[string]any{"agentId": "agent-1"}, ""
	case "POST /api/v1/callbacks/{id}/attempts":
		return map[string]any{"agentId": "agent-1", "outcome": "busy"}, ""
	case "POST /api/v1/callbacks/{id}/cancel":
		return map[string]any{"reason": "r"}, ""
	case "POST /api/v1/callbacks/{id}/reached":
		return map[string]any{"interactionId": "int-1"}, ""
	case "POST /api/v1/events/token":
		return map[string]any{"agentId": "agent-1", "teamId": "team-1"}, ""
	case "GET /api/v1/phone-numbers/lookup":
		return nil, "number=%2B12125550100"
	case "PATCH /api/v1/policy":
		return map[string]any{"maxAttempts": 4}, ""
	case "POST /api/v1/do-not-call":
		return map[string]any{"phoneNumber": next()}, ""
	case "POST /api/v1/do-not-call/import":
		return "+16465558888\n", ""
	case "POST /api/v1/accounts":
		return map[string]any{"username": strings.TrimPrefix(next(), "+"), "role": "agent"}, ""
	case "PATCH /api/v1/accounts/{username}":
		return map[string]any{"disabled": false}, ""
	case "POST /api/v1/api-keys":
		return map[string]any{"name": "k"}, ""
	case "PATCH /api/v1/tenant/identity":
		return map[string]any{"agentIdentity": "off"}, ""
	}
	return nil, ""
}

// account makes an account with a role in the demo tenant or the other one.
func (e *env) account(t *testing.T, tenant, username string, role velocity.Role) *creds {
	t.Helper()
	ctx := context.Background()
	tn, err := e.app.Store.GetTenantByName(ctx, tenant)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := velocity.HashPasswordCost(username+"-password", 1000)
	if err := e.app.Store.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: tn.ID, Username: username, PasswordHash: hash, CreatedAt: e.clock.Now(), Role: role}); err != nil {
		t.Fatal(err)
	}
	key := e.demo.key
	if tenant == "other" {
		key = e.other.key
	}
	return &creds{key, username, username + "-password"}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
