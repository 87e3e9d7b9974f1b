package velocity_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestCreateFillsCreatedBy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	cases := []struct {
		name, agent, createdBy, want string
	}{
		{"the agent the request acts for", "agent-7", "", "agent-7"},
		{"the system account without an agent", "", "", "system"},
		{"as given", "agent-7", "crm-import", "crm-import"},
	}
	for _, c := range cases {
		cb, _, err := b.svc.Create(ctx, b.p, c.agent, velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next(), CreatedBy: c.createdBy}, "")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if cb.CreatedBy != c.want {
			t.Errorf("%s: createdBy = %q, want %q", c.name, cb.CreatedBy, c.want)
		}
		h := b.history(t, cb.ID)
		if len(h) != 1 || h[0].Type != velocity.EventCreated || h[0].Actor != (velocity.Actor{Account: "system", AgentID: c.agent}) {
			t.Errorf("%s: history %+v", c.name, h)
		}
	}
}

func TestCreateIdempotency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a retry is answered after the request stopped validating", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		start, end := monday10.Add(time.Hour), monday10.Add(2*time.Hour)
		in := velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next(), WindowStart: &start, WindowEnd: &end}
		first, replayed, err := b.svc.Create(ctx, b.p, "agent-1", in, "key-1")
		if err != nil || replayed {
			t.Fatalf("first: %v %v", replayed, err)
		}
		// The window has ended and the number has been listed (which cancelled the
		// callback): a new request would be refused on both counts.
		b.clock.Advance(3 * time.Hour)
		if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: in.PhoneNumber}}); err != nil {
			t.Fatal(err)
		}
		again, replayed, err := b.svc.Create(ctx, b.p, "agent-1", in, "key-1")
		if err != nil || !replayed || again.ID != first.ID || again.Status != velocity.StatusCancelled {
			t.Fatalf("retry: %+v replayed=%v err=%v", again, replayed, err)
		}
		if len(b.history(t, first.ID)) != 2 { // created, cancelled: the retry recorded nothing
			t.Fatal("the retry recorded an event")
		}
	})

	t.Run("another body with the key is refused and creates nothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		in := velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}
		if _, _, err := b.svc.Create(ctx, b.p, "", in, "key-1"); err != nil {
			t.Fatal(err)
		}
		other := velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}
		_, _, err := b.svc.Create(ctx, b.p, "", other, "key-1")
		if e := wantCode(t, err, "idempotency_key_reused"); e.Kind != velocity.KindUnprocessable {
			t.Fatalf("kind %v", e.Kind)
		}
		items, _, _ := b.svc.List(ctx, b.p, velocity.ListQuery{})
		if len(items) != 1 {
			t.Fatalf("%d callbacks, want 1", len(items))
		}
	})

	t.Run("a refused request does not use up its key", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		bad := velocity.CreateInput{TeamID: "team-1", PhoneNumber: "+1 212 555"}
		_, _, err := b.svc.Create(ctx, b.p, "", bad, "key-1")
		wantFields(t, err, "phoneNumber:invalid_phone_number")
		// The client fixes the number and retries with the same key: the key was never
		// recorded, so this is a new request, not a mismatch.
		good := velocity.CreateInput{TeamID: "team-1", PhoneNumber: b.phones.Next()}
		cb, replayed, err := b.svc.Create(ctx, b.p, "", good, "key-1")
		if err != nil || replayed || cb.ID == "" {
			t.Fatalf("corrected request: %v %v", replayed, err)
		}
	})
}

