package velocity

import (
	"context"
	"time"
)

// Claim gives agentID the lease to dial the callback (see Callback.Claim).
func (s *Service) Claim(ctx context.Context, p Principal, id, agentID string) (Callback, error) {
	if err := requireAgent(p, agentID); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		renew := cb.Status == StatusClaimed && cb.Holder() == agentID
		// The rules are checked again at dial time, whatever the window says.
		if loc := Location(cb.Timezone); !pol.CallableAt(now, loc) && cb.Status.Open() {
			next, _ := pol.NextCallable(now, loc)
			return nil, ErrOutsideHours.With("It is "+now.In(loc).Format("Mon 15:04")+" for the customer ("+cb.Timezone+"), outside their calling hours; dial from "+next.In(loc).Format("Mon 15:04")+" their time.",
				map[string]any{"nextCallableAt": next.UTC(), "timezone": cb.Timezone})
		}
		if cb.Status.Open() {
			if dnc, err := tx.IsDoNotCall(ctx, p.Tenant.ID, cb.PhoneNumber); err != nil {
				return nil, err
			} else if dnc {
				return nil, ErrDoNotCall
			}
		}
		if err := cb.Claim(agentID, now, pol.ClaimLease); err != nil {
			return nil, err
		}
		return change{{Type: EventClaimed, Data: map[string]any{"renewed": renew, "claimExpiresAt": cb.ClaimExpiresAt}}}, nil
	})
}

// Release gives agentID's claim back.
func (s *Service) Release(ctx context.Context, p Principal, id, agentID string) (Callback, error) {
	if err := requireAgent(p, agentID); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if err := cb.Release(agentID, now); err != nil {
			return nil, err
		}
		return change{{Type: EventReleased}}, nil
	})
}

// AttemptInput is one dial's result as the agent reports it.
type AttemptInput struct {
	AgentID       string     `json:"agentId"`
	Outcome       Outcome    `json:"outcome"`
	Notes         string     `json:"notes"`
	InteractionID string     `json:"interactionId"`
	RetryAt       *time.Time `json:"retryAt"`
}

// RecordAttempt records a dial by the agent holding the claim (see Callback.Attempt); a
// retry is scheduled at in.RetryAt, else after the policy's delay for the outcome.
func (s *Service) RecordAttempt(ctx context.Context, p Principal, id string, in AttemptInput) (Callback, error) {
	var c checker
	c.text("agentId", in.AgentID, MaxIDLen, true)
	if !in.Outcome.Valid() {
		c.add("outcome", FieldInvalidOutcome, "must be one of connected, no_answer, busy, voicemail, invalid_number, declined")
	}
	c.text("notes", in.Notes, MaxNotesLen, false)
	c.text("interactionId", in.InteractionID, MaxIDLen, false)
	if err := c.err(); err != nil {
		return Callback{}, err
	}
	if err := p.ActsAs("agentId", in.AgentID); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, in.AgentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		retryAt := now.Add(pol.RetryDelay(in.Outcome))
		if in.RetryAt != nil {
			retryAt = in.RetryAt.UTC().Truncate(time.Microsecond)
			var c checker
			if !retryAt.After(now) {
				c.add("retryAt", FieldInPast, "must be in the future")
			} else if retryAt.After(now.Add(pol.MaxAhead)) {
				c.add("retryAt", FieldTooFarAhead, "must be within the scheduling horizon")
			}
			if err := c.err(); err != nil {
				return nil, err
			}
		}
		// A retry waits for the customer's next calling hours.
		if next, ok := pol.NextCallable(retryAt, Location(cb.Timezone)); ok {
			retryAt = next
		}
		if err := cb.Attempt(in.AgentID, in.Outcome, retryAt, now); err != nil {
			return nil, err
		}
		data := map[string]any{"attempt": cb.Attempts, "outcome": in.Outcome}
		if in.Notes != "" {
			data["notes"] = in.Notes
		}
		if in.InteractionID != "" {
			data["interactionId"] = in.InteractionID
		}
		if cb.Status == StatusScheduled {
			data["retryAt"] = cb.WindowStart
		}
		evs := change{{Type: EventAttempted, Data: data}}
		switch cb.Status {
		case StatusCompleted:
			evs = append(evs, Event{Type: EventCompleted, Data: map[string]any{"outcome": in.Outcome}})
		case StatusFailed:
			reason := "max_attempts"
			if in.Outcome == OutcomeInvalidNumber {
				reason = "invalid_number"
			}
			evs = append(evs, Event{Type: EventFailed, Data: map[string]any{"reason": reason}})
		}
		return evs, nil
	})
}

func requireAgent(p Principal, agentID string) error {
	var c checker
	c.text("agentId", agentID, MaxIDLen, true)
	if err := c.err(); err != nil {
		return err
	}
	return p.ActsAs("agentId", agentID)
}

// MarkReached completes an open callback because the customer was reached on an inbound
// call (interactionID, kept in its history): nobody should call them back now. agentID,
// when set, is the agent on that call.
func (s *Service) MarkReached(ctx context.Context, p Principal, id, agentID, interactionID string) (Callback, error) {
	var c checker
	c.text("agentId", agentID, MaxIDLen, false)
	c.text("interactionId", interactionID, MaxIDLen, true)
	if err := c.err(); err != nil {
		return Callback{}, err
	}
	if err := p.ActsAs("agentId", agentID); err != nil {
		return Callback{}, err
	}
	return s.markReached(ctx, p, id, agentID, interactionID, "")
}

// FindOpenByPhone returns the tenant's open callback for a number in any common format
// (parsed with country, else the tenant's default region), or ErrNotFound.
func (s *Service) FindOpenByPhone(ctx context.Context, p Principal, raw, country string) (Callback, error) {
	if country == "" {
		country = p.Tenant.DefaultCountry
	}
	phone, _, fe := ParsePhone("phoneNumber", raw, country)
	if fe != nil {
		return Callback{}, ValidationError(*fe)
	}
	var cb Callback
	err := s.Store.Write(ctx, func(tx Tx) error {
		var err error
		cb, err = tx.FindOpenByPhone(ctx, p.Tenant.ID, phone)
		return err
	})
	return cb, err
}
