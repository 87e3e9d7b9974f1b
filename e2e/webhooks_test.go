package e2e_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/customerdynamics/velocity/webhook/webhooktest"
)

// tenant makes a tenant "acme" with calling hours around the clock, an agent account
// (the widget's) and an admin account, and returns their clients.
func tenant(t *testing.T, bin, db string) (agent, admin *client) {
	t.Helper()
	var created struct {
		APIKey string `json:"apiKey"`
	}
	cli(t, bin, db, "", &created, "tenant", "create", "--name", "acme", "--json")
	cli(t, bin, db, "s3cret-pass-word\n", nil, "account", "create", "--tenant", "acme", "--username", "widget", "--password-stdin", "--json")
	cli(t, bin, db, "admin-pass-word\n", nil, "account", "create", "--tenant", "acme", "--username", "ops", "--role", "admin", "--password-stdin", "--json")
	hours := map[string]any{}
	for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		hours[d] = map[string]string{"start": "00:00", "end": "24:00"}
	}
	doc, _ := json.Marshal(map[string]any{"callingHours": hours})
	cli(t, bin, db, string(doc), nil, "policy", "set", "--tenant", "acme")
	h := &http.Client{Timeout: 10 * time.Second}
	return &client{key: created.APIKey, user: "widget", pass: "s3cret-pass-word", http: h},
		&client{key: created.APIKey, user: "ops", pass: "admin-pass-word", http: h}
}

// webhookEndpoint registers r for the given types through the API and gives it the secret.
func webhookEndpoint(t *testing.T, admin *client, base string, r *webhooktest.Receiver, url string, types ...string) string {
	t.Helper()
	var wh struct{ ID, Secret string }
	admin.do(t, "POST", base+"/api/v1/webhooks", map[string]any{"url": url, "events": types}, 201, &wh)
	r.SetSecret(wh.Secret)
	return wh.ID
}

// TestWebhookSurvivesSIGKILL: a server killed with SIGKILL while an endpoint is
// answering its delivery leaves the delivery leased; restarted, the server sends it again
// when the lease ends, with the same webhook-id. On SQLite and on PostgreSQL.
func TestWebhookSurvivesSIGKILL(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			bin := build(t)
			db := filepath.Join(t.TempDir(), "v.db")
			if engine == "postgres" {
				db = pgtest.URL(t)
			}
			cli(t, bin, db, "", nil, "migrate")
			agent, admin := tenant(t, bin, db)
			flags := []string{"--webhook-allow-private", "--webhook-timeout", "1s"} // a lease of 3s
			first := start(t, bin, db, flags...)
			r := webhooktest.New(t)
			arrived, killed := make(chan struct{}), make(chan struct{})
			r.Respond = func(n int, _ webhooktest.Message) int {
				if n == 1 {
					close(arrived)
					<-killed // the server dies while waiting for this answer
				}
				return http.StatusOK
			}
			webhookEndpoint(t, admin, first.base, r, r.URL, "callback.created")
			var cb struct{ ID string }
			agent.do(t, "POST", first.base+"/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": storetest.NewPhones().Next()}, 201, &cb)
			select {
			case <-arrived:
			case <-time.After(10 * time.Second):
				t.Fatal("the first attempt did not arrive")
			}
			first.kill()
			close(killed)
			start(t, bin, db, flags...)
			ms := r.WaitFor(30*time.Second, "the delivery after the restart", func(ms []webhooktest.Message) bool { return len(ms) >= 2 })
			if ms[1].ID != ms[0].ID || ms[1].Data.CallbackID != cb.ID || string(ms[1].Body) != string(ms[0].Body) {
				t.Fatalf("after the restart: %s %s, before: %s", ms[1].ID, ms[1].Body, ms[0].ID)
			}
			time.Sleep(500 * time.Millisecond)
			if n := len(r.Messages()); n != 2 {
				t.Fatalf("%d attempts arrived, want 2", n)
			}
		})
	}
}

// TestWebhooksTwoServersOnce: two servers on one PostgreSQL database share the
// deliveries; each message arrives once, whichever server recorded its change.
func TestWebhooksTwoServersOnce(t *testing.T) {
	bin := build(t)
	db := pgtest.URL(t)
	cli(t, bin, db, "", nil, "migrate")
	agent, admin := tenant(t, bin, db)
	s1 := serve(t, bin, db, "--webhook-allow-private")
	s2 := serve(t, bin, db, "--webhook-allow-private")
	r := webhooktest.New(t)
	webhookEndpoint(t, admin, s1, r, r.URL, "callback.created")
	const n = 200
	phones := storetest.NewPhones()
	ids := make([]string, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := 0; i < n; i++ {
		base := s1
		if i%2 == 1 {
			base = s2
		}
		phone := phones.Next()
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			var cb struct{ ID string }
			agent.do(t, "POST", base+"/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phone}, 201, &cb)
			ids[i] = cb.ID
		}(i)
	}
	wg.Wait()
	r.WaitFor(20*time.Second, "a message per change", func(ms []webhooktest.Message) bool { return len(ms) >= n })
	time.Sleep(time.Second) // a duplicate would come now
	ms := r.Messages()
	seen, callbacks := map[string]int{}, map[string]bool{}
	for _, m := range ms {
		seen[m.ID]++
		callbacks[m.Data.CallbackID] = true
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("message %s arrived %d times", id, k)
		}
	}
	for _, id := range ids {
		if !callbacks[id] {
			t.Errorf("no message for callback %s", id)
		}
	}
	if len(ms) != n || r.Rejected() != 0 {
		t.Fatalf("%d messages (%d rejected), want %d", len(ms), r.Rejected(), n)
	}
}

