package velocity_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// items renders a bulk result's items as "id:code" ("id:ok" when changed), in order.
func items(res velocity.BulkResult) []string {
	out := make([]string, len(res.Items))
	for i, it := range res.Items {
		if it.OK {
			out[i] = it.ID + ":ok"
		} else {
			out[i] = it.ID + ":" + string(it.Code)
		}
	}
	return out
}

func (b *testBundle) get(t *testing.T, id string) velocity.Callback {
	t.Helper()
	cb, err := b.svc.Get(context.Background(), b.p, id, "")
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func TestBulkRefusesBadRequests(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	cb := b.create(t, velocity.CreateInput{})
	at := b.clock.Now().Add(time.Hour)
	ids := []string{cb.ID}
	tooMany := make([]string, velocity.MaxBulkItems+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprint("cb_", i)
	}
	for _, c := range []struct {
		name string
		in   velocity.BulkInput
		want []string
	}{
		{"no callbacks", velocity.BulkInput{Action: velocity.BulkCancel, Reason: "r"}, []string{"ids:required"}},
		{"ids and a filter", velocity.BulkInput{IDs: ids, Filter: &velocity.SearchQuery{}, Action: velocity.BulkCancel, Reason: "r"}, []string{"filter:invalid"}},
		{"too many ids", velocity.BulkInput{IDs: tooMany, Action: velocity.BulkCancel, Reason: "r"}, []string{"ids:too_many"}},
		{"an empty id", velocity.BulkInput{IDs: []string{cb.ID, " "}, Action: velocity.BulkCancel, Reason: "r"}, []string{"ids[1]:required"}},
		{"no action", velocity.BulkInput{IDs: ids}, []string{"action:invalid"}},
		{"an unknown action", velocity.BulkInput{IDs: ids, Action: "delete"}, []string{"action:invalid"}},
		{"reassign to nobody", velocity.BulkInput{IDs: ids, Action: velocity.BulkReassign}, []string{"agentId:required"}},
		{"reassign to an agent and the team", velocity.BulkInput{IDs: ids, Action: velocity.BulkReassign, AgentID: ptr("agent-1"), ToTeam: true}, []string{"agentId:required"}},
		{"reassign to an empty agent", velocity.BulkInput{IDs: ids, Action: velocity.BulkReassign, AgentID: ptr("")}, []string{"agentId:required"}},
		{"reassign to an empty team", velocity.BulkInput{IDs: ids, Action: velocity.BulkReassign, ToTeam: true, TeamID: ptr("")}, []string{"teamId:required"}},
		{"reassign with a window", velocity.BulkInput{IDs: ids, Action: velocity.BulkReassign, ToTeam: true, WindowStart: &at, Hours: ptr(1.0), Reason: "r"},
			[]string{"windowStart:invalid", "hours:invalid", "reason:invalid"}},
		{"reschedule without a start", velocity.BulkInput{IDs: ids, Action: velocity.BulkReschedule, WindowEnd: &at}, []string{"windowStart:required"}},
		{"reschedule with an agent", velocity.BulkInput{IDs: ids, Action: velocity.BulkReschedule, WindowStart: &at, AgentID: ptr("a"), ToTeam: true},
			[]string{"agentId:invalid", "toTeam:invalid"}},
		{"shift without hours", velocity.BulkInput{IDs: ids, Action: velocity.BulkShift}, []string{"hours:required"}},
		{"shift by nothing", velocity.BulkInput{IDs: ids, Action: velocity.BulkShift, Hours: ptr(0.0)}, []string{"hours:out_of_range"}},
		{"shift too far", velocity.BulkInput{IDs: ids, Action: velocity.BulkShift, Hours: ptr(float64(velocity.MaxShiftHours) + 1)}, []string{"hours:out_of_range"}},
		{"shift too far back", velocity.BulkInput{IDs: ids, Action: velocity.BulkShift, Hours: ptr(-float64(velocity.MaxShiftHours) - 1)}, []string{"hours:out_of_range"}},
		{"shift with a window", velocity.BulkInput{IDs: ids, Action: velocity.BulkShift, Hours: ptr(1.0), WindowStart: &at, WindowEnd: &at}, []string{"windowStart:invalid", "windowEnd:invalid"}},
		{"cancel without a reason", velocity.BulkInput{IDs: ids, Action: velocity.BulkCancel}, []string{"reason:required"}},
		{"cancel with hours", velocity.BulkInput{IDs: ids, Action: velocity.BulkCancel, Reason: "r", Hours: ptr(2.0), TeamID: ptr("team-2")}, []string{"teamId:invalid", "hours:invalid"}},
	} {
		res, err := b.svc.Bulk(ctx, b.p, c.in)
		e, ok := velocity.AsError(err)
		if !ok || e.Code != velocity.CodeValidationFailed {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, f := range e.Fields {
			got = append(got, f.Field+":"+string(f.Code))
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: fields %v, want %v", c.name, got, c.want)
		}
		if res.Total != 0 || len(res.Items) != 0 {
			t.Errorf("%s: result %+v", c.name, res)
		}
	}
	// Only supervisors and admins change in bulk; nothing is recorded for the others.
	agent := b.agentPrincipal()
	for _, role := range []velocity.Role{velocity.RoleAgent, velocity.RoleIntegration} {
		agent.Role = role
		_, err := b.svc.Bulk(ctx, agent, velocity.BulkInput{IDs: ids, Action: velocity.BulkCancel, Reason: "r"})
		if e := wantCode(t, err, "forbidden"); e.Extra["permission"] != velocity.PermBulk {
			t.Fatalf("%s: extra %v", role, e.Extra)
		}
	}
	if got := b.get(t, cb.ID); got.Status != velocity.StatusScheduled {
		t.Fatalf("a refused request changed the callback: %s", got.Status)
	}
	if n := len(b.audit(t, "callbacks.bulk")); n != 0 {
		t.Fatalf("%d refused requests audited", n)
	}
	// The longest shift is a valid request (this one moves the window into the past,
	// which the rules refuse for the callback).
	res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: ids, Action: velocity.BulkShift, Hours: ptr(-float64(velocity.MaxShiftHours))})
	if err != nil || res.Failed != 1 || res.Items[0].Code != velocity.CodeValidationFailed {
		t.Fatalf("the longest shift: %+v %v", res, err)
	}
}

