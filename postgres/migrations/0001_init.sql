-- Tenants, their credentials, callbacks, their history, idempotency keys, server secrets.
-- The same model as sqlite/migrations/0001_init.sql, with PostgreSQL types: times are
-- timestamptz (microseconds, like SQLite's integers), event ids an identity column, event
-- payloads jsonb. Ids sort bytewise (COLLATE "C"), as in SQLite and in Go.
CREATE TABLE tenants (
  id               text COLLATE "C" PRIMARY KEY,
  name             text NOT NULL CONSTRAINT tenants_name_key UNIQUE,
  default_country  text NOT NULL,
  default_timezone text NOT NULL,
  created_at       timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id         text COLLATE "C" PRIMARY KEY,
  tenant_id  text COLLATE "C" NOT NULL REFERENCES tenants(id),
  name       text NOT NULL DEFAULT '',
  prefix     text NOT NULL,
  hash       bytea NOT NULL CONSTRAINT api_keys_hash_key UNIQUE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys(tenant_id);

CREATE TABLE accounts (
  id            text COLLATE "C" PRIMARY KEY,
  tenant_id     text COLLATE "C" NOT NULL REFERENCES tenants(id),
  username      text NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz,
  CONSTRAINT accounts_tenant_username_key UNIQUE (tenant_id, username)
);

CREATE TABLE callbacks (
  tenant_id             text COLLATE "C" NOT NULL REFERENCES tenants(id),
  id                    text COLLATE "C" NOT NULL,
  team_id               text COLLATE "C" NOT NULL,
  agent_id              text COLLATE "C",
  customer_name         text NOT NULL,
  phone_number          text COLLATE "C" NOT NULL,
  timezone              text NOT NULL,
  window_start          timestamptz NOT NULL,
  window_end            timestamptz NOT NULL,
  notes                 text NOT NULL,
  reason                text NOT NULL,
  source_interaction_id text NOT NULL,
  created_by            text NOT NULL,
  status                text NOT NULL,
  attempts              integer NOT NULL,
  max_attempts          integer NOT NULL,
  last_outcome          text,
  claimed_by            text,
  claim_expires_at      timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  version               bigint NOT NULL,
  CONSTRAINT callbacks_pkey PRIMARY KEY (tenant_id, id)
);

-- At most one open callback per number and tenant. The store maps a violation of this
-- index, by its name, to velocity.ErrDuplicateOpen.
CREATE UNIQUE INDEX callbacks_open_phone ON callbacks(tenant_id, phone_number)
  WHERE status IN ('scheduled', 'claimed');
-- The two halves of an agent's worklist: its personal open callbacks, its team's
-- unassigned ones. Queries spell the status list exactly like these predicates.
CREATE INDEX callbacks_agent_open ON callbacks(tenant_id, agent_id, window_start, id)
  WHERE status IN ('scheduled', 'claimed') AND agent_id IS NOT NULL;
CREATE INDEX callbacks_team_unassigned_open ON callbacks(tenant_id, team_id, window_start, id)
  WHERE status IN ('scheduled', 'claimed') AND agent_id IS NULL;
-- A whole team's, and any status by time.
CREATE INDEX callbacks_team_window ON callbacks(tenant_id, team_id, window_start, id);
CREATE INDEX callbacks_status_window ON callbacks(tenant_id, status, window_start, id);

CREATE TABLE callback_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id     text COLLATE "C" NOT NULL,
  callback_id   text COLLATE "C" NOT NULL,
  type          text NOT NULL,
  actor_account text NOT NULL,
  actor_agent   text NOT NULL,
  at            timestamptz NOT NULL,
  payload       jsonb NOT NULL -- {"data":..., "before":..., "callback":...}
);
CREATE INDEX callback_events_callback ON callback_events(tenant_id, callback_id, id);
CREATE INDEX callback_events_tenant ON callback_events(tenant_id, id);

CREATE TABLE idempotency_keys (
  tenant_id    text COLLATE "C" NOT NULL,
  key          text COLLATE "C" NOT NULL,
  request_hash text NOT NULL,
  callback_id  text COLLATE "C" NOT NULL,
  created_at   timestamptz NOT NULL,
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (tenant_id, key)
);

CREATE TABLE server_secrets (
  name  text PRIMARY KEY,
  value bytea NOT NULL
);