// TestSlowWebhookDoesNotSlowTheAPI: an endpoint that takes two seconds to answer each
// message does not slow POST /callbacks, and another endpoint's messages keep flowing.
func TestSlowWebhookDoesNotSlowTheAPI(t *testing.T) {
	bin := build(t)
	db := filepath.Join(t.TempDir(), "v.db")
	cli(t, bin, db, "", nil, "migrate")
	agent, admin := tenant(t, bin, db)
	s := serve(t, bin, db, "--webhook-allow-private", "--webhook-timeout", "5s")
	phones := storetest.NewPhones()
	creates := func(n int) []time.Duration {
		var out []time.Duration
		for i := 0; i < n; i++ {
			t0 := time.Now()
			agent.do(t, "POST", s+"/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phones.Next()}, 201, nil)
			out = append(out, time.Since(t0))
		}
		slices.Sort(out)
		return out
	}
	creates(20) // warm up
	before := creates(60)

	var stuck atomic.Int32
	slow := webhooktest.New(t)
	slow.Respond = func(int, webhooktest.Message) int {
		stuck.Add(1)
		time.Sleep(2 * time.Second)
		return http.StatusOK
	}
	fast := webhooktest.New(t)
	webhookEndpoint(t, admin, s, slow, slow.URL, "*")
	webhookEndpoint(t, admin, s, fast, fast.URL, "*")
	after := creates(60)
	fast.WaitFor(10*time.Second, "the fast endpoint's messages", func(ms []webhooktest.Message) bool { return len(ms) >= 60 })
	p := func(d []time.Duration, q int) time.Duration { return d[len(d)*q/100] }
	t.Logf("POST /callbacks, 60 sequential: before p50 %s p99 %s; with a 2-second endpoint p50 %s p99 %s (%d slow answers begun)",
		p(before, 50), p(before, 99), p(after, 50), p(after, 99), stuck.Load())
	if stuck.Load() == 0 {
		t.Fatal("the slow endpoint got nothing")
	}
	if p(after, 50) > 3*p(before, 50)+20*time.Millisecond || p(after, 99) > time.Second {
		t.Fatalf("the API slowed: p50 %s -> %s, p99 %s -> %s", p(before, 50), p(after, 50), p(before, 99), p(after, 99))
	}
}

// TestWebhookPrivateTargets: a server without --webhook-allow-private refuses an
// endpoint at a private address (422) and never connects to one whose name resolves to
// loopback; the delivery log says why.
func TestWebhookPrivateTargets(t *testing.T) {
	bin := build(t)
	db := filepath.Join(t.TempDir(), "v.db")
	cli(t, bin, db, "", nil, "migrate")
	agent, admin := tenant(t, bin, db)
	s := serve(t, bin, db)
	r := webhooktest.New(t)
	port := r.URL[strings.LastIndex(r.URL, ":"):]
	status, body := admin.call(t, "POST", s+"/api/v1/webhooks", map[string]any{"url": "https://127.0.0.1" + port + "/hooks", "events": []string{"*"}})
	if status != 422 || !strings.Contains(body, "blocked_address") {
		t.Fatalf("a loopback address: %d %s", status, body)
	}
	status, body = admin.call(t, "POST", s+"/api/v1/webhooks", map[string]any{"url": r.URL, "events": []string{"*"}})
	if status != 422 || !strings.Contains(body, "insecure_url") {
		t.Fatalf("plain http: %d %s", status, body)
	}
	id := webhookEndpoint(t, admin, s, r, "https://localhost"+port+"/hooks", "callback.created")
	agent.do(t, "POST", s+"/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": storetest.NewPhones().Next()}, 201, nil)
	var page struct {
		Items []struct {
			Attempts  int
			LastError string
		}
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		admin.do(t, "GET", s+"/api/v1/webhooks/"+id+"/deliveries", nil, 200, &page)
		if len(page.Items) == 1 && page.Items[0].LastError != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no attempt recorded: %+v", page)
		}
	}
	if e := page.Items[0].LastError; !strings.Contains(e, "127.0.0.1") || !strings.Contains(e, "loopback") {
		t.Fatalf("the attempt's error: %q", e)
	}
	if len(r.Messages())+r.Rejected() != 0 {
		t.Fatal("the server connected to a loopback address")
	}
}