func TestBulkReassignReportsEachCallback(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	one := b.create(t, velocity.CreateInput{})
	two := b.create(t, velocity.CreateInput{AgentID: ptr("agent-2")})
	dialing := b.create(t, velocity.CreateInput{})
	b.claim(t, dialing.ID, "agent-1")
	closed := b.create(t, velocity.CreateInput{})
	if _, err := b.svc.Cancel(ctx, b.p, closed.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	sup := b.agentPrincipal()
	sup.Username, sup.Role = "lead", velocity.RoleSupervisor

	res, err := b.svc.Bulk(ctx, sup, velocity.BulkInput{
		IDs:    []string{one.ID, two.ID, one.ID, "cb_missing", closed.ID, dialing.ID},
		Action: velocity.BulkReassign, AgentID: ptr("agent-5"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{one.ID + ":ok", two.ID + ":ok", "cb_missing:not_found", closed.ID + ":invalid_transition", dialing.ID + ":already_claimed"}
	if fmt.Sprint(items(res)) != fmt.Sprint(want) {
		t.Fatalf("items %v, want %v", items(res), want)
	}
	if res.Action != velocity.BulkReassign || res.Total != 5 || res.Succeeded != 2 || res.Failed != 3 {
		t.Fatalf("counts %+v", res)
	}
	if m := res.Items[4].Message; !strings.Contains(m, "agent-1 is dialing this callback right now") {
		t.Fatalf("message %q", m)
	}
	for _, id := range []string{one.ID, two.ID} {
		cb := b.get(t, id)
		h := b.history(t, id)
		last := h[len(h)-1]
		if cb.Owner() != "agent-5" || cb.TeamID != "team-1" || last.Type != velocity.EventUpdated || last.Actor.Account != "lead" {
			t.Errorf("%s: owner %q, last event %+v", id, cb.Owner(), last)
		}
	}
	if got := b.get(t, dialing.ID); got.Owner() != "" || got.Holder() != "agent-1" {
		t.Fatalf("the callback being dialed changed: %+v", got)
	}
	if got := b.get(t, closed.ID); got.Owner() != "" || got.Status != velocity.StatusCancelled {
		t.Fatalf("the closed callback changed: %+v", got)
	}
	// Each change is audited like a single one, and the request once.
	if n := len(b.audit(t, "callback.updated")); n != 2 {
		t.Fatalf("%d callback.updated entries, want 2", n)
	}
	bulk := b.audit(t, "callbacks.bulk")
	if len(bulk) != 1 || bulk[0].Actor != "lead" || bulk[0].ActorRole != velocity.RoleSupervisor || bulk[0].Target != "" ||
		fmt.Sprint(bulk[0].After) != "map[action:reassign failed:3 succeeded:2 total:5]" {
		t.Fatalf("bulk entry %+v", bulk)
	}

	// Once the agent's lease has run out, the callback is no longer being dialed.
	b.clock.Advance(6 * time.Minute)
	res, err = b.svc.Bulk(ctx, sup, velocity.BulkInput{IDs: []string{dialing.ID}, Action: velocity.BulkReassign, ToTeam: true, TeamID: ptr("team-2")})
	if err != nil || res.Succeeded != 1 {
		t.Fatalf("after the lease: %+v %v", res, err)
	}
	if got := b.get(t, dialing.ID); got.TeamID != "team-2" || got.Owner() != "" {
		t.Fatalf("to team-2: %+v", got)
	}
	// Back to the team, from an agent.
	if res, err := b.svc.Bulk(ctx, sup, velocity.BulkInput{IDs: []string{two.ID}, Action: velocity.BulkReassign, ToTeam: true}); err != nil || res.Succeeded != 1 {
		t.Fatalf("to the team: %+v %v", res, err)
	}
	if got := b.get(t, two.ID); got.Owner() != "" || got.TeamID != "team-1" {
		t.Fatalf("to the team: %+v", got)
	}
}

func TestBulkWindows(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	now := b.clock.Now()
	start, end := now.Add(time.Hour), now.Add(3*time.Hour)
	a := b.create(t, velocity.CreateInput{WindowStart: &start, WindowEnd: &end})
	start2 := now.Add(2 * time.Hour)
	end2 := start2.Add(30 * time.Minute)
	c := b.create(t, velocity.CreateInput{WindowStart: &start2, WindowEnd: &end2})
	ids := []string{a.ID, c.ID}

	// Shift moves each window by the hours, keeping its length.
	res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: ids, Action: velocity.BulkShift, Hours: ptr(1.5)})
	if err != nil || res.Succeeded != 2 {
		t.Fatalf("shift: %+v %v", res, err)
	}
	for _, w := range []struct {
		id         string
		start, end time.Time
	}{{a.ID, start, end}, {c.ID, start2, end2}} {
		got := b.get(t, w.id)
		if !got.WindowStart.Equal(w.start.Add(90*time.Minute)) || !got.WindowEnd.Equal(w.end.Add(90*time.Minute)) {
			t.Errorf("shifted %s: %v-%v", w.id, got.WindowStart, got.WindowEnd)
		}
	}
	// Back and earlier.
	if res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: []string{a.ID}, Action: velocity.BulkShift, Hours: ptr(-2.0)}); err != nil || res.Succeeded != 1 {
		t.Fatalf("shift back: %+v %v", res, err)
	}
	if got := b.get(t, a.ID); !got.WindowStart.Equal(start.Add(-30 * time.Minute)) {
		t.Fatalf("shifted back: %v", got.WindowStart)
	}

	// Reschedule to a start keeps each window's length; with an end, sets both.
	at := now.Add(5 * time.Hour)
	if res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: ids, Action: velocity.BulkReschedule, WindowStart: &at}); err != nil || res.Succeeded != 2 {
		t.Fatalf("reschedule: %+v %v", res, err)
	}
	if got := b.get(t, a.ID); !got.WindowStart.Equal(at) || !got.WindowEnd.Equal(at.Add(2*time.Hour)) {
		t.Fatalf("rescheduled a: %v-%v", got.WindowStart, got.WindowEnd)
	}
	if got := b.get(t, c.ID); !got.WindowStart.Equal(at) || !got.WindowEnd.Equal(at.Add(30*time.Minute)) {
		t.Fatalf("rescheduled c: %v-%v", got.WindowStart, got.WindowEnd)
	}
	until := at.Add(4 * time.Hour)
	if _, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: ids, Action: velocity.BulkReschedule, WindowStart: &at, WindowEnd: &until}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if got := b.get(t, id); !got.WindowStart.Equal(at) || !got.WindowEnd.Equal(until) {
			t.Errorf("rescheduled %s: %v-%v", id, got.WindowStart, got.WindowEnd)
		}
	}
	// A window the rules refuse is reported for the callback, not applied.
	past := now.Add(-48 * time.Hour)
	res, err = b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: []string{a.ID}, Action: velocity.BulkReschedule, WindowStart: &past})
	if err != nil || res.Failed != 1 || res.Items[0].Code != velocity.CodeValidationFailed || !strings.Contains(res.Items[0].Message, "windowStart") {
		t.Fatalf("a refused window: %+v %v", res, err)
	}
	if got := b.get(t, a.ID); !got.WindowStart.Equal(at) {
		t.Fatalf("the refused window applied: %v", got.WindowStart)
	}
}

