// Package e2e_test starts real velocity processes: two `velocity serve` servers sharing
// one PostgreSQL schema, reached through a TCP proxy the test can cut to simulate a
// database outage without touching the shared PostgreSQL server.
package e2e_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/storetest"
)

// TestTwoServers runs two `velocity serve` processes on one database and checks what
// several servers promise: events reach every server's subscribers, claims are
// exactly-once across servers, and a database outage gives 503s, not hangs, and heals.
func TestTwoServers(t *testing.T) {
	dbURL := pgtest.URL(t)
	bin := build(t)
	proxy := newProxy(t, dbURL)
	u := proxy.url(t, dbURL)

	var created struct {
		TenantID string `json:"tenantId"`
		APIKey   string `json:"apiKey"`
	}
	cli(t, bin, u, "", &created, "migrate")
	cli(t, bin, u, "", &created, "tenant", "create", "--name", "acme", "--json")
	cli(t, bin, u, "s3cret-pass-word\n", nil, "account", "create", "--tenant", "acme", "--username", "widget", "--password-stdin", "--json")
	if created.APIKey == "" {
		t.Fatal("no API key from tenant create")
	}
	c := &client{key: created.APIKey, user: "widget", pass: "s3cret-pass-word", http: &http.Client{Timeout: 10 * time.Second}}
	s1 := serve(t, bin, u)
	s2 := serve(t, bin, u)
	// Calling hours around the clock, so that the test runs at any hour.
	hours := map[string]any{}
	for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		hours[d] = map[string]string{"start": "00:00", "end": "24:00"}
	}
	doc, _ := json.Marshal(map[string]any{"callingHours": hours})
	cli(t, bin, u, string(doc), nil, "policy", "set", "--tenant", "acme")
	// The widget's account is an agent: the policy is an administrator's.
	c.want(t, "PATCH", s1+"/api/v1/policy", map[string]any{"callingHours": hours}, 403)

	t.Run("EventReachesTheOtherServer", func(t *testing.T) {
		events := c.stream(t, s2, "agent-1", "team-1")
		var delays []time.Duration
		phones := storetest.NewPhones()
		for i := 0; i < 100; i++ {
			start := time.Now()
			var cb struct{ ID string }
			c.do(t, "POST", s1+"/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phones.Next()}, 201, &cb)
			// The scheduler's "due" events for earlier callbacks may come in between.
			waitFor(t, events, "created", cb.ID, time.Second)
			delays = append(delays, time.Since(start))
		}
		slices.Sort(delays)
		t.Logf("create on server 1 -> event on server 2's SSE stream, %d samples: p50 %s, p99 %s, max %s",
			len(delays), delays[len(delays)/2], delays[len(delays)*99/100], delays[len(delays)-1])
	})

	t.Run("ClaimRaceAcrossServers", func(t *testing.T) {
		const agents, rounds = 64, 20
		phones := storetest.NewPhones()
		for r := 0; r < rounds; r++ {
			var cb struct{ ID string }
			c.do(t, "POST", s1+"/api/v1/callbacks", map[string]any{"teamId": "team-2", "phoneNumber": phones.Next()}, 201, &cb)
			var wins, conflicts atomic.Int32
			var wg sync.WaitGroup
			start := make(chan struct{})
			for a := 0; a < agents; a++ {
				base := s1
				if a%2 == 1 {
					base = s2
				}
				wg.Add(1)
				go func(a int) {
					defer wg.Done()
					<-start
					status, body := c.call(t, "POST", base+"/api/v1/callbacks/"+cb.ID+"/claim", map[string]any{"agentId": fmt.Sprintf("agent-%d", a)})
					switch {
					case status == 200:
						wins.Add(1)
					case status == 409 && strings.Contains(body, "already_claimed"):
						conflicts.Add(1)
					default:
						t.Errorf("claim: %d %s", status, body)
					}
				}(a)
			}
			close(start)
			wg.Wait()
			if wins.Load() != 1 || conflicts.Load() != agents-1 {
				t.Fatalf("round %d: %d wins, %d conflicts; want exactly one winner", r, wins.Load(), conflicts.Load())
			}
		}
	})

	t.Run("DatabaseOutage", func(t *testing.T) {
		phones := storetest.NewPhones()
		proxy.cut()
		for _, s := range []string{s1, s2} {
			start := time.Now()
			status, body := c.call(t, "GET", s+"/readyz", nil)
			if status != 503 || !strings.Contains(body, "database_unavailable") {
				t.Fatalf("readyz during the outage: %d %s", status, body)
			}
			status, body = c.call(t, "POST", s+"/api/v1/callbacks", map[string]any{"teamId": "team-3", "phoneNumber": phones.Next()})
			took := time.Since(start)
			if status != 503 || !strings.Contains(body, "database_unavailable") {
				t.Fatalf("create during the outage: %d %s", status, body)
			}
			if took > 5*time.Second {
				t.Fatalf("answers during the outage took %s", took)
			}
			t.Logf("outage: readyz and create answered 503 in %s", took)
		}
		proxy.restore()
		deadline := time.Now().Add(15 * time.Second)
		for _, s := range []string{s1, s2} {
			for {
				if status, _ := c.call(t, "GET", s+"/readyz", nil); status == 200 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s not ready again 15s after the database came back", s)
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		// Both serve again, and events flow between them again (the listener reconnected).
		events := c.stream(t, s1, "agent-1", "team-3")
		var cb struct{ ID string }
		c.do(t, "POST", s2+"/api/v1/callbacks", map[string]any{"teamId": "team-3", "phoneNumber": phones.Next()}, 201, &cb)
		waitFor(t, events, "created", cb.ID, 3*time.Second)
	})
}

// TestMain removes the binary that build made.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binDir    string
	binErr    error
)

// build compiles the velocity binary once per test run.
func build(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "velocity-e2e-"); binErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, "velocity"), "./cmd/velocity")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return filepath.Join(binDir, "velocity")
}

