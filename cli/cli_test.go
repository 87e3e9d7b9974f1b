package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/postgres/pgtest"
)

// run runs the command line with stdin and returns exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func TestAdminCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	code, out, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme", "--json")
	if code != 0 {
		t.Fatalf("tenant create: %d %s", code, errs)
	}
	var tenant map[string]string
	if err := json.Unmarshal([]byte(out), &tenant); err != nil || tenant["tenantId"] == "" || !strings.HasPrefix(tenant["apiKey"], "vel_") {
		t.Fatalf("tenant create output %q: %v", out, err)
	}
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 1 || !strings.Contains(errs, "exists already") {
		t.Fatalf("duplicate tenant: %d %s", code, errs)
	}
	code, out, errs = run(t, "correct horse battery\n", "account", "create", "--db", db, "--tenant", "acme", "--username", "widget", "--password-stdin", "--json")
	if code != 0 {
		t.Fatalf("account create: %s", errs)
	}
	var acc map[string]any
	_ = json.Unmarshal([]byte(out), &acc)
	if acc["velocityAuth"] != "d2lkZ2V0OmNvcnJlY3QgaG9yc2UgYmF0dGVyeQ==" || acc["password"] != nil {
		t.Fatalf("account create output %s", out)
	}
	code, out, _ = run(t, "", "account", "passwd", "--db", db, "--tenant", "acme", "--username", "widget")
	if code != 0 || !strings.Contains(out, "generated, shown once") {
		t.Fatalf("passwd: %s", out)
	}
	if code, _, errs := run(t, "short\n", "account", "create", "--db", db, "--tenant", "acme", "--username", "x", "--password-stdin"); code != 2 || !strings.Contains(errs, "at least 12") {
		t.Fatalf("short password: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "account", "disable", "--db", db, "--tenant", "acme", "--username", "ghost"); code != 1 || !strings.Contains(errs, "no account") {
		t.Fatalf("disable ghost: %d %s", code, errs)
	}
	if code, _, _ := run(t, "", "account", "disable", "--db", db, "--tenant", "acme", "--username", "widget"); code != 0 {
		t.Fatal("disable")
	}
	code, out, _ = run(t, "", "apikey", "create", "--db", db, "--tenant", "acme", "--name", "second", "--json")
	var key map[string]string
	_ = json.Unmarshal([]byte(out), &key)
	if code != 0 || key["apiKeyId"] == "" {
		t.Fatalf("apikey create: %s", out)
	}
	if code, out, _ := run(t, "", "apikey", "revoke", "--db", db, "--tenant", "acme", key["prefix"]); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke by prefix: %s", out)
	}
	code, out, _ = run(t, "", "apikey", "list", "--db", db, "--tenant", "acme", "--json")
	var list struct {
		APIKeys []struct {
			ID        string  `json:"id"`
			RevokedAt *string `json:"revokedAt"`
		} `json:"apiKeys"`
	}
	_ = json.Unmarshal([]byte(out), &list)
	if code != 0 || len(list.APIKeys) != 2 || list.APIKeys[1].RevokedAt == nil || list.APIKeys[0].RevokedAt != nil {
		t.Fatalf("apikey list: %s", out)
	}
	if strings.Contains(out, tenant["apiKey"]) {
		t.Fatal("apikey list shows a secret")
	}
	if code, _, errs := run(t, "", "apikey", "list", "--db", db, "--tenant", "nope"); code != 1 || !strings.Contains(errs, `no tenant with the id or name "nope"`) {
		t.Fatalf("unknown tenant: %s", errs)
	}
	// --tenant takes the id that tenant create printed as well as the name.
	code, out, errs = run(t, "", "account", "create", "--db", db, "--tenant", tenant["tenantId"], "--username", "crm", "--json")
	if code != 0 || !strings.Contains(out, `"tenantId": "`+tenant["tenantId"]+`"`) {
		t.Fatalf("account create by tenant id: %d %s %s", code, out, errs)
	}
}