func TestBulkCancelByFilter(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	keep := b.create(t, velocity.CreateInput{})
	x := b.create(t, velocity.CreateInput{TeamID: "team-2"})
	y := b.create(t, velocity.CreateInput{TeamID: "team-2", AgentID: ptr("agent-3")})
	done := b.create(t, velocity.CreateInput{TeamID: "team-2"})
	if _, err := b.svc.Cancel(ctx, b.p, done.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	// Another tenant's callbacks of the same team are not matched.
	other := b.tenant(t, "globex")
	theirs, _, err := b.svc.Create(ctx, other, "", velocity.CreateInput{TeamID: "team-2", PhoneNumber: b.phones.Next()}, "")
	if err != nil {
		t.Fatal(err)
	}

	filter := &velocity.SearchQuery{Teams: []string{"team-2"}, Statuses: velocity.OpenStatuses}
	res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{Filter: filter, Action: velocity.BulkCancel, Reason: "campaign withdrawn"})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(items(res)) != fmt.Sprint([]string{x.ID + ":ok", y.ID + ":ok"}) || res.Total != 2 || res.Succeeded != 2 {
		t.Fatalf("items %v", items(res))
	}
	for _, id := range []string{x.ID, y.ID} {
		cb := b.get(t, id)
		h := b.history(t, id)
		last := h[len(h)-1]
		if cb.Status != velocity.StatusCancelled || cb.Facts.CloseReason != velocity.CloseSupervisor ||
			last.Type != velocity.EventCancelled || last.Data["reason"] != "campaign withdrawn" {
			t.Errorf("%s: %s %s, last %+v", id, cb.Status, cb.Facts.CloseReason, last)
		}
	}
	if got := b.get(t, keep.ID); got.Status != velocity.StatusScheduled {
		t.Fatalf("another team's callback: %s", got.Status)
	}
	if got, _ := b.svc.Get(ctx, other, theirs.ID, ""); got.Status != velocity.StatusScheduled {
		t.Fatalf("another tenant's callback: %s", got.Status)
	}
	bulk := b.audit(t, "callbacks.bulk")
	if len(bulk) != 1 || field(bulk[0].After, "filter") != "team=team-2&status=scheduled%2Cclaimed" || field(bulk[0].After, "action") != "cancel" {
		t.Fatalf("bulk entry %+v", bulk)
	}
	// A filter that matches nothing changes nothing, and says so.
	res, err = b.svc.Bulk(ctx, b.p, velocity.BulkInput{Filter: filter, Action: velocity.BulkCancel, Reason: "again"})
	if err != nil || res.Total != 0 || len(res.Items) != 0 {
		t.Fatalf("empty filter: %+v %v", res, err)
	}
}

