package velocity_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// jsonOf renders v as JSON for looking for texts in it.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestEraseCustomer(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	number, elsewhere := b.phones.Next(), b.phones.Next()
	secrets := []string{number, "Ann Lee", "Prefers mornings", "billing question", "asked for a call after five", "do not ring before nine"}

	// Another customer's callback first made with the number by mistake, then moved to
	// their own: the number leaves its history, the rest stays.
	moved := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: "Carol Diaz"})
	if _, err := b.svc.Update(ctx, b.p, moved.ID, "", velocity.UpdateInput{PhoneNumber: &elsewhere}, nil); err != nil {
		t.Fatal(err)
	}
	// The customer's: one cancelled with a reason, one open after a dial with notes.
	closed := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: "Ann Lee", Notes: "Prefers mornings", Reason: "billing question"})
	if _, err := b.svc.Cancel(ctx, b.p, closed.ID, "", "Ann Lee sorted it out online"); err != nil {
		t.Fatal(err)
	}
	open := b.create(t, velocity.CreateInput{PhoneNumber: national(number), CustomerName: "Ann Lee", Notes: "do not ring before nine"})
	b.claim(t, open.ID, "agent-1")
	if _, err := b.svc.RecordAttempt(ctx, b.p, open.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeNoAnswer, Notes: "asked for a call after five"}); err != nil {
		t.Fatal(err)
	}
	bystander := b.create(t, velocity.CreateInput{CustomerName: "Bea Stander", Notes: "keep me"})
	// Another tenant's customer at the same number is theirs.
	other := b.tenant(t, "globex")
	foreign, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: number, CustomerName: "Ann Lee"}, "")
	if err != nil {
		t.Fatal(err)
	}
	published := len(b.bus.published())
	// recorded is everything the tenant's histories and audit trail hold, as JSON.
	recorded := func() string {
		t.Helper()
		var all []any
		for _, id := range []string{closed.ID, open.ID, moved.ID, bystander.ID} {
			all = append(all, b.history(t, id))
		}
		entries, err := b.svc.Audit(ctx, b.p, velocity.AuditQuery{Limit: velocity.MaxAuditLimit})
		if err != nil {
			t.Fatal(err)
		}
		return jsonOf(t, append(all, entries))
	}
	before := recorded()
	for _, s := range secrets {
		if !strings.Contains(before, s) {
			t.Fatalf("%q is not recorded before the erasure", s)
		}
	}

	b.clock.Advance(time.Minute)
	res, err := b.svc.EraseCustomer(ctx, b.p, national(number), "")
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Clone(res.Callbacks)
	slices.Sort(got)
	want := []string{closed.ID, open.ID}
	slices.Sort(want)
	if !slices.Equal(got, want) || !slices.Equal(res.Cancelled, []string{open.ID}) || res.Mentioning != 1 || res.DoNotCall ||
		res.Events == 0 || res.AuditEntries == 0 {
		t.Fatalf("result %+v", res)
	}

	// The customer's callbacks keep their place but lose every personal field, each
	// with a number of its own; the open one is cancelled.
	markers := map[string]bool{}
	for _, id := range want {
		cb := b.get(t, id)
		if cb.CustomerName != velocity.ErasedText || cb.Notes != "" || cb.Reason != "" || !strings.HasPrefix(cb.PhoneNumber, velocity.ErasedNumberPrefix) ||
			cb.Status != velocity.StatusCancelled || !cb.UpdatedAt.Equal(b.clock.Now()) {
			t.Errorf("erased %+v", cb)
		}
		markers[cb.PhoneNumber] = true
	}
	if len(markers) != 2 {
		t.Fatalf("the erased callbacks share a number: %v", markers)
	}
	if cb := b.get(t, open.ID); cb.Facts.CloseReason != velocity.CloseCustomer || cb.Attempts != 1 {
		t.Fatalf("the open one: %+v", cb)
	}
	h := b.history(t, open.ID)
	if last := h[len(h)-1]; last.Type != velocity.EventCancelled || last.Data["reason"] != "erased" || last.Actor.Account != "system" {
		t.Fatalf("the open one's last event %+v", last)
	}
	h = b.history(t, closed.ID)
	if last := h[len(h)-1]; last.Type != velocity.EventUpdated || last.Data["reason"] != "erased" {
		t.Fatalf("the closed one's last event %+v", last)
	}
	// The attempt is still in the history, without its notes.
	var attempted *velocity.Event
	for _, e := range b.history(t, open.ID) {
		if e.Type == velocity.EventAttempted {
			attempted = &e
		}
	}
	if attempted == nil || attempted.Data["notes"] != velocity.ErasedText || attempted.Data["outcome"] != "no_answer" {
		t.Fatalf("attempt %+v", attempted)
	}

	// No history, audit entry or published event of the tenant holds the customer's data.
	all := recorded() + jsonOf(t, b.bus.published()[published:])
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("%q remains", s)
		}
	}
	// The other customer's texts and number stay.
	if cb := b.get(t, moved.ID); cb.CustomerName != "Carol Diaz" || cb.PhoneNumber != elsewhere {
		t.Fatalf("moved %+v", cb)
	}
	if mh := jsonOf(t, b.history(t, moved.ID)); !strings.Contains(mh, "Carol Diaz") || !strings.Contains(mh, elsewhere) {
		t.Fatalf("the moved callback's history lost its own data: %s", mh)
	}
	if cb := b.get(t, bystander.ID); cb.CustomerName != "Bea Stander" || cb.Notes != "keep me" || cb.Version != bystander.Version {
		t.Fatalf("bystander %+v", cb)
	}
	if cb, _ := b.svc.Get(ctx, other, foreign.ID, ""); cb.CustomerName != "Ann Lee" || cb.PhoneNumber != number || cb.Status != velocity.StatusScheduled {
		t.Fatalf("another tenant's %+v", cb)
	}
	// The console finds nothing of theirs.
	for _, text := range []string{"Ann Lee", national(number)} {
		if found, _, _ := b.svc.Search(ctx, b.p, velocity.SearchQuery{Text: text}); len(found) != 0 {
			t.Errorf("search %q finds %v", text, idList(found))
		}
	}

	// One audit entry records the erasure, without the erased data.
	erased := b.audit(t, "customer.erase")
	if len(erased) != 1 || erased[0].Target != "2 callbacks" || erased[0].Actor != "system" || len(field(erased[0].After, "callbacks").([]any)) != 2 {
		t.Fatalf("audit %+v", erased)
	}
	// The number may be scheduled again; erasing again finds only that one.
	again := b.create(t, velocity.CreateInput{PhoneNumber: number})
	res, err = b.svc.EraseCustomer(ctx, b.p, number, "US")
	if err != nil || !slices.Equal(res.Callbacks, []string{again.ID}) || res.Mentioning != 0 {
		t.Fatalf("second erasure %+v %v", res, err)
	}
}

