-- Tenants, their credentials, callbacks, their history, idempotency keys, server secrets.
-- Times are Unix microseconds (UTC).
CREATE TABLE tenants (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  default_country  TEXT NOT NULL,
  default_timezone TEXT NOT NULL,
  created_at       INTEGER NOT NULL
);

CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  name       TEXT NOT NULL DEFAULT '',
  prefix     TEXT NOT NULL,
  hash       BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX api_keys_tenant ON api_keys(tenant_id);

CREATE TABLE accounts (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  username      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  disabled_at   INTEGER,
  UNIQUE (tenant_id, username)
);

CREATE TABLE callbacks (
  tenant_id             TEXT NOT NULL REFERENCES tenants(id),
  id                    TEXT NOT NULL,
  team_id               TEXT NOT NULL,
  agent_id              TEXT,
  customer_name         TEXT NOT NULL,
  phone_number          TEXT NOT NULL,
  timezone              TEXT NOT NULL,
  window_start          INTEGER NOT NULL,
  window_end            INTEGER NOT NULL,
  notes                 TEXT NOT NULL,
  reason                TEXT NOT NULL,
  source_interaction_id TEXT NOT NULL,
  created_by            TEXT NOT NULL,
  status                TEXT NOT NULL,
  attempts              INTEGER NOT NULL,
  max_attempts          INTEGER NOT NULL,
  last_outcome          TEXT,
  claimed_by            TEXT,
  claim_expires_at      INTEGER,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  version               INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;

-- At most one open callback per number and tenant.
CREATE UNIQUE INDEX callbacks_open_phone ON callbacks(tenant_id, phone_number)
  WHERE status IN ('scheduled', 'claimed');
-- The two halves of an agent's worklist: its personal open callbacks, its team's unassigned ones.
CREATE INDEX callbacks_agent_open ON callbacks(tenant_id, agent_id, window_start, id)
  WHERE status IN ('scheduled', 'claimed') AND agent_id IS NOT NULL;
CREATE INDEX callbacks_team_unassigned_open ON callbacks(tenant_id, team_id, window_start, id)
  WHERE status IN ('scheduled', 'claimed') AND agent_id IS NULL;
-- A whole team's, and any status by time.
CREATE INDEX callbacks_team_window ON callbacks(tenant_id, team_id, window_start, id);
CREATE INDEX callbacks_status_window ON callbacks(tenant_id, status, window_start, id);

CREATE TABLE callback_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id     TEXT NOT NULL,
  callback_id   TEXT NOT NULL,
  type          TEXT NOT NULL,
  actor_account TEXT NOT NULL,
  actor_agent   TEXT NOT NULL,
  at            INTEGER NOT NULL,
  payload       TEXT NOT NULL -- JSON: {"data":..., "before":..., "callback":...}
);
CREATE INDEX callback_events_callback ON callback_events(tenant_id, callback_id, id);
CREATE INDEX callback_events_tenant ON callback_events(tenant_id, id);

CREATE TABLE idempotency_keys (
  tenant_id    TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  callback_id  TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key)
) WITHOUT ROWID;

CREATE TABLE server_secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
