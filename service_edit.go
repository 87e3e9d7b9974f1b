package velocity

import (
	"context"
	"time"
)

// Update edits, reschedules or reassigns an open callback. With ifMatch set, a stale
// version is ErrVersionMismatch and nothing changes.
func (s *Service) Update(ctx context.Context, p Principal, id, agentID string, u UpdateInput, ifMatch *int64) (Callback, error) {
	if err := p.ActsAs("X-Agent-Id", agentID); err != nil {
		return Callback{}, err
	}
	if u.AgentIDSet && u.AgentID != nil {
		if err := p.reassignable(*u.AgentID, agentID); err != nil {
			return Callback{}, err
		}
	}
	scoped := func(cb *Callback, _ time.Time) error {
		if err := p.mayWork(cb, agentID); err != nil {
			return err
		}
		return p.mayMove(cb, u.TeamID)
	}
	return s.update(ctx, p, id, agentID, ifMatch, scoped, func(Callback) UpdateInput { return u })
}

// guard refuses a change to a callback as it stands at now; nil allows every change.
type guard func(cb *Callback, now time.Time) error

// update applies the change input returns for the callback as it stands, read in the
// write transaction (a shift of the window needs the window it shifts), unless check
// refuses it.
func (s *Service) update(ctx context.Context, p Principal, id, agentID string, ifMatch *int64, check guard, input func(Callback) UpdateInput) (Callback, error) {
	return s.mutate(ctx, p, id, agentID, ifMatch, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if !cb.Status.Open() {
			return nil, ErrInvalidTransition.With("A "+string(cb.Status)+" callback can no longer be edited.", map[string]any{"currentStatus": cb.Status})
		}
		if check != nil {
			if err := check(cb, now); err != nil {
				return nil, err
			}
		}
		holder, owner := cb.Holder(), cb.Owner()
		changes, err := input(*cb).Apply(cb, p.Tenant, pol, now)
		if err != nil || len(changes) == 0 {
			return nil, err
		}
		if changes["phoneNumber"] != nil {
			if err := s.checkNumber(ctx, tx, p.Tenant.ID, cb.PhoneNumber, cb.ID); err != nil {
				return nil, err
			}
		}
		// Giving a callback to an agent while another agent is dialing it would leave
		// the claim with someone who may no longer take it.
		if newOwner := cb.Owner(); newOwner != owner && newOwner != "" && holder != "" && holder != newOwner && cb.LeaseActive(now) {
			return nil, ErrAlreadyClaimed.With(holder+" is dialing this callback; reassign it after they release it or record the call.",
				map[string]any{"claimedBy": holder, "claimExpiresAt": cb.ClaimExpiresAt})
		}

		// A lapsed claim lets its holder record the call's outcome only while nobody
		// else took the callback; giving it to another agent is taking it.
		if lapsed, newOwner := cb.LapsedHolder(), cb.Owner(); lapsed != "" && newOwner != "" && newOwner != lapsed {
			cb.clearClaim()
		}
		return change{{Type: EventUpdated, Data: map[string]any{"changes": changes}}}, nil
	})
}

// Cancel withdraws an open callback, recording the reason.
func (s *Service) Cancel(ctx context.Context, p Principal, id, agentID, reason string) (Callback, error) {
	return s.cancel(ctx, p, id, agentID, reason, nil)
}

// cancel is Cancel unless check refuses the callback as it stands.
func (s *Service) cancel(ctx context.Context, p Principal, id, agentID, reason string, check guard) (Callback, error) {
	var c checker
	c.text("reason", reason, MaxReasonLen, false)
	c.text("agentId", agentID, MaxIDLen, false)
	if err := c.err(); err != nil {
		return Callback{}, err
	}
	if err := p.ActsAs("agentId", agentID); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if err := p.mayWork(cb, agentID); err != nil {
			return nil, err
		}
		if check != nil && cb.Status.Open() {
			if err := check(cb, now); err != nil {
				return nil, err
			}
		}
		why := CloseCustomer
		if p.Role == RoleSupervisor || p.Role == RoleAdmin {
			why = CloseSupervisor
		}
		if err := cb.Cancel(now, agentID, why); err != nil {
			return nil, err
		}
		var data map[string]any
		if reason != "" {
			data = map[string]any{"reason": reason}
		}
		return change{{Type: EventCancelled, Data: data}}, nil
	})
}
