package velocity_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// account adds an account with a role straight to the store (with a cheap password hash)
// and returns it with a principal that signs in as it.
func (b *testBundle) account(t *testing.T, username string, role velocity.Role) (velocity.Account, velocity.Principal) {
	t.Helper()
	hash, err := velocity.HashPasswordCost("password-of-"+username, 1)
	if err != nil {
		t.Fatal(err)
	}
	a := velocity.Account{ID: velocity.NewID("ac_"), TenantID: b.p.Tenant.ID, Username: username, PasswordHash: hash, CreatedAt: b.clock.Now(), Role: role}
	if err := b.store.CreateAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a, velocity.Principal{Tenant: b.p.Tenant, AccountID: a.ID, Username: username, Role: role, KeyPrefix: "session", Remote: "10.0.0.9"}
}

// audit returns the tenant's audit entries of a kind, newest first.
func (b *testBundle) audit(t *testing.T, kind string) []velocity.AuditEntry {
	t.Helper()
	entries, err := b.svc.Audit(context.Background(), b.p, velocity.AuditQuery{Kind: kind, Limit: velocity.MaxAuditLimit})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// storedAccount reads an account as the store has it.
func (b *testBundle) storedAccount(t *testing.T, username string) velocity.Account {
	t.Helper()
	a, err := b.store.GetAccount(context.Background(), b.p.Tenant.ID, username)
	if err != nil {
		t.Fatalf("account %s: %v", username, err)
	}
	return a
}

// field reads a member of an audit entry's Before or After as the store returns it
// (decoded JSON).
func field(v any, name string) any {
	m, _ := v.(map[string]any)
	return m[name]
}

func TestCreateAccount(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()

	// No role is an agent; no password is a generated one, returned this once.
	a, password, err := b.svc.CreateAccount(ctx, b.p, velocity.AccountInput{Username: "  widget  "})
	if err != nil {
		t.Fatal(err)
	}
	if a.Username != "widget" || a.Role != velocity.RoleAgent || a.TenantID != b.p.Tenant.ID || !strings.HasPrefix(a.ID, "ac_") ||
		!a.CreatedAt.Equal(b.clock.Now()) || a.DisabledAt != nil {
		t.Fatalf("account %+v", a)
	}
	if len(password) != 24 {
		t.Fatalf("generated password %q", password)
	}
	stored := b.storedAccount(t, "widget")
	if stored.ID != a.ID || stored.Role != velocity.RoleAgent || !velocity.CheckPassword(stored.PasswordHash, password) {
		t.Fatalf("stored %+v does not take the generated password", stored)
	}
	// Hashed with the full work factor, never stored in the clear.
	if parts := strings.Split(stored.PasswordHash, "$"); len(parts) != 4 || parts[0] != "pbkdf2-sha256" || parts[1] != strconv.Itoa(velocity.PasswordIterations) {
		t.Fatalf("hash %q", stored.PasswordHash)
	}
	if strings.Contains(stored.PasswordHash, password) {
		t.Fatal("the password is stored in the clear")
	}

	// A password given is kept (and not returned), with the role given (in any case).
	const given = "correct horse battery"
	sup, none, err := b.svc.CreateAccount(ctx, b.p, velocity.AccountInput{Username: "lead", Role: " Supervisor ", Password: given})
	if err != nil || none != "" || sup.Role != velocity.RoleSupervisor || b.storedAccount(t, "lead").Role != velocity.RoleSupervisor {
		t.Fatalf("given password: %+v %q %v", sup, none, err)
	}
	if !velocity.CheckPassword(b.storedAccount(t, "lead").PasswordHash, given) {
		t.Fatal("the given password does not sign in")
	}

	// Refusals create nothing.
	for _, c := range []struct {
		name string
		in   velocity.AccountInput
		want string
	}{
		{"no username", velocity.AccountInput{Username: "   "}, "username:required"},
		{"a colon", velocity.AccountInput{Username: "a:b"}, "username:invalid"},
		{"a control character", velocity.AccountInput{Username: "a\tb"}, "username:invalid_text"},
		{"too long", velocity.AccountInput{Username: strings.Repeat("u", velocity.MaxIDLen+1)}, "username:too_long"},
		{"an unknown role", velocity.AccountInput{Username: "x", Role: "root"}, "role:invalid_role"},
		{"a short password", velocity.AccountInput{Username: "x", Password: "elevenchars"}, "password:out_of_range"},
		{"a huge password", velocity.AccountInput{Username: "x", Password: strings.Repeat("p", 1025)}, "password:out_of_range"},
	} {
		a, pw, err := b.svc.CreateAccount(ctx, b.p, c.in)
		wantFields(t, err, c.want)
		if a.ID != "" || pw != "" {
			t.Errorf("%s: returned %+v %q", c.name, a, pw)
		}
	}
	// A taken username is a conflict.
	_, _, err = b.svc.CreateAccount(ctx, b.p, velocity.AccountInput{Username: "widget", Password: "another password"})
	if e := wantCode(t, err, "account_exists"); e.Kind != velocity.KindConflict {
		t.Fatalf("kind %v", e.Kind)
	}

	accounts, err := b.svc.ListAccounts(ctx, b.p)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range accounts {
		names = append(names, a.Username+":"+string(a.Role))
	}
	if strings.Join(names, ",") != "lead:supervisor,system:admin,widget:agent" {
		t.Fatalf("accounts %v", names)
	}
	// Another tenant sees none of them.
	other := b.tenant(t, "globex")
	if theirs, err := b.svc.ListAccounts(ctx, other); err != nil || len(theirs) != 1 || theirs[0].Username != "system" {
		t.Fatalf("other tenant's accounts %+v %v", theirs, err)
	}

	// Each creation is in the audit trail, with the account but not its password.
	entries := b.audit(t, "account.create")
	if len(entries) != 2 || entries[0].Target != "lead" || entries[1].Target != "widget" {
		t.Fatalf("audit %+v", entries)
	}
	for _, e := range entries {
		if e.Actor != "system" || e.ActorRole != velocity.RoleAdmin || e.ActorKey != "test" || e.Remote != "127.0.0.1" || e.Before != nil ||
			field(e.After, "username") != e.Target || !e.At.Equal(b.clock.Now()) {
			t.Errorf("entry %+v", e)
		}
		raw, _ := json.Marshal(e)
		if strings.Contains(string(raw), "pbkdf2") || strings.Contains(string(raw), password) || strings.Contains(string(raw), given) {
			t.Errorf("the audit trail holds a password or its hash: %s", raw)
		}
	}
}

// TestNobodyRaisesTheirOwnRole: an account may lower its own role, but raising it takes
// another account with the privilege.
func TestNobodyRaisesTheirOwnRole(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	_, sup := b.account(t, "lead", velocity.RoleSupervisor)

	_, err := b.svc.SetAccountRole(ctx, sup, "lead", velocity.RoleAdmin)
	e := wantCode(t, err, "forbidden")
	if e.Kind != velocity.KindForbidden || e.Extra["role"] != velocity.RoleSupervisor {
		t.Fatalf("kind %v extra %v", e.Kind, e.Extra)
	}
	if got := b.storedAccount(t, "lead").Role; got != velocity.RoleSupervisor {
		t.Fatalf("role after refusal %s", got)
	}
	if n := len(b.audit(t, "account.role")); n != 0 {
		t.Fatalf("the refusal recorded %d audit entries", n)
	}

	// Lowering its own role works, and is recorded as its own change.
	got, err := b.svc.SetAccountRole(ctx, sup, "lead", velocity.RoleAgent)
	if err != nil || got.Role != velocity.RoleAgent || b.storedAccount(t, "lead").Role != velocity.RoleAgent {
		t.Fatalf("lowering: %+v %v", got, err)
	}
	entries := b.audit(t, "account.role")
	if len(entries) != 1 || entries[0].Actor != "lead" || entries[0].ActorRole != velocity.RoleSupervisor || entries[0].ActorKey != "session" ||
		entries[0].Remote != "10.0.0.9" || entries[0].Target != "lead" ||
		field(entries[0].Before, "role") != "supervisor" || field(entries[0].After, "role") != "agent" {
		t.Fatalf("audit %+v", entries)
	}

	// Nor may it climb back, even to the role it had.
	sup.Role = velocity.RoleAgent
	_, err = b.svc.SetAccountRole(ctx, sup, "lead", velocity.RoleSupervisor)
	wantCode(t, err, "forbidden")

	// Another admin raises it.
	got, err = b.svc.SetAccountRole(ctx, b.p, "lead", velocity.RoleAdmin)
	if err != nil || got.Role != velocity.RoleAdmin || b.storedAccount(t, "lead").Role != velocity.RoleAdmin {
		t.Fatalf("raised by another: %+v %v", got, err)
	}
	entries = b.audit(t, "account.role")
	if len(entries) != 2 || entries[0].Actor != "system" || field(entries[0].Before, "role") != "agent" || field(entries[0].After, "role") != "admin" {
		t.Fatalf("audit %+v", entries)
	}

	// An account keeping its own rank is no raise; integration ranks with agent.
	_, integ := b.account(t, "ivr", velocity.RoleIntegration)
	if _, err := b.svc.SetAccountRole(ctx, b.p, "system", velocity.RoleAdmin); err != nil {
		t.Fatalf("admin to admin: %v", err)
	}
	if _, err := b.svc.SetAccountRole(ctx, integ, "ivr", velocity.RoleSupervisor); err == nil {
		t.Fatal("an integration raised itself to supervisor")
	}

	// A role is read in any case and with spaces around it, and stored as the role; a
	// supervisor spelling admin otherwise does not climb either.
	_, sup2 := b.account(t, "lead-2", velocity.RoleSupervisor)
	_, err = b.svc.SetAccountRole(ctx, sup2, "lead-2", " ADMIN ")
	wantCode(t, err, "forbidden")
	if got, err := b.svc.SetAccountRole(ctx, b.p, "lead-2", " Agent "); err != nil || got.Role != velocity.RoleAgent || b.storedAccount(t, "lead-2").Role != velocity.RoleAgent {
		t.Fatalf("a role in another case: %+v %v", got, err)
	}

	// Unknown roles and accounts are refused.
	_, err = b.svc.SetAccountRole(ctx, b.p, "lead", "owner")
	wantFields(t, err, "role:invalid_role")
	_, err = b.svc.SetAccountRole(ctx, b.p, "nobody", velocity.RoleAgent)
	if e := wantCode(t, err, "not_found"); e.Message != "No such account in this tenant." {
		t.Fatalf("message %q", e.Message)
	}
	// Another tenant's account of the same name is not this tenant's.
	other := b.tenant(t, "globex")
	if _, err := b.svc.SetAccountRole(ctx, other, "lead", velocity.RoleAgent); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("other tenant: %v", err)
	}
	if got := b.storedAccount(t, "lead").Role; got != velocity.RoleAdmin {
		t.Fatalf("role %s after another tenant's change", got)
	}
}

