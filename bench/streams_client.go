package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// apiClient makes the bench tenant's authenticated calls: stream tokens and creates.
type apiClient struct {
	http *http.Client
	cred credentials
}

func newAPIClient(c credentials, conns int) *apiClient {
	t := &http.Transport{MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
	return &apiClient{http: &http.Client{Transport: t, Timeout: openTimeout}, cred: c}
}

// call sends one request and decodes the answer into out, if want came back.
func (a *apiClient) call(ctx context.Context, method, u string, body []byte, want int, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	req.Header.Set("X-Api-Key", a.cred.apiKey)
	req.SetBasicAuth(a.cred.username, a.cred.password)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, u, resp.StatusCode, bytes.TrimSpace(b))
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

// token trades the credentials for a token that opens an agent's stream on a server.
func (a *apiClient) token(ctx context.Context, base, agent, team string) (string, error) {
	body, _ := json.Marshal(map[string]string{"agentId": agent, "teamId": team})
	var out struct {
		Token string `json:"token"`
	}
	if err := a.call(ctx, "POST", base+"/api/v1/events/token", body, 200, &out); err != nil {
		return "", err
	}
	return out.Token, nil
}

// stream is one agent's event stream, held as the widget holds it: opened with a token
// and, when it ends, opened again after a growing pause; the bench's reopening sends the
// id of the last event seen (Last-Event-ID), so the server replays what was missed.
type stream struct {
	agent, team string
	teamIx      int
	base        string
	open        *atomic.Int64 // the streams open on its server

	connected atomic.Bool // the first opening succeeded

	// Owned by the stream's goroutine until it has finished.
	receipts   []receipt
	opened     []time.Time // when each connection said it was connected
	lastID     int64
	drops      int // the server dropped the stream for falling behind
	ends       int // the stream ended otherwise (closed, server shutdown, error)
	reconnects int
	data       []byte
}

// receipt is one "created" event a stream parsed.
type receipt struct {
	callbackID string
	at         time.Time
	conn       int  // which connection, an index into opened
	otherTeam  bool // the callback is not of the stream's team
}

// fleet opens and runs the streams, a bounded number of openings at once.
type fleet struct {
	api       *apiClient
	connectBy time.Time
	sem       chan struct{}
	connected atomic.Int64
	received  atomic.Int64 // created events parsed, over all streams

	mu       sync.Mutex
	firstErr error
	failures int
}

func newFleet(api *apiClient, connectBy time.Time) *fleet {
	return &fleet{api: api, connectBy: connectBy, sem: make(chan struct{}, openers)}
}

func (f *fleet) noteErr(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures++
	if f.firstErr == nil {
		f.firstErr = err
	}
}

func (f *fleet) firstError() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.firstErr == nil {
		return errors.New("none")
	}
	return fmt.Errorf("%w (%d failed openings)", f.firstErr, f.failures)
}

// run holds s open until ctx ends: the first opening is retried until the connect
// deadline (a stream that misses it gives up); later ones until ctx ends, after pauses
// that grow as the widget's do (0.5 s doubling, at most 30 s).
func (f *fleet) run(ctx context.Context, s *stream) {
	var conn net.Conn
	var body *bufio.Reader
	first, cancel := context.WithDeadline(ctx, f.connectBy)
	defer cancel()
	for {
		octx, cancelOpen := context.WithTimeout(first, openTimeout)
		var err error
		conn, body, err = f.open(octx, s)
		cancelOpen()
		if err == nil {
			break
		}
		f.noteErr(err)
		select {
		case <-first.Done():
			return
		case <-time.After(500 * time.Millisecond):
		}
	}
	s.connected.Store(true)
	f.connected.Add(1)
	for {
		// The connection closes when the run ends, which ends read.
		stop := context.AfterFunc(ctx, func() { conn.Close() })
		dropped := s.read(body, &f.received)
		stop()
		conn.Close()
		s.open.Add(-1)
		if ctx.Err() != nil {
			return
		}
		if dropped {
			s.drops++
		} else {
			s.ends++
		}
		for failures := 0; ; failures++ {
			sleepCtx(ctx, min(30*time.Second, 500*time.Millisecond<<min(failures, 6)))
			if ctx.Err() != nil {
				return
			}
			octx, cancel := context.WithTimeout(ctx, openTimeout)
			var err error
			conn, body, err = f.open(octx, s)
			cancel()
			if err == nil {
				s.reconnects++
				break
			}
			f.noteErr(err)
		}
	}
}

// connectedPrefix is how every stream begins.
const connectedPrefix = "retry: 2000\n: connected\n"

