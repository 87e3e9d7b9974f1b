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
	RetentionStore
	ErasureStore
	WebhookStore
	StatsStore
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
	// AppendEvents records events and returns them with their IDs set. In the same
	// transaction it records the webhook deliveries the events make for their tenants'
	// enabled endpoints (PlanDeliveries): the webhooks' outbox.
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
	// one statement, and returns them as changed, oldest window first. The rows are
	// locked in a total order; a row another transaction changed meanwhile is checked
	// again, so with several servers each window is marked once.
	MarkDue(ctx context.Context, now time.Time, limit int) ([]Callback, error)
	// AppendAudit records audit entries in the transaction, with the change they record.
	AppendAudit(ctx context.Context, entries []AuditEntry) error

	ErasureTx
}

// ErasureTx is what erasing a customer's personal data reads and rewrites in a write
// transaction (see Service.EraseCustomer).
type ErasureTx interface {
	// CallbacksByPhone reads up to limit of the tenant's callbacks of an E.164 number,
	// whatever their status, in id order, and locks them until the transaction ends.
	CallbacksByPhone(ctx context.Context, tenantID, phone string, limit int) ([]Callback, error)
	// History returns a callback's events, oldest first, read in the transaction.
	History(ctx context.Context, tenantID, callbackID string) ([]Event, error)
	// RewriteEvents replaces the recorded Data, Before and Callback of events, found by
	// tenant and ID; the rest of each event stays as recorded.
	RewriteEvents(ctx context.Context, events []Event) error
	// AuditEntries returns the tenant's audit entries whose ID is in ids or whose Target
	// is in targets, in ID order.
	AuditEntries(ctx context.Context, tenantID string, ids []int64, targets []string) ([]AuditEntry, error)
	// RewriteAudit replaces the Target, Before and After of audit entries, found by
	// tenant and ID.
	RewriteAudit(ctx context.Context, entries []AuditEntry) error
	// DeleteIdempotency deletes the tenant's idempotency keys that name the callbacks.
	DeleteIdempotency(ctx context.Context, tenantID string, callbackIDs []string) error
	// DeleteDeliveries deletes the tenant's webhook deliveries of the callbacks (their
	// bodies hold the callback as it was) whose body match accepts, or all of them when
	// match is nil, pending ones included, with their attempts, and returns how many it
	// deleted.
	DeleteDeliveries(ctx context.Context, tenantID string, callbackIDs []string, match func(body string) bool) (int, error)
}

// ErasureStore finds, outside a transaction, where a text such as a phone number
// appears besides the callbacks of that number: a scan of the tenant's events or audit
// trail, which an erasure runs rarely and which should hold no write lock meanwhile.
type ErasureStore interface {
	// CallbacksMentioning returns the ids of up to limit of the tenant's callbacks, after
	// afterID in id order, that have an event whose recorded payload contains text.
	CallbacksMentioning(ctx context.Context, tenantID, text, afterID string, limit int) ([]string, error)
	// AuditMentioning returns the ids of up to limit of the tenant's audit entries, after
	// afterID in id order, whose target or detail contains text.
	AuditMentioning(ctx context.Context, tenantID, text string, afterID int64, limit int) ([]int64, error)
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
	// OverdueWindows returns scheduled callbacks whose window ended at or before now and
	// whose overdue event has not been sent, earliest end first, across tenants.
	OverdueWindows(ctx context.Context, now time.Time, limit int) ([]Callback, error)
	// NextDue returns the earliest window start after now of a scheduled callback whose
	// due event has not been sent; ok is false when there is none.
	NextDue(ctx context.Context, now time.Time) (at time.Time, ok bool, err error)
}

