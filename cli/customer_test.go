package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/storetest"
)

func TestCustomerErase(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errs := run(t, "", "tenant", "create", "--db", db, "--name", "acme"); code != 0 {
		t.Fatal(errs)
	}
	// A callback of the customer's, made as the API would.
	a, err := app.OpenStoreOnly(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	tn, err := a.Store.GetTenantByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.PutPolicy(ctx, tn.ID, storetest.AllDay(), storetest.Epoch); err != nil {
		t.Fatal(err)
	}
	phone := storetest.NewPhones().Next()
	cb, _, err := a.AdminService().Create(ctx, velocity.CLIPrincipal(tn), "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: phone, CustomerName: "Cornelius Erased"}, "")
	if err != nil {
		t.Fatal(err)
	}
	a.Close()

	if code, _, errs := run(t, "", "customer", "erase", "--db", db, "--tenant", "acme"); code != 2 || !strings.Contains(errs, "--phone") {
		t.Fatalf("without --phone: %d %s", code, errs)
	}
	code, out, errs := run(t, "", "customer", "erase", "--db", db, "--tenant", "acme", "--phone", phone)
	if code != 0 || !strings.Contains(out, "1 callback(s) erased (1 open one(s) cancelled)") {
		t.Fatalf("erase: %d %s %s", code, out, errs)
	}
	code, out, _ = run(t, "", "audit", "list", "--db", db, "--tenant", "acme", "--kind", "customer.erase", "--json")
	var audit struct {
		Items []struct {
			Actor, Target string
			After         velocity.EraseResult
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &audit); code != 0 || err != nil || len(audit.Items) != 1 {
		t.Fatalf("audit: %d %s", code, out)
	}
	if e := audit.Items[0]; e.Actor != "cli" || e.Target != "1 callbacks" || len(e.After.Callbacks) != 1 || e.After.Callbacks[0] != cb.ID || strings.Contains(out, phone) {
		t.Fatalf("audit entry %s", out)
	}
}
