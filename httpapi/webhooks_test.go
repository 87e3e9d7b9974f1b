package httpapi_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/webhook/webhooktest"
)

// TestWebhooksAPI walks an admin through the webhook endpoints: register (the secret
// shown once), list and read (no secret), messages that verify with the specification's
// library, a test message, the delivery log with its attempts, a re-send with the same
// webhook-id, a rotation signing with both secrets, disabling and deleting.
func TestWebhooksAPI(t *testing.T) {
	e := newEnv(t, func(c *app.Config) { c.WebhookAllowPrivate, c.WebhookRetryBase = true, 10*time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.app.StartWebhooks(ctx)
	r := webhooktest.New(t)

	created := e.do(&e.admin, "POST", "/api/v1/webhooks", map[string]any{"url": r.URL, "events": []string{"callback.created", "callback.cancelled"},
		"description": "CRM"}).want(t, 201, "")
	id, secret := created.str("id"), created.str("secret")
	if !strings.HasPrefix(id, "wh_") || !strings.HasPrefix(secret, "whsec_") || created.header.Get("Location") != "/api/v1/webhooks/"+id ||
		created.body["enabled"] != true {
		t.Fatalf("created %s", created.raw)
	}
	r.SetSecret(secret)
	got := e.do(&e.admin, "GET", "/api/v1/webhooks/"+id, nil).want(t, 200, "")
	if strings.Contains(string(got.raw), "whsec_") || got.str("url") != r.URL || got.str("description") != "CRM" {
		t.Fatalf("get %s", got.raw)
	}
	if list := e.do(&e.admin, "GET", "/api/v1/webhooks", nil).want(t, 200, ""); strings.Contains(string(list.raw), "whsec_") ||
		len(list.body["items"].([]any)) != 1 {
		t.Fatalf("list %s", list.raw)
	}
	e.do(&e.other, "GET", "/api/v1/webhooks/"+id, nil).want(t, 404, "not_found")

	// A change, and a cancel: two messages of the subscribed types, each verified.
	cb := e.create(map[string]any{"phoneNumber": "+12125550161"})
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+cb.str("id")+"/cancel", map[string]any{"reason": "done"}).want(t, 200, "")
	ms := r.WaitFor(5*time.Second, "created and cancelled", func(ms []webhooktest.Message) bool { return len(ms) == 2 })
	// Messages are sent at once and may arrive in any order; the event's id orders them.
	sort.Slice(ms, func(i, j int) bool { return ms[i].Data.ID < ms[j].Data.ID })
	if ms[0].Type != "callback.created" || ms[1].Type != "callback.cancelled" || ms[1].Data.Callback.Status != "cancelled" ||
		ms[0].Data.CallbackID != cb.str("id") {
		t.Fatalf("messages %s / %s", ms[0].Body, ms[1].Body)
	}

	// The test message, then the log.
	test := e.do(&e.admin, "POST", "/api/v1/webhooks/"+id+"/test", nil).want(t, 202, "")
	r.WaitFor(5*time.Second, "the test message", func(ms []webhooktest.Message) bool { return len(ms) == 3 && ms[2].Type == "webhook.test" })
	var logged response
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		logged = e.do(&e.admin, "GET", "/api/v1/webhooks/"+id+"/deliveries/"+test.str("id"), nil).want(t, 200, "")
		if logged.str("status") == "delivered" || time.Now().After(deadline) {
			break
		}
	}
	atts, _ := logged.body["attemptLog"].([]any)
	if logged.str("status") != "delivered" || len(atts) != 1 || atts[0].(map[string]any)["statusCode"] != float64(204) {
		t.Fatalf("delivery %s", logged.raw)
	}
	page := e.do(&e.admin, "GET", "/api/v1/webhooks/"+id+"/deliveries?status=delivered&limit=2", nil).want(t, 200, "")
	if items := page.body["items"].([]any); len(items) != 2 || page.body["nextBefore"] == nil {
		t.Fatalf("page %s", page.raw)
	}
	e.do(&e.admin, "GET", "/api/v1/webhooks/"+id+"/deliveries?status=lost", nil).want(t, 400, "invalid_parameter")

	// Re-sent: the same message and webhook-id; a pending one cannot be.
	re := e.do(&e.admin, "POST", "/api/v1/webhooks/"+id+"/deliveries/"+test.str("id")+"/resend", nil).want(t, 202, "")
	if re.str("messageId") != test.str("messageId") || re.str("status") != "pending" {
		t.Fatalf("resend %s", re.raw)
	}
	ms = r.WaitFor(5*time.Second, "the re-sent message", func(ms []webhooktest.Message) bool { return len(ms) == 4 })
	if ms[3].ID != ms[2].ID {
		t.Fatal("a re-send changed the webhook-id")
	}

	// Rotation: the new secret is shown once, and both sign for a day.
	rot := e.do(&e.admin, "POST", "/api/v1/webhooks/"+id+"/rotate-secret", nil).want(t, 200, "")
	if rot.str("secret") == secret || !strings.HasPrefix(rot.str("secret"), "whsec_") || rot.body["previousSecretValidUntil"] == nil {
		t.Fatalf("rotate %s", rot.raw)
	}
	old := webhooktest.New(t)
	old.SetSecret(secret)
	e.do(&e.admin, "PATCH", "/api/v1/webhooks/"+id, map[string]any{"url": old.URL}).want(t, 200, "")
	e.create(map[string]any{"phoneNumber": "+12125550162"})
	old.WaitFor(5*time.Second, "a message verified with the previous secret", func(ms []webhooktest.Message) bool { return len(ms) == 1 })

	// Disabled: no test, no re-send, no messages; enabled again.
	off := e.do(&e.admin, "PATCH", "/api/v1/webhooks/"+id, map[string]any{"enabled": false}).want(t, 200, "")
	if off.body["enabled"] != false || !strings.Contains(off.str("disabledReason"), e.admin.user) {
		t.Fatalf("disabled %s", off.raw)
	}
	e.do(&e.admin, "POST", "/api/v1/webhooks/"+id+"/test", nil).want(t, 409, "webhook_disabled")
	e.do(&e.admin, "POST", "/api/v1/webhooks/"+id+"/deliveries/"+test.str("id")+"/resend", nil).want(t, 409, "webhook_disabled")
	e.do(&e.admin, "PATCH", "/api/v1/webhooks/"+id, map[string]any{"enabled": true}).want(t, 200, "")

	// The audit trail has the changes, never a secret.
	audit := e.do(&e.admin, "GET", "/api/v1/audit?kind=webhook.create", nil).want(t, 200, "")
	if len(audit.body["items"].([]any)) != 1 || strings.Contains(string(audit.raw), "whsec_") {
		t.Fatalf("audit %s", audit.raw)
	}
	e.do(&e.admin, "DELETE", "/api/v1/webhooks/"+id, nil).want(t, 204, "")
	e.do(&e.admin, "GET", "/api/v1/webhooks/"+id, nil).want(t, 404, "not_found")
	if r.Rejected()+old.Rejected() != 0 {
		t.Fatal("a message failed verification")
	}
}

