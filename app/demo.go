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

// DemoAccounts are the demo tenant's accounts by role: the widget's agent account and, for
// the console, a supervisor and an administrator. Public, documented, demo only.
var DemoAccounts = []struct {
	Username, Password string
	Role               velocity.Role
}{
	{DemoUsername, DemoPassword, velocity.RoleAgent},
	{"supervisor", "supervisor-password", velocity.RoleSupervisor},
	{"admin", "admin-password", velocity.RoleAdmin},
}

// DemoAgents are the demo team's agents.
var DemoAgents = []string{"agent-1", "agent-2"}

// SeedDemo creates, if missing, the demo tenant with its API key and account, and on
// first creation a handful of callbacks for team-1 and its agents. iterations is the
// password hash's cost (0 for the default).
func SeedDemo(ctx context.Context, s velocity.Store, clock velocity.Clock, log *slog.Logger, iterations int) error {
	return SeedDemoAs(ctx, s, clock, log, iterations, DemoTenant)
}

// SeedDemoAs is SeedDemo for a tenant of another name (tests seed several); the key and
// account are the demo's, so only the first tenant seeded gets the key.
func SeedDemoAs(ctx context.Context, s velocity.Store, clock velocity.Clock, log *slog.Logger, iterations int, name string) error {
	now := clock.Now()
	t, err := s.GetTenantByName(ctx, name)
	fresh := false
	switch {
	case errors.Is(err, velocity.ErrNotFound):
		t = velocity.Tenant{ID: velocity.NewID("tn_"), Name: name, DefaultCountry: "US", DefaultTimezone: "America/New_York", CreatedAt: now}
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
	for _, acc := range DemoAccounts {
		if _, err := s.GetAccount(ctx, t.ID, acc.Username); errors.Is(err, velocity.ErrNotFound) {
			hash, err := velocity.HashPasswordCost(acc.Password, iterations)
			if err != nil {
				return err
			}
			if err := s.CreateAccount(ctx, velocity.Account{ID: velocity.NewID("ac_"), TenantID: t.ID, Username: acc.Username, PasswordHash: hash, CreatedAt: now, Role: acc.Role}); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	if !fresh {
		return nil
	}
	svc := &velocity.Service{Store: s, Clock: clock}
	p := velocity.Principal{Tenant: t, Username: "demo-seed", Role: velocity.RoleAdmin, KeyPrefix: "demo-seed"}
	seeds := demoSeeds(now)
	for _, in := range seeds {
		in.CreatedBy = "demo-seed"
		if _, _, err := svc.Create(ctx, p, "", in, ""); err != nil {
			return err
		}
	}
	log.Info("demo tenant created", "tenant", name, "callbacks", len(seeds))
	return nil
}

// demoCustomer is a customer the demo may schedule, with a number of their zone.
type demoCustomer struct {
	name, phone, zone, reason, notes string
}

// demoCustomers span the world's time zones, so that at any instant several of them are
// in their calling hours and one is not.
var demoCustomers = []demoCustomer{
	{"Maria Garcia", "+1 212 555 0142", "America/New_York", "Billing question", "Asked about a double charge on her October invoice."},
	{"James Chen", "+1 415 555 0178", "America/Los_Angeles", "Follow-up", "Wants the replacement's tracking number."},
	{"Priya Patel", "+1 312 555 0119", "America/Chicago", "Technical support", ""},
	{"Keoni Kahale", "+1 808 555 0133", "Pacific/Honolulu", "Renewal", "Contract ends this month."},
	{"Ana Souza", "+55 11 5555 0123", "America/Sao_Paulo", "Delivery", "Parcel stuck in customs."},
	{"Oliver Smith", "+44 20 7946 0321", "Europe/London", "Upgrade", "Interested in the premium plan; prefers mornings."},
	{"Camille Dubois", "+33 1 99 00 12 34", "Europe/Paris", "Complaint", "Second call about the same fault."},
	{"Thabo Nkosi", "+27 21 555 0123", "Africa/Johannesburg", "Account change", ""},
	{"Omar Haddad", "+971 4 555 0123", "Asia/Dubai", "Billing question", "Paid twice by card."},
	{"Ananya Rao", "+91 22 5555 0123", "Asia/Kolkata", "Technical support", "Router restarts at night."},
	{"Wei Ling Tan", "+65 6555 0123", "Asia/Singapore", "Follow-up", ""},
	{"Haruto Sato", "+81 3 5555 0123", "Asia/Tokyo", "Cancellation", "Wants to keep the number."},
	{"Lucas Martin", "+61 2 9374 4000", "Australia/Sydney", "Callback requested from the IVR", ""},
	{"Aroha Ngata", "+64 9 555 0123", "Pacific/Auckland", "Upgrade", ""},
}

// demoSeeds returns the demo's callbacks as of now: four customers for whom it is daytime
// (callable now and for the next three hours under the default policy) with windows due
// now, personal to each agent, and upcoming; and one customer for whom it is night, whose
// callback waits for their calling hours, to show that rule.
func demoSeeds(now time.Time) []velocity.CreateInput {
	pol := velocity.DefaultPolicy()
	var day []demoCustomer
	var night *demoCustomer
	for i, c := range demoCustomers {
		loc := velocity.Location(c.zone)
		switch {
		case pol.CallableAt(now, loc) && pol.CallableAt(now.Add(3*time.Hour), loc):
			day = append(day, c)
		case night == nil && !pol.CallableAt(now, loc) && !pol.CallableAt(now.Add(time.Hour), loc):
			night = &demoCustomers[i]
		}
	}
	agent1, agent2 := DemoAgents[0], DemoAgents[1]
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	shapes := []velocity.CreateInput{
		{TeamID: DemoTeam, WindowStart: at(-20 * time.Minute)},                  // due now, for the team
		{TeamID: DemoTeam, AgentID: &agent1, WindowStart: at(-5 * time.Minute)}, // due now, agent-1's
		{TeamID: DemoTeam, AgentID: &agent2, WindowStart: at(45 * time.Minute)}, // upcoming, agent-2's
		{TeamID: DemoTeam, WindowStart: at(2 * time.Hour)},                      // upcoming, for the team
	}
	var out []velocity.CreateInput
	for i, shape := range shapes {
		if i >= len(day) {
			break
		}
		out = append(out, day[i].input(shape))
	}
	if night != nil {
		// As soon as possible: the window moves to the customer's next calling hours.
		out = append(out, night.input(velocity.CreateInput{TeamID: DemoTeam}))
	}
	return out
}

func (c demoCustomer) input(in velocity.CreateInput) velocity.CreateInput {
	in.CustomerName, in.PhoneNumber, in.Timezone, in.Reason, in.Notes = c.name, c.phone, c.zone, c.reason, c.notes
	return in
}
