package velocity

import (
	"context"
	"time"
)

// Store keeps tenants, credentials, callbacks and their history, and what the scheduling
// rules need: policies, do-not-call lists and the scheduler's queries. Every method takes a
// context and honours its deadline. Reads that find nothing return ErrNotFound (or a
// Kind-NotFound *Error); a store that cannot reach its database returns an error
// wrapping ErrUnavailable. Implementations: package sqlite and package postgres; package
// storetest holds the behaviour suite every implementation must pass.
type Store interface {
	CallbackReader
	AdminStore
	PolicyStore
	DoNotCallStore
	SchedulerStore
	AuditStore
	SessionStore
	ConsoleStore

	// Write runs fn in one write transaction, committed when fn returns nil and rolled
	// back otherwise. Writes by concurrent Write calls on the same callback are serialised
	// (Tx.GetCallback locks the row until the transaction ends).
	Write(ctx context.Context, fn func(tx Tx) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Secret returns the named server-wide secret, creating it from gen on first use, so
	// that every server sharing the database gets the same value.
	Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error)
	Close() error
}

// CallbackReader reads callbacks and events outside a write transaction.
type CallbackReader interface {
	GetCallback(ctx context.Context, tenantID, id string) (Callback, error)
	// ListCallbacks returns up to q.Limit callbacks matching q, ordered by WindowStart
	// then ID, starting after q.After when it is set.
	ListCallbacks(ctx context.Context, tenantID string, q ListQuery) ([]Callback, error)
	// History returns a callback's events, oldest first.
	History(ctx context.Context, tenantID, callbackID string) ([]Event, error)
	// EventsAfter returns up to limit events with ID greater than afterID, in ID order;
	// all tenants' events when tenantID is "".
	EventsAfter(ctx context.Context, tenantID string, afterID int64, limit int) ([]Event, error)
	// LastEventID returns the highest event ID recorded (0 when none).
	LastEventID(ctx context.Context) (int64, error)
}

// ConsoleStore answers the supervisor console's reads of a whole tenant.
type ConsoleStore interface {
	// SearchCallbacks returns up to q.Limit of the tenant's callbacks matching q, in q's
	// order (its sort key, then id; descending when q.Desc), starting after q.After when
	// it is set.
	SearchCallbacks(ctx context.Context, tenantID string, q SearchQuery) ([]Callback, error)
	// Report counts what the console's reports show (see ReportCounts): one ReportCounts
	// per group of q.By that has any, in no particular order.
	Report(ctx context.Context, tenantID string, q ReportQuery) ([]ReportCounts, error)
}

// Tx is a write transaction.
type Tx interface {
	// GetCallback reads a callback and locks it until the transaction ends.
	GetCallback(ctx context.Context, tenantID, id string) (Callback, error)
	// FindOpenByPhone returns the tenant's open callback for an E.164 number, or ErrNotFound.
	FindOpenByPhone(ctx context.Context, tenantID, phone string) (Callback, error)
	// InsertCallback adds a new callback; a second open callback for the same number
	// returns ErrDuplicateOpen.
	InsertCallback(ctx context.Context, c Callback) error
	// UpdateCallback writes c if the stored version is still prevVersion, else returns
	// ErrStaleWrite.
	UpdateCallback(ctx context.Context, c Callback, prevVersion int64) error
	// GetCallbacks reads the callbacks of refs and locks them until the transaction ends,
	// in one round trip where the engine allows; ones that do not exist are left out.
	// Rows are locked in (tenant, id) order, so that concurrent batches cannot deadlock.
	GetCallbacks(ctx context.Context, refs []CallbackRef) ([]Callback, error)
	// UpdateCallbacks writes each callback whose stored version is still its
	// prevVersions entry (as UpdateCallback), in one round trip where the engine allows;
	// a moved version is ErrStaleWrite and nothing is written.
	UpdateCallbacks(ctx context.Context, cbs []Callback, prevVersions []int64) error
	// AppendEvents records events and returns them with their IDs set.
	AppendEvents(ctx context.Context, events []Event) ([]Event, error)
	// GetIdempotency returns the record of an Idempotency-Key, or ErrNotFound.
	GetIdempotency(ctx context.Context, tenantID, key string) (Idempotency, error)
	// PutIdempotency records an Idempotency-Key.
	PutIdempotency(ctx context.Context, rec Idempotency) error
	// IsDoNotCall reports whether an E.164 number is on the tenant's do-not-call list,
	// read on the transaction's own connection.
	IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error)
	// MarkDue marks up to limit scheduled callbacks whose window opened at or before now
	// and was not announced as announced (DueNotifiedAt = now, version unchanged), in
	// one statement, and returns them as changed, oldest window first. Rows another
	// transaction holds are skipped (a concurrent scheduler announces those), so with
	// several servers each window is marked once.
	MarkDue(ctx context.Context, now time.Time, limit int) ([]Callback, error)
	// AppendAudit records audit entries in the transaction, with the change they record.
	AppendAudit(ctx context.Context, entries []AuditEntry) error
}

// CallbackRef names one callback.
type CallbackRef struct{ TenantID, ID string }

// ListQuery selects callbacks. With both AgentID and TeamID: the agent's personal
// callbacks plus the team's unassigned ones. With only TeamID: all of the team's. With
// only AgentID: the agent's personal ones. With neither: the whole tenant's.
type ListQuery struct {
	AgentID  string
	TeamID   string
	Statuses []Status // empty means OpenStatuses
	Limit    int
	After    *Cursor
}

// Idempotency records the callback a create request with an Idempotency-Key made, and a
// hash of that request's body.
type Idempotency struct {
	TenantID    string
	Key         string
	RequestHash string
	CallbackID  string
	CreatedAt   time.Time
}

// PolicyStore keeps each tenant's scheduling policy.
type PolicyStore interface {
	// GetPolicy returns the tenant's stored policy; ok is false when it has none (the
	// defaults apply).
	GetPolicy(ctx context.Context, tenantID string) (p Policy, ok bool, err error)
	PutPolicy(ctx context.Context, tenantID string, p Policy, at time.Time) error
}

// DoNotCallStore keeps each tenant's do-not-call list.
type DoNotCallStore interface {
	// IsDoNotCall reports whether an E.164 number is on the tenant's list.
	IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error)
	// AddDoNotCall adds entries, keeping existing ones; it returns how many were new.
	AddDoNotCall(ctx context.Context, entries []DoNotCall) (int, error)
	// RemoveDoNotCall removes a number; ErrNotFound if it was not listed.
	RemoveDoNotCall(ctx context.Context, tenantID, phone string) error
	// ListDoNotCall returns up to limit entries ordered by number, after the given one.
	ListDoNotCall(ctx context.Context, tenantID, after string, limit int) ([]DoNotCall, error)
}

// SchedulerStore answers the queries of the scheduler's passes, across tenants.
type SchedulerStore interface {
	// ExpiredClaims returns claimed callbacks whose lease ended at or before now.
	ExpiredClaims(ctx context.Context, now time.Time, limit int) ([]Callback, error)
	// OverduePersonal returns a tenant's scheduled personal callbacks whose window ended
	// before endedBefore, earliest end first. Claimed ones are left out: a live claim is
	// an agent dialing, and an expired one is released earlier in the scheduler's pass.
	OverduePersonal(ctx context.Context, tenantID string, endedBefore time.Time, limit int) ([]Callback, error)
	// NextDue returns the earliest window start after now of a scheduled callback whose
	// due event has not been sent; ok is false when there is none.
	NextDue(ctx context.Context, now time.Time) (at time.Time, ok bool, err error)
}
