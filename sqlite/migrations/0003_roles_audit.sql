-- Roles of accounts, a tenant's Webex identity settings, the audit trail, and console
-- sessions. Existing accounts become agents. Mirrors postgres/migrations/0003_roles_audit.sql.
ALTER TABLE accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'agent'
  CHECK (role IN ('agent', 'supervisor', 'admin', 'integration'));

ALTER TABLE tenants ADD COLUMN webex_org_id TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN agent_identity TEXT NOT NULL DEFAULT 'off'
  CHECK (agent_identity IN ('off', 'webex'));

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL, -- account username, or "cli"
  actor_role  TEXT NOT NULL,
  actor_key   TEXT NOT NULL, -- the API key's prefix, or the session's
  agent_id    TEXT NOT NULL,
  remote      TEXT NOT NULL,
  kind        TEXT NOT NULL, -- what changed, e.g. policy.update, callback.reassign
  target      TEXT NOT NULL, -- the id of what changed
  detail      TEXT NOT NULL  -- JSON: {"before":..., "after":...}
);
CREATE INDEX audit_log_tenant ON audit_log(tenant_id, id);
CREATE INDEX audit_log_tenant_actor ON audit_log(tenant_id, actor, id);
CREATE INDEX audit_log_tenant_kind ON audit_log(tenant_id, kind, id);

CREATE TABLE console_sessions (
  id_hash      BLOB PRIMARY KEY, -- SHA-256 of the session cookie's secret
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  account_id   TEXT NOT NULL REFERENCES accounts(id),
  csrf_token   TEXT NOT NULL,
  remote       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);