func TestSetAccountDisabled(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.account(t, "widget", velocity.RoleAgent)
	b.clock.Advance(90 * time.Minute)
	at := b.clock.Now()

	a, err := b.svc.SetAccountDisabled(ctx, b.p, "widget", true)
	if err != nil || a.DisabledAt == nil || !a.DisabledAt.Equal(at) {
		t.Fatalf("disable: %+v %v", a, err)
	}
	if s := b.storedAccount(t, "widget"); s.DisabledAt == nil || !s.DisabledAt.Equal(at) {
		t.Fatalf("stored %+v", s)
	}
	b.clock.Advance(time.Hour)
	a, err = b.svc.SetAccountDisabled(ctx, b.p, "widget", false)
	if err != nil || a.DisabledAt != nil || b.storedAccount(t, "widget").DisabledAt != nil {
		t.Fatalf("enable: %+v %v", a, err)
	}

	dis, en := b.audit(t, "account.disable"), b.audit(t, "account.enable")
	if len(dis) != 1 || len(en) != 1 {
		t.Fatalf("audit: %d disable, %d enable", len(dis), len(en))
	}
	if dis[0].Target != "widget" || field(dis[0].Before, "disabledAt") != nil || field(dis[0].After, "disabledAt") == nil || !dis[0].At.Equal(at) {
		t.Fatalf("disable entry %+v", dis[0])
	}
	if !dataTime(t, field(dis[0].After, "disabledAt")).Equal(at) {
		t.Fatalf("disable entry after %v", dis[0].After)
	}
	if field(en[0].Before, "disabledAt") == nil || field(en[0].After, "disabledAt") != nil || !en[0].At.Equal(at.Add(time.Hour)) {
		t.Fatalf("enable entry %+v", en[0])
	}

	_, err = b.svc.SetAccountDisabled(ctx, b.p, "nobody", true)
	wantCode(t, err, "not_found")
	if n := len(b.audit(t, "account.disable")); n != 1 {
		t.Fatalf("the refusal was audited: %d", n)
	}
}

