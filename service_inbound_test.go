package velocity_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// national returns a US number in E.164 as a person would type it: (212) 300-0001.
func national(e164 string) string {
	d := strings.TrimPrefix(e164, "+1")
	return "(" + d[:3] + ") " + d[3:6] + "-" + d[6:]
}

func (b *testBundle) inboundMatch(t *testing.T, m velocity.InboundMatch) {
	t.Helper()
	if _, err := b.svc.UpdatePolicy(context.Background(), b.p, velocity.PolicyDoc{InboundMatch: &m}); err != nil {
		t.Fatal(err)
	}
}

func TestInboundReportOnly(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	integ := b.agentPrincipal()
	integ.Username, integ.Role = "ivr", velocity.RoleIntegration
	cb := b.create(t, velocity.CreateInput{CustomerName: "Ada"})

	// The tenant's policy leaves the callback open and reports it.
	res, err := b.svc.Inbound(ctx, integ, velocity.InboundInput{PhoneNumber: national(cb.PhoneNumber), InteractionID: "ix-1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.PhoneNumber != cb.PhoneNumber || res.InboundMatch != velocity.InboundReportOnly || res.MarkedReached != 0 ||
		len(res.Callbacks) != 1 || res.Callbacks[0].ID != cb.ID || res.Callbacks[0].Status != velocity.StatusScheduled {
		t.Fatalf("result %+v", res)
	}
	if got := b.get(t, cb.ID); got.Version != cb.Version || len(b.history(t, cb.ID)) != 1 {
		t.Fatalf("report_only changed the callback: %+v", got)
	}

	// A number with no open callback finds none: an empty list, not nil.
	nobody := b.phones.Next()
	res, err = b.svc.Inbound(ctx, integ, velocity.InboundInput{PhoneNumber: nobody, InteractionID: "ix-2"})
	if err != nil || res.Callbacks == nil || len(res.Callbacks) != 0 || res.PhoneNumber != nobody || res.MarkedReached != 0 {
		t.Fatalf("no callback: %+v %v", res, err)
	}
	// A policy stored without the setting reads as report_only.
	pol := velocity.AroundTheClockPolicy()
	pol.InboundMatch = ""
	b.putPolicy(t, b.p, pol)
	if res, err := b.svc.Inbound(ctx, integ, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "ix-3"}); err != nil ||
		res.InboundMatch != velocity.InboundReportOnly || res.MarkedReached != 0 {
		t.Fatalf("unset policy: %+v %v", res, err)
	}
}

func TestInboundMarksReached(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.inboundMatch(t, velocity.InboundMarkReached)
	integ := b.agentPrincipal()
	integ.Username, integ.Role = "ivr", velocity.RoleIntegration
	cb := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")})
	b.clock.Advance(10 * time.Minute)

	res, err := b.svc.Inbound(ctx, integ, velocity.InboundInput{PhoneNumber: " " + national(cb.PhoneNumber) + " ", InteractionID: " ix-9 ", QueueID: "q-sales"})
	if err != nil {
		t.Fatal(err)
	}
	if res.InboundMatch != velocity.InboundMarkReached || res.MarkedReached != 1 || len(res.Callbacks) != 1 {
		t.Fatalf("result %+v", res)
	}
	got := res.Callbacks[0]
	if got.ID != cb.ID || got.Status != velocity.StatusCompleted || got.Facts.CloseReason != velocity.CloseReachedInbound ||
		got.Facts.ClosedAt == nil || !got.Facts.ClosedAt.Equal(b.clock.Now()) || got.Version != cb.Version+1 {
		t.Fatalf("callback %+v", got)
	}
	h := b.history(t, cb.ID)
	last := h[len(h)-1]
	if last.Type != velocity.EventCompleted || last.Data["reason"] != "reached_inbound" || last.Data["interactionId"] != "ix-9" ||
		last.Data["queueId"] != "q-sales" || last.Actor.Account != "ivr" {
		t.Fatalf("event %+v", last)
	}
	// An integration's change is audited.
	if entries := b.audit(t, "callback.completed"); len(entries) != 1 || entries[0].Target != cb.ID || entries[0].Actor != "ivr" {
		t.Fatalf("audit %+v", entries)
	}
	// Closed now: a second call finds nothing open.
	res, err = b.svc.Inbound(ctx, integ, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "ix-10"})
	if err != nil || len(res.Callbacks) != 0 || res.MarkedReached != 0 {
		t.Fatalf("second call: %+v %v", res, err)
	}

	// Without a queue, none is recorded.
	plain := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Inbound(ctx, integ, velocity.InboundInput{PhoneNumber: plain.PhoneNumber, InteractionID: "ix-11"}); err != nil {
		t.Fatal(err)
	}
	h = b.history(t, plain.ID)
	if _, ok := h[len(h)-1].Data["queueId"]; ok {
		t.Fatalf("event %+v", h[len(h)-1])
	}
}

