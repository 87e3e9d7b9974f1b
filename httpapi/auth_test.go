package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t)
	path := "/api/v1/callbacks?agentId=agent-1&teamId=team-1"
	e.do(&e.demo, "GET", path, nil).want(t, 200, "")
	for name, c := range map[string]*creds{
		"no credentials":         nil,
		"no api key":             {"", e.demo.user, e.demo.pass},
		"unknown api key":        {"vel_nope", e.demo.user, e.demo.pass},
		"wrong password":         {e.demo.key, e.demo.user, "wrong-password"},
		"unknown account":        {e.demo.key, "nobody", e.demo.pass},
		"key and account differ": {e.demo.key, e.other.user, e.other.pass},
		"other key, demo user":   {e.other.key, e.demo.user, e.demo.pass},
		"invalid UTF-8 username": {e.demo.key, "de\xffmo", e.demo.pass},
		"invalid UTF-8 api key":  {"velocity\xffdemo-key", e.demo.user, e.demo.pass},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.do(c, "GET", path, nil).want(t, 401, "unauthorized")
			if r.header.Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate")
			}
		})
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "authentication failed") || !strings.Contains(logs, "reason=\"wrong password\"") {
		t.Fatalf("failed attempts not logged:\n%s", logs)
	}
	for _, secret := range []string{"wrong-password", e.demo.pass, e.other.pass, e.other.key, e.demo.key} {
		if strings.Contains(logs, secret) {
			t.Fatalf("a secret (%q) is in the logs", secret[:4])
		}
	}
}

func TestRevocationTakesEffectWithinSeconds(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tn, _ := e.app.Store.GetTenantByName(ctx, "other")
	e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 200, "")
	// Disable the account: still cached for a moment, refused after the freshness window.
	now := e.clock.Now()
	if err := e.app.Store.SetAccountDisabled(ctx, tn.ID, "ops", &now); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(6 * time.Second)
	e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 401, "unauthorized")
	if err := e.app.Store.SetAccountDisabled(ctx, tn.ID, "ops", nil); err != nil {
		t.Fatal(err)
	}
	e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 200, "")
	// Revoke the key.
	keys, _ := e.app.Store.ListAPIKeys(ctx, tn.ID)
	if _, err := e.app.Store.RevokeAPIKey(ctx, tn.ID, keys[0].ID, now); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(6 * time.Second)
	e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 401, "unauthorized")
	// A changed password invalidates the remembered one at the next check.
	e.do(&e.demo, "GET", "/api/v1/me", nil).want(t, 200, "")
	demo, _ := e.app.Store.GetTenantByName(ctx, "demo")
	if err := e.app.Store.SetAccountPassword(ctx, demo.ID, "demo", "pbkdf2-sha256$1$AAAA$AAAA"); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(6 * time.Second)
	e.do(&e.demo, "GET", "/api/v1/me", nil).want(t, 401, "unauthorized")
}

func TestTenantIsolation(t *testing.T) {
	e := newEnv(t)
	id := e.create(map[string]any{"phoneNumber": "+12125550155"}).str("id")
	for _, c := range []struct{ method, path string }{
		{"GET", "/api/v1/callbacks/" + id},
		{"GET", "/api/v1/callbacks/" + id + "/history"},
		{"PATCH", "/api/v1/callbacks/" + id},
		{"POST", "/api/v1/callbacks/" + id + "/claim"},
		{"POST", "/api/v1/callbacks/" + id + "/release"},
		{"POST", "/api/v1/callbacks/" + id + "/attempts"},
		{"POST", "/api/v1/callbacks/" + id + "/cancel"},
	} {
		body := map[string]any{"agentId": "agent-1"}
		switch {
		case c.method == "GET":
			body = nil
		case c.method == "PATCH":
			body = map[string]any{"notes": "x"}
		case strings.HasSuffix(c.path, "attempts"):
			body["outcome"] = "busy"
		}
		e.do(&e.other, c.method, c.path, body).want(t, 404, "not_found")
	}
	r := e.do(&e.other, "GET", "/api/v1/callbacks", nil).want(t, 200, "")
	if len(r.body["items"].([]any)) != 0 {
		t.Fatalf("other tenant lists demo callbacks: %s", r.raw)
	}
	me := e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 200, "")
	if me.str("tenant") != "other" || me.str("username") != "ops" {
		t.Fatalf("me: %s", me.raw)
	}
	if g := e.do(&e.demo, "GET", "/api/v1/callbacks/"+id, nil); g.body["version"] != float64(1) {
		t.Fatal("another tenant changed the callback")
	}
}
