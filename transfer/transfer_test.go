package transfer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

var allStatuses = []velocity.Status{velocity.StatusScheduled, velocity.StatusClaimed, velocity.StatusCompleted, velocity.StatusFailed, velocity.StatusCancelled}

// seed fills a SQLite file with two tenants' callbacks in every status, with history,
// an API key, two accounts and idempotency keys.
func seed(t *testing.T) (*sqlite.Store, velocity.Principal, string) {
	t.Helper()
	ctx := context.Background()
	src, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "velocity.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	clock := storetest.NewClock(storetest.Epoch)
	svc := &velocity.Service{Store: src, Clock: clock}
	p := storetest.NewTenant(t, src, "acme")
	other := storetest.NewTenant(t, src, "globex")
	// Calling around the clock while seeding, so that claims work at any instant; the
	// policy copied is set at the end.
	for _, tn := range []velocity.Principal{p, other} {
		if err := src.PutPolicy(ctx, tn.Tenant.ID, storetest.AllDay(), storetest.Epoch); err != nil {
			t.Fatal(err)
		}
	}
	key, rec := velocity.NewAPIKey()
	rec.ID, rec.TenantID, rec.Name, rec.CreatedAt = velocity.NewID("ak_"), p.Tenant.ID, "widget", storetest.Epoch
	if err := src.CreateAPIKey(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if err := src.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: p.Tenant.ID, Username: "crm", PasswordHash: "h", CreatedAt: storetest.Epoch}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 23; i++ {
		agent := (*string)(nil)
		if i%4 == 0 {
			a := "agent-1"
			agent = &a
		}
		cb, _, err := svc.Create(ctx, p, "agent-1", velocity.CreateInput{TeamID: "team-1", AgentID: agent, PhoneNumber: fmt.Sprintf("+1212555%04d", i), Notes: "n"}, fmt.Sprintf("key-%02d", i))
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second)
		switch i % 5 {
		case 1:
			_, err = svc.Claim(ctx, p, cb.ID, "agent-1")
		case 2:
			if _, err = svc.Claim(ctx, p, cb.ID, "agent-1"); err == nil {
				_, err = svc.RecordAttempt(ctx, p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeNoAnswer})
			}
		case 3:
			if _, err = svc.Claim(ctx, p, cb.ID, "agent-1"); err == nil {
				_, err = svc.RecordAttempt(ctx, p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected, InteractionID: "int-1"})
			}
		case 4:
			_, err = svc.Cancel(ctx, p, cb.ID, "", "asked")
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "t", PhoneNumber: fmt.Sprintf("+1646555%04d", i)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	pol := velocity.DefaultPolicy()
	pol.MaxAttempts = 5
	if err := src.PutPolicy(ctx, p.Tenant.ID, pol, storetest.Epoch); err != nil {
		t.Fatal(err)
	}
	if _, err := src.AddDoNotCall(ctx, []velocity.DoNotCall{{TenantID: p.Tenant.ID, PhoneNumber: "+12125559999", Reason: "asked", AddedBy: "crm", AddedAt: storetest.Epoch}}); err != nil {
		t.Fatal(err)
	}
	// A webhook endpoint each, one rotated (its previous secret still signing) and
	// failing; nine more audit entries for acme (besides the service's), one for globex.
	until := storetest.Epoch.Add(24 * time.Hour)
	failing := storetest.Epoch.Add(time.Hour)
	for _, w := range []velocity.Webhook{
		{ID: velocity.NewID("wh_"), TenantID: p.Tenant.ID, URL: "https://crm.example/hooks", Description: "CRM", Events: []velocity.WebhookEventType{velocity.WebhookCreated, velocity.WebhookDue},
			Secret: "whsec_new", PreviousSecret: "whsec_old", PreviousSecretUntil: &until, CreatedAt: storetest.Epoch, UpdatedAt: storetest.Epoch.Add(time.Minute),
			FailingSince: &failing, ConsecutiveFailures: 3},
		{ID: velocity.NewID("wh_"), TenantID: other.Tenant.ID, URL: "https://globex.example/hooks", Events: []velocity.WebhookEventType{velocity.WebhookAll},
			Secret: "whsec_globex", CreatedAt: storetest.Epoch, UpdatedAt: storetest.Epoch},
	} {
		if err := src.CreateWebhook(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	var trail []velocity.AuditEntry
	for i := range 9 {
		trail = append(trail, velocity.AuditEntry{TenantID: p.Tenant.ID, At: storetest.Epoch.Add(time.Duration(i) * time.Minute), Actor: "lead",
			ActorRole: velocity.RoleSupervisor, ActorKey: "vel_abc", Remote: "10.0.0.1", Kind: fmt.Sprintf("kind.%d", i%3), Target: fmt.Sprintf("cb_%d", i),
			Before: map[string]any{"n": float64(i)}, After: map[string]any{"n": float64(i + 1)}})
	}
	trail = append(trail, velocity.AuditEntry{TenantID: other.Tenant.ID, At: storetest.Epoch, Actor: "ops", ActorRole: velocity.RoleAdmin, Kind: "policy.set", Target: "policy"})
	if err := src.AppendAudit(ctx, trail); err != nil {
		t.Fatal(err)
	}
	return src, p, key
}

func all(t *testing.T, s velocity.Store, tenantID string) []velocity.Callback {
	t.Helper()
	cbs, err := s.ListCallbacks(context.Background(), tenantID, velocity.ListQuery{Statuses: allStatuses, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return cbs
}

func TestCopy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src, p, key := seed(t)
	dst := pgtest.Open(t, postgres.Options{})
	log := slog.New(slog.DiscardHandler)

	rep, err := copyTenant(ctx, src, dst, "acme", log, 7) // small pages: every loop turns several times
	if err != nil {
		t.Fatal(err)
	}
	want := all(t, src, p.Tenant.ID)
	if rep.Callbacks != 23 || len(want) != 23 || rep.APIKeys != 1 || rep.Accounts != 2 || rep.IdempotencyKeys != 23 || rep.TenantID != p.Tenant.ID {
		t.Fatalf("report %+v", rep)
	}
	got := all(t, dst, p.Tenant.ID)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("callbacks differ:\n got %+v\nwant %+v", got[0], want[0])
	}
	events := 0
	for _, cb := range want {
		hs, err := src.History(ctx, p.Tenant.ID, cb.ID)
		if err != nil {
			t.Fatal(err)
		}
		hd, err := dst.History(ctx, p.Tenant.ID, cb.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != len(hd) {
			t.Fatalf("%s: %d events copied of %d", cb.ID, len(hd), len(hs))
		}
		for i := range hs {
			hs[i].ID, hd[i].ID = 0, 0
			if !reflect.DeepEqual(hs[i], hd[i]) {
				t.Fatalf("%s event %d differs:\n got %+v\nwant %+v", cb.ID, i, hd[i], hs[i])
			}
		}
		events += len(hs)
	}
	if rep.Events != events || rep.LastEventID-rep.FirstEventID+1 != int64(events) {
		t.Fatalf("report %+v, want %d events", rep, events)
	}

	// Webhook endpoints (secrets and state) and the audit trail (in order) came along.
	if rep.Webhooks != 1 {
		t.Fatalf("report %+v", rep)
	}
	hs, err := src.ListWebhooks(ctx, p.Tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	hd, err := dst.ListWebhooks(ctx, p.Tenant.ID)
	if err != nil || !reflect.DeepEqual(hd, hs) {
		t.Fatalf("webhooks:\n got %+v %v\nwant %+v", hd, err, hs)
	}
	as, err := src.ListAudit(ctx, p.Tenant.ID, velocity.AuditQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	ad, err := dst.ListAudit(ctx, p.Tenant.ID, velocity.AuditQuery{Limit: 500})
	if err != nil || len(ad) != len(as) || len(as) < 9+23 || rep.AuditEntries != len(as) { // the service's changes are audited too
		t.Fatalf("audit: %d copied of %d (report %d): %v", len(ad), len(as), rep.AuditEntries, err)
	}
	for i := range ad {
		if ad[i].ID <= 0 || i > 0 && ad[i].ID >= ad[i-1].ID {
			t.Fatalf("audit ids out of order at %d: %d", i, ad[i].ID)
		}
	}
	for i := range as {
		as[i].ID, ad[i].ID = 0, 0
		if !reflect.DeepEqual(ad[i], as[i]) {
			t.Fatalf("audit entry %d:\n got %+v\nwant %+v", i, ad[i], as[i])
		}
	}

	// Rules came along.
	if !rep.Policy || rep.DoNotCall != 1 {
		t.Fatalf("report %+v", rep)
	}
	if pol, ok, err := dst.GetPolicy(ctx, p.Tenant.ID); err != nil || !ok || pol.MaxAttempts != 5 {
		t.Fatalf("policy: %+v %v %v", pol, ok, err)
	}
	if dnc, err := dst.IsDoNotCall(ctx, p.Tenant.ID, "+12125559999"); err != nil || !dnc {
		t.Fatalf("do-not-call: %v %v", dnc, err)
	}
	// Credentials work on the target; the other tenant stayed behind.
	cr, err := dst.LookupCredentials(ctx, velocity.HashAPIKey(key), "crm")
	if err != nil || !cr.KeyActive || cr.Account == nil || cr.Tenant != p.Tenant {
		t.Fatalf("credentials: %+v %v", cr, err)
	}
	if _, err := dst.GetTenantByName(ctx, "globex"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("globex copied: %v", err)
	}
	// Idempotency keys and the open-number rule carry over.
	if err := dst.PutPolicy(ctx, p.Tenant.ID, storetest.AllDay(), storetest.Epoch); err != nil {
		t.Fatal(err)
	}
	svc := &velocity.Service{Store: dst, Clock: storetest.NewClock(storetest.Epoch.Add(time.Hour))}
	again, replayed, err := svc.Create(ctx, p, "agent-1", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+12125550005", Notes: "n"}, "key-05")
	if err != nil || !replayed || again.ID != want5(t, src, p) {
		t.Fatalf("replay: %v %v %v", again.ID, replayed, err)
	}
	if _, _, err := svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+12125550000"}, ""); !errors.Is(err, velocity.ErrDuplicateOpen) {
		t.Fatalf("open duplicate after copy: %v", err)
	}
	// New events continue after the copied ones.
	if _, err := svc.Cancel(ctx, p, want[0].ID, "", ""); err != nil && !errors.Is(err, velocity.ErrInvalidTransition) {
		t.Fatal(err)
	}

	// A second run refuses and changes nothing.
	_, err = Copy(ctx, src, dst, "acme", log)
	if !errors.Is(err, ErrTenantExists) {
		t.Fatalf("second copy: %v", err)
	}
	if n := len(all(t, dst, p.Tenant.ID)); n != 23 {
		t.Fatalf("%d callbacks after a refused copy", n)
	}
	if _, err := Copy(ctx, src, dst, "initech", log); err == nil {
		t.Fatal("copied a tenant that does not exist")
	}
}

// want5 is the id of the callback created with key-05.
func want5(t *testing.T, src *sqlite.Store, p velocity.Principal) string {
	t.Helper()
	var id string
	err := src.Write(context.Background(), func(tx velocity.Tx) error {
		rec, err := tx.GetIdempotency(context.Background(), p.Tenant.ID, "key-05")
		id = rec.CallbackID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestCopyIsAtomic makes the import fail half-way (a callback id taken in the target by
// another tenant is impossible, so a name clash at the end stands in): nothing stays.
func TestCopyRefusesTakenName(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src, _, _ := seed(t)
	dst := pgtest.Open(t, postgres.Options{})
	storetest.NewTenant(t, dst, "acme") // same name, another id
	_, err := Copy(ctx, src, dst, "acme", slog.New(slog.DiscardHandler))
	if !errors.Is(err, ErrTenantExists) {
		t.Fatalf("copy onto a taken name: %v", err)
	}
	tenants, _ := dst.ListTenants(ctx)
	if len(tenants) != 1 {
		t.Fatalf("tenants %v", tenants)
	}
}
