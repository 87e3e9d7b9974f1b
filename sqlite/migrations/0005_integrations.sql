-- Integrations: signed webhooks (endpoints, one delivery per endpoint and message, every
-- attempt), and the scheduler's "overdue" announcement of a window that ended while its
-- callback still waited. Mirrors postgres/migrations/0005_integrations.sql.
ALTER TABLE callbacks ADD COLUMN overdue_notified_at INTEGER;
-- Windows that ended before this version ran are not announced after the upgrade.
UPDATE callbacks SET overdue_notified_at = CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
  WHERE status = 'scheduled' AND window_end <= CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER);
CREATE INDEX callbacks_overdue ON callbacks(window_end)
  WHERE status = 'scheduled' AND overdue_notified_at IS NULL;

CREATE TABLE webhook_endpoints (
  id                    TEXT PRIMARY KEY,
  tenant_id             TEXT NOT NULL REFERENCES tenants(id),
  url                   TEXT NOT NULL,
  description           TEXT NOT NULL,
  events                TEXT NOT NULL, -- JSON array of event types, e.g. ["callback.created"] or ["*"]
  secret                TEXT NOT NULL, -- whsec_...: the deliveries are signed with it
  previous_secret       TEXT NOT NULL DEFAULT '', -- the secret before a rotation, also signing until
  previous_secret_until INTEGER,                  -- this time
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  disabled_at           INTEGER,
  disabled_reason       TEXT NOT NULL DEFAULT '',
  failing_since         INTEGER, -- the first failed attempt since the last success
  consecutive_failures  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints(tenant_id, created_at);

-- The webhooks' outbox: written in the transaction that records the events, so a change
-- and its deliveries commit together. next_attempt_at is when a pending delivery is due;
-- a server sending it sets it to the end of its lease, so that another server retries it
-- when the sender dies.
CREATE TABLE webhook_deliveries (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL,
  endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  message_id       TEXT NOT NULL, -- the webhook-id header: the same on every retry
  event_id         INTEGER,       -- NULL for a test message
  callback_id      TEXT NOT NULL,
  event_type       TEXT NOT NULL,
  payload          TEXT NOT NULL, -- the body, exactly as signed
  status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'paused')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  next_attempt_at  INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  last_attempt_at  INTEGER,
  last_status_code INTEGER,
  last_error       TEXT NOT NULL DEFAULT '',
  delivered_at     INTEGER,
  UNIQUE (endpoint_id, event_id, event_type)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);

CREATE TABLE webhook_attempts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id   TEXT NOT NULL,
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  endpoint_id TEXT NOT NULL,
  attempt     INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  status_code INTEGER, -- NULL when no response came
  duration_us INTEGER NOT NULL,
  error       TEXT NOT NULL,
  response    TEXT NOT NULL -- the start of the response body
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);
CREATE INDEX webhook_attempts_at ON webhook_attempts(at);