func TestCreateRefusesNumber(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	open := b.create(t, velocity.CreateInput{})
	b.claim(t, open.ID, "agent-1")
	// The duplicate names the open callback, in another format of the same number.
	national := open.PhoneNumber[2:] // drop "+1"
	_, _, err := b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-2", PhoneNumber: national}, "")
	e := wantCode(t, err, "duplicate_open_callback")
	if e.Extra["existingId"] != open.ID || e.Extra["existingStatus"] != velocity.StatusClaimed || e.Kind != velocity.KindConflict {
		t.Fatalf("extra %v kind %v", e.Extra, e.Kind)
	}
	listed := b.phones.Next()
	if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: listed}}); err != nil {
		t.Fatal(err)
	}
	_, _, err = b.svc.Create(ctx, b.p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: listed}, "key-dnc")
	wantFields(t, err, "phoneNumber:do_not_call")
	// Another tenant's list does not bind this one.
	other := b.tenant(t, "globex")
	if _, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: listed}, ""); err != nil {
		t.Fatalf("other tenant: %v", err)
	}
}

// TestOtherTenantsCallbacks: every service method treats another tenant's callback as
// missing and leaves it alone.
func TestOtherTenantsCallbacks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	other := b.tenant(t, "globex")
	cb := b.create(t, velocity.CreateInput{})
	cb = b.claim(t, cb.ID, "agent-1")
	calls := map[string]func() error{
		"get":     func() error { _, err := b.svc.Get(ctx, other, cb.ID, ""); return err },
		"history": func() error { _, err := b.svc.History(ctx, other, cb.ID, ""); return err },
		"claim":   func() error { _, err := b.svc.Claim(ctx, other, cb.ID, "agent-1"); return err },
		"release": func() error { _, err := b.svc.Release(ctx, other, cb.ID, "agent-1"); return err },
		"attempt": func() error {
			_, err := b.svc.RecordAttempt(ctx, other, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected})
			return err
		},
		"update": func() error {
			_, err := b.svc.Update(ctx, other, cb.ID, "", velocity.UpdateInput{Notes: ptr("x")}, ptr(cb.Version))
			return err
		},
		"cancel": func() error { _, err := b.svc.Cancel(ctx, other, cb.ID, "", ""); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, velocity.ErrNotFound) {
			t.Errorf("%s: %v, want not_found", name, err)
		}
	}
	got, err := b.svc.Get(ctx, b.p, cb.ID, "")
	if err != nil || got.Version != cb.Version || got.Holder() != "agent-1" || len(b.history(t, cb.ID)) != 2 {
		t.Fatalf("the owner's callback changed: %+v %v", got, err)
	}
	if _, err := b.svc.Update(ctx, b.p, "cb_missing", "", velocity.UpdateInput{Notes: ptr("x")}, nil); !errors.Is(err, velocity.ErrNotFound) {
		t.Errorf("update of a missing id: %v", err)
	}
}

func TestUpdateRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a closed callback cannot be edited", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		if _, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected}); err != nil {
			t.Fatal(err)
		}
		_, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("late note")}, nil)
		if e := wantCode(t, err, "invalid_transition"); e.Extra["currentStatus"] != velocity.StatusCompleted {
			t.Fatalf("extra %v", e.Extra)
		}
	})

	t.Run("a stale If-Match changes nothing and names the current version", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		v2, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("first")}, ptr(cb.Version))
		if err != nil || v2.Version != cb.Version+1 {
			t.Fatalf("fresh If-Match: %+v %v", v2, err)
		}
		_, err = b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("second")}, ptr(cb.Version))
		e := wantCode(t, err, "version_mismatch")
		if e.Kind != velocity.KindPrecondition || e.Extra["currentVersion"] != v2.Version {
			t.Fatalf("kind %v extra %v", e.Kind, e.Extra)
		}
		got, _ := b.svc.Get(ctx, b.p, cb.ID, "")
		if got.Notes != "first" || got.Version != v2.Version || len(b.history(t, cb.ID)) != 2 {
			t.Fatalf("stale update applied: %+v", got)
		}
	})

	t.Run("no change records nothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{Notes: "n", CustomerName: "Ada"})
		got, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{Notes: ptr("n"), CustomerName: ptr("  Ada "), PhoneNumber: ptr(cb.PhoneNumber[2:])}, nil)
		if err != nil || got.Version != cb.Version {
			t.Fatalf("no-op: version %d %v", got.Version, err)
		}
		if len(b.history(t, cb.ID)) != 1 {
			t.Fatal("a no-op update recorded an event")
		}
	})

	t.Run("the event lists each change as old and new", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1"), Notes: "old"})
		if _, err := b.svc.Update(ctx, b.p, cb.ID, "agent-9", velocity.UpdateInput{Notes: ptr("new"), TeamID: ptr("team-2"), AgentIDSet: true}, nil); err != nil {
			t.Fatal(err)
		}
		h := b.history(t, cb.ID)
		last := h[len(h)-1]
		changes, _ := last.Data["changes"].(map[string]any)
		want := map[string]string{"notes": "[old new]", "teamId": "[team-1 team-2]", "agentId": "[agent-1 ]"}
		if last.Type != velocity.EventUpdated || len(changes) != len(want) || last.Actor.AgentID != "agent-9" {
			t.Fatalf("event %+v", last)
		}
		for k, v := range want {
			if fmt.Sprint(changes[k]) != v {
				t.Errorf("changes[%s] = %v, want %s", k, changes[k], v)
			}
		}
		if last.Before == nil || last.Before.TeamID != "team-1" || last.Before.AgentID == nil || *last.Before.AgentID != "agent-1" {
			t.Fatalf("before = %+v", last.Before)
		}
	})

	t.Run("no reassignment away from an agent who is dialing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		_, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-2")}, nil)
		if e := wantCode(t, err, "already_claimed"); e.Extra["claimedBy"] != "agent-1" {
			t.Fatalf("extra %v", e.Extra)
		}
		// Giving it to the agent who holds the claim is fine...
		if got, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-1")}, nil); err != nil || got.Owner() != "agent-1" {
			t.Fatalf("to the holder: %+v %v", got, err)
		}
		// ...and so is reassigning once the lease has run out.
		b.clock.Advance(5 * time.Minute)
		if got, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{AgentIDSet: true, AgentID: ptr("agent-2")}, nil); err != nil || got.Owner() != "agent-2" {
			t.Fatalf("after the lease: %+v %v", got, err)
		}
	})

	t.Run("a new number is checked like a new callback", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		open := b.create(t, velocity.CreateInput{})
		_, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{PhoneNumber: ptr(open.PhoneNumber)}, nil)
		if e := wantCode(t, err, "duplicate_open_callback"); e.Extra["existingId"] != open.ID {
			t.Fatalf("extra %v", e.Extra)
		}
		listed := b.phones.Next()
		if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: listed}}); err != nil {
			t.Fatal(err)
		}
		_, err = b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{PhoneNumber: ptr(listed)}, nil)
		wantFields(t, err, "phoneNumber:do_not_call")
		if got, _ := b.svc.Get(ctx, b.p, cb.ID, ""); got.PhoneNumber != cb.PhoneNumber || got.Version != cb.Version {
			t.Fatalf("refused change applied: %+v", got)
		}
	})

	t.Run("a number abroad brings its time zone", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		got, err := b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{PhoneNumber: ptr("020 7946 0018"), Country: ptr("GB")}, nil)
		if err != nil || got.PhoneNumber != "+442079460018" || got.Timezone != "Europe/London" {
			t.Fatalf("london: %+v %v", got, err)
		}
		// A zone given with the number wins over the inferred one.
		got, err = b.svc.Update(ctx, b.p, cb.ID, "", velocity.UpdateInput{PhoneNumber: ptr("+4930901820"), Timezone: ptr("Europe/Paris")}, nil)
		if err != nil || got.PhoneNumber != "+4930901820" || got.Timezone != "Europe/Paris" {
			t.Fatalf("berlin number, paris zone: %+v %v", got, err)
		}
	})
}

