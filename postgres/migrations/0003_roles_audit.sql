-- Roles of accounts, a tenant's Webex identity settings, the audit trail, and console
-- sessions. Existing accounts become agents. Mirrors sqlite/migrations/0003_roles_audit.sql.
ALTER TABLE accounts ADD COLUMN role text NOT NULL DEFAULT 'agent'
  CONSTRAINT accounts_role_check CHECK (role IN ('agent', 'supervisor', 'admin', 'integration'));

ALTER TABLE tenants ADD COLUMN webex_org_id text NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN agent_identity text NOT NULL DEFAULT 'off'
  CONSTRAINT tenants_agent_identity_check CHECK (agent_identity IN ('off', 'webex'));

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   text COLLATE "C" NOT NULL,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  actor_role  text NOT NULL,
  actor_key   text NOT NULL,
  agent_id    text NOT NULL,
  remote      text NOT NULL,
  kind        text NOT NULL,
  target      text NOT NULL,
  detail      jsonb NOT NULL
);
CREATE INDEX audit_log_tenant ON audit_log(tenant_id, id);
CREATE INDEX audit_log_tenant_actor ON audit_log(tenant_id, actor, id);
CREATE INDEX audit_log_tenant_kind ON audit_log(tenant_id, kind, id);

CREATE TABLE console_sessions (
  id_hash      bytea PRIMARY KEY,
  tenant_id    text COLLATE "C" NOT NULL REFERENCES tenants(id),
  account_id   text COLLATE "C" NOT NULL REFERENCES accounts(id),
  csrf_token   text NOT NULL,
  remote       text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);
