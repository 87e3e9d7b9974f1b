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
	Role      Role
	// KeyPrefix names the API key (or "session" for a console sign-in, "cli" for the
	// command line) the request came with; Remote is its address. Both go to the audit
	// trail.
	KeyPrefix string
	Remote    string
	// Agent is the agent the request is proven to act for (the tenant's agent identity
	// is on and the request carried the agent's Webex token); "" when unproven.
	Agent string
	// AgentIDs are the agent ids the proven identity answers to (see webexid).
	AgentIDs []string
}

// CLIPrincipal is who the command line acts as in a tenant: an administrator, recorded
// as "cli" in the audit trail.
func CLIPrincipal(t Tenant) Principal {
	return Principal{Tenant: t, Username: "cli", Role: RoleAdmin, KeyPrefix: "cli", Remote: "local"}
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
	// AllowPrivateWebhooks accepts webhook URLs that are plain http or name loopback,
	// private or link-local addresses (velocity serve --webhook-allow-private).
	AllowPrivateWebhooks bool
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
// and records the events the rule returns (and, for a supervisor's, admin's or
// integration's change, its audit entry, in the same transaction). ifMatch, when not nil, must equal the stored
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
		was := cb
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
			evs[i].Actor = Actor{Account: p.Username, AgentID: p.actor(agentID)}
			evs[i].At = now
			evs[i].Callback = cb
			if moved {
				evs[i].Before = &before
			}
		}
		events, err = tx.AppendEvents(ctx, evs)
		if err != nil || !p.audited() {
			return err
		}
		return tx.AppendAudit(ctx, []AuditEntry{auditEntry(p, now, "callback."+string(evs[0].Type), cb.ID, was, cb)})
	})
	if err != nil {
		return Callback{}, err
	}
	s.publish(events)
	return out, nil
}