func TestClaimChecksRulesAtDialTime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// 03:00 in New York, 08:00 in London, on Tuesday 3 March 2026.
	night := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)

	t.Run("outside the customer's hours, naming when they open", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.putPolicy(t, b.p, velocity.DefaultPolicy())
		ny := b.create(t, velocity.CreateInput{}) // 10:00 New York
		london := b.create(t, velocity.CreateInput{PhoneNumber: "+44 20 7946 0018"})
		b.clock.Set(night)
		_, err := b.svc.Claim(ctx, b.p, ny.ID, "agent-1")
		e := wantCode(t, err, "outside_calling_hours")
		if at, _ := e.Extra["nextCallableAt"].(time.Time); !at.Equal(time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)) || e.Extra["timezone"] != "America/New_York" {
			t.Fatalf("extra %v", e.Extra)
		}
		if got, _ := b.svc.Get(ctx, b.p, ny.ID, ""); got.Status != velocity.StatusScheduled || got.Version != ny.Version {
			t.Fatalf("refused claim changed the callback: %+v", got)
		}
		// The customer's zone decides, not the tenant's: it is 08:00 in London.
		if got := b.claim(t, london.ID, "agent-1"); got.Holder() != "agent-1" {
			t.Fatalf("london: %+v", got)
		}
	})

	t.Run("a closed callback is refused as such, at any hour", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.putPolicy(t, b.p, velocity.DefaultPolicy())
		cb := b.create(t, velocity.CreateInput{})
		if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		b.clock.Set(night)
		_, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1")
		wantCode(t, err, "invalid_transition")
	})

	t.Run("a number listed since the claim refuses its renewal", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		// Listed behind the service's back (another server), so the callback is still open.
		if _, err := b.store.AddDoNotCall(ctx, []velocity.DoNotCall{{TenantID: b.p.Tenant.ID, PhoneNumber: cb.PhoneNumber, AddedBy: "x", AddedAt: monday10}}); err != nil {
			t.Fatal(err)
		}
		_, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1")
		if !errors.Is(err, velocity.ErrDoNotCall) {
			t.Fatalf("renewal: %v", err)
		}
	})

	t.Run("only the holder releases, and only a claimed callback", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		_, err := b.svc.Release(ctx, b.p, cb.ID, "agent-1")
		wantCode(t, err, "invalid_transition")
		b.claim(t, cb.ID, "agent-1")
		_, err = b.svc.Release(ctx, b.p, cb.ID, "agent-2")
		if e := wantCode(t, err, "not_claim_holder"); e.Extra["claimedBy"] != "agent-1" {
			t.Fatalf("extra %v", e.Extra)
		}
		got, err := b.svc.Release(ctx, b.p, cb.ID, "agent-1")
		if err != nil || got.Status != velocity.StatusScheduled || got.ClaimedBy != nil || got.ClaimExpiresAt != nil {
			t.Fatalf("release: %+v %v", got, err)
		}
		h := b.history(t, cb.ID)
		if last := h[len(h)-1]; last.Type != velocity.EventReleased || last.Actor.AgentID != "agent-1" {
			t.Fatalf("event %+v", last)
		}
	})

	t.Run("the event says whether the claim was renewed", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		b.clock.Advance(time.Minute)
		renewed := b.claim(t, cb.ID, "agent-1")
		if !renewed.ClaimExpiresAt.Equal(monday10.Add(6 * time.Minute)) {
			t.Fatalf("lease until %v", renewed.ClaimExpiresAt)
		}
		h := b.history(t, cb.ID)
		if len(h) != 3 || h[1].Data["renewed"] != false || h[2].Data["renewed"] != true {
			t.Fatalf("history %+v", h)
		}
		_, err := b.svc.Claim(ctx, b.p, cb.ID, " ")
		wantFields(t, err, "agentId:required")
		_, err = b.svc.Release(ctx, b.p, cb.ID, "")
		wantFields(t, err, "agentId:required")
	})
}

func TestRecordAttemptRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("the report is validated", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		_, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{Outcome: "hung_up", Notes: "a\x00b", InteractionID: "line\nbreak"})
		wantFields(t, err, "agentId:required", "outcome:invalid_outcome", "notes:invalid_text", "interactionId:invalid_text")
		// Notes may span lines.
		got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeConnected, Notes: "line one\nline two"})
		if err != nil || got.Status != velocity.StatusCompleted {
			t.Fatalf("multiline notes: %+v %v", got, err)
		}
	})

	t.Run("retryAt must lie ahead, within the horizon", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		for _, c := range []struct {
			at   time.Time
			want string
		}{
			{monday10, "retryAt:in_past"},
			{monday10.Add(-time.Hour), "retryAt:in_past"},
			{monday10.Add(32 * 24 * time.Hour), "retryAt:too_far_ahead"},
		} {
			_, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeNoAnswer, RetryAt: &c.at})
			wantFields(t, err, c.want)
		}
		if got, _ := b.svc.Get(ctx, b.p, cb.ID, ""); got.Status != velocity.StatusClaimed || got.Attempts != 0 {
			t.Fatalf("a refused report was recorded: %+v", got)
		}
	})

	t.Run("a retry waits for the customer's calling hours", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		b.putPolicy(t, b.p, velocity.DefaultPolicy())
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		late := time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC) // 22:00 Monday in New York
		got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeNoAnswer, RetryAt: &late})
		morning := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC) // 08:00 Tuesday
		if err != nil || !got.WindowStart.Equal(morning) || !got.WindowEnd.Equal(morning.Add(time.Hour)) {
			t.Fatalf("retry window %v..%v %v", got.WindowStart, got.WindowEnd, err)
		}
		h := b.history(t, cb.ID)
		if at := dataTime(t, h[len(h)-1].Data["retryAt"]); !at.Equal(morning) {
			t.Fatalf("event data %v", h[len(h)-1].Data)
		}
	})

	t.Run("the tenant's retry delays apply", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{RetryDelayMinutes: map[string]int{"busy": 45}}); err != nil {
			t.Fatal(err)
		}
		cb := b.create(t, velocity.CreateInput{})
		b.claim(t, cb.ID, "agent-1")
		got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeBusy})
		if err != nil || !got.WindowStart.Equal(monday10.Add(45*time.Minute)) {
			t.Fatalf("busy retry at %v %v", got.WindowStart, err)
		}
	})

	t.Run("the last attempt fails the callback and says why", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		cb := b.create(t, velocity.CreateInput{MaxAttempts: ptr(2)})
		for i := 1; i <= 2; i++ {
			b.claim(t, cb.ID, "agent-1")
			got, err := b.svc.RecordAttempt(ctx, b.p, cb.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeNoAnswer, InteractionID: "int-1"})
			if err != nil || got.Attempts != i {
				t.Fatalf("attempt %d: %+v %v", i, got, err)
			}
			b.clock.Set(got.WindowStart)
		}
		h := b.history(t, cb.ID)
		want := "[created claimed attempted claimed attempted failed]"
		if fmt.Sprint(types(h)) != want {
			t.Fatalf("history %v, want %s", types(h), want)
		}
		att, failed := h[4], h[5]
		if fmt.Sprint(att.Data["attempt"]) != "2" {
			t.Errorf("attempt data %v", att.Data)
		}
		if _, ok := att.Data["retryAt"]; ok || att.Data["interactionId"] != "int-1" {
			t.Errorf("a final attempt names a retry: %v", att.Data)
		}
		if failed.Data["reason"] != "max_attempts" || failed.Callback.Status != velocity.StatusFailed {
			t.Errorf("failed event %+v", failed)
		}
		_, err := b.svc.Claim(ctx, b.p, cb.ID, "agent-1")
		wantCode(t, err, "invalid_transition")

		bad := b.create(t, velocity.CreateInput{})
		b.claim(t, bad.ID, "agent-1")
		if _, err := b.svc.RecordAttempt(ctx, b.p, bad.ID, velocity.AttemptInput{AgentID: "agent-1", Outcome: velocity.OutcomeInvalidNumber}); err != nil {
			t.Fatal(err)
		}
		h = b.history(t, bad.ID)
		if last := h[len(h)-1]; last.Type != velocity.EventFailed || last.Data["reason"] != "invalid_number" {
			t.Errorf("invalid number: %+v", last)
		}
	})
}

