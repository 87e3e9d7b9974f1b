package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/customerdynamics/velocity"
)

// credentials are what the bench tenant's widgets would hold.
type credentials struct {
	tenantID, apiKey, username, password string
}

// setupTenant creates a tenant, an account and an around-the-clock policy in db with the
// velocity admin commands, as an operator would before the servers start.
func setupTenant(ctx context.Context, bin, db string) (credentials, error) {
	var t struct {
		TenantID string `json:"tenantId"`
		APIKey   string `json:"apiKey"`
	}
	name := "bench-streams-" + velocity.NewID("")[:10]
	if err := runCLI(ctx, bin, db, "", &t, "tenant", "create", "--name", name, "--json"); err != nil {
		return credentials{}, err
	}
	if t.TenantID == "" || t.APIKey == "" {
		return credentials{}, errors.New("tenant create printed no tenant id or API key")
	}
	c := credentials{tenantID: t.TenantID, apiKey: t.APIKey, username: "bench", password: velocity.NewPassword()}
	if err := runCLI(ctx, bin, db, c.password+"\n", nil, "account", "create", "--tenant", c.tenantID,
		"--username", c.username, "--password-stdin", "--json"); err != nil {
		return credentials{}, err
	}
	// Calls allowed at any hour, so that the run measures the same whenever it runs.
	hours := map[string]map[string]string{}
	for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		hours[d] = map[string]string{"start": "00:00", "end": "24:00"}
	}
	doc, _ := json.Marshal(map[string]any{"callingHours": hours})
	if err := runCLI(ctx, bin, db, string(doc), nil, "policy", "set", "--tenant", c.tenantID, "--file", "-"); err != nil {
		return credentials{}, err
	}
	return c, nil
}

// runCLI runs one velocity admin command on db (within a minute) and decodes its JSON.
func runCLI(ctx context.Context, bin, db, stdin string, out any, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(args, "--db", db)...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("velocity %s: %v: %s", args[0]+" "+args[1], err, bytes.TrimSpace(stderr.Bytes()))
	}
	if out != nil {
		if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
			return fmt.Errorf("velocity %s: %v: %s", args[0]+" "+args[1], err, stdout.Bytes())
		}
	}
	return nil
}

// server is one `velocity serve` child process on a loopback port.
type server struct {
	base  string // http://127.0.0.1:PORT
	debug string // its --debug-addr /debug/vars URL, "" when it has none
	cmd   *exec.Cmd
	done  chan struct{} // closed when the process has exited
	err   error         // its exit, once done is closed
	log   *serverLog
	open  atomic.Int64 // the bench's streams open on it
}

// startServer starts `velocity serve` on a free loopback port, logging warnings and the
// Go runtime's garbage-collector trace (GODEBUG=gctrace=1, the server's heap after each
// collection) to the bench, and waits until it answers /readyz. With debug, the server
// also serves its goroutine count on a second loopback port (--debug-addr).
func startServer(ctx context.Context, bin, db string, debug bool) (*server, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	// Without request-rate limits: thousands of streams open within seconds through one
	// credential, faster than a tenant's default limit lets its agents sign in.
	args := []string{"serve", "--db", db, "--addr", addr, "--log-level", "warn", "--rate-limit-credential", "0", "--rate-limit-tenant", "0"}
	var debugURL string
	if debug {
		daddr, err := freeLoopbackAddr()
		if err != nil {
			return nil, err
		}
		args = append(args, "--debug-addr", daddr)
		debugURL = "http://" + daddr + "/debug/vars"
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GODEBUG="+strings.Trim(os.Getenv("GODEBUG")+",gctrace=1", ","))
	cmd.SysProcAttr = childAttr()
	s := &server{base: "http://" + addr, debug: debugURL, cmd: cmd, done: make(chan struct{})}
	s.log = &serverLog{streams: &s.open}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	deadline := time.Now().Add(30 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := client.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("velocity serve exited: %v\n%s", s.err, strings.Join(s.log.tail(), "\n"))
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("velocity serve on %s not ready within 30s: %v\n%s", addr, err, strings.Join(s.log.tail(), "\n"))
		}
	}
}

