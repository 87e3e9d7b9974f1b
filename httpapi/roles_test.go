package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
)

// roleMatrix is who may call each route: the promise of the roles, written out here
// independently of the code and reproduced in README.md ("Roles"). A = agent,
// S = supervisor, D = admin, I = integration.
var roleMatrix = map[string]string{
	"POST /api/v1/callbacks":                                  "ASDI",
	"GET /api/v1/callbacks":                                   "ASDI",
	"GET /api/v1/callbacks/search":                            "SDI",
	"GET /api/v1/callbacks/export.csv":                        "SDI",
	"POST /api/v1/callbacks/bulk":                             "SD",
	"GET /api/v1/callbacks/{id}":                              "ASDI",
	"PATCH /api/v1/callbacks/{id}":                            "ASD",
	"GET /api/v1/callbacks/{id}/history":                      "ASDI",
	"POST /api/v1/callbacks/{id}/claim":                       "ASD",
	"POST /api/v1/callbacks/{id}/release":                     "ASD",
	"POST /api/v1/callbacks/{id}/attempts":                    "ASD",
	"POST /api/v1/callbacks/{id}/cancel":                      "ASDI",
	"POST /api/v1/callbacks/{id}/reached":                     "ASD",
	"POST /api/v1/events/token":                               "ASD",
	"GET /api/v1/me":                                          "ASDI",
	"GET /api/v1/phone-numbers/lookup":                        "ASDI",
	"POST /api/v1/interactions/inbound":                       "DI",
	"GET /api/v1/policy":                                      "ASDI",
	"PATCH /api/v1/policy":                                    "D",
	"GET /api/v1/do-not-call":                                 "SD",
	"POST /api/v1/do-not-call":                                "ASD",
	"POST /api/v1/do-not-call/import":                         "D",
	"DELETE /api/v1/do-not-call/{phone}":                      "D",
	"GET /api/v1/accounts":                                    "D",
	"POST /api/v1/accounts":                                   "D",
	"PATCH /api/v1/accounts/{username}":                       "D",
	"POST /api/v1/accounts/{username}/password":               "D",
	"GET /api/v1/api-keys":                                    "D",
	"POST /api/v1/api-keys":                                   "D",
	"DELETE /api/v1/api-keys/{key}":                           "D",
	"GET /api/v1/tenant":                                      "D",
	"PATCH /api/v1/tenant/identity":                           "D",
	"GET /api/v1/audit":                                       "SD",
	"GET /api/v1/reports/summary":                             "SD",
	"GET /api/v1/reports/teams":                               "SD",
	"GET /api/v1/reports/agents":                              "SD",
	"GET /api/v1/reports/daily":                               "SD",
	"POST /api/v1/customers/erase":                            "D",
	"POST /api/v1/webhooks":                                   "D",
	"GET /api/v1/webhooks":                                    "D",
	"GET /api/v1/webhooks/{id}":                               "D",
	"PATCH /api/v1/webhooks/{id}":                             "D",
	"DELETE /api/v1/webhooks/{id}":                            "D",
	"POST /api/v1/webhooks/{id}/rotate-secret":                "D",
	"POST /api/v1/webhooks/{id}/test":                         "D",
	"GET /api/v1/webhooks/{id}/deliveries":                    "D",
	"GET /api/v1/webhooks/{id}/deliveries/{delivery}":         "D",
	"POST /api/v1/webhooks/{id}/deliveries/{delivery}/resend": "D",
	"GET /api/v1/events":                                      "token",
	"POST /api/v1/session":                                    "sign-in",
	"GET /api/v1/session":                                     "session",
	"DELETE /api/v1/session":                                  "session",
}

var roleLetters = map[velocity.Role]string{velocity.RoleAgent: "A", velocity.RoleSupervisor: "S", velocity.RoleAdmin: "D", velocity.RoleIntegration: "I"}

