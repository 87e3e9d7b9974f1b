package hub

import (
	"testing"

	"github.com/customerdynamics/velocity"
)

func TestPublishByTenantInOrder(t *testing.T) {
	h := New()
	a := h.Subscribe("a")
	b := h.Subscribe("b")
	defer a.Close()
	defer b.Close()
	h.Publish([]velocity.Event{{ID: 1, TenantID: "a"}, {ID: 2, TenantID: "b"}, {ID: 3, TenantID: "a"}})
	if e := <-a.Events(); e.ID != 1 {
		t.Fatalf("a got %d", e.ID)
	}
	if e := <-a.Events(); e.ID != 3 {
		t.Fatalf("a got %d", e.ID)
	}
	if e := <-b.Events(); e.ID != 2 {
		t.Fatalf("b got %d", e.ID)
	}
	select {
	case e := <-b.Events():
		t.Fatalf("b got another tenant's event %d", e.ID)
	default:
	}
}

func TestSlowSubscriberIsDropped(t *testing.T) {
	h := &Hub{Buffer: 2, subs: map[string]map[*sub]struct{}{}}
	s := h.Subscribe("a")
	h.Publish([]velocity.Event{{ID: 1, TenantID: "a"}, {ID: 2, TenantID: "a"}, {ID: 3, TenantID: "a"}})
	select {
	case <-s.Dropped():
	default:
		t.Fatal("slow subscriber not dropped")
	}
	if h.Subscribers() != 0 {
		t.Fatal("dropped subscriber still registered")
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	h := New()
	s := h.Subscribe("a")
	h.Close()
	<-s.Dropped()
	late := h.Subscribe("a")
	<-late.Dropped()
}

func TestSlowSubscriberGetsNothingAfterAMissedEvent(t *testing.T) {
	h := &Hub{Buffer: 1, subs: map[string]map[*sub]struct{}{}}
	s := h.Subscribe("a")
	h.Publish([]velocity.Event{{ID: 1, TenantID: "a"}, {ID: 2, TenantID: "a"}, {ID: 3, TenantID: "a"}})
	if e := <-s.Events(); e.ID != 1 {
		t.Fatalf("got %d", e.ID)
	}
	select {
	case e := <-s.Events():
		t.Fatalf("got event %d after missing event 2", e.ID)
	default:
	}
	<-s.Dropped()
}
