package velocity

import (
	"context"
	"time"
)

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
