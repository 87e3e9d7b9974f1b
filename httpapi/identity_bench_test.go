package httpapi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/httpapi"
	"github.com/customerdynamics/velocity/webexid"
	"github.com/customerdynamics/velocity/webexid/webexidtest"
)

// BenchmarkRequestIdentity measures an agent's authenticated request (GET /api/v1/me,
// credentials already verified) with the tenant's agent identity off, on with the
// agent's token cached, and on with a token never seen (a call to the fake Webex on
// loopback; the real one adds the network's and Webex's own time).
func BenchmarkRequestIdentity(b *testing.B) {
	const org = "7a6c6e1f-7d1e-4b6e-9d3f-3f0e6b7f2a11"
	fake := webexidtest.NewServer(b)
	// No rate limits: the benchmark sends far more than a credential's 1,000 a second.
	e := newEnv(b, func(c *app.Config) { c.WebexAPIURL, c.Limits = fake.URL, &httpapi.Limits{} })
	h := e.app.Handler()
	request := func(token string) int {
		req := httptest.NewRequest("GET", "http://x/api/v1/me", nil)
		req.Header.Set("X-Api-Key", e.demo.key)
		req.SetBasicAuth(e.demo.user, e.demo.pass)
		if token != "" {
			req.Header.Set("X-Webex-Token", token)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	person := func(i int) webexid.Person {
		return webexid.Person{ID: webexidtest.PersonID(fmt.Sprintf("2f1e8c7a-6b5d-4c3e-9a1f-%012d", i)), OrgID: webexidtest.OrgID(org)}
	}
	b.Run("off", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if c := request(""); c != http.StatusOK {
				b.Fatal(c)
			}
		}
	})
	e.do(&e.admin, "PATCH", "/api/v1/tenant/identity", map[string]any{"agentIdentity": "webex", "webexOrgId": org}).want(b, 200, "")
	e.clock.Advance(6e9) // past the credentials' 5-second trust, so requests see the setting
	fake.AddToken("cached", person(0))
	b.Run("on-cached", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if c := request("cached"); c != http.StatusOK {
				b.Fatal(c)
			}
		}
	})
	b.Run("on-uncached", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			tok := fmt.Sprintf("tok-%d-%d", b.N, i)
			fake.AddToken(tok, person(i+1))
			b.StartTimer()
			if c := request(tok); c != http.StatusOK {
				b.Fatal(c)
			}
		}
	})
}
