-- Scheduling rules: per-tenant policies, do-not-call lists, and what the scheduler's
-- passes look for (expired leases, overdue personal callbacks, windows that opened).
ALTER TABLE callbacks ADD COLUMN due_notified_at INTEGER;

CREATE INDEX callbacks_due ON callbacks(window_start)
  WHERE status = 'scheduled' AND due_notified_at IS NULL;
CREATE INDEX callbacks_claim_expiry ON callbacks(claim_expires_at)
  WHERE status = 'claimed';
CREATE INDEX callbacks_personal_overdue ON callbacks(tenant_id, window_end)
  WHERE status IN ('scheduled', 'claimed') AND agent_id IS NOT NULL;

CREATE TABLE tenant_policies (
  tenant_id  TEXT PRIMARY KEY REFERENCES tenants(id),
  policy     TEXT NOT NULL, -- JSON, as velocity.PolicyDoc
  updated_at INTEGER NOT NULL
);

CREATE TABLE do_not_call (
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  phone_number TEXT NOT NULL,
  reason       TEXT NOT NULL,
  added_by     TEXT NOT NULL,
  added_at     INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, phone_number)
) WITHOUT ROWID;
