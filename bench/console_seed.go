package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
)

// ConsoleShape is the console benchmark's data set: Callbacks spread evenly over
// Tenants, each with TeamsPerTenant teams of AgentsPerTeam agents, created over the
// last Days days.
type ConsoleShape struct {
	Tenants, TeamsPerTenant, AgentsPerTeam, Callbacks, Days int
}

// DefaultConsoleShape is the data set: 1,000,000 callbacks over 100 tenants,
// 2,000 teams and 20,000 agents, created over 45 days.
var DefaultConsoleShape = ConsoleShape{Tenants: 100, TeamsPerTenant: 20, AgentsPerTeam: 10, Callbacks: 1_000_000, Days: 45}

// Console names: tenant i, its teams and agents, and its supervisor's credentials
// (deterministic, so that a seeded database can be measured again; a scratch data set
// only).
func consoleTenant(i int) string  { return fmt.Sprintf("console-%03d", i) }
func consoleTeam(i, t int) string { return fmt.Sprintf("t%03d-team-%02d", i, t) }
func consoleAgent(i, t, a int) string {
	return fmt.Sprintf("t%03d-agent-%02d-%02d", i, t, a)
}
func consoleKey(i int) string { return fmt.Sprintf("vel_console%03d%040d", i, i) }

const consolePassword = "console-password"

// consoleMarker names the tenant created last, when the data set is complete.
func (s ConsoleShape) marker() string {
	return fmt.Sprintf("console-seeded-%d-%d-%d-%d-%d", s.Tenants, s.TeamsPerTenant, s.AgentsPerTeam, s.Callbacks, s.Days)
}

var (
	firstNames = []string{"Maria", "José", "Ada", "Wei", "Fatima", "John", "Priya", "Lukas", "Amara", "Sofia", "Kenji", "Olga", "Ahmed", "Emma", "Diego", "Chloé"}
	lastNames  = []string{"Garcia", "Álvarez", "Lovelace", "Chen", "Khan", "Smith", "Patel", "Müller", "Okafor", "Rossi", "Tanaka", "Ivanova", "Hassan", "Brown", "López", "Dubois"}
	notesText  = []string{"", "", "", "wants a refund", "billing question", "call after 5pm", "VIP customer", "asked for a supervisor", "spanish speaker", "order #%d"}
)

// consoleCallbacks generates tenant i's callbacks, numbered from first, as they would
// stand after their history: windows spread over the last Days days (and the next two),
// most past ones ended (completed, failed, cancelled) with their report facts, some
// overdue, the future ones open; half personal, a tenth of those fallen back.
func consoleCallbacks(s ConsoleShape, i int, tenantID string, first, n int, now time.Time, r *rand.Rand) []velocity.Callback {
	out := make([]velocity.Callback, 0, n)
	span := time.Duration(s.Days) * 24 * time.Hour
	agent := func(team int) string { return consoleAgent(i, team, r.IntN(s.AgentsPerTeam)) }
	for k := 0; k < n; k++ {
		num := first + k
		team := r.IntN(s.TeamsPerTenant)
		created := now.Add(-time.Duration(r.Int64N(int64(span)))).Truncate(time.Microsecond)
		start := created.Add(time.Duration(r.Int64N(int64(48 * time.Hour)))).Truncate(time.Minute)
		cb := velocity.Callback{ID: fmt.Sprintf("cb_c%03d_%08d", i, num), TenantID: tenantID, TeamID: consoleTeam(i, team),
			CustomerName: firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))],
			PhoneNumber:  phone(num), Timezone: "America/New_York", WindowStart: start, WindowEnd: start.Add(time.Hour),
			Notes: notesText[r.IntN(len(notesText))], Reason: "console bench", CreatedBy: agent(team), Status: velocity.StatusScheduled,
			MaxAttempts: 3, CreatedAt: created, UpdatedAt: created, Version: 1}
		if cb.Notes == "order #%d" {
			cb.Notes = fmt.Sprintf(cb.Notes, num)
		}
		if r.IntN(2) == 0 {
			a := agent(team)
			cb.AgentID = &a
		}
		f := &cb.Facts
		// A past window ended most likely with its callback; a tenth stay open (overdue).
		if start.Add(time.Hour).Before(now) && r.IntN(10) > 0 {
			by := agent(team)
			if cb.AgentID != nil {
				by = *cb.AgentID
			}
			if cb.AgentID != nil && r.IntN(10) == 0 {
				at := cb.WindowEnd.Add(time.Hour)
				f.FellBackAt, f.FellBackFrom = &at, *cb.AgentID
				cb.AgentID = nil
			}
			var why velocity.CloseReason
			switch x := r.IntN(100); {
			case x < 45:
				why = velocity.CloseConnected
			case x < 50:
				why = velocity.CloseDeclined
			case x < 58:
				why = velocity.CloseReachedInbound
			case x < 70:
				why = velocity.CloseMaxAttempts
			case x < 73:
				why = velocity.CloseInvalidNumber
			case x < 83:
				why = velocity.CloseCustomer
			case x < 86:
				why = velocity.CloseDoNotCall
			default:
				why = velocity.CloseSupervisor
			}
			attempts := 0
			switch why {
			case velocity.CloseConnected, velocity.CloseDeclined:
				attempts = 1 + r.IntN(3)
			case velocity.CloseMaxAttempts:
				attempts = 3
			case velocity.CloseInvalidNumber:
				attempts = 1
			default:
				attempts = r.IntN(2)
			}
			closed := start.Add(time.Duration(r.Int64N(int64(3 * time.Hour))))
			if attempts > 0 {
				delay := time.Duration(r.Int64N(int64(4*time.Hour))) - 15*time.Minute
				at := start.Add(delay).Truncate(time.Microsecond)
				in := delay >= 0 && delay < time.Hour
				o := velocity.OutcomeNoAnswer
				if attempts == 1 {
					switch why {
					case velocity.CloseConnected, velocity.CloseDeclined, velocity.CloseInvalidNumber:
						o = velocity.Outcome(why)
					}
				}
				f.FirstAttemptAt, f.FirstAttemptBy, f.FirstOutcome, f.FirstDelay, f.FirstInWindow = &at, by, &o, &delay, &in
				closed = at.Add(time.Duration(attempts-1) * 30 * time.Minute)
				last := velocity.Outcome(why)
				if why == velocity.CloseMaxAttempts {
					last = velocity.OutcomeBusy
				}
				if why.Status() == velocity.StatusCompleted || why.Status() == velocity.StatusFailed {
					cb.LastOutcome = &last
				}
			}
			closed = closed.Truncate(time.Microsecond)
			if closed.After(now) {
				closed = now
			}
			cb.Attempts, cb.Status = attempts, why.Status()
			f.ClosedAt, f.CloseReason = &closed, why
			if why != velocity.CloseDoNotCall && why != velocity.CloseSupervisor {
				f.ClosedBy = by
			}
			cb.UpdatedAt, cb.Version = closed, int64(2+2*attempts)
		} else if !start.After(now) && r.IntN(20) == 0 {
			// A few of the due ones are being dialed.
			holder := agent(team)
			if cb.AgentID != nil {
				holder = *cb.AgentID
			}
			exp := now.Add(5 * time.Minute)
			cb.Status, cb.ClaimedBy, cb.ClaimExpiresAt = velocity.StatusClaimed, &holder, &exp
		}
		out = append(out, cb)
	}
	return out
}