// TestEveryResultTakesJSON: each command that prints a result prints JSON with --json.
func TestEveryResultTakesJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	for _, args := range [][]string{
		{"version", "--json"},
		{"migrate", "--db", db, "--json"},
		{"tenant", "list", "--db", db, "--json"},
		{"policy", "show", "--db", db, "--tenant", "acme", "--json"},
		{"policy", "set", "--db", db, "--tenant", "acme", "--json"},
		{"dnc", "add", "--db", db, "--tenant", "acme", "--json", "+12125550171"},
		{"dnc", "list", "--db", db, "--tenant", "acme", "--json"},
		{"dnc", "remove", "--db", db, "--tenant", "acme", "--json", "+12125550171"},
		{"dnc", "import", "--db", db, "--tenant", "acme", "--json"},
		{"customer", "erase", "--db", db, "--tenant", "acme", "--phone", "+12125550171", "--json"},
	} {
		stdin := ""
		if args[0] == "policy" && args[1] == "set" {
			stdin = `{"maxAttempts":4}`
		}
		code, out, errs := run(t, stdin, args...)
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil {
			t.Errorf("velocity %s: exit %d, output %q is not one JSON object (%v); stderr %s", strings.Join(args, " "), code, out, err, errs)
		}
	}
}

func TestRulesCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, `{"callingHours":{"sun":null},"teamFallbackMinutes":15}`, "policy", "set", "--db", db, "--tenant", "acme")
	if code != 0 || !strings.Contains(out, `"teamFallbackMinutes": 15`) || !strings.Contains(out, `"sun": null`) {
		t.Fatalf("policy set: %d %s %s", code, out, errs)
	}
	if code, out, _ := run(t, "", "policy", "show", "--db", db, "--tenant", "acme"); code != 0 || !strings.Contains(out, `"teamFallbackMinutes": 15`) {
		t.Fatalf("policy show: %s", out)
	}
	if code, _, errs := run(t, `{"maxAttempts":99}`, "policy", "set", "--db", db, "--tenant", "acme"); code != 1 || !strings.Contains(errs, "maxAttempts") {
		t.Fatalf("bad policy: %d %s", code, errs)
	}
	if code, out, _ := run(t, "", "dnc", "add", "--db", db, "--tenant", "acme", "--reason", "asked", "(212) 555-0101", "+12125550102"); code != 0 || !strings.Contains(out, "2 number(s) added") {
		t.Fatalf("dnc add: %s", out)
	}
	code, out, _ = run(t, "phone\n+12125550103\nnonsense\n", "dnc", "import", "--db", db, "--tenant", "acme")
	if code != 0 || !strings.Contains(out, "1 added") || !strings.Contains(out, "line 3") {
		t.Fatalf("dnc import: %s", out)
	}
	if code, out, _ := run(t, "", "dnc", "list", "--db", db, "--tenant", "acme"); code != 0 || strings.Count(out, "+1212555010") != 3 {
		t.Fatalf("dnc list: %s", out)
	}
	if code, _, _ := run(t, "", "dnc", "remove", "--db", db, "--tenant", "acme", "+12125550101"); code != 0 {
		t.Fatal("dnc remove")
	}
	if code, _, errs := run(t, "", "dnc", "remove", "--db", db, "--tenant", "acme", "+12125550101"); code != 1 || !strings.Contains(errs, "not on the do-not-call list") {
		t.Fatalf("dnc remove twice: %s", errs)
	}
}

