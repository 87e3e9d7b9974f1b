package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// sseEvent is one parsed server-sent event.
type sseEvent struct {
	id, typ string
	data    map[string]any
}

// stream opens an event stream and returns its events on a channel until ctx ends.
func (e *env) stream(ctx context.Context, path string, header http.Header) (<-chan sseEvent, *http.Response) {
	e.t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	ch := make(chan sseEvent, 100)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.typ != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.typ = line[7:]
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(line[6:]), &ev.data)
			}
		}
	}()
	return ch, resp
}

func next(t *testing.T, ch <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return sseEvent{}
}

func TestEventStream(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tok := e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{"agentId": "agent-2", "teamId": "team-1"}).want(t, 200, "")
	ch, resp := e.stream(ctx, "/api/v1/events?token="+tok.str("token"), nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// Agent-1's personal callback is not visible to agent-2; the team callback is.
	e.create(map[string]any{"phoneNumber": "+12125550160", "agentId": "agent-1"})
	team := e.create(map[string]any{"phoneNumber": "+12125550161"}).str("id")
	ev := next(t, ch)
	if ev.typ != "created" || ev.data["callbackId"] != team || ev.data["callback"].(map[string]any)["id"] != team {
		t.Fatalf("first event %+v", ev)
	}
	e.do(&e.demo, "POST", "/api/v1/callbacks/"+team+"/claim", map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	ev = next(t, ch)
	if ev.typ != "claimed" || ev.data["callback"].(map[string]any)["claimedBy"] != "agent-1" {
		t.Fatalf("claim event %+v", ev)
	}
	lastID := ev.id
	// Keep-alives flow (50ms in tests) and do not disturb the stream.
	time.Sleep(120 * time.Millisecond)
	// Reassigning the team callback to agent-1 tells agent-2 it left their list.
	e.do(&e.demo, "PATCH", "/api/v1/callbacks/"+team, map[string]any{"agentId": "agent-1"}).want(t, 200, "")
	ev = next(t, ch)
	if ev.typ != "updated" || ev.data["before"] == nil {
		t.Fatalf("reassign event %+v", ev)
	}
	cancel()

	// A reconnect with Last-Event-ID replays what was missed, opened with headers.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	h := http.Header{}
	h.Set("X-Api-Key", e.demo.key)
	h.Set("Last-Event-ID", lastID)
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(e.demo.user, e.demo.pass)
	h.Set("Authorization", req.Header.Get("Authorization"))
	ch2, resp2 := e.stream(ctx2, "/api/v1/events?agentId=agent-2&teamId=team-1", h)
	if resp2.StatusCode != 200 {
		t.Fatalf("header-authenticated stream: %d", resp2.StatusCode)
	}
	ev = next(t, ch2)
	if ev.typ != "updated" {
		t.Fatalf("replayed %+v", ev)
	}
	// Shutdown ends open streams with a last event.
	e.app.Server.Shutdown()
	ev = next(t, ch2)
	if ev.typ != "shutdown" {
		t.Fatalf("at shutdown got %+v", ev)
	}
}

func TestStreamTokenExpires(t *testing.T) {
	e := newEnv(t)
	tok := e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{"agentId": "agent-1", "teamId": "team-1"}).want(t, 200, "")
	e.clock.Advance(2 * time.Minute)
	e.do(nil, "GET", "/api/v1/events?token="+tok.str("token"), nil).want(t, 401, "invalid_stream_token")
	e.do(nil, "GET", "/api/v1/events?agentId=agent-1", nil).want(t, 401, "unauthorized")
}