// freeLoopbackAddr returns a loopback address whose port was free a moment ago, for a
// server to listen on.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// exited says how the server ended, or "" while it runs.
func (s *server) exited() string {
	select {
	case <-s.done:
		return fmt.Sprint(s.err)
	default:
		return ""
	}
}

// stop asks the server to shut down and kills it if it has not within five seconds.
func (s *server) stop() {
	if s.exited() != "" {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// sample is what the bench reads of a server process at one instant.
type sample struct {
	at       time.Time
	rssKB    int64   // VmRSS, /proc/PID/status
	cpu      float64 // user+system seconds, /proc/PID/stat
	gcs      int     // garbage collections traced so far
	heapMB   int64   // live heap after the last of them (-1: none yet)
	stacksMB int64
}

func (s *server) sample() sample {
	out := sample{at: time.Now()}
	out.rssKB, _ = rssKB(s.pid())
	out.cpu, _ = processCPU(s.pid())
	out.gcs, out.heapMB, out.stacksMB = s.log.lastGC()
	return out
}

func sampleAll(servers []*server) []sample {
	out := make([]sample, len(servers))
	for i, s := range servers {
		out[i] = s.sample()
	}
	return out
}

// serverLog takes a server's output: the gctrace lines become heap figures, each with
// the number of the bench's streams open on the server when it arrived; the rest
// (warnings and errors, at --log-level warn) is counted and its tail kept.
type serverLog struct {
	streams *atomic.Int64

	mu      sync.Mutex
	partial []byte
	gcs     []gcLine
	lines   int
	last    []string
}

type gcLine struct{ heapMB, stacksMB, streams int64 }

// gctrace's "4->5->2 MB, 8 MB goal, 0 MB stacks": heap at the start, at the end, live.
var gcRE = regexp.MustCompile(`^gc \d+ @.* (\d+)->(\d+)->(\d+) MB, \d+ MB goal, (\d+) MB stacks`)

const keepLines = 20

func (l *serverLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		line := string(l.partial[:i])
		l.partial = l.partial[i+1:]
		if m := gcRE.FindStringSubmatch(line); m != nil {
			heap, _ := strconv.ParseInt(m[3], 10, 64)
			stacks, _ := strconv.ParseInt(m[4], 10, 64)
			l.gcs = append(l.gcs, gcLine{heap, stacks, l.streams.Load()})
			continue
		}
		l.lines++
		l.last = append(l.last, line)
		if len(l.last) > keepLines {
			l.last = l.last[1:]
		}
	}
	if len(l.partial) > 64<<10 {
		l.partial = l.partial[:0]
	}
	return len(p), nil
}

// lastGC returns how many collections were traced and the live heap and stacks after
// the last one (-1 if none).
func (l *serverLog) lastGC() (n int, heapMB, stacksMB int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.gcs) == 0 {
		return 0, -1, -1
	}
	g := l.gcs[len(l.gcs)-1]
	return len(l.gcs), g.heapMB, g.stacksMB
}

// gcWithStreams returns the collection that best shows the heap with the streams open:
// the first traced after the first n (once all streams were open), else the last traced
// while some were (the heap is large enough after the streams open that the run may
// not need another collection).
func (l *serverLog) gcWithStreams(n int) (gcLine, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.gcs) > n {
		return l.gcs[n], true
	}
	for i := len(l.gcs) - 1; i >= 0; i-- {
		if l.gcs[i].streams > 0 {
			return l.gcs[i], true
		}
	}
	return gcLine{}, false
}

// tail returns the last lines the server logged besides its GC trace.
func (l *serverLog) tail() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.last...)
}

// count returns how many lines the server logged besides its GC trace.
func (l *serverLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lines
}
