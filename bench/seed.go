// Package bench measures the service under load: it seeds a store with callbacks across
// tenants, teams and agents, then drives operations over HTTP on loopback (or directly
// on the store, to show the database's own limit) with concurrent clients and reports
// requests per second and latency percentiles.
package bench

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/customerdynamics/velocity"
)

// Shape is the data set: how many of each.
type Shape struct {
	Tenants   int
	Teams     int // across all tenants
	Agents    int // across all teams
	Callbacks int
}

// World is a seeded data set with what the load needs to address it.
type World struct {
	Shape   Shape
	Tenants []SeededTenant
	claimed atomic.Int64 // team callbacks handed out to claim so far
}

// SeededTenant is one benchmark tenant with its credentials and layout.
type SeededTenant struct {
	Tenant    velocity.Tenant
	APIKey    string
	Username  string
	Password  string
	Teams     []string
	Agents    map[string][]string // by team
	TeamOpen  []string            // ids of unassigned open callbacks, to claim
	TeamOfCB  map[string]string
	principal velocity.Principal
}

// phone returns a distinct valid US number for n < 8,000,000 (+1 212 NXX XXXX).
func phone(n int) string {
	return fmt.Sprintf("+1212%03d%04d", 200+n/10000%800, n%10000)
}

// Seed creates the data set in s, in batches of 1,000 inserts per transaction, logging
// progress. Half of each team's callbacks are unassigned team callbacks; the rest belong
// to the team's agents. Windows spread over the next 30 days.
func Seed(ctx context.Context, s velocity.Store, shape Shape, log *slog.Logger) (*World, error) {
	if shape.Tenants < 1 || shape.Teams < shape.Tenants || shape.Agents < shape.Teams {
		return nil, fmt.Errorf("bench: need tenants >= 1, teams >= tenants, agents >= teams")
	}
	now := velocity.SystemClock{}.Now()
	w := &World{Shape: shape}
	hash, err := velocity.HashPassword("bench-password")
	if err != nil {
		return nil, err
	}
	run := velocity.NewID("")[:8]
	for i := 0; i < shape.Tenants; i++ {
		t := velocity.Tenant{ID: velocity.NewID("tn_"), Name: fmt.Sprintf("bench-%s-%03d", run, i), DefaultCountry: "US", DefaultTimezone: "America/New_York", CreatedAt: now}
		if err := s.CreateTenant(ctx, t); err != nil {
			return nil, err
		}
		key, rec := velocity.NewAPIKey()
		rec.ID, rec.TenantID, rec.CreatedAt = velocity.NewID("ak_"), t.ID, now
		if err := s.CreateAPIKey(ctx, rec); err != nil {
			return nil, err
		}
		acc := velocity.Account{ID: velocity.NewID("ac_"), TenantID: t.ID, Username: "bench", PasswordHash: hash, CreatedAt: now}
		if err := s.CreateAccount(ctx, acc); err != nil {
			return nil, err
		}
		// Calling is allowed around the clock, so that every operation (claims check the
		// customer's calling hours) measures the same whenever the benchmark runs.
		if err := s.PutPolicy(ctx, t.ID, velocity.AroundTheClockPolicy(), now); err != nil {
			return nil, err
		}
		w.Tenants = append(w.Tenants, SeededTenant{Tenant: t, APIKey: key, Username: "bench", Password: "bench-password",
			Agents: map[string][]string{}, TeamOfCB: map[string]string{},
			principal: velocity.Principal{Tenant: t, AccountID: acc.ID, Username: "bench"}})
	}
	for i := 0; i < shape.Teams; i++ {
		st := &w.Tenants[i%shape.Tenants]
		st.Teams = append(st.Teams, fmt.Sprintf("team-%05d", i))
	}
	for i := 0; i < shape.Agents; i++ {
		st := &w.Tenants[i%shape.Tenants]
		team := st.Teams[(i/shape.Tenants)%len(st.Teams)]
		st.Agents[team] = append(st.Agents[team], fmt.Sprintf("agent-%06d", i))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	const batch = 1000
	for done := 0; done < shape.Callbacks; {
		n := min(batch, shape.Callbacks-done)
		var cbs []velocity.Callback
		for j := 0; j < n; j++ {
			i := done + j
			st := &w.Tenants[i%shape.Tenants]
			team := st.Teams[rng.IntN(len(st.Teams))]
			var agent *string
			if rng.IntN(2) == 0 && len(st.Agents[team]) > 0 {
				a := st.Agents[team][rng.IntN(len(st.Agents[team]))]
				agent = &a
			}
			ws := now.Add(time.Duration(rng.IntN(30*24*60)) * time.Minute)
			cb := velocity.Callback{ID: velocity.NewID("cb_"), TenantID: st.Tenant.ID, TeamID: team, AgentID: agent,
				CustomerName: "Customer", PhoneNumber: phone(i / shape.Tenants), Timezone: st.Tenant.DefaultTimezone,
				WindowStart: ws, WindowEnd: ws.Add(time.Hour), CreatedBy: "bench", Status: velocity.StatusScheduled,
				MaxAttempts: 3, CreatedAt: now, UpdatedAt: now, Version: 1}
			cbs = append(cbs, cb)
			if agent == nil {
				st.TeamOpen = append(st.TeamOpen, cb.ID)
				st.TeamOfCB[cb.ID] = team
			}
		}
		err := s.Write(ctx, func(tx velocity.Tx) error {
			for _, cb := range cbs {
				if err := tx.InsertCallback(ctx, cb); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
		done += n
		if done%(100*batch) == 0 || done == shape.Callbacks {
			log.Info("seeding", "callbacks", done, "of", shape.Callbacks, "elapsed", time.Since(start).Round(time.Millisecond))
		}
	}
	for i := range w.Tenants {
		st := &w.Tenants[i]
		rng.Shuffle(len(st.TeamOpen), func(a, b int) { st.TeamOpen[a], st.TeamOpen[b] = st.TeamOpen[b], st.TeamOpen[a] })
	}
	return w, nil
}