// WebhookStore keeps webhook endpoints, their deliveries and every attempt. Deliveries
// are written by Tx.AppendEvents with their events; senders lease them with
// ClaimDeliveries and report each attempt with RecordAttempt.
type WebhookStore interface {
	CreateWebhook(ctx context.Context, w Webhook) error
	// GetWebhook returns one of the tenant's endpoints, or ErrNotFound.
	GetWebhook(ctx context.Context, tenantID, id string) (Webhook, error)
	// ListWebhooks returns the tenant's endpoints, oldest first.
	ListWebhooks(ctx context.Context, tenantID string) ([]Webhook, error)
	// UpdateWebhook writes w's URL, description, events, secrets and disabled state.
	// Disabling it pauses its pending deliveries; enabling it resumes its paused ones, due
	// at now and retried for DeliveryLifetime, and forgets its run of failures.
	UpdateWebhook(ctx context.Context, w Webhook, now time.Time) error
	// DisableWebhook disables an enabled endpoint for reason, pausing its pending
	// deliveries, and records audit (when not nil) in the same transaction; it reports
	// whether it did (false, and nothing recorded, when it was disabled already).
	DisableWebhook(ctx context.Context, tenantID, id, reason string, at time.Time, audit *AuditEntry) (bool, error)
	// DeleteWebhook removes an endpoint with its deliveries and their attempts.
	DeleteWebhook(ctx context.Context, tenantID, id string) error
	// EnqueueDelivery records a delivery made outside an event's transaction (a test
	// message), and ends its endpoint's backoff (an admin checking an endpoint wants an
	// attempt now).
	EnqueueDelivery(ctx context.Context, d WebhookDelivery) error
	// ClaimDeliveries leases pending deliveries that are due to the caller (see
	// DeliveryClaim), each with its endpoint. Across servers, a delivery is leased to one
	// caller at a time; one whose lease ends without a recorded attempt is due again.
	// Endpoints share a claim fairly: each endpoint with due deliveries (the oldest due
	// first) gets one before any gets a second, however many another has waiting. An
	// endpoint in backoff (AttemptRecord.EndpointBackoffUntil) gets none until its
	// backoff has passed, then one at a time across all callers (a probe) until an
	// attempt succeeds.
	ClaimDeliveries(ctx context.Context, q DeliveryClaim) ([]ClaimedDelivery, error)
	// RecordAttempt records one attempt of a leased delivery and its outcome, and the
	// endpoint's run of failures and backoff. ok is false, and nothing is recorded, when
	// the lease was lost (another sender leased the delivery since, or its endpoint was
	// disabled).
	RecordAttempt(ctx context.Context, r AttemptRecord) (run FailureRun, ok bool, err error)
	// ListDeliveries returns a page of an endpoint's deliveries, newest first.
	ListDeliveries(ctx context.Context, tenantID, webhookID string, q DeliveryQuery) ([]WebhookDelivery, error)
	// GetDelivery returns one of the tenant's deliveries, or ErrNotFound.
	GetDelivery(ctx context.Context, tenantID, id string) (WebhookDelivery, error)
	// ListAttempts returns a delivery's attempts, oldest first.
	ListAttempts(ctx context.Context, tenantID, deliveryID string) ([]WebhookAttempt, error)
	// ResendDelivery makes a delivered or failed delivery pending again, due at now and
	// retried for DeliveryLifetime, with its message id, and ends its endpoint's backoff;
	// another status is ErrInvalidTransition.
	ResendDelivery(ctx context.Context, tenantID, id string, now time.Time) (WebhookDelivery, error)
}

// DeliveryClaim asks for up to Limit deliveries due at Now, leased until LeaseUntil, at
// most PerWebhook per endpoint (no limit when 0) counting the caller's InFlight ones
// (endpoint id -> deliveries being sent), so that one slow endpoint cannot take every
// sender.
type DeliveryClaim struct {
	Now        time.Time
	LeaseUntil time.Time
	Limit      int
	PerWebhook int
	InFlight   map[string]int
}

// ClaimedDelivery is a leased delivery with the endpoint it goes to. Attempts counts this
// attempt; RecordAttempt takes it back as the lease's token.
type ClaimedDelivery struct {
	WebhookDelivery
	Endpoint Webhook
}

// AttemptRecord is how one attempt of a leased delivery went (Attempt) and what follows:
// Delivered, or another attempt at NextAttemptAt, or, when that is nil, failure.
// EndpointBackoffUntil, after a failed attempt, holds back every delivery to the
// endpoint until then (the endpoint's own backoff, so that its other messages wait
// instead of taking senders); nil leaves the endpoint's backoff as it was. A delivered
// attempt ends the endpoint's backoff.
type AttemptRecord struct {
	Delivery             ClaimedDelivery
	Attempt              WebhookAttempt
	Delivered            bool
	NextAttemptAt        *time.Time
	EndpointBackoffUntil *time.Time
}

// FailureRun is an endpoint's failed attempts since it last answered 2xx: how many, and
// since when (nil after a success).
type FailureRun struct {
	Failures int
	Since    *time.Time
}

// DeliveryQuery selects an endpoint's deliveries: by status (all when empty), before a
// delivery id (paging), at most Limit.
type DeliveryQuery struct {
	Status DeliveryStatus
	Before string
	Limit  int
}

// StatsStore answers the metrics' queries.
type StatsStore interface {
	// OpenCallbackCounts counts open callbacks by tenant and status, and those of them
	// whose window ended before now.
	OpenCallbackCounts(ctx context.Context, now time.Time) ([]OpenCount, error)
	// WebhookQueue describes the pending deliveries at now.
	WebhookQueue(ctx context.Context, now time.Time) (WebhookQueueStats, error)
}

// OpenCount is how many of a tenant's callbacks have an open status, and how many of
// those are past their window's end.
type OpenCount struct {
	TenantID string
	Status   Status
	Count    int
	Overdue  int
}

// WebhookQueueStats describes pending deliveries: how many, how many are due, and when
// the longest-waiting due one became due (nil when none is).
type WebhookQueueStats struct {
	Pending   int
	Due       int
	OldestDue *time.Time
}
