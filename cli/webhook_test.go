package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebhookCommands manages an endpoint from the command line: create (the secret
// shown once), list, update, test, the delivery log, rotate, disable, delete.
func TestWebhookCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	wh := func(args ...string) (int, string, string) {
		t.Helper()
		return run(t, "", append([]string{"webhook", args[0], "--db", db, "--tenant", "acme"}, args[1:]...)...)
	}
	if code, _, errs := wh("create", "--url", "http://hooks.example.com/x", "--events", "*"); code != 1 || !strings.Contains(errs, "https") {
		t.Fatalf("http without --allow-private: %d %s", code, errs)
	}
	code, out, errs := wh("create", "--url", "https://hooks.example.com/v", "--events", "callback.created,callback.completed", "--description", "CRM", "--json")
	var created struct {
		Webhook struct{ ID string } `json:"webhook"`
		Secret  string              `json:"secret"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &created) != nil || !strings.HasPrefix(created.Secret, "whsec_") {
		t.Fatalf("create: %d %s %s", code, out, errs)
	}
	id := created.Webhook.ID
	if code, out, _ := wh("list"); code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "enabled") || strings.Contains(out, "whsec_") {
		t.Fatalf("list: %s", out)
	}
	if code, out, errs := wh("update", "--events", "*", "--disable", id); code != 0 || !strings.Contains(out, "disabled: disabled by cli") || !strings.Contains(out, "events       *") {
		t.Fatalf("update: %d %s %s", code, out, errs)
	}
	if code, _, errs := wh("test", id); code != 1 || !strings.Contains(errs, "disabled") {
		t.Fatalf("test while disabled: %d %s", code, errs)
	}
	wh("update", "--enable", id)
	if code, out, _ := wh("test", id); code != 0 || !strings.Contains(out, "queued") {
		t.Fatalf("test: %s", out)
	}
	if code, out, _ := wh("deliveries", id); code != 0 || !strings.Contains(out, "webhook.test") || !strings.Contains(out, "pending") {
		t.Fatalf("deliveries: %s", out)
	}
	if code, out, _ := wh("rotate", id); code != 0 || !strings.Contains(out, "whsec_") || strings.Contains(out, created.Secret) {
		t.Fatalf("rotate: %s", out)
	}
	if code, out, _ := run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--kind", "webhook.rotateSecret"); code != 0 || !strings.Contains(out, id) {
		t.Fatalf("audit: %s", out)
	}
	if code, _, _ := wh("delete", id); code != 0 {
		t.Fatal("delete")
	}
	if code, _, errs := wh("show", id); code != 1 || !strings.Contains(errs, "No such webhook") {
		t.Fatalf("show deleted: %d %s", code, errs)
	}
	if code, _, errs := wh("show"); code != 2 || !strings.Contains(errs, "argument") {
		t.Fatalf("show without an id: %d %s", code, errs)
	}
}