func TestPasswords(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.account(t, "widget", velocity.RoleAgent)

	for _, short := range []string{"", "elevenchars"} {
		wantFields(t, b.svc.SetPassword(ctx, b.p, "widget", short), "password:out_of_range")
	}
	wantFields(t, b.svc.SetPassword(ctx, b.p, "widget", strings.Repeat("x", 1025)), "password:out_of_range")
	if !velocity.CheckPassword(b.storedAccount(t, "widget").PasswordHash, "password-of-widget") {
		t.Fatal("a refused password changed the account's")
	}
	if err := b.svc.SetPassword(ctx, b.p, "nobody", "a long enough password"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}

	// A chosen password replaces the old one. (Each check of a real hash costs the full
	// work factor, slow under the race detector: the reset below checks the new hash.)
	const chosen = "twelve chars"
	old := b.storedAccount(t, "widget").PasswordHash
	if err := b.svc.SetPassword(ctx, b.p, "widget", chosen); err != nil {
		t.Fatal(err)
	}
	hash := b.storedAccount(t, "widget").PasswordHash
	if hash == old || strings.Split(hash, "$")[1] != strconv.Itoa(velocity.PasswordIterations) {
		t.Fatalf("the hash %q did not replace the old one, or is weak", hash)
	}

	reset, err := b.svc.ResetPassword(ctx, b.p, "widget")
	if err != nil || len(reset) != 24 || reset == chosen {
		t.Fatalf("reset: %q %v", reset, err)
	}
	if again := b.storedAccount(t, "widget").PasswordHash; again == hash || !velocity.CheckPassword(again, reset) {
		t.Fatal("the reset password does not replace the old one")
	}
	if _, err := b.svc.ResetPassword(ctx, b.p, "nobody"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("reset of an unknown account: %v", err)
	}

	// Two changes recorded, without the passwords.
	entries := b.audit(t, "account.password")
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	for _, e := range entries {
		if e.Target != "widget" || e.Before != nil || e.After != nil || e.Actor != "system" {
			t.Errorf("entry %+v", e)
		}
	}
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	other := b.tenant(t, "globex")

	_, _, err := b.svc.CreateAPIKey(ctx, b.p, strings.Repeat("n", velocity.MaxIDLen+1))
	wantFields(t, err, "name:too_long")
	_, _, err = b.svc.CreateAPIKey(ctx, b.p, "bad\x00name")
	wantFields(t, err, "name:invalid_text")

	rec, key, err := b.svc.CreateAPIKey(ctx, b.p, "  CRM import  ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(key, "vel_") || len(key) != 56 || rec.Prefix != key[:12] || !strings.HasPrefix(rec.ID, "ak_") ||
		rec.Name != "CRM import" || rec.TenantID != b.p.Tenant.ID || !rec.CreatedAt.Equal(b.clock.Now()) || rec.RevokedAt != nil {
		t.Fatalf("key %q record %+v", key, rec)
	}
	// The key signs in as the tenant.
	creds, err := b.store.LookupCredentials(ctx, velocity.HashAPIKey(key), "system")
	if err != nil || creds.Tenant.ID != b.p.Tenant.ID || !creds.KeyActive || creds.KeyID != rec.ID || creds.Account == nil {
		t.Fatalf("credentials %+v %v", creds, err)
	}
	second, key2, err := b.svc.CreateAPIKey(ctx, b.p, "")
	if err != nil || key2 == key || second.Prefix == rec.Prefix {
		t.Fatalf("second key %q %+v %v", key2, second, err)
	}

	keys, err := b.svc.ListAPIKeys(ctx, b.p)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range keys {
		ids = append(ids, k.ID)
	}
	if !containsAll(ids, rec.ID, second.ID) {
		t.Fatalf("keys %v", ids)
	}
	if theirs, _ := b.svc.ListAPIKeys(ctx, other); containsAny(idsOf(theirs), rec.ID, second.ID) {
		t.Fatal("another tenant lists this tenant's keys")
	}

	// Another tenant cannot revoke it; an unknown key is not found. Neither is audited.
	for _, p := range []velocity.Principal{other, b.p} {
		id := rec.ID
		if p.Tenant.ID == b.p.Tenant.ID {
			id = "ak_missing"
		}
		_, err := b.svc.RevokeAPIKey(ctx, p, id)
		if e := wantCode(t, err, "not_found"); e.Message != "No API key of this tenant has this id or prefix." {
			t.Fatalf("message %q", e.Message)
		}
	}
	if n := len(b.audit(t, "apiKey.revoke")); n != 0 {
		t.Fatalf("%d revocations audited", n)
	}

	b.clock.Advance(time.Minute)
	revoked, err := b.svc.RevokeAPIKey(ctx, b.p, rec.Prefix)
	if err != nil || revoked.ID != rec.ID || revoked.RevokedAt == nil || !revoked.RevokedAt.Equal(b.clock.Now()) {
		t.Fatalf("revoke by prefix: %+v %v", revoked, err)
	}
	if creds, err := b.store.LookupCredentials(ctx, velocity.HashAPIKey(key), "system"); err != nil || creds.KeyActive {
		t.Fatalf("revoked key still active: %+v %v", creds, err)
	}
	if creds, err := b.store.LookupCredentials(ctx, velocity.HashAPIKey(key2), "system"); err != nil || !creds.KeyActive {
		t.Fatalf("the other key was revoked too: %+v %v", creds, err)
	}

	created, gone := b.audit(t, "apiKey.create"), b.audit(t, "apiKey.revoke")
	if len(created) != 2 || created[1].Target != rec.ID || field(created[1].After, "prefix") != rec.Prefix || field(created[1].After, "name") != "CRM import" {
		t.Fatalf("create entries %+v", created)
	}
	if len(gone) != 1 || gone[0].Target != rec.ID || field(gone[0].After, "revokedAt") == nil {
		t.Fatalf("revoke entries %+v", gone)
	}
	for _, e := range append(created, gone...) {
		raw, _ := json.Marshal(e)
		if strings.Contains(string(raw), key) || strings.Contains(string(raw), key2) {
			t.Fatalf("the audit trail holds a key: %s", raw)
		}
	}
}

func TestSetIdentity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	const org = "6a4c2f4e-5c8e-4b1a-9f0e-3d2c1b0a9f8e"

	for _, c := range []struct {
		id   velocity.TenantIdentity
		want []string
	}{
		{velocity.TenantIdentity{AgentIdentity: velocity.IdentityWebex}, []string{"webexOrgId:required"}},
		{velocity.TenantIdentity{AgentIdentity: velocity.IdentityWebex, WebexOrgID: "   "}, []string{"webexOrgId:required"}},
		{velocity.TenantIdentity{AgentIdentity: "sometimes", WebexOrgID: org}, []string{"agentIdentity:invalid"}},
		{velocity.TenantIdentity{AgentIdentity: "", WebexOrgID: strings.Repeat("o", 2*velocity.MaxIDLen+1)}, []string{"agentIdentity:invalid", "webexOrgId:too_long"}},
	} {
		_, err := b.svc.SetIdentity(ctx, b.p, c.id)
		wantFields(t, err, c.want...)
	}
	if tn, _ := b.store.GetTenant(ctx, b.p.Tenant.ID); tn.AgentIdentity != velocity.IdentityOff {
		t.Fatalf("a refused setting applied: %+v", tn.TenantIdentity)
	}

	tn, err := b.svc.SetIdentity(ctx, b.p, velocity.TenantIdentity{AgentIdentity: velocity.IdentityWebex, WebexOrgID: "  " + org + "  "})
	if err != nil || tn.WebexOrgID != org || tn.AgentIdentity != velocity.IdentityWebex || tn.ID != b.p.Tenant.ID || tn.Name != "acme" {
		t.Fatalf("webex: %+v %v", tn, err)
	}
	if stored, _ := b.store.GetTenant(ctx, b.p.Tenant.ID); stored.TenantIdentity != tn.TenantIdentity {
		t.Fatalf("stored %+v", stored.TenantIdentity)
	}
	// Back off: the org may be left empty.
	if _, err := b.svc.SetIdentity(ctx, b.p, velocity.TenantIdentity{AgentIdentity: velocity.IdentityOff}); err != nil {
		t.Fatal(err)
	}

	entries := b.audit(t, "tenant.identity")
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	on, off := entries[1], entries[0]
	if on.Target != b.p.Tenant.ID || field(on.Before, "agentIdentity") != "off" || field(on.Before, "webexOrgId") != "" ||
		field(on.After, "agentIdentity") != "webex" || field(on.After, "webexOrgId") != org {
		t.Fatalf("on %+v", on)
	}
	if field(off.Before, "agentIdentity") != "webex" || field(off.After, "agentIdentity") != "off" {
		t.Fatalf("off %+v", off)
	}
}

func idsOf(keys []velocity.APIKey) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.ID
	}
	return out
}

func containsAll(have []string, want ...string) bool {
	for _, w := range want {
		if !containsAny(have, w) {
			return false
		}
	}
	return true
}

func containsAny(have []string, want ...string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}
