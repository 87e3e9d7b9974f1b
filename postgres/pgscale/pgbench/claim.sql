-- A claim as the store runs it: begin (taking a transaction id), locked read, versioned
-- update, event insert, commit. Callback n is in team n % 2000, of tenant team / 20.
\set n random(0, 999999)
\set tn (:n % 2000) / 20
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT pg_current_xact_id();
SELECT tenant_id, id, team_id, agent_id, customer_name, phone_number, timezone, window_start, window_end, notes, reason, source_interaction_id, created_by, status, attempts, max_attempts, last_outcome, claimed_by, claim_expires_at, created_at, updated_at, version FROM callbacks WHERE tenant_id = 'tn_scale_' || lpad(:tn::text, 3, '0') AND id = 'cb_' || lpad(:n::text, 10, '0') FOR UPDATE;
UPDATE callbacks SET status = status, claimed_by = 'pgbench', claim_expires_at = now() + interval '5 minutes', updated_at = now(), version = version + 1 WHERE tenant_id = 'tn_scale_' || lpad(:tn::text, 3, '0') AND id = 'cb_' || lpad(:n::text, 10, '0');
INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload) VALUES ('tn_scale_' || lpad(:tn::text, 3, '0'), 'cb_' || lpad(:n::text, 10, '0'), 'claimed', 'system', 'pgbench', now(), jsonb_build_object('data', jsonb_build_object('renewed', false), 'callback', jsonb_build_object('id', 'x', 'teamId', 't', 'status', 'claimed')));
COMMIT;
