-- Retention and erasure: what the scheduler's retention pass and a customer's erasure
-- look rows up by. Mirrors sqlite/migrations/0006_retention.sql.
-- Closed callbacks by their last change (retention deletes the oldest first).
CREATE INDEX callbacks_closed_updated ON callbacks(tenant_id, updated_at)
  WHERE status IN ('completed', 'failed', 'cancelled');
-- Every callback of a number, whatever its status (erasure).
CREATE INDEX callbacks_phone ON callbacks(tenant_id, phone_number);
-- Idempotency keys by age (retention) and by the callback they name (both).
CREATE INDEX idempotency_keys_created ON idempotency_keys(tenant_id, created_at);
CREATE INDEX idempotency_keys_callback ON idempotency_keys(tenant_id, callback_id);
-- Audit entries by age (retention) and by what they are about (erasure).
CREATE INDEX audit_log_tenant_at ON audit_log(tenant_id, at);
CREATE INDEX audit_log_tenant_target ON audit_log(tenant_id, target);
