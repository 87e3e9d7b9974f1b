package velocity_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestAuditListing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	other := b.tenant(t, "globex")
	start := b.clock.Now()
	// Five entries an hour apart, by two actors, of two kinds; one of another tenant.
	actors := []string{"system", "lead", "system", "lead", "system"}
	kinds := []string{"policy.update", "account.create", "account.create", "policy.update", "account.create"}
	var entries []velocity.AuditEntry
	for i := range actors {
		e := velocity.AuditEntry{TenantID: b.p.Tenant.ID, At: start.Add(time.Duration(i) * time.Hour), Actor: actors[i], ActorRole: velocity.RoleAdmin,
			Kind: kinds[i], Target: fmt.Sprint("t", i), After: map[string]any{"n": i}}
		entries = append(entries, e)
	}
	entries = append(entries, velocity.AuditEntry{TenantID: other.Tenant.ID, At: start.Add(2 * time.Hour), Actor: "system", Kind: "account.create", Target: "theirs"})
	if err := b.store.AppendAudit(ctx, entries); err != nil {
		t.Fatal(err)
	}
	targets := func(q velocity.AuditQuery) []string {
		t.Helper()
		got, err := b.svc.Audit(ctx, b.p, q)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(got))
		for i, e := range got {
			out[i] = e.Target
			if e.TenantID != b.p.Tenant.ID {
				t.Fatalf("entry of another tenant: %+v", e)
			}
		}
		return out
	}
	for _, c := range []struct {
		name string
		q    velocity.AuditQuery
		want []string
	}{
		{"all, newest first", velocity.AuditQuery{}, []string{"t4", "t3", "t2", "t1", "t0"}},
		{"by actor", velocity.AuditQuery{Actor: "lead"}, []string{"t3", "t1"}},
		{"by kind", velocity.AuditQuery{Kind: "policy.update"}, []string{"t3", "t0"}},
		{"by actor and kind", velocity.AuditQuery{Actor: "system", Kind: "account.create"}, []string{"t4", "t2"}},
		{"from, inclusive", velocity.AuditQuery{From: start.Add(3 * time.Hour)}, []string{"t4", "t3"}},
		{"to, exclusive", velocity.AuditQuery{To: start.Add(2 * time.Hour)}, []string{"t1", "t0"}},
		{"a range", velocity.AuditQuery{From: start.Add(time.Hour), To: start.Add(3 * time.Hour)}, []string{"t2", "t1"}},
		{"a limit", velocity.AuditQuery{Limit: 2}, []string{"t4", "t3"}},
		{"nothing matches", velocity.AuditQuery{Actor: "nobody"}, []string{}},
	} {
		if got := targets(c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}

	// Paging: each page continues before the last entry of the previous one.
	var pages [][]string
	q := velocity.AuditQuery{Limit: 2}
	for {
		got, err := b.svc.Audit(ctx, b.p, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		page := make([]string, len(got))
		for i, e := range got {
			page[i] = e.Target
		}
		pages = append(pages, page)
		q.Before = got[len(got)-1].ID
	}
	if fmt.Sprint(pages) != "[[t4 t3] [t2 t1] [t0]]" {
		t.Fatalf("pages %v", pages)
	}

	// What was recorded reads back whole.
	got, _ := b.svc.Audit(ctx, b.p, velocity.AuditQuery{Limit: 1})
	if e := got[0]; e.Actor != "system" || e.ActorRole != velocity.RoleAdmin || e.Kind != "account.create" || !e.At.Equal(start.Add(4*time.Hour)) ||
		fmt.Sprint(e.After) != "map[n:4]" || e.Before != nil {
		t.Fatalf("entry %+v", e)
	}
	// The other tenant reads only its own.
	theirs, err := b.svc.Audit(ctx, other, velocity.AuditQuery{})
	if err != nil || len(theirs) != 1 || theirs[0].Target != "theirs" {
		t.Fatalf("other tenant: %+v %v", theirs, err)
	}
}

func TestAuditPageSize(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	entries := make([]velocity.AuditEntry, 120)
	for i := range entries {
		entries[i] = velocity.AuditEntry{TenantID: b.p.Tenant.ID, At: b.clock.Now(), Actor: "system", Kind: "k", Target: fmt.Sprint(i)}
	}
	if err := b.store.AppendAudit(ctx, entries); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ limit, want int }{
		{0, 100}, {-5, 100}, {velocity.MaxAuditLimit, 120}, {7, 7},
	} {
		got, err := b.svc.Audit(ctx, b.p, velocity.AuditQuery{Limit: c.limit})
		if err != nil || len(got) != c.want {
			t.Errorf("limit %d: %d entries, %v; want %d", c.limit, len(got), err, c.want)
		}
		// Newest first: entries recorded in one instant keep their order.
		if len(got) > 0 && got[0].Target != "119" {
			t.Errorf("limit %d: first %s", c.limit, got[0].Target)
		}
	}
}
