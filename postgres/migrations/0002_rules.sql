-- Scheduling rules: per-tenant policies, do-not-call lists, and what the scheduler's
-- passes look for (expired leases, overdue personal callbacks, windows that opened).
-- Mirrors sqlite/migrations/0002_rules.sql.
ALTER TABLE callbacks ADD COLUMN due_notified_at timestamptz;

CREATE INDEX callbacks_due ON callbacks(window_start)
  WHERE status = 'scheduled' AND due_notified_at IS NULL;
CREATE INDEX callbacks_claim_expiry ON callbacks(claim_expires_at)
  WHERE status = 'claimed';
CREATE INDEX callbacks_personal_overdue ON callbacks(tenant_id, window_end)
  WHERE status IN ('scheduled', 'claimed') AND agent_id IS NOT NULL;

CREATE TABLE tenant_policies (
  tenant_id  text COLLATE "C" PRIMARY KEY REFERENCES tenants(id),
  policy     jsonb NOT NULL, -- as velocity.PolicyDoc
  updated_at timestamptz NOT NULL
);

CREATE TABLE do_not_call (
  tenant_id    text COLLATE "C" NOT NULL REFERENCES tenants(id),
  phone_number text COLLATE "C" NOT NULL,
  reason       text NOT NULL,
  added_by     text NOT NULL,
  added_at     timestamptz NOT NULL,
  CONSTRAINT do_not_call_pkey PRIMARY KEY (tenant_id, phone_number)
);