func TestEraseKeepsTheDoNotCallEntry(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	number := b.phones.Next()
	cb := b.create(t, velocity.CreateInput{PhoneNumber: number, CustomerName: "Dan Oak"})
	if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: number, Reason: "asked by phone"}}); err != nil {
		t.Fatal(err)
	}
	res, err := b.svc.EraseCustomer(ctx, b.p, number, "")
	if err != nil {
		t.Fatal(err)
	}
	// Listing it cancelled the callback already: erased, not cancelled again.
	if !res.DoNotCall || !slices.Equal(res.Callbacks, []string{cb.ID}) || len(res.Cancelled) != 0 {
		t.Fatalf("result %+v", res)
	}
	if listed, err := b.store.IsDoNotCall(ctx, b.p.Tenant.ID, number); err != nil || !listed {
		t.Fatalf("the do-not-call entry is gone: %v %v", listed, err)
	}
	// A new callback for the number is still refused.
	_, _, err = b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: number}, "")
	wantFields(t, err, "phoneNumber:do_not_call")
	// The audit entry of the listing no longer names the number.
	added := b.audit(t, "doNotCall.add")
	if len(added) != 1 || added[0].Target != velocity.ErasedText || strings.Contains(jsonOf(t, added[0]), number) {
		t.Fatalf("doNotCall.add entry %+v", added)
	}
}

func TestEraseValidates(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	res, err := b.svc.EraseCustomer(ctx, b.p, b.phones.Next(), "ZZ")
	wantFields(t, err, "country:invalid_country")
	if res.Callbacks == nil || res.Cancelled == nil {
		t.Fatal("a refused erasure answers nil lists")
	}
	_, err = b.svc.EraseCustomer(ctx, b.p, "call me maybe", "")
	wantFields(t, err, "phoneNumber:invalid_phone_number")
	if n := len(b.audit(t, "customer.erase")); n != 0 {
		t.Fatalf("refusals audited: %d", n)
	}
	// A number nobody has: nothing erased, and that is recorded.
	res, err = b.svc.EraseCustomer(ctx, b.p, b.phones.Next(), "")
	if err != nil || len(res.Callbacks) != 0 || res.Mentioning != 0 || res.Events != 0 {
		t.Fatalf("nothing: %+v %v", res, err)
	}
	if e := b.audit(t, "customer.erase"); len(e) != 1 || e[0].Target != "0 callbacks" {
		t.Fatalf("audit %+v", e)
	}
}