// TestRoleMatrix calls every route as every role of the callback's own tenant and of
// another tenant, each call set up to succeed (a claimed callback to release, a webhook
// with a delivery, a key, a do-not-call entry, an account): a role the matrix does not
// allow gets 403 forbidden naming the roles that may (and nothing changes); an allowed
// role gets the success status the API document gives; another tenant's allowed roles
// get 404 for this tenant's ids and never see this tenant's data.
func TestRoleMatrix(t *testing.T) {
	e := newEnv(t, func(c *app.Config) { c.WebhookAllowPrivate, c.WebhookRetryBase = true, 10*time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.app.StartWebhooks(ctx)
	// The webhooks' receiver accepts every message, so that a delivery can be re-sent.
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer sink.Close()
	e.hookURL = sink.URL
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

	success := documentedSuccess(t)
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
				call := e.matrixCall(t, key, next)
				r := e.do(own[role], method, call.path, call.body, "X-Agent-Id", "agent-1")
				if strings.Contains(allowed, roleLetters[role]) {
					// Allowed: the answer the API document gives for success, nothing less.
					if r.status != success[key] {
						t.Fatalf("%s may call %s: got %d, the API document's success is %d: %s", role, key, r.status, success[key], r.raw)
					}
				} else {
					r.want(t, 403, "forbidden")
					if !strings.Contains(r.str("detail"), "role") || r.body["requiredRoles"] == nil {
						t.Fatalf("refusal does not name the role needed: %s", r.raw)
					}
					if g := e.do(&e.admin, "GET", "/api/v1/callbacks/"+call.callback, nil).want(t, 200, ""); g.body["version"] != float64(call.version) {
						t.Fatalf("a refused %s changed the callback: %s", key, g.raw)
					}
				}
				// Another tenant's account of the same role: refused as here when the role
				// may not; otherwise this tenant's things are not found by it, and what it
				// may call for its own tenant never shows this tenant's.
				theirs := e.matrixCall(t, key, next)
				o := e.do(other[role], method, theirs.path, theirs.body, "X-Agent-Id", "agent-1")
				switch {
				case !strings.Contains(allowed, roleLetters[role]):
					o.want(t, 403, "forbidden")
				case strings.Contains(path, "{"):
					o.want(t, 404, "not_found")
				case o.status != success[key]:
					t.Fatalf("another tenant's %s calling %s for its own tenant: %d %s", role, key, o.status, o.raw)
				case strings.Contains(string(o.raw), theirs.callback) || strings.Contains(string(o.raw), e.demoTenantID(t)):
					t.Fatalf("another tenant's %s sees this tenant's data in %s: %s", role, key, o.raw)
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

// matrixCall is one call of a route, set up in the demo tenant so that it succeeds for
// a role that may make it.
type matrixCall struct {
	path     string
	body     any
	callback string // the callback the call acts on, or a bystander one
	version  int    // the callback's version before the call
}

// matrixCall sets up what the route acts on (as the demo tenant's admin) and returns the
// call: a callback for callback routes (claimed by agent-1 for release and attempts), a
// webhook with a test delivery for webhook routes, a key, a do-not-call entry, an account.
func (e *env) matrixCall(t *testing.T, route string, next func() string) matrixCall {
	t.Helper()
	method, path, _ := strings.Cut(route, " ")
	c := matrixCall{callback: e.create(map[string]any{"phoneNumber": next(), "customerName": "Matrix"}).str("id"), version: 1}
	params := map[string]string{"{id}": c.callback}
	switch {
	case strings.HasSuffix(path, "/release") || strings.HasSuffix(path, "/attempts"):
		e.do(&e.admin, "POST", "/api/v1/callbacks/"+c.callback+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
		c.version = 2
	case strings.HasPrefix(path, "/api/v1/webhooks/{id}"):
		wh := e.do(&e.admin, "POST", "/api/v1/webhooks", map[string]any{"url": e.hookURL, "events": []string{"callback.fell_back"}}).want(t, 201, "").str("id")
		params["{id}"] = wh
		t.Cleanup(func() { e.do(&e.admin, "DELETE", "/api/v1/webhooks/"+wh, nil) }) // a tenant keeps at most 20
		if strings.Contains(path, "{delivery}") {
			d := e.do(&e.admin, "POST", "/api/v1/webhooks/"+wh+"/test", nil).want(t, 202, "").str("id")
			params["{delivery}"] = d
			for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
				got := e.do(&e.admin, "GET", "/api/v1/webhooks/"+wh+"/deliveries/"+d, nil).want(t, 200, "")
				if got.str("status") == "delivered" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the test delivery was not delivered: %s", got.raw)
				}
			}
		}
	case strings.Contains(path, "{key}"):
		k := e.do(&e.admin, "POST", "/api/v1/api-keys", map[string]any{"name": "matrix"}).want(t, 201, "")
		params["{key}"] = k.body["apiKey"].(map[string]any)["id"].(string)
	case strings.Contains(path, "{phone}"):
		params["{phone}"] = next()
		e.do(&e.admin, "POST", "/api/v1/do-not-call", map[string]any{"phoneNumber": params["{phone}"]}).want(t, 200, "")
	case strings.Contains(path, "{username}"):
		params["{username}"] = "m" + strings.TrimPrefix(next(), "+")
		e.account(t, "demo", params["{username}"], velocity.RoleAgent) // a cheap hash: the API's costs a third of a second
	}
	for k, v := range params {
		path = strings.ReplaceAll(path, k, v)
	}
	body, query := matrixBody(method+" "+strings.SplitN(route, " ", 2)[1], next)
	if query != "" {
		path += "?" + query
	}
	c.path, c.body = path, body
	return c
}

// documentedSuccess returns each route's success status as the API document gives it
// (its lowest 2xx response).
func documentedSuccess(t *testing.T) map[string]int {
	t.Helper()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for path, ops := range doc.Paths {
		for method, rawOp := range ops {
			var op struct {
				Responses map[string]any `json:"responses"`
			}
			if method == "parameters" || json.Unmarshal(rawOp, &op) != nil {
				continue
			}
			for code := range op.Responses {
				if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 {
					key := strings.ToUpper(method) + " " + path
					if out[key] == 0 || n < out[key] {
						out[key] = n
					}
				}
			}
		}
	}
	return out
}

// demoTenantID returns the demo tenant's id.
func (e *env) demoTenantID(t *testing.T) string {
	t.Helper()
	tn, err := e.app.Store.GetTenantByName(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	return tn.ID
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
	case "POST /api/v1/interactions/inbound":
		return map[string]any{"phoneNumber": next(), "interactionId": "int-1"}, ""
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
	case "POST /api/v1/webhooks":
		return map[string]any{"url": "https://hooks.example.com/velocity", "events": []string{"*"}}, ""
	case "PATCH /api/v1/webhooks/{id}":
		return map[string]any{"description": "d"}, ""
	case "PATCH /api/v1/tenant/identity":
		return map[string]any{"agentIdentity": "off"}, ""
	case "POST /api/v1/customers/erase":
		return map[string]any{"phoneNumber": next()}, ""
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
