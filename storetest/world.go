package storetest

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// world is a tenant with a random history made through the service and the scheduler:
// callbacks of three teams, personal and not, dialed with every outcome, reached,
// cancelled by agents, supervisors and the do-not-call list, rescheduled, reassigned,
// handed to their team when overdue, while the clock moves on.
type world struct {
	*bundle
	sched *velocity.Scheduler
	agent velocity.Principal // an agent account ("widget")
	sup   velocity.Principal // a supervisor account ("lead")
	ids   []string
	teams []string
	staff map[string][]string // agents by team
}

// worldNames and worldNotes are the texts callbacks get: mixed case, accents, and the
// LIKE wildcards, for the text search.
var (
	worldNames = []string{"Maria Garcia", "JOSÉ ÁLVAREZ", "josé martinez", "Ada Lovelace", "O'Brien 100%", "snake_case Ltd", "Ünal Öztürk", ""}
	worldNotes = []string{"", "wants a refund", "Billing: REFUND pending", "call after 5pm", "50% discount_code", "VIP customer", "straße"}
)

func newWorld(t *testing.T, b *bundle) *world {
	t.Helper()
	pol := &velocity.Policies{Store: b.store, Clock: b.clock, TTL: time.Nanosecond}
	b.svc.Policies = pol
	w := &world{bundle: b, sched: newScheduler(b, pol),
		teams: []string{"team-a", "team-b", "team-c"},
		staff: map[string][]string{"team-a": {"ag-1", "ag-2"}, "team-b": {"ag-3", "ag-4", "ag-5"}, "team-c": {"ag-6"}}}
	w.sched.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	w.agent, w.sup = b.p, b.p
	w.agent.Role, w.agent.Username = velocity.RoleAgent, "widget"
	w.sup.Role, w.sup.Username = velocity.RoleSupervisor, "lead"
	return w
}