// TestWebhookValidation: what a URL and a list of types must be.
func TestWebhookValidation(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		body  map[string]any
		field string
		code  string
	}{
		{map[string]any{"url": "http://hooks.example.com/x", "events": []string{"*"}}, "url", "insecure_url"},
		{map[string]any{"url": "https://127.0.0.1:8443/x", "events": []string{"*"}}, "url", "blocked_address"},
		{map[string]any{"url": "https://169.254.169.254/latest", "events": []string{"*"}}, "url", "blocked_address"},
		{map[string]any{"url": "https://u:p@hooks.example.com/", "events": []string{"*"}}, "url", "invalid_url"},
		{map[string]any{"url": "https://hooks.example.com/", "events": []string{"callback.exploded"}}, "events", "invalid_choice"},
		{map[string]any{"url": "https://hooks.example.com/", "events": []string{}}, "events", "required"},
		{map[string]any{"events": []string{"*"}}, "url", "required"},
	} {
		res := e.do(&e.admin, "POST", "/api/v1/webhooks", tc.body).want(t, 422, "validation_failed")
		f := res.body["fields"].([]any)[0].(map[string]any)
		if f["field"] != tc.field || f["code"] != tc.code {
			t.Errorf("%v: %s", tc.body, res.raw)
		}
	}
	e.do(&e.admin, "POST", "/api/v1/webhooks", map[string]any{"url": "https://hooks.example.com/", "events": []string{"*"}, "secret": "x"}).want(t, 400, "unknown_field")
	e.do(&e.admin, "PATCH", "/api/v1/webhooks/wh_nope", map[string]any{"description": "x"}).want(t, 404, "not_found")
	id := e.do(&e.admin, "POST", "/api/v1/webhooks", map[string]any{"url": "https://hooks.example.com/", "events": []string{"*"}}).want(t, 201, "").str("id")
	e.do(&e.admin, "PATCH", "/api/v1/webhooks/"+id, map[string]any{}).want(t, 422, "validation_failed")
	e.do(&e.admin, "GET", "/api/v1/webhooks/"+id+"/deliveries/whd_nope", nil).want(t, 404, "not_found")
}