func TestUsageErrors(t *testing.T) {
	// In an empty directory, so that a command that touched its default database
	// (velocity.db) before refusing its flags shows.
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"frobnicate"},
		{"tenant"},
		{"tenant", "create", "--name", ""},
		{"tenant", "create", "--name", "x", "--country", "Narnia"},
		{"account", "create", "--tenant", "x"},
		{"serve", "--demo", "--addr", "0.0.0.0:8080"},
		{"serve", "--log-level", "loud"},
		{"bench", "--clients", "many"},
		{"bench", "--soak", "1m", "--duration", "5s"},
		{"bench", "--soak", "1m", "--servers", "2"},
		{"bench", "--soak", "1m", "--clients", "8"},
		{"bench", "--soak", "1m", "--warmup", "1m"},
		{"bench", "--soak", "1m", "--churn", "2"},
		{"bench", "--soak", "0s"},
		{"bench", "--churn", "0.1"},
		{"bench", "--streams", "10", "--tolerance", "5"},
		{"bench", "--streams", "10", "--warmup", "1s"},
		{"bench", "--scheduler-passes", "2"},
		{"bench", "--scheduler-due", "10", "--scheduler-passes", "0"},
		{"tenant", "create", "--name", "x", "--timezone", "Mars/Olympus"},
		{"tenant", "set", "--tenant", "x", "--agent-identity", "bogus"},
		{"serve", "--debug-addr", "0.0.0.0:6060"},
	} {
		code, _, errs := run(t, "", args...)
		if code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if _, _, errs := run(t, "", "serve", "--demo", "--addr", "0.0.0.0:8080"); !strings.Contains(errs, "only on loopback") {
		t.Errorf("demo on a public address: %s", errs)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("a refused command left %s behind: flags are checked before the database is opened", left[0].Name())
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var out, errb bytes.Buffer
	s := &Serve{Env: Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }},
		Ready: func(addr string) { ready <- addr }}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, []string{"--demo", "--db", db, "--addr", "127.0.0.1:0"}) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended: %v %s", err, errb.String())
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	if !strings.Contains(out.String(), "velocity-demo-key") {
		t.Fatalf("demo banner: %s", out.String())
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/events?agentId=agent-1&teamId=team-1", nil)
	req.Header.Set("X-Api-Key", "velocity-demo-key")
	req.SetBasicAuth("demo", "demo-password")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("stream: %v %v", resp, err)
	}
	cancel() // as SIGTERM would
	body, _ := io.ReadAll(bufio.NewReader(resp.Body))
	if !strings.Contains(string(body), "event: shutdown") {
		t.Fatalf("stream did not end with a shutdown event: %q", body)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(errb.String(), "stopped") {
		t.Fatalf("logs: %s", errb.String())
	}
}