// cli runs one velocity command against the database and decodes its JSON output.
func cli(t *testing.T, bin, db, stdin string, out any, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, append(args, "--db", db)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("velocity %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	if out != nil && bytes.HasPrefix(bytes.TrimSpace(stdout.Bytes()), []byte("{")) {
		if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
			t.Fatalf("velocity %s: %v: %s", strings.Join(args, " "), err, stdout.String())
		}
	}
}

// serve starts `velocity serve` on a free port, with extra flags, and waits until it is
// ready; it returns the server's base URL.
func serve(t *testing.T, bin, db string, extra ...string) string {
	t.Helper()
	return start(t, bin, db, extra...).base
}

// proc is a running `velocity serve`.
type proc struct {
	base string
	cmd  *exec.Cmd
	logs *lockedBuffer
	done chan struct{} // closed when the process has exited
}

// freeAddrs returns n distinct loopback addresses free a moment ago: all are held open
// together before any is released, so that none is handed out twice.
func freeAddrs(t *testing.T, n int) []string {
	t.Helper()
	var addrs []string
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		addrs = append(addrs, l.Addr().String())
	}
	return addrs
}

// start starts `velocity serve` on a free port (or the --addr in extra) and waits until
// it is ready; the test's end stops it (SIGINT, then SIGKILL after 10s) unless it was
// killed before.
func start(t *testing.T, bin, db string, extra ...string) *proc {
	t.Helper()
	var addr string
	for i, a := range extra {
		if a == "--addr" && i+1 < len(extra) {
			addr = extra[i+1]
		}
	}
	if addr == "" {
		addr = freeAddrs(t, 1)[0]
		extra = append([]string{"--addr", addr}, extra...)
	}
	args := append([]string{"serve", "--db", db, "--log-level", "warn", "--clock-start", storetest.Epoch.Format(time.RFC3339)}, extra...)
	cmd := exec.Command(bin, args...)
	logs := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{base: "http://" + addr, cmd: cmd, logs: logs, done: make(chan struct{})}
	go func() { cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("server %s log:\n%s", addr, logs.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(p.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server on %s not ready: %v\n%s", addr, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the process with SIGKILL, as a crash would, and waits for it to exit.
func (p *proc) kill() {
	p.cmd.Process.Kill()
	<-p.done
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// client calls the API with one tenant's credentials.
type client struct {
	key, user, pass string
	http            *http.Client
}

func (c *client) call(t *testing.T, method, u string, body any) (int, string) {
	t.Helper()
	status, text, err := c.try(method, u, body)
	if err != nil {
		t.Errorf("%s %s: %v", method, u, err)
	}
	return status, text
}

// try sends a request; a transport error (the server is gone) is returned, not reported.
func (c *client) try(method, u string, body any) (int, string, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("X-Api-Key", c.key)
	req.SetBasicAuth(c.user, c.pass)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err.Error(), err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

func (c *client) do(t *testing.T, method, u string, body any, want int, out any) {
	t.Helper()
	status, b := c.call(t, method, u, body)
	if status != want {
		t.Fatalf("%s %s: %d %s, want %d", method, u, status, b, want)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(b), out); err != nil {
			t.Fatalf("%s %s: %v", method, u, err)
		}
	}
}

func (c *client) want(t *testing.T, method, u string, body any, want int) {
	c.do(t, method, u, body, want, nil)
}

type sseEvent struct{ typ, data string }

// waitFor waits until the stream delivers an event of type typ about callback id.
func waitFor(t *testing.T, events <-chan sseEvent, typ, id string, within time.Duration) {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case e := <-events:
			if e.typ == typ && strings.Contains(e.data, `"callbackId":"`+id+`"`) {
				return
			}
		case <-deadline:
			t.Fatalf("no %s event for %s within %s", typ, id, within)
		}
	}
}

// stream opens an agent's event stream on a server and returns its events; it closes when
// the test ends.
func (c *client) stream(t *testing.T, base, agent, team string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	q := url.Values{"agentId": {agent}, "teamId": {team}}
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/events?"+q.Encode(), nil)
	req.Header.Set("X-Api-Key", c.key)
	req.SetBasicAuth(c.user, c.pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("stream: %d %s", resp.StatusCode, b)
	}
	out := make(chan sseEvent, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.typ = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.typ != "":
				out <- e
				e = sseEvent{}
			}
		}
	}()
	return out
}

// proxy forwards TCP connections to the database; cut closes them all and refuses new
// ones (the database "goes away"), restore lets them through again.
type proxy struct {
	l      net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  map[net.Conn]struct{}
}

func newProxy(t *testing.T, dbURL string) *proxy {
	t.Helper()
	pu, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{l: l, target: pu.Host, conns: map[net.Conn]struct{}{}}
	t.Cleanup(func() { l.Close(); p.cut() })
	go p.accept()
	return p
}

// url returns dbURL pointed at the proxy.
func (p *proxy) url(t *testing.T, dbURL string) string {
	pu, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	pu.Host = p.l.Addr().String()
	return pu.String()
}

func (p *proxy) accept() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		if !down {
			p.conns[c] = struct{}{}
		}
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		go p.pipe(c)
	}
}

func (p *proxy) pipe(c net.Conn) {
	d, err := net.DialTimeout("tcp", p.target, 2*time.Second)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[d] = struct{}{}
	p.mu.Unlock()
	go func() { io.Copy(d, c); d.Close(); c.Close() }()
	io.Copy(c, d)
	c.Close()
	d.Close()
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]struct{}{}
}

func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}
