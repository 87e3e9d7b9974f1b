package httpapi_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/httpapi"
)

// TestRateLimits: a credential's burst is twice its rate, then 429 rate_limited with
// Retry-After; another tenant is not held up; a tenant's streams are capped.
func TestRateLimits(t *testing.T) {
	e := newEnv(t, func(c *app.Config) {
		c.Limits = &httpapi.Limits{PerCredential: 5, PerTenant: 1000, StreamsPerTenant: 2}
	})
	var limited response
	ok := 0
	for i := 0; i < 20; i++ {
		r := e.do(&e.demo, "GET", "/api/v1/me", nil)
		if r.status == 429 {
			limited = r
			break
		}
		ok++
	}
	if ok < 9 || ok > 11 || limited.str("code") != "rate_limited" {
		t.Fatalf("%d requests before the limit, then %d %s", ok, limited.status, limited.raw)
	}
	if ra, err := strconv.Atoi(limited.header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Fatalf("Retry-After %q", limited.header.Get("Retry-After"))
	}
	// Another tenant's credentials are not held up, nor this tenant's other account.
	e.do(&e.other, "GET", "/api/v1/me", nil).want(t, 200, "")
	e.do(&e.sup, "GET", "/api/v1/me", nil).want(t, 200, "")

	// Two streams at most for the tenant on this server.
	open := func() (*http.Response, context.CancelFunc) {
		tok := e.do(&e.sup, "POST", "/api/v1/events/token", map[string]any{"agentId": "agent-1", "teamId": "team-1"}).want(t, 200, "").str("token")
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL+"/api/v1/events?token="+tok, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp, cancel
	}
	r1, c1 := open()
	r2, c2 := open()
	defer c2()
	r3, c3 := open()
	defer c3()
	if r1.StatusCode != 200 || r2.StatusCode != 200 || r3.StatusCode != 429 {
		t.Fatalf("streams: %d %d %d", r1.StatusCode, r2.StatusCode, r3.StatusCode)
	}
	r3.Body.Close()
	c1()
	r1.Body.Close()
	deadline := time.Now().Add(3 * time.Second)
	for {
		r4, c4 := open()
		c4()
		r4.Body.Close()
		if r4.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed stream's place was not freed: %d", r4.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
