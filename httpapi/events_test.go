package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/app"
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

// TestEventStreamConnections serves a stream on HTTP/1.1, where it takes its connection
// over from net/http, and on HTTP/2, where it cannot and is served through the
// ResponseWriter: both send the headers, events, keep-alives and the shutdown event,
// and both notice a client that leaves.
func TestEventStreamConnections(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		t.Run(map[bool]string{false: "HTTP/1.1", true: "HTTP/2"}[h2], func(t *testing.T) {
			e := newEnv(t)
			srv := httptest.NewUnstartedServer(e.app.Handler())
			srv.EnableHTTP2 = h2
			srv.StartTLS()
			t.Cleanup(func() {
				e.app.Server.Shutdown() // ends streams a failed test left open, which srv.Close waits for
				srv.Close()
			})
			tok := e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{"agentId": "agent-2", "teamId": "team-1"}).want(t, 200, "")
			open := func() (*http.Response, *bufio.Reader, context.CancelFunc) {
				t.Helper()
				ctx, cancel := context.WithCancel(context.Background())
				req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/events?token="+tok.str("token"), nil)
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				wantProto := map[bool]int{false: 1, true: 2}[h2]
				if resp.StatusCode != 200 || resp.ProtoMajor != wantProto || resp.Header.Get("Content-Type") != "text/event-stream" ||
					resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("X-Accel-Buffering") != "no" {
					t.Fatalf("%s %d %v", resp.Proto, resp.StatusCode, resp.Header)
				}
				return resp, bufio.NewReader(resp.Body), cancel
			}
			// readUntil reads lines until one starts with prefix.
			readUntil := func(r *bufio.Reader, prefix string) string {
				t.Helper()
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						t.Fatalf("waiting for %q: %v", prefix, err)
					}
					if strings.HasPrefix(line, prefix) {
						return line
					}
				}
			}
			// HEAD gets a stream's headers and no stream.
			head, _ := http.NewRequest("HEAD", srv.URL+"/api/v1/events?token="+tok.str("token"), nil)
			hresp, err := srv.Client().Do(head)
			if err != nil {
				t.Fatal(err)
			}
			if body, _ := io.ReadAll(hresp.Body); hresp.StatusCode != 200 || len(body) != 0 || hresp.Header.Get("Content-Type") != "text/event-stream" {
				t.Fatalf("HEAD: %d %q %v", hresp.StatusCode, body, hresp.Header)
			}
			hresp.Body.Close()
			if n := e.app.Server.Streams(); n != 0 {
				t.Fatalf("a HEAD request opened %d streams", n)
			}
			resp, r, cancel := open()
			defer resp.Body.Close()
			readUntil(r, ": connected")
			id := e.create(map[string]any{"phoneNumber": "+12125550171"}).str("id")
			readUntil(r, "event: created")
			if data := readUntil(r, "data: "); !strings.Contains(data, id) {
				t.Fatalf("created event %s, want %s", data, id)
			}
			readUntil(r, ": keep-alive") // every 50ms in tests

			// A client that leaves is noticed: its stream ends and is no longer counted.
			cancel()
			waitFor(t, func() bool { return e.app.Server.Streams() == 0 })

			resp2, r2, cancel2 := open()
			defer cancel2()
			defer resp2.Body.Close()
			readUntil(r2, ": connected")
			e.app.Server.Shutdown()
			readUntil(r2, "event: shutdown")
			if _, err := io.ReadAll(r2); err != nil {
				t.Fatalf("the stream did not end cleanly after the shutdown event: %v", err)
			}
			if n := e.app.Server.Streams(); n != 0 {
				t.Fatalf("%d streams counted after shutdown", n)
			}
		})
	}
}

// waitFor polls cond for up to 5 seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
	}
}

// slowRequestLog is a log handler that takes a while to write the access-log line of
// an event stream, as a handler writing to a slow disk or pipe would.
type slowRequestLog struct {
	slog.Handler
	delay time.Duration
}

func (h slowRequestLog) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "request" {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "path" && a.Value.String() == "/api/v1/events" {
				time.Sleep(h.delay)
			}
			return true
		})
	}
	return h.Handler.Handle(ctx, r)
}

// TestShutdownWaitsForTheStreamsRequestLog holds Server.Drain to waiting for the
// middleware of a stream that took its connection over: net/http's Shutdown forgets
// such a request, and a log written after the server has stopped races with whatever
// the process does next (the CLI test's read of its log caught one).
func TestShutdownWaitsForTheStreamsRequestLog(t *testing.T) {
	logs := &syncBuffer{}
	e := newEnv(t, func(c *app.Config) {
		c.Logger = slog.New(slowRequestLog{Handler: slog.NewTextHandler(logs, nil), delay: 300 * time.Millisecond})
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tok := e.do(&e.demo, "POST", "/api/v1/events/token", map[string]any{"agentId": "agent-1", "teamId": "team-1"}).want(t, 200, "")
	ch, resp := e.stream(ctx, "/api/v1/events?token="+tok.str("token"), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("stream: %d", resp.StatusCode)
	}
	e.app.Server.Shutdown()
	if !e.app.Server.Drain(5 * time.Second) {
		t.Fatal("Drain: requests still in the handler")
	}
	if !strings.Contains(logs.String(), "path=/api/v1/events status=200") {
		t.Fatalf("Drain returned before the stream's request was logged:\n%s", logs.String())
	}
	if ev := next(t, ch); ev.typ != "shutdown" {
		t.Fatalf("at shutdown got %+v", ev)
	}
}
