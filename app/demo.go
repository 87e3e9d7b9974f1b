package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/customerdynamics/velocity"
)

// The demo tenant's fixed, documented credentials. Demo use only: serve --demo refuses to
// listen on anything but loopback.
const (
	DemoTenant   = "demo"
	DemoAPIKey   = "velocity-demo-key"
	DemoUsername = "demo"
	DemoPassword = "demo-password"
	DemoTeam     = "team-1"
)

// DemoAgents are the demo team's agents.
var DemoAgents = []string{"agent-1", "agent-2"}

// SeedDemo creates, if missing, the demo tenant with its API key and account, and on
// first creation a handful of callbacks for team-1 and its agents. iterations is the
// password hash's cost (0 for the default).
func SeedDemo(ctx context.Context, s velocity.Store, clock velocity.Clock, log *slog.Logger, iterations int) error {
	now := clock.Now()
	t, err := s.GetTenantByName(ctx, DemoTenant)
	fresh := false
	switch {
	case errors.Is(err, velocity.ErrNotFound):
		t = velocity.Tenant{ID: velocity.NewID("tn_"), Name: DemoTenant, DefaultCountry: "US", DefaultTimezone: "America/New_York", CreatedAt: now}
		if err := s.CreateTenant(ctx, t); err != nil {
			return err
		}
		fresh = true
	case err != nil:
		return err
	}
	if _, err := s.LookupCredentials(ctx, velocity.HashAPIKey(DemoAPIKey), DemoUsername); errors.Is(err, velocity.ErrNotFound) {
		k := velocity.APIKey{ID: velocity.NewID("ak_"), TenantID: t.ID, Name: "demo", Prefix: velocity.KeyPrefix(DemoAPIKey), Hash: velocity.HashAPIKey(DemoAPIKey), CreatedAt: now}
		if err := s.CreateAPIKey(ctx, k); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if _, err := s.GetAccount(ctx, t.ID, DemoUsername); errors.Is(err, velocity.ErrNotFound) {
		hash, err := velocity.HashPasswordCost(DemoPassword, iterations)
		if err != nil {
			return err
		}
		if err := s.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: t.ID, Username: DemoUsername, PasswordHash: hash, CreatedAt: now}); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if !fresh {
		return nil
	}
	svc := &velocity.Service{Store: s, Clock: clock}
	p := velocity.Principal{Tenant: t, Username: DemoUsername}
	agent1, agent2 := DemoAgents[0], DemoAgents[1]
	pol := velocity.DefaultPolicy()
	// Each window starts after the given offset, at the next time the customer may be
	// called in their zone, so the demo works at any hour.
	at := func(d time.Duration, zone string) *time.Time {
		v, ok := pol.NextCallable(now.Add(d), velocity.Location(zone))
		if !ok {
			v = now.Add(d)
		}
		return &v
	}
	seeds := []velocity.CreateInput{
		{TeamID: DemoTeam, CustomerName: "Maria Garcia", PhoneNumber: "+1 212 555 0142", Timezone: "America/New_York", WindowStart: at(-20*time.Minute, "America/New_York"), Reason: "Billing question", Notes: "Asked about a double charge on her October invoice."},
		{TeamID: DemoTeam, AgentID: &agent1, CustomerName: "James Chen", PhoneNumber: "+1 415 555 0178", Timezone: "America/Los_Angeles", WindowStart: at(2*time.Hour, "America/Los_Angeles"), Reason: "Follow-up", Notes: "Wants the replacement's tracking number."},
		{TeamID: DemoTeam, CustomerName: "Oliver Smith", PhoneNumber: "+44 20 7946 0321", Timezone: "Europe/London", WindowStart: at(26*time.Hour, "Europe/London"), Reason: "Upgrade", Notes: "Interested in the premium plan; prefers mornings."},
		{TeamID: DemoTeam, AgentID: &agent2, CustomerName: "Priya Patel", PhoneNumber: "+1 312 555 0119", Timezone: "America/Chicago", WindowStart: at(45*time.Minute, "America/Chicago"), Reason: "Technical support"},
		{TeamID: DemoTeam, CustomerName: "Lucas Martin", PhoneNumber: "+61 2 9374 4000", Timezone: "Australia/Sydney", WindowStart: at(5*time.Hour, "Australia/Sydney"), Reason: "Callback requested from the IVR"},
	}
	for _, in := range seeds {
		in.CreatedBy = "demo-seed"
		if _, _, err := svc.Create(ctx, p, "", in, ""); err != nil {
			return err
		}
	}
	log.Info("demo tenant created", "tenant", DemoTenant, "callbacks", len(seeds))
	return nil
}
