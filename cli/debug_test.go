package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeDebugAddr checks serve's --debug-addr: it listens only on loopback, and its
// listener, not the API's, answers GET /debug/vars with the goroutines and memory
// statistics and nothing else.
func TestServeDebugAddr(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", ":6060", "192.0.2.1:6060", "no-port"} {
		if code, _, errs := run(t, "", "serve", "--db", filepath.Join(t.TempDir(), "v.db"), "--addr", "127.0.0.1:0", "--debug-addr", addr); code != 2 || !strings.Contains(errs, "--debug-addr") {
			t.Errorf("--debug-addr %s: exit %d, %s", addr, code, errs)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready, debugReady := make(chan string, 1), make(chan string, 1)
	var out, errb bytes.Buffer
	s := &Serve{Env: Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }},
		Ready: func(a string) { ready <- a }, DebugReady: func(a string) { debugReady <- a }}
	done := make(chan error, 1)
	go func() {
		done <- s.Run(ctx, []string{"--db", filepath.Join(t.TempDir(), "v.db"), "--addr", "127.0.0.1:0", "--debug-addr", "127.0.0.1:0", "--log-level", "warn"})
	}()
	var api, debug string
	for api == "" || debug == "" {
		select {
		case api = <-ready:
		case debug = <-debugReady:
		case err := <-done:
			t.Fatalf("serve ended: %v %s", err, errb.String())
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not start")
		}
	}
	resp, err := http.Get("http://" + debug + "/debug/vars")
	if err != nil {
		t.Fatal(err)
	}
	var vars map[string]json.RawMessage
	err = json.NewDecoder(resp.Body).Decode(&vars)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(vars) != 2 {
		t.Fatalf("/debug/vars: %d, %v, %d variables (want goroutines and memstats)", resp.StatusCode, err, len(vars))
	}
	var goroutines int
	var mem struct{ HeapAlloc uint64 }
	if json.Unmarshal(vars["goroutines"], &goroutines) != nil || goroutines < 2 || json.Unmarshal(vars["memstats"], &mem) != nil || mem.HeapAlloc == 0 {
		t.Errorf("goroutines %s, memstats HeapAlloc %d", vars["goroutines"], mem.HeapAlloc)
	}
	for _, req := range []struct{ method, url string }{{"POST", "http://" + debug + "/debug/vars"}, {"GET", "http://" + api + "/debug/vars"}} {
		r, _ := http.NewRequest(req.method, req.url, nil)
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Errorf("%s %s: 200, want a refusal", req.method, req.url)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
