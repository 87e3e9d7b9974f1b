package velocity_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
)

// TestHashPasswordIsSalted: the same password hashes differently each time, and each
// hash checks its password alone. (HashPassword's work factor is checked on the hashes
// accounts get, in service_admin_test.go: each real hash is slow under the race
// detector.)
func TestHashPasswordIsSalted(t *testing.T) {
	t.Parallel()
	one, err1 := velocity.HashPasswordCost("a long enough password", 1)
	two, err2 := velocity.HashPasswordCost("a long enough password", 1)
	if err1 != nil || err2 != nil || one == two || strings.Split(one, "$")[2] == strings.Split(two, "$")[2] {
		t.Fatalf("two hashes of one password: %q %q %v %v", one, two, err1, err2)
	}
	if !velocity.CheckPassword(one, "a long enough password") || !velocity.CheckPassword(two, "a long enough password") ||
		velocity.CheckPassword(one, "a long enough passworD") {
		t.Fatal("a hash does not check its password alone")
	}
	if parts := strings.Split(one, "$"); len(parts) != 4 || parts[0] != "pbkdf2-sha256" || parts[1] != "1" {
		t.Fatalf("hash %q", one)
	}
}

func TestNewAPIKey(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 20 {
		key, rec := velocity.NewAPIKey()
		body, ok := strings.CutPrefix(key, "vel_")
		if !ok || len(body) != 52 || strings.ToLower(body) != body || strings.Trim(body, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Fatalf("key %q", key)
		}
		if rec.Prefix != key[:12] || rec.Prefix != velocity.KeyPrefix(key) || !bytes.Equal(rec.Hash, velocity.HashAPIKey(key)) || len(rec.Hash) != 32 {
			t.Fatalf("record %+v of key %q", rec, key)
		}
		if rec.ID != "" || rec.TenantID != "" || !rec.CreatedAt.IsZero() {
			t.Fatalf("NewAPIKey filled more than the key's fields: %+v", rec)
		}
		if seen[key] || seen[rec.Prefix] {
			t.Fatalf("key or prefix repeated: %q", key)
		}
		seen[key], seen[rec.Prefix] = true, true
	}
	if velocity.KeyPrefix("short") != "short" {
		t.Fatal("a short key is its own prefix")
	}
}

func TestNewPassword(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 20 {
		pw := velocity.NewPassword()
		if len(pw) != 24 || strings.Trim(pw, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Fatalf("password %q", pw)
		}
		if seen[pw] {
			t.Fatalf("password %q repeated", pw)
		}
		seen[pw] = true
	}
}

func TestBasicAuth(t *testing.T) {
	t.Parallel()
	// The demo's widget account, as the README's desktop layout would carry it.
	if got := velocity.BasicAuth("demo", "demo-password"); got != "ZGVtbzpkZW1vLXBhc3N3b3Jk" {
		t.Fatalf("BasicAuth = %q", got)
	}
	raw, err := base64.StdEncoding.DecodeString(velocity.BasicAuth("widget", "pa:ss wörd"))
	if err != nil || string(raw) != "widget:pa:ss wörd" {
		t.Fatalf("decoded %q %v", raw, err)
	}
}

func TestCheckStreamScope(t *testing.T) {
	t.Parallel()
	for _, ok := range [][2]string{{"", ""}, {"agent-1", "team-1"}, {strings.Repeat("a", velocity.MaxIDLen), ""}, {"Ann Lee", "équipe"}} {
		if err := velocity.CheckStreamScope(ok[0], ok[1]); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	wantFields(t, velocity.CheckStreamScope(strings.Repeat("a", velocity.MaxIDLen+1), "team-1"), "agentId:too_long")
	wantFields(t, velocity.CheckStreamScope("agent-1", "team\n1"), "teamId:invalid_text")
	wantFields(t, velocity.CheckStreamScope("\xff", strings.Repeat("t", velocity.MaxIDLen+1)), "agentId:invalid_text", "teamId:too_long")
}
