package velocity

import (
	"context"
	"time"
)

// Principal is who a request acts as: a tenant and one of its system accounts.
type Principal struct {
	Tenant    Tenant
	AccountID string
	Username  string
}

// Service applies the callback rules. Each method that changes a callback runs in one
// store transaction (read with a row lock, apply the rule, write, record the event),
// then publishes the recorded events to the Bus.
type Service struct {
	Store Store
	Bus   Bus // nil publishes nothing
	Clock Clock
	// Policies caches tenants' policies; nil reads the stored policy on every call.
	Policies *Policies
}

func (s *Service) now() time.Time { return s.Clock.Now() }

func (s *Service) policy(ctx context.Context, tenantID string) (Policy, error) {
	if s.Policies == nil {
		return LoadPolicy(ctx, s.Store, tenantID)
	}
	return s.Policies.Get(ctx, tenantID)
}

func (s *Service) publish(events []Event) {
	if s.Bus != nil && len(events) > 0 {
		s.Bus.Publish(events)
	}
}

// change is what a rule did to a callback: the events to record (Type and Data set).
type change []Event

// mutate loads the callback in a write transaction, lets rule change it, writes it back
// and records the events the rule returns. ifMatch, when not nil, must equal the stored
// version. A rule returning no events changes nothing.
func (s *Service) mutate(ctx context.Context, p Principal, id, agentID string, ifMatch *int64, rule func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error)) (Callback, error) {
	pol, err := s.policy(ctx, p.Tenant.ID)
	if err != nil {
		return Callback{}, err
	}
	var out Callback
	var events []Event
	err = s.Store.Write(ctx, func(tx Tx) error {
		events = nil
		cb, err := tx.GetCallback(ctx, p.Tenant.ID, id)
		if err != nil {
			return err
		}
		if ifMatch != nil && *ifMatch != cb.Version {
			return ErrVersionMismatch.With("", map[string]any{"currentVersion": cb.Version})
		}
		before := Owner{TeamID: cb.TeamID, AgentID: cb.AgentID}
		prev := cb.Version
		now := s.now()
		evs, err := rule(tx, &cb, pol, now)
		if err != nil {
			return err
		}
		out = cb
		if len(evs) == 0 {
			return nil
		}
		if err := tx.UpdateCallback(ctx, cb, prev); err != nil {
			return err
		}
		moved := before.TeamID != cb.TeamID || before.AgentID == nil != (cb.AgentID == nil) ||
			(before.AgentID != nil && cb.AgentID != nil && *before.AgentID != *cb.AgentID)
		for i := range evs {
			evs[i].TenantID = p.Tenant.ID
			evs[i].CallbackID = cb.ID
			evs[i].Actor = Actor{Account: p.Username, AgentID: agentID}
			evs[i].At = now
			evs[i].Callback = cb
			if moved {
				evs[i].Before = &before
			}
		}
		events, err = tx.AppendEvents(ctx, evs)
		return err
	})
	if err != nil {
		return Callback{}, err
	}
	s.publish(events)
	return out, nil
}
