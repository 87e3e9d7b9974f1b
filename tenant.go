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

	// SetTenantIdentity sets how the tenant's agents prove who they are.
	SetTenantIdentity(ctx context.Context, tenantID string, id TenantIdentity) error

	CreateAccount(ctx context.Context, a Account) error
	GetAccount(ctx context.Context, tenantID, username string) (Account, error)
	// ListAccounts returns the tenant's accounts by username.
	ListAccounts(ctx context.Context, tenantID string) ([]Account, error)
	// SetAccountRole changes an account's role; ErrNotFound if there is no such account.
	SetAccountRole(ctx context.Context, tenantID, username string, role Role) error
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
	TenantIdentity
}

// IdentityMode says how a tenant's agent-role requests prove which agent they act for.
type IdentityMode string

const (
	// IdentityOff trusts the agent id a request names: the widget's credentials stand
	// for every agent of the tenant.
	IdentityOff IdentityMode = "off"
	// IdentityWebex requires the agent's Webex access token with each agent-role
	// request, checked with Webex's identity API; the request acts as that person only.
	IdentityWebex IdentityMode = "webex"
)

// TenantIdentity is a tenant's identity setting: the mode, and the Webex organisation
// its agents must belong to (required with IdentityWebex).
type TenantIdentity struct {
	WebexOrgID    string       `json:"webexOrgId"`
	AgentIdentity IdentityMode `json:"agentIdentity"`
}

// Validate checks the setting: a known mode, and an org id (a UUID or Webex's base64
// resource id) when the mode is webex.
func (ti TenantIdentity) Validate() error {
	var c checker
	switch ti.AgentIdentity {
	case IdentityOff, IdentityWebex:
	default:
		c.add("agentIdentity", FieldInvalid, "must be off or webex")
	}
	c.text("webexOrgId", ti.WebexOrgID, MaxIDLen*2, ti.AgentIdentity == IdentityWebex)
	return c.err()
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
	Role         Role       `json:"role"`
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