func TestCancelRecordsReason(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	_, err := b.svc.Cancel(ctx, b.p, cb.ID, "", "bad\x07reason")
	wantFields(t, err, "reason:invalid_text")
	if got, _ := b.svc.Get(ctx, b.p, cb.ID, ""); got.Status != velocity.StatusScheduled {
		t.Fatal("refused cancel applied")
	}
	if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "agent-1", "customer called in"); err != nil {
		t.Fatal(err)
	}
	plain := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Cancel(ctx, b.p, plain.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	withReason, without := b.history(t, cb.ID), b.history(t, plain.ID)
	if e := withReason[1]; e.Type != velocity.EventCancelled || e.Data["reason"] != "customer called in" || e.Actor.AgentID != "agent-1" {
		t.Fatalf("cancel event %+v", e)
	}
	if _, ok := without[1].Data["reason"]; ok {
		t.Fatalf("cancel without reason: %+v", without[1].Data)
	}
}

func TestEventsSince(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	other := b.tenant(t, "globex")
	mine := b.create(t, velocity.CreateInput{})
	b.claim(t, mine.ID, "agent-1")
	if _, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "t", PhoneNumber: b.phones.Next()}, ""); err != nil {
		t.Fatal(err)
	}
	all, from, err := b.svc.EventsSince(ctx, b.p.Tenant.ID, 0, 10)
	if err != nil || from != 0 || fmt.Sprint(types(all)) != "[created claimed]" {
		t.Fatalf("from 0: %v %d %v", types(all), from, err)
	}
	after, from, err := b.svc.EventsSince(ctx, b.p.Tenant.ID, all[0].ID, 10)
	if err != nil || from != all[0].ID || len(after) != 1 || after[0].ID != all[1].ID {
		t.Fatalf("after the first: %v %d %v", after, from, err)
	}
	// An id beyond the newest event counts from the newest, so the stream is not
	// silenced until the store catches up with a forged or restored id.
	newest := b.bus.published()[len(b.bus.published())-1].ID // globex's created
	none, from, err := b.svc.EventsSince(ctx, b.p.Tenant.ID, newest+1000, 10)
	if err != nil || from != newest || len(none) != 0 {
		t.Fatalf("beyond the newest: %v from %d (newest %d) %v", none, from, newest, err)
	}
	if _, err := b.svc.Cancel(ctx, b.p, mine.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	next, _, err := b.svc.EventsSince(ctx, b.p.Tenant.ID, from, 10)
	if err != nil || len(next) != 1 || next[0].Type != velocity.EventCancelled {
		t.Fatalf("the next event after clamping: %v %v", types(next), err)
	}
}

func TestListPages(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for i := 0; i < velocity.DefaultListLimit+1; i++ {
		b.create(t, velocity.CreateInput{})
	}
	page, next, err := b.svc.List(ctx, b.p, velocity.ListQuery{})
	if err != nil || len(page) != velocity.DefaultListLimit || next == "" {
		t.Fatalf("default page: %d items, next %q, %v", len(page), next, err)
	}
	c, err := velocity.DecodeCursor(next)
	if err != nil || c.ID != page[len(page)-1].ID {
		t.Fatalf("cursor %+v %v", c, err)
	}
	rest, next, err := b.svc.List(ctx, b.p, velocity.ListQuery{After: &c})
	if err != nil || len(rest) != 1 || next != "" {
		t.Fatalf("last page: %d items, next %q, %v", len(rest), next, err)
	}
	exact, next, _ := b.svc.List(ctx, b.p, velocity.ListQuery{Limit: velocity.DefaultListLimit + 1})
	if len(exact) != velocity.DefaultListLimit+1 || next != "" {
		t.Fatalf("a page that holds everything has a next cursor: %d %q", len(exact), next)
	}
}

func TestPing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if err := b.svc.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	b.store.Close()
	if err := b.svc.Ping(context.Background()); err == nil {
		t.Fatal("ping of a closed database succeeded")
	}
}