func TestMigrateCopiesATenantToPostgres(t *testing.T) {
	pg := pgtest.URL(t)
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "", "dnc", "add", "--db", db, "--tenant", "acme", "+12125550101"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "", "migrate", "--db", pg, "--from-sqlite", db, "--tenant", "acme")
	if code != 0 || !strings.Contains(out, `"apiKeys": 1`) || !strings.Contains(out, `"doNotCall": 1`) {
		t.Fatalf("copy: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, "", "migrate", "--db", pg, "--from-sqlite", db, "--tenant", "acme"); code != 1 || !strings.Contains(errs, "nothing was copied") {
		t.Fatalf("second copy: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "migrate", "--db", db, "--from-sqlite", db, "--tenant", "acme"); code != 2 || !strings.Contains(errs, "postgres://") {
		t.Fatalf("copy into SQLite: %d %s", code, errs)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "", "backup", "--db", db, "--to", filepath.Join(dir, "b.db"), "--json")
	var rep struct {
		Integrity string           `json:"integrity"`
		Rows      map[string]int64 `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || rep.Integrity != "ok" || rep.Rows["tenants"] != 1 {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, "", "backup", "--db", db); code != 2 || !strings.Contains(errs, "--to") {
		t.Fatalf("backup without --to: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "backup", "--db", "postgres://x@localhost/db", "--to", "x"); code != 2 || !strings.Contains(errs, "pg_dump") {
		t.Fatalf("backup of PostgreSQL: %d %s", code, errs)
	}
	if code, _, errs := run(t, "", "restore", "--db", db, "--from", filepath.Join(dir, "b.db")); code != 1 || !strings.Contains(errs, "--force") {
		t.Fatalf("restore over an existing database without --force: %d %s", code, errs)
	}
	target := filepath.Join(dir, "restored.db")
	if code, out, errs := run(t, "", "restore", "--db", target, "--from", filepath.Join(dir, "b.db")); code != 0 || !strings.Contains(out, "integrity check: ok") {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	if code, out, _ := run(t, "", "tenant", "list", "--db", target); code != 0 || !strings.Contains(out, "acme") {
		t.Fatalf("restored database: %s", out)
	}
}

// TestRolesIdentityAndAudit: the command line creates and changes any role, sets the
// tenant's identity, and every change it makes is in the audit trail as "cli".
func TestRolesIdentityAndAudit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "", "account", "create", "--db", db, "--tenant", "acme", "--username", "boss", "--role", "admin", "--json")
	if code != 0 || !strings.Contains(out, `"role": "admin"`) {
		t.Fatalf("create admin: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, "", "account", "create", "--db", db, "--tenant", "acme", "--username", "w", "--role", "boss"); code != 2 || !strings.Contains(errs, "--role") {
		t.Fatalf("bad role: %d %s", code, errs)
	}
	if code, out, errs := run(t, "", "account", "role", "--db", db, "--tenant", "acme", "--username", "boss", "--role", "supervisor"); code != 0 || !strings.Contains(out, "now supervisor") {
		t.Fatalf("role: %d %s %s", code, out, errs)
	}
	if code, out, _ := run(t, "", "account", "list", "--db", db, "--tenant", "acme"); code != 0 || !strings.Contains(out, "supervisor") {
		t.Fatalf("list: %s", out)
	}
	if code, _, errs := run(t, "", "tenant", "set", "--db", db, "--tenant", "acme", "--agent-identity", "webex"); code != 1 || !strings.Contains(errs, "webexOrgId") {
		t.Fatalf("identity without an org: %d %s", code, errs)
	}
	if code, out, errs := run(t, "", "tenant", "set", "--db", db, "--tenant", "acme", "--agent-identity", "webex", "--webex-org", "7a6c6e1f-7d1e-4b6e-9d3f-3f0e6b7f2a11"); code != 0 || !strings.Contains(out, "agent identity webex") {
		t.Fatalf("identity: %d %s %s", code, out, errs)
	}
	code, out, _ = run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--json")
	var audit struct {
		Items []struct{ Actor, Kind, Target string } `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &audit); code != 0 || err != nil {
		t.Fatalf("audit list: %d %s", code, out)
	}
	var kinds []string
	for _, e := range audit.Items {
		if e.Actor != "cli" {
			t.Fatalf("actor %q", e.Actor)
		}
		kinds = append(kinds, e.Kind)
	}
	if strings.Join(kinds, " ") != "tenant.identity account.role account.create" {
		t.Fatalf("audit kinds %v", kinds)
	}
	// Paged: the first entry, then what is older than it; bounded in time.
	code, out, _ = run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--limit", "1")
	m := regexp.MustCompile(`add --before (\d+)`).FindStringSubmatch(out)
	if code != 0 || !strings.Contains(out, "tenant.identity") || m == nil {
		t.Fatalf("first page: %d %s", code, out)
	}
	code, out, _ = run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--before", m[1], "--json")
	if err := json.Unmarshal([]byte(out), &audit); code != 0 || err != nil || len(audit.Items) != 2 || audit.Items[0].Kind != "account.role" {
		t.Fatalf("next page: %d %s", code, out)
	}
	code, out, _ = run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--to", "2000-01-01T00:00:00Z", "--json")
	if err := json.Unmarshal([]byte(out), &audit); code != 0 || err != nil || len(audit.Items) != 0 {
		t.Fatalf("--to before everything: %d %s", code, out)
	}
	if code, _, errs := run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--from", "yesterday"); code != 2 || !strings.Contains(errs, "RFC 3339") {
		t.Fatalf("--from yesterday: %d %s", code, errs)
	}
}

// TestTenantCommandsNeedADatabase holds a command about an existing tenant to refusing
// a SQLite file that does not exist, rather than creating an empty database there.
func TestTenantCommandsNeedADatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "missing.db")
	for _, args := range [][]string{
		{"policy", "show", "--db", db, "--tenant", "acme"},
		{"account", "list", "--db", db, "--tenant", "acme"},
		{"webhook", "list", "--db", db, "--tenant", "acme"},
	} {
		code, _, errs := run(t, "", args...)
		if code != 1 || !strings.Contains(errs, "no database at "+db) || !strings.Contains(errs, "tenant create") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("%v created %s", args, db)
		}
	}
}
