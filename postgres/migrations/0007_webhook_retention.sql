-- Webhook deliveries under retention and erasure. Mirrors sqlite/migrations/0007_webhook_retention.sql.
-- Finished deliveries (delivered, given up, or paused with their disabled endpoint) by
-- age: the retention pass deletes the oldest first, with their attempts.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries(tenant_id, created_at)
  WHERE status <> 'pending';
-- A callback's deliveries: their bodies hold the customer's data, which an erasure removes.
CREATE INDEX webhook_deliveries_callback ON webhook_deliveries(tenant_id, callback_id);
