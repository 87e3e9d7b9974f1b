package hub

import (
	"fmt"
	"testing"

	"github.com/customerdynamics/velocity"
)

func ptr(s string) *string { return &s }

// ev is an event of tenant on a callback of team, personal to agent when agent != "".
func ev(id int64, tenant, team, agent string) velocity.Event {
	e := velocity.Event{ID: id, TenantID: tenant, Callback: velocity.Callback{TeamID: team}}
	if agent != "" {
		e.Callback.AgentID = ptr(agent)
	}
	return e
}

// ids drains what is waiting for s.
func ids(s velocity.Subscription) []int64 {
	var out []int64
	for _, e := range s.Next() {
		out = append(out, e.ID)
	}
	return out
}

func TestPublishByTenantInOrder(t *testing.T) {
	h := New()
	a := h.Subscribe(velocity.Scope{TenantID: "a"})
	b := h.Subscribe(velocity.Scope{TenantID: "b"})
	defer a.Close()
	defer b.Close()
	h.Publish([]velocity.Event{ev(1, "a", "t", ""), ev(2, "b", "t", ""), ev(3, "a", "t", "")})
	<-a.Ready()
	if got := fmt.Sprint(ids(a)); got != "[1 3]" {
		t.Fatalf("a got %s", got)
	}
	if got := fmt.Sprint(ids(b)); got != "[2]" {
		t.Fatalf("b got %s", got)
	}
}

// TestScopes: each subscriber gets exactly what its scope sees (Event.VisibleTo), found
// through the indexes: an agent its personal callbacks and its team's unassigned ones,
// a team its callbacks, the tenant all; a reassignment reaches the old owner too.
func TestScopes(t *testing.T) {
	h := New()
	scopes := map[string]velocity.Scope{
		"agent1/team1": {TenantID: "x", AgentID: "a1", TeamID: "t1"},
		"agent2/team1": {TenantID: "x", AgentID: "a2", TeamID: "t1"},
		"agent3/team2": {TenantID: "x", AgentID: "a3", TeamID: "t2"},
		"team1":        {TenantID: "x", TeamID: "t1"},
		"agent1":       {TenantID: "x", AgentID: "a1"},
		"tenant":       {TenantID: "x"},
	}
	subs := map[string]velocity.Subscription{}
	for name, sc := range scopes {
		subs[name] = h.Subscribe(sc)
	}
	moved := ev(5, "x", "t2", "a3")
	moved.Before = &velocity.Owner{TeamID: "t1", AgentID: ptr("a1")}
	events := []velocity.Event{
		ev(1, "x", "t1", ""),   // team 1's unassigned
		ev(2, "x", "t1", "a1"), // agent 1's
		ev(3, "x", "t2", ""),   // team 2's unassigned
		ev(4, "y", "t1", ""),   // another tenant
		moved,                  // from agent 1 to agent 3
	}
	h.Publish(events)
	for name, sc := range scopes {
		var want []int64
		for _, e := range events {
			if e.TenantID == sc.TenantID && e.VisibleTo(sc.AgentID, sc.TeamID) {
				want = append(want, e.ID)
			}
		}
		if got := ids(subs[name]); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s got %v, want %v", name, got, want)
		}
	}
	if h.Subscribers() != len(scopes) {
		t.Fatalf("%d subscribers", h.Subscribers())
	}
	for _, s := range subs {
		s.Close()
	}
	if h.Subscribers() != 0 || len(h.tenants) != 0 {
		t.Fatalf("after close: %d subscribers, %d tenants", h.Subscribers(), len(h.tenants))
	}
}

func TestSlowSubscriberIsDropped(t *testing.T) {
	h := New()
	h.Buffer = 2
	s := h.Subscribe(velocity.Scope{TenantID: "a"})
	h.Publish([]velocity.Event{ev(1, "a", "t", ""), ev(2, "a", "t", ""), ev(3, "a", "t", "")})
	select {
	case <-s.Dropped():
	default:
		t.Fatal("slow subscriber not dropped")
	}
	if h.Subscribers() != 0 {
		t.Fatal("dropped subscriber still registered")
	}
	// It keeps what it had before it missed one, and nothing after.
	if got := fmt.Sprint(ids(s)); got != "[1 2]" {
		t.Fatalf("got %s", got)
	}
	h.Publish([]velocity.Event{ev(4, "a", "t", "")})
	if got := ids(s); len(got) != 0 {
		t.Fatalf("a dropped subscriber got %v", got)
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	h := New()
	s := h.Subscribe(velocity.Scope{TenantID: "a", AgentID: "x", TeamID: "t"})
	h.Close()
	<-s.Dropped()
	late := h.Subscribe(velocity.Scope{TenantID: "a"})
	<-late.Dropped()
}

// BenchmarkPublishAmongManySubscribers: one team's event with 20,000 subscribers over 200
// teams reaches the ~100 of its team without looking at the others.
func BenchmarkPublishAmongManySubscribers(b *testing.B) {
	h := New()
	for i := 0; i < 20000; i++ {
		h.Subscribe(velocity.Scope{TenantID: "x", AgentID: fmt.Sprintf("a%d", i), TeamID: fmt.Sprintf("t%d", i%200)})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.Publish([]velocity.Event{ev(int64(i+1), "x", fmt.Sprintf("t%d", i%200), "")})
		if i%512 == 511 { // drain, as streams would
			b.StopTimer()
			for _, t := range h.tenants {
				for _, ss := range t.byAgent {
					for s := range ss {
						s.Next()
					}
				}
			}
			b.StartTimer()
		}
	}
}
