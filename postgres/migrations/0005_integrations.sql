-- Integrations: signed webhooks (endpoints, one delivery per endpoint and message, every
-- attempt), and the scheduler's "overdue" announcement of a window that ended while its
-- callback still waited. Mirrors sqlite/migrations/0005_integrations.sql.
ALTER TABLE callbacks ADD COLUMN overdue_notified_at timestamptz;
-- Windows that ended before this version ran are not announced after the upgrade.
UPDATE callbacks SET overdue_notified_at = now() WHERE status = 'scheduled' AND window_end <= now();
CREATE INDEX callbacks_overdue ON callbacks(window_end)
  WHERE status = 'scheduled' AND overdue_notified_at IS NULL;

CREATE TABLE webhook_endpoints (
  id                    text COLLATE "C" PRIMARY KEY,
  tenant_id             text COLLATE "C" NOT NULL REFERENCES tenants(id),
  url                   text NOT NULL,
  description           text NOT NULL,
  events                text NOT NULL, -- JSON array of event types
  secret                text NOT NULL,
  previous_secret       text NOT NULL DEFAULT '',
  previous_secret_until timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  disabled_at           timestamptz,
  disabled_reason       text NOT NULL DEFAULT '',
  failing_since         timestamptz,
  consecutive_failures  integer NOT NULL DEFAULT 0
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints(tenant_id, created_at);

CREATE TABLE webhook_deliveries (
  id               text COLLATE "C" PRIMARY KEY,
  tenant_id        text COLLATE "C" NOT NULL,
  endpoint_id      text COLLATE "C" NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  message_id       text NOT NULL,
  event_id         bigint,
  callback_id      text COLLATE "C" NOT NULL,
  event_type       text NOT NULL,
  payload          text NOT NULL, -- text, not jsonb: the exact bytes that were signed
  status           text NOT NULL CONSTRAINT webhook_deliveries_status_check
                     CHECK (status IN ('pending', 'delivered', 'failed', 'paused')),
  attempts         integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL,
  next_attempt_at  timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  last_attempt_at  timestamptz,
  last_status_code integer,
  last_error       text NOT NULL DEFAULT '',
  delivered_at     timestamptz,
  CONSTRAINT webhook_deliveries_message_key UNIQUE (endpoint_id, event_id, event_type)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);

CREATE TABLE webhook_attempts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   text COLLATE "C" NOT NULL,
  delivery_id text COLLATE "C" NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  endpoint_id text COLLATE "C" NOT NULL,
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL,
  status_code integer,
  duration_us bigint NOT NULL,
  error       text NOT NULL,
  response    text NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);
CREATE INDEX webhook_attempts_at ON webhook_attempts(at);
