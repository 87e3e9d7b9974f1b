package velocity

import (
	"context"
	"time"
)

// AuditEntry is one recorded change made by a supervisor, admin or integration, or to
// the policy, the do-not-call list, accounts, keys or settings: who (account, role, key,
// agent), when, from where, what (Kind and Target) and how (Before and After, as the API
// shows them). The audit trail cannot be changed through the API.
type AuditEntry struct {
	ID        int64     `json:"id"`
	TenantID  string    `json:"-"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`
	ActorRole Role      `json:"actorRole"`
	ActorKey  string    `json:"actorKey"`
	AgentID   string    `json:"agentId,omitempty"`
	Remote    string    `json:"remote"`
	Kind      string    `json:"kind"`
	Target    string    `json:"target"`
	Before    any       `json:"before"`
	After     any       `json:"after"`
}

// AuditQuery selects audit entries, newest first: by actor, kind, a time range, and
// before an entry id (paging).
type AuditQuery struct {
	Actor  string
	Kind   string
	From   time.Time // inclusive; zero means no bound
	To     time.Time // exclusive; zero means no bound
	Before int64     // entries with a lower id; 0 means from the newest
	Limit  int
}

// AuditStore keeps the audit trail.
type AuditStore interface {
	// AppendAudit records entries.
	AppendAudit(ctx context.Context, entries []AuditEntry) error
	// ListAudit returns up to q.Limit of the tenant's entries matching q, newest first.
	ListAudit(ctx context.Context, tenantID string, q AuditQuery) ([]AuditEntry, error)
}

// auditEntry returns the entry for a change p made.
func auditEntry(p Principal, now time.Time, kind, target string, before, after any) AuditEntry {
	return AuditEntry{TenantID: p.Tenant.ID, At: now, Actor: p.Username, ActorRole: p.Role, ActorKey: p.KeyPrefix,
		AgentID: p.Agent, Remote: p.Remote, Kind: kind, Target: target, Before: before, After: after}
}

// audited reports whether changes to callbacks made by p go to the audit trail: those
// of supervisors, admins and integrations (agents' are in each callback's history).
func (p Principal) audited() bool { return p.Role != RoleAgent && p.Role != "" }

// recordAudit appends one entry for a change p made outside a callback transaction.
func (s *Service) recordAudit(ctx context.Context, p Principal, kind, target string, before, after any) error {
	return s.Store.AppendAudit(ctx, []AuditEntry{auditEntry(p, s.now(), kind, target, before, after)})
}

// MaxAuditLimit is the most audit entries one page returns.
const MaxAuditLimit = 500

// Audit returns a page of the tenant's audit trail, newest first.
func (s *Service) Audit(ctx context.Context, p Principal, q AuditQuery) ([]AuditEntry, error) {
	if q.Limit <= 0 || q.Limit > MaxAuditLimit {
		q.Limit = 100
	}
	return s.Store.ListAudit(ctx, p.Tenant.ID, q)
}