func TestBulkStopsWhenTheRequestEnds(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a, c := b.create(t, velocity.CreateInput{}), b.create(t, velocity.CreateInput{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := b.svc.Bulk(ctx, b.p, velocity.BulkInput{IDs: []string{a.ID, c.ID}, Action: velocity.BulkCancel, Reason: "late"})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(items(res)) != fmt.Sprint([]string{a.ID + ":timeout", c.ID + ":timeout"}) || res.Failed != 2 || res.Succeeded != 0 {
		t.Fatalf("items %v", items(res))
	}
	for _, id := range []string{a.ID, c.ID} {
		if got := b.get(t, id); got.Status != velocity.StatusScheduled {
			t.Fatalf("%s changed after the request ended", id)
		}
	}
	// The request is still recorded.
	if bulk := b.audit(t, "callbacks.bulk"); len(bulk) != 1 || field(bulk[0].After, "failed") != 2.0 {
		t.Fatalf("bulk entry %+v", bulk)
	}
}

// failingWrites is the real store whose write transactions fail with a fault of ours.
type failingWrites struct{ velocity.Store }

func (failingWrites) Write(context.Context, func(velocity.Tx) error) error {
	return errors.New("sqlite: disk I/O error at /var/lib/velocity/v.db")
}

func TestBulkHidesFaultsOfOurs(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cb := b.create(t, velocity.CreateInput{})
	svc := &velocity.Service{Store: failingWrites{b.store}, Clock: b.clock}
	res, err := svc.Bulk(context.Background(), b.p, velocity.BulkInput{IDs: []string{cb.ID}, Action: velocity.BulkShift, Hours: ptr(1.0)})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := velocity.LookupCode(velocity.CodeInternal)
	if len(res.Items) != 1 || res.Items[0].Code != velocity.CodeInternal || res.Items[0].Message != info.Meaning || res.Failed != 1 {
		t.Fatalf("items %+v", res.Items)
	}
	if strings.Contains(res.Items[0].Message, "disk") {
		t.Fatal("the fault's cause is shown")
	}
}
