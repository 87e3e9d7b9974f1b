package velocity

import (
	"context"
	"time"
)

// Store keeps tenants, credentials, callbacks and their history. Every method takes a
// context and honours its deadline. Reads that find nothing return ErrNotFound (or a
// Kind-NotFound *Error); a store that cannot reach its database returns an error
// wrapping ErrUnavailable. Implementations: package sqlite and package postgres; package
// storetest holds the behaviour suite every implementation must pass.
type Store interface {
	CallbackReader
	AdminStore

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
	// AppendEvents records events and returns them with their IDs set.
	AppendEvents(ctx context.Context, events []Event) ([]Event, error)
	// GetIdempotency returns the record of an Idempotency-Key, or ErrNotFound.
	GetIdempotency(ctx context.Context, tenantID, key string) (Idempotency, error)
	// PutIdempotency records an Idempotency-Key.
	PutIdempotency(ctx context.Context, rec Idempotency) error
	// IsDoNotCall reports whether an E.164 number is on the tenant's do-not-call list,
	// read on the transaction's own connection.
	IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error)
}

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

// Cursor marks a position in a listing ordered by (WindowStart, ID).
type Cursor struct {
	WindowStart time.Time
	ID          string
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

// AdminStore manages tenants and their credentials.
type AdminStore interface {
	CreateTenant(ctx context.Context, t Tenant) error
	GetTenant(ctx context.Context, id string) (Tenant, error)
	GetTenantByName(ctx context.Context, name string) (Tenant, error)
	ListTenants(ctx context.Context) ([]Tenant, error)

	CreateAPIKey(ctx context.Context, k APIKey) error
	ListAPIKeys(ctx context.Context, tenantID string) ([]APIKey, error)
	// RevokeAPIKey marks the key with this ID or prefix revoked; ErrNotFound if none.
	RevokeAPIKey(ctx context.Context, tenantID, idOrPrefix string, at time.Time) (APIKey, error)

	CreateAccount(ctx context.Context, a Account) error
	GetAccount(ctx context.Context, tenantID, username string) (Account, error)
	// SetAccountDisabled disables the account at the given time, or enables it with nil.
	SetAccountDisabled(ctx context.Context, tenantID, username string, at *time.Time) error
	SetAccountPassword(ctx context.Context, tenantID, username, passwordHash string) error

	// LookupCredentials finds the API key with this hash and, in the key's tenant, the
	// account with this username. It returns ErrNotFound when no key has the hash; a
	// missing account leaves Credentials.Account nil.
	LookupCredentials(ctx context.Context, keyHash []byte, username string) (Credentials, error)
}

// Tenant is a customer organisation; nothing crosses from one tenant to another.
type Tenant struct {
	ID              string    `json:"tenantId"`
	Name            string    `json:"name"`
	DefaultCountry  string    `json:"defaultCountry"`
	DefaultTimezone string    `json:"defaultTimezone"`
	CreatedAt       time.Time `json:"createdAt"`
}

// APIKey names a tenant. Only its SHA-256 hash is kept; Prefix identifies it to people.
type APIKey struct {
	ID        string     `json:"id"`
	TenantID  string     `json:"tenantId"`
	Name      string     `json:"name"`
	Prefix    string     `json:"prefix"`
	Hash      []byte     `json:"-"`
	CreatedAt time.Time  `json:"createdAt"`
	RevokedAt *time.Time `json:"revokedAt"`
}

// Account is a system account of a tenant; the widget sends its credentials for all agents.
type Account struct {
	ID           string     `json:"id"`
	TenantID     string     `json:"tenantId"`
	Username     string     `json:"username"`
	PasswordHash string     `json:"-"`
	CreatedAt    time.Time  `json:"createdAt"`
	DisabledAt   *time.Time `json:"disabledAt"`
}

// Credentials is what LookupCredentials finds for one request's key and username.
type Credentials struct {
	Tenant    Tenant
	KeyID     string
	KeyPrefix string
	KeyActive bool
	Account   *Account
}