func TestInboundLeavesACallbackBeingDialed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.inboundMatch(t, velocity.InboundMarkReached)
	cb := b.create(t, velocity.CreateInput{})
	claimed := b.claim(t, cb.ID, "agent-1")

	res, err := b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "ix-1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.MarkedReached != 0 || len(res.Callbacks) != 1 || res.Callbacks[0].Status != velocity.StatusClaimed || res.Callbacks[0].Version != claimed.Version {
		t.Fatalf("result %+v", res)
	}
	if got := b.get(t, cb.ID); got.Status != velocity.StatusClaimed || got.Holder() != "agent-1" {
		t.Fatalf("callback %+v", got)
	}
	// Once the lease has run out, nobody is dialing it.
	b.clock.Advance(6 * time.Minute)
	res, err = b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: cb.PhoneNumber, InteractionID: "ix-2"})
	if err != nil || res.MarkedReached != 1 || res.Callbacks[0].Status != velocity.StatusCompleted || res.Callbacks[0].ClaimedBy != nil {
		t.Fatalf("after the lease: %+v %v", res, err)
	}
}

func TestInboundValidates(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for _, c := range []struct {
		in   velocity.InboundInput
		want []string
	}{
		{velocity.InboundInput{}, []string{"phoneNumber:required", "interactionId:required"}},
		{velocity.InboundInput{PhoneNumber: "+12125550100", InteractionID: "ix", QueueID: strings.Repeat("q", velocity.MaxIDLen+1)}, []string{"queueId:too_long"}},
		{velocity.InboundInput{PhoneNumber: "+12125550100", InteractionID: "ix", Country: "XX"}, []string{"country:invalid_country"}},
		{velocity.InboundInput{PhoneNumber: "12345", InteractionID: "ix"}, []string{"phoneNumber:invalid_phone_number"}},
		{velocity.InboundInput{PhoneNumber: "+12125550100", InteractionID: "i\x01x"}, []string{"interactionId:invalid_text"}},
	} {
		_, err := b.svc.Inbound(ctx, b.p, c.in)
		wantFields(t, err, c.want...)
	}
	// A number read with the country given.
	res, err := b.svc.Inbound(ctx, b.p, velocity.InboundInput{PhoneNumber: "020 7946 0018", Country: "GB", InteractionID: "ix"})
	if err != nil || res.PhoneNumber != "+442079460018" {
		t.Fatalf("GB: %+v %v", res, err)
	}
}

