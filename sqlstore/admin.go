package sqlstore

import (
	"time"

	"github.com/customerdynamics/velocity"
)

// Column lists of the tenants, api_keys and accounts tables, in the order of the scans
// below (KeyCols leaves out the hash).
const (
	TenantCols  = `id, name, default_country, default_timezone, created_at, webex_org_id, agent_identity`
	KeyCols     = `id, tenant_id, name, prefix, created_at, revoked_at`
	AccountCols = `id, tenant_id, username, password_hash, created_at, disabled_at, role`
)

// ScanTenant reads a row of TenantCols; its error is returned unchanged.
func (d Dialect) ScanTenant(row Scanner) (velocity.Tenant, error) {
	var t velocity.Tenant
	err := row.Scan(&t.ID, &t.Name, &t.DefaultCountry, &t.DefaultTimezone, d.ScanTime(&t.CreatedAt), &t.WebexOrgID, &t.AgentIdentity)
	return t, err
}

// ScanAPIKey reads a row of KeyCols; its error is returned unchanged.
func (d Dialect) ScanAPIKey(row Scanner) (velocity.APIKey, error) {
	var k velocity.APIKey
	err := row.Scan(d.keyDest(&k)...)
	return k, err
}

// ScanAPIKeyWithHash reads a row of KeyCols followed by the hash column.
func (d Dialect) ScanAPIKeyWithHash(row Scanner) (velocity.APIKey, error) {
	var k velocity.APIKey
	err := row.Scan(append(d.keyDest(&k), &k.Hash)...)
	return k, err
}

// keyDest returns the scan destinations of KeyCols in k.
func (d Dialect) keyDest(k *velocity.APIKey) []any {
	return []any{&k.ID, &k.TenantID, &k.Name, &k.Prefix, d.ScanTime(&k.CreatedAt), d.ScanNullTime(&k.RevokedAt)}
}

// ScanAccount reads a row of AccountCols; its error is returned unchanged.
func (d Dialect) ScanAccount(row Scanner) (velocity.Account, error) {
	var a velocity.Account
	err := row.Scan(&a.ID, &a.TenantID, &a.Username, &a.PasswordHash, d.ScanTime(&a.CreatedAt), d.ScanNullTime(&a.DisabledAt), &a.Role)
	return a, err
}

// ScanCredentials reads the row of Queries.Credentials: the key, its tenant and, when
// the tenant has an account with the username, that account. Its error is returned
// unchanged.
func (d Dialect) ScanCredentials(row Scanner) (velocity.Credentials, error) {
	var c velocity.Credentials
	var revoked, accAt, accDis *time.Time
	var accID, accTenant, accUser, accHash, accRole *string
	err := row.Scan(&c.KeyID, &c.KeyPrefix, d.ScanNullTime(&revoked),
		&c.Tenant.ID, &c.Tenant.Name, &c.Tenant.DefaultCountry, &c.Tenant.DefaultTimezone, d.ScanTime(&c.Tenant.CreatedAt),
		&c.Tenant.WebexOrgID, &c.Tenant.AgentIdentity,
		&accID, &accTenant, &accUser, &accHash, d.ScanNullTime(&accAt), d.ScanNullTime(&accDis), &accRole)
	if err != nil {
		return c, err
	}
	c.KeyActive = revoked == nil
	if accID != nil {
		c.Account = &velocity.Account{ID: *accID, TenantID: *accTenant, Username: *accUser, PasswordHash: *accHash,
			CreatedAt: *accAt, DisabledAt: accDis, Role: velocity.Role(*accRole)}
	}
	return c, nil
}
