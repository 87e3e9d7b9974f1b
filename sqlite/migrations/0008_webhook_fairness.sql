-- Webhook senders shared fairly among endpoints. Mirrors postgres/migrations/0009_webhook_fairness.sql.
-- backoff_until holds back every delivery to an endpoint whose last attempt failed, until
-- then (the endpoint's own backoff): its messages wait instead of taking the senders.
-- NULL while the endpoint answers; once the time has passed, one delivery at a time goes
-- out (a probe) until one is answered 2xx.
ALTER TABLE webhook_endpoints ADD COLUMN backoff_until INTEGER;
-- Each endpoint's due deliveries, oldest first: a claim takes a few of each endpoint's,
-- however many another endpoint has waiting.
CREATE INDEX webhook_deliveries_endpoint_due ON webhook_deliveries(endpoint_id, next_attempt_at)
  WHERE status = 'pending';