func TestMarkReached(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	b.claim(t, cb.ID, "agent-1")

	_, err := b.svc.MarkReached(ctx, b.p, cb.ID, "agent-1", "")
	wantFields(t, err, "interactionId:required")
	_, err = b.svc.MarkReached(ctx, b.p, cb.ID, strings.Repeat("a", velocity.MaxIDLen+1), "ix")
	wantFields(t, err, "agentId:too_long")
	// A proven agent acts only for itself.
	_, err = b.svc.MarkReached(ctx, b.provenAgent("agent-2", "agent-2"), cb.ID, "agent-1", "ix")
	wantCode(t, err, "forbidden")
	// Another agent may not take it from the one dialing it.
	_, err = b.svc.MarkReached(ctx, b.p, cb.ID, "agent-2", "ix")
	if e := wantCode(t, err, "already_claimed"); e.Extra["claimedBy"] != "agent-1" {
		t.Fatalf("extra %v", e.Extra)
	}
	if _, err := b.svc.MarkReached(ctx, b.p, "cb_missing", "", "ix"); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
	if got := b.get(t, cb.ID); got.Status != velocity.StatusClaimed {
		t.Fatalf("refusals changed it: %s", got.Status)
	}

	// The agent dialing it reached the customer on another call.
	b.clock.Advance(time.Minute)
	got, err := b.svc.MarkReached(ctx, b.p, cb.ID, "agent-1", "ix-42")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != velocity.StatusCompleted || got.ClaimedBy != nil || got.ClaimExpiresAt != nil || got.Facts.ClosedBy != "agent-1" ||
		got.Facts.CloseReason != velocity.CloseReachedInbound || !got.UpdatedAt.Equal(b.clock.Now()) {
		t.Fatalf("reached: %+v", got)
	}
	h := b.history(t, cb.ID)
	last := h[len(h)-1]
	if last.Type != velocity.EventCompleted || last.Actor.AgentID != "agent-1" || last.Data["interactionId"] != "ix-42" || last.Data["reason"] != "reached_inbound" {
		t.Fatalf("event %+v", last)
	}
	if _, ok := last.Data["queueId"]; ok {
		t.Fatal("a queue recorded for a call that named none")
	}
	published := b.bus.published()
	if e := published[len(published)-1]; e.CallbackID != cb.ID || e.Type != velocity.EventCompleted {
		t.Fatalf("published %+v", e)
	}
	// Closed: once only.
	_, err = b.svc.MarkReached(ctx, b.p, cb.ID, "agent-1", "ix-43")
	if e := wantCode(t, err, "invalid_transition"); e.Extra["currentStatus"] != velocity.StatusCompleted {
		t.Fatalf("extra %v", e.Extra)
	}

	// A scheduled callback, with no agent named.
	open := b.create(t, velocity.CreateInput{})
	if got, err := b.svc.MarkReached(ctx, b.p, open.ID, "", "ix-50"); err != nil || got.Status != velocity.StatusCompleted || got.Facts.ClosedBy != "" {
		t.Fatalf("scheduled: %+v %v", got, err)
	}
}

func TestFindOpenByPhone(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	for _, raw := range []string{cb.PhoneNumber, national(cb.PhoneNumber), strings.TrimPrefix(cb.PhoneNumber, "+")} {
		got, err := b.svc.FindOpenByPhone(ctx, b.p, raw, "")
		if err != nil || got.ID != cb.ID {
			t.Errorf("%q: %+v %v", raw, got, err)
		}
	}
	if got, err := b.svc.FindOpenByPhone(ctx, b.p, national(cb.PhoneNumber), "US"); err != nil || got.ID != cb.ID {
		t.Fatalf("with the country: %+v %v", got, err)
	}
	// Another tenant's, a closed one and an unknown number are not found.
	other := b.tenant(t, "globex")
	if _, err := b.svc.FindOpenByPhone(ctx, other, cb.PhoneNumber, ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("other tenant: %v", err)
	}
	if _, err := b.svc.FindOpenByPhone(ctx, b.p, b.phones.Next(), ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("unknown: %v", err)
	}
	if _, err := b.svc.Cancel(ctx, b.p, cb.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.FindOpenByPhone(ctx, b.p, cb.PhoneNumber, ""); !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("closed: %v", err)
	}
	_, err := b.svc.FindOpenByPhone(ctx, b.p, "not a number", "")
	wantFields(t, err, "phoneNumber:invalid_phone_number")
}
