package webexid_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/storetest"
	"github.com/customerdynamics/velocity/webexid"
	"github.com/customerdynamics/velocity/webexid/webexidtest"
)

// benchClient returns a Client of the fake Webex on loopback, with a verified token.
func benchClient(b *testing.B) (*webexid.Client, *storetest.Clock, *webexidtest.Server) {
	webex := webexidtest.NewServer(b)
	webex.AddToken(goodToken, testPerson())
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	c := &webexid.Client{BaseURL: webex.URL, Clock: clock, Logger: slog.New(slog.DiscardHandler)}
	b.Cleanup(c.Close)
	if _, err := c.Verify(context.Background(), goodToken); err != nil {
		b.Fatal(err)
	}
	return c, clock, webex
}

// BenchmarkVerifyCached is what proven identity costs a request whose token was
// verified less than TTL ago: a hash and a map look-up, plus the organization and
// agent checks every request makes.
func BenchmarkVerifyCached(b *testing.B) {
	c, _, _ := benchClient(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		p, err := c.VerifyInOrg(ctx, goodToken, orgUUID)
		if err != nil || p.CheckAgent(agentUUID) != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyCachedParallel is BenchmarkVerifyCached from every core at once.
func BenchmarkVerifyCachedParallel(b *testing.B) {
	c, _, _ := benchClient(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			p, err := c.VerifyInOrg(ctx, goodToken, orgUUID)
			if err != nil || p.CheckAgent(agentUUID) != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkVerifyUncached is what proven identity costs a request whose token must be
// verified again (TTL passed): one call to the fake Webex over loopback HTTP on a kept-
// alive connection. A real Webex adds its network round trip and its own time.
func BenchmarkVerifyUncached(b *testing.B) {
	c, clock, webex := benchClient(b)
	ctx := context.Background()
	calls := webex.Calls()
	b.ReportAllocs()
	for b.Loop() {
		clock.Advance(5 * time.Minute)
		p, err := c.VerifyInOrg(ctx, goodToken, orgUUID)
		if err != nil || p.CheckAgent(agentUUID) != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if webex.Calls() == calls {
		b.Fatal("Webex was never asked")
	}
}