// seedConsole makes the console data set in s unless it is there already (its marker
// tenant exists); on PostgreSQL each tenant's callbacks are copied in one COPY.
func seedConsole(ctx context.Context, s velocity.Store, shape ConsoleShape, log *slog.Logger) error {
	if _, err := s.GetTenantByName(ctx, shape.marker()); err == nil {
		log.Info("the console data set is there already", "marker", shape.marker())
		return nil
	} else if !errors.Is(err, velocity.ErrNotFound) {
		return err
	}
	now := velocity.SystemClock{}.Now()
	hash, err := velocity.HashPasswordCost(consolePassword, 1000)
	if err != nil {
		return err
	}
	began := time.Now()
	per := shape.Callbacks / shape.Tenants
	for i := 0; i < shape.Tenants; i++ {
		t := velocity.Tenant{ID: fmt.Sprintf("tn_console_%03d", i), Name: consoleTenant(i), DefaultCountry: "US", DefaultTimezone: "America/New_York", CreatedAt: now}
		r := rand.New(rand.NewPCG(uint64(i), 11))
		cbs := consoleCallbacks(shape, i, t.ID, i*per, per, now, r)
		if pg, ok := s.(*postgres.Store); ok {
			if err := pg.Import(ctx, func(ctx context.Context, im *postgres.Import) error {
				if err := im.Tenant(ctx, t); err != nil {
					return err
				}
				return im.Callbacks(ctx, cbs)
			}); err != nil {
				return err
			}
		} else {
			if err := s.CreateTenant(ctx, t); err != nil {
				return err
			}
			for len(cbs) > 0 {
				batch := cbs[:min(len(cbs), 2000)]
				cbs = cbs[len(batch):]
				if err := s.Write(ctx, func(tx velocity.Tx) error {
					for _, cb := range batch {
						if err := tx.InsertCallback(ctx, cb); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					return fmt.Errorf("seed: %w", err)
				}
			}
		}
		key := consoleKey(i)
		if err := s.CreateAPIKey(ctx, velocity.APIKey{ID: fmt.Sprintf("ak_console_%03d", i), TenantID: t.ID, Name: "console bench",
			Prefix: velocity.KeyPrefix(key), Hash: velocity.HashAPIKey(key), CreatedAt: now}); err != nil {
			return err
		}
		if err := s.CreateAccount(ctx, velocity.Account{ID: fmt.Sprintf("ac_console_%03d", i), TenantID: t.ID, Username: "lead",
			PasswordHash: hash, CreatedAt: now, Role: velocity.RoleSupervisor}); err != nil {
			return err
		}
		if err := s.PutPolicy(ctx, t.ID, velocity.AroundTheClockPolicy(), now); err != nil {
			return err
		}
		if (i+1)%10 == 0 {
			log.Info("seeding the console data set", "tenants", i+1, "of", shape.Tenants, "callbacks", (i+1)*per, "elapsed", time.Since(began).Round(time.Second))
		}
	}
	if pg, ok := s.(*postgres.Store); ok {
		if _, err := pg.Pool().Exec(ctx, `VACUUM (ANALYZE) callbacks`); err != nil {
			return err
		}
	}
	return s.CreateTenant(ctx, velocity.Tenant{ID: velocity.NewID("tn_"), Name: shape.marker(), DefaultCountry: "US", DefaultTimezone: "UTC", CreatedAt: now})
}