// run applies steps random changes, drawn from r.
func (w *world) run(t *testing.T, r *rand.Rand, steps int) {
	t.Helper()
	ctx := context.Background()
	pick := func(vs []string) string { return vs[r.IntN(len(vs))] }
	// ok fails the test on errors other than a rule's refusal.
	ok := func(what string, err error) bool {
		if err == nil {
			return true
		}
		if e, isErr := velocity.AsError(err); isErr && (e.Kind == velocity.KindConflict || e.Kind == velocity.KindUnprocessable || e.Kind == velocity.KindNotFound) {
			return false
		}
		t.Fatalf("%s: %v", what, err)
		return false
	}
	for i := 0; i < steps; i++ {
		var id string
		var cb velocity.Callback
		if len(w.ids) > 0 {
			id = w.ids[r.IntN(len(w.ids))]
			var err error
			if cb, err = w.svc.Get(ctx, w.p, id, ""); err != nil {
				t.Fatal(err)
			}
		}
		team := cb.TeamID
		if team == "" {
			team = pick(w.teams)
		}
		agent := pick(w.staff[team])
		if cb.AgentID != nil {
			agent = *cb.AgentID
		}
		switch n := r.IntN(100); {
		case n < 25 || id == "":
			team = pick(w.teams)
			start := w.clock.Now().Add(time.Duration(r.IntN(290)-50) * time.Minute)
			in := velocity.CreateInput{TeamID: team, PhoneNumber: w.phones.Next(), WindowStart: &start,
				CustomerName: pick(worldNames), Notes: pick(worldNotes)}
			if r.IntN(3) == 0 {
				one := 1 + r.IntN(2)
				in.MaxAttempts = &one // so that some run out of attempts
			}
			p, by := w.agent, pick(w.staff[team])
			if r.IntN(4) == 0 {
				p, by = w.sup, ""
			}
			if r.IntN(2) == 0 {
				a := pick(w.staff[team])
				if p.Role == velocity.RoleAgent {
					a = by // an agent schedules personal callbacks for itself
				}
				in.AgentID = &a
			}
			created, _, err := w.svc.Create(ctx, p, by, in, "")
			if ok("create", err) {
				w.ids = append(w.ids, created.ID)
			}
		case n < 50:
			if _, err := w.svc.Claim(ctx, w.agent, id, agent); !ok("claim", err) {
				continue
			}
			switch m := r.IntN(10); {
			case m < 8:
				outcomes := []velocity.Outcome{velocity.OutcomeNoAnswer, velocity.OutcomeNoAnswer, velocity.OutcomeBusy, velocity.OutcomeVoicemail,
					velocity.OutcomeConnected, velocity.OutcomeConnected, velocity.OutcomeConnected, velocity.OutcomeDeclined, velocity.OutcomeInvalidNumber}
				if r.IntN(5) == 0 {
					w.clock.Advance(time.Duration(r.IntN(10)) * time.Minute) // a long call may outlast the lease
				}
				_, err := w.svc.RecordAttempt(ctx, w.agent, id, velocity.AttemptInput{AgentID: agent, Outcome: outcomes[r.IntN(len(outcomes))]})
				ok("attempt", err)
			case m < 9:
				_, err := w.svc.Release(ctx, w.agent, id, agent)
				ok("release", err)
			}
		case n < 55:
			_, err := w.svc.MarkReached(ctx, w.agent, id, agent, "int-1")
			ok("reached", err)
		case n < 60:
			_, err := w.svc.Cancel(ctx, w.agent, id, agent, "customer asked")
			ok("cancel", err)
		case n < 65:
			_, err := w.svc.Cancel(ctx, w.sup, id, "", "duplicate")
			ok("cancel as supervisor", err)
		case n < 70:
			start := w.clock.Now().Add(time.Duration(r.IntN(180)) * time.Minute)
			_, err := w.svc.Update(ctx, w.sup, id, "", velocity.UpdateInput{WindowStart: &start}, nil)
			ok("reschedule", err)
		case n < 75:
			u := velocity.UpdateInput{AgentIDSet: true}
			if r.IntN(2) == 0 {
				a := pick(w.staff[team])
				u.AgentID = &a
			}
			_, err := w.svc.Update(ctx, w.sup, id, "", u, nil)
			ok("reassign", err)
		case n < 77:
			_, err := w.svc.AddDoNotCall(ctx, w.sup, []velocity.DoNotCallInput{{PhoneNumber: cb.PhoneNumber, Reason: "asked"}})
			ok("do not call", err)
		default:
			w.clock.Advance(time.Duration(1+r.IntN(40)) * time.Minute)
			if _, err := w.sched.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// callbacks returns every callback of the world as stored now.
func (w *world) callbacks(t *testing.T) []velocity.Callback {
	t.Helper()
	out := make([]velocity.Callback, len(w.ids))
	for i, id := range w.ids {
		cb, err := w.svc.Get(context.Background(), w.p, id, "")
		if err != nil {
			t.Fatal(err)
		}
		out[i] = cb
	}
	return out
}

// factsFromHistory derives a callback's facts from its history, as the service sets them:
// the first attempted event (and the window the event before it recorded), the first
// fallback, the last completed, failed or cancelled event. Cancellations by accounts
// in supervisors were a supervisor's.
func factsFromHistory(h []velocity.Event, supervisors map[string]bool) velocity.Facts {
	var f velocity.Facts
	for i, e := range h {
		switch e.Type {
		case velocity.EventAttempted:
			if f.FirstAttemptAt != nil {
				continue
			}
			at, o := e.At, velocity.Outcome(e.Data["outcome"].(string))
			prev := h[i-1].Callback
			delay := at.Sub(prev.WindowStart)
			in := !at.Before(prev.WindowStart) && at.Before(prev.WindowEnd)
			f.FirstAttemptAt, f.FirstAttemptBy, f.FirstOutcome, f.FirstDelay, f.FirstInWindow = &at, e.Actor.AgentID, &o, &delay, &in
		case velocity.EventFallback:
			if f.FellBackAt == nil {
				at := e.At
				f.FellBackAt, f.FellBackFrom = &at, e.Data["previousAgentId"].(string)
			}
		case velocity.EventCompleted, velocity.EventFailed, velocity.EventCancelled:
			at := e.At
			f.ClosedAt, f.ClosedBy = &at, e.Actor.AgentID
			reason, _ := e.Data["reason"].(string)
			switch e.Type {
			case velocity.EventCompleted:
				f.CloseReason = velocity.CloseReachedInbound
				if o, ok := e.Data["outcome"].(string); ok {
					f.CloseReason = velocity.CloseReason(o)
				}
			case velocity.EventFailed:
				f.CloseReason = velocity.CloseReason(reason)
			default:
				switch {
				case reason == "do_not_call":
					f.CloseReason = velocity.CloseDoNotCall
				case supervisors[e.Actor.Account]:
					f.CloseReason = velocity.CloseSupervisor
				default:
					f.CloseReason = velocity.CloseCustomer
				}
			}
		}
	}
	return f
}