// open fetches a token and opens s's stream with it, on a connection of its own, within
// ctx, and reads the stream's first bytes. The caller closes the connection.
func (f *fleet) open(ctx context.Context, s *stream) (net.Conn, *bufio.Reader, error) {
	select {
	case f.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { <-f.sem }()
	conn, body, err := openStream(ctx, f.api, s.base, s.agent, s.team, s.lastID)
	if err != nil {
		return nil, nil, err
	}
	s.opened = append(s.opened, time.Now())
	s.open.Add(1)
	return conn, body, nil
}

// openStream fetches a token for agent of team and opens the agent's stream on the
// server at base with it, on a connection of its own, within ctx, sending lastID (when
// above 0) as Last-Event-ID; it reads the stream's first bytes. The caller closes the
// connection.
func openStream(ctx context.Context, api *apiClient, base, agent, team string, lastID int64) (net.Conn, *bufio.Reader, error) {
	tok, err := api.token(ctx, base, agent, team)
	if err != nil {
		return nil, nil, fmt.Errorf("token: %w", err)
	}
	req, err := http.NewRequest("GET", base+"/api/v1/events?token="+url.QueryEscape(tok), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	if lastID > 0 {
		req.Header.Set("Last-Event-ID", strconv.FormatInt(lastID, 10))
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", req.URL.Host)
	if err != nil {
		return nil, nil, err
	}
	body, err := startStream(ctx, conn, req)
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, body, nil
}

// startStream sends req on conn and reads the answer up to the stream's first bytes,
// within ctx's deadline; it returns the stream's body.
func startStream(ctx context.Context, conn net.Conn, req *http.Request) (*bufio.Reader, error) {
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if err := req.Write(conn); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 4096), req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("stream: %d %s", resp.StatusCode, bytes.TrimSpace(b))
	}
	body := bufio.NewReaderSize(resp.Body, 4096)
	head := make([]byte, len(connectedPrefix))
	if _, err := io.ReadFull(body, head); err != nil {
		return nil, fmt.Errorf("stream's first bytes: %w", err)
	}
	if string(head) != connectedPrefix {
		return nil, fmt.Errorf("stream began with %q, not %q", head, connectedPrefix)
	}
	conn.SetDeadline(time.Time{})
	return body, nil
}

// read parses events from a stream until it ends and records the created ones; it
// reports whether the server dropped the stream for falling behind.
func (s *stream) read(r *bufio.Reader, received *atomic.Int64) (dropped bool) {
	var typ string
	var id int64
	var line []byte
	for {
		var err error
		line, err = readLine(r, line[:0])
		if err != nil {
			return false
		}
		switch {
		case len(line) == 0: // the end of an event
			at := time.Now()
			if id > 0 {
				s.lastID = id
			}
			switch typ {
			case "created":
				var e struct {
					Callback struct {
						ID     string `json:"id"`
						TeamID string `json:"teamId"`
					} `json:"callback"`
				}
				if json.Unmarshal(s.data, &e) == nil {
					s.receipts = append(s.receipts, receipt{callbackID: e.Callback.ID, at: at, conn: len(s.opened) - 1,
						otherTeam: e.Callback.TeamID != s.team})
					received.Add(1)
				}
			case "dropped":
				return true
			case "shutdown":
				return false
			}
			typ, id, s.data = "", 0, s.data[:0]
		case line[0] == ':': // a comment: keep-alive
		case bytes.HasPrefix(line, []byte("id: ")):
			id, _ = strconv.ParseInt(string(line[4:]), 10, 64)
		case bytes.HasPrefix(line, []byte("event: ")):
			typ = eventType(line[7:])
		case bytes.HasPrefix(line, []byte("data: ")):
			s.data = append(s.data, line[6:]...)
		}
	}
}

// eventType returns the event types the bench acts on without allocating.
func eventType(b []byte) string {
	switch string(b) {
	case "created":
		return "created"
	case "dropped":
		return "dropped"
	case "shutdown":
		return "shutdown"
	}
	return "other"
}

// readLine appends the next line of r to buf, without its line ending.
func readLine(r *bufio.Reader, buf []byte) ([]byte, error) {
	for {
		frag, err := r.ReadSlice('\n')
		buf = append(buf, frag...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return buf, err
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		return bytes.TrimSuffix(buf, []byte("\r")), nil
	}
}

// waitConnected waits until want streams are connected or the deadline passes, logging
// progress, and returns how many are.
func (f *fleet) waitConnected(ctx context.Context, want int, deadline time.Time, log *slog.Logger) int {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	lastLog := time.Now()
	for {
		n := int(f.connected.Load())
		if n >= want || !time.Now().Before(deadline) || ctx.Err() != nil {
			return n
		}
		if time.Since(lastLog) >= 5*time.Second {
			log.Info("opening streams", "connected", n, "of", want)
			lastLog = time.Now()
		}
		<-tick.C
	}
}

// waitReceived waits until want created events have been parsed or the deadline passes.
func (f *fleet) waitReceived(ctx context.Context, want int64, deadline time.Time) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for f.received.Load() < want && time.Now().Before(deadline) && ctx.Err() == nil {
		<-tick.C
	}
}
