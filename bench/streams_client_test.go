package bench

import (
	"bufio"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestStreamRead checks the parsing of an event stream: created events are recorded with
// their team checked, comments and other events skipped, the last id kept for a
// reopening, and a "dropped" event ends the stream as a drop.
func TestStreamRead(t *testing.T) {
	body := strings.Join([]string{
		": keep-alive", "",
		"id: 7", "event: created", `data: {"id":7,"type":"created","callback":{"id":"cb_1","teamId":"team-0001","agentId":null}}`, "",
		"id: 8", "event: claimed", `data: {"id":8,"callback":{"id":"cb_1","teamId":"team-0001"}}`, "",
		"id: 9", "event: created", `data: {"id":9,"callback":{"id":"cb_2","teamId":"team-0002","notes":"` + strings.Repeat("x", 9000) + `"}}`, "",
		"event: dropped", `data: {"reason":"the stream fell behind; reconnect with Last-Event-ID"}`, "",
		"id: 10", "event: created", `data: {"id":10,"callback":{"id":"cb_3","teamId":"team-0001"}}`, "",
	}, "\n")
	s := &stream{team: "team-0001", opened: make([]time.Time, 2)}
	var received atomic.Int64
	if dropped := s.read(bufio.NewReaderSize(strings.NewReader(body), 4096), &received); !dropped {
		t.Error("a dropped event did not end the stream as a drop")
	}
	if len(s.receipts) != 2 || received.Load() != 2 {
		t.Fatalf("receipts %+v (%d counted), want cb_1 and cb_2", s.receipts, received.Load())
	}
	if r := s.receipts[0]; r.callbackID != "cb_1" || r.otherTeam || r.conn != 1 || r.at.IsZero() {
		t.Errorf("first receipt %+v, want cb_1 of the stream's team on connection 1", r)
	}
	if r := s.receipts[1]; r.callbackID != "cb_2" || !r.otherTeam {
		t.Errorf("second receipt %+v, want cb_2 of another team", r)
	}
	if s.lastID != 9 {
		t.Errorf("last id %d, want 9", s.lastID)
	}
	// A stream that just ends is not a drop.
	s = &stream{team: "team-0001", opened: make([]time.Time, 1)}
	if s.read(bufio.NewReader(strings.NewReader("id: 3\nevent: created\ndata: {}\n\n")), &received) {
		t.Error("the end of a stream counted as a drop")
	}
}
