package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/customerdynamics/velocity"
)

// TestUpgradeMakesExistingAccountsAgents opens a database made before roles existed
// (migrations 0001 and 0002, with an account): the upgrade gives the account the role
// agent, the least privilege, and keeps everything else about it.
func TestUpgradeMakesExistingAccountsAgents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"0001_init.sql", "0002_rules.sql"} {
		body, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 0)`, i+1, name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO tenants VALUES ('tn_old', 'old', 'US', 'America/New_York', 0)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO accounts (id, tenant_id, username, password_hash, created_at) VALUES ('ac_old', 'tn_old', 'widget', 'hash', 0)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.GetAccount(ctx, "tn_old", "widget")
	if err != nil {
		t.Fatal(err)
	}
	if a.Role != velocity.RoleAgent || a.ID != "ac_old" || a.PasswordHash != "hash" || a.DisabledAt != nil {
		t.Fatalf("after the upgrade: %+v", a)
	}
}
