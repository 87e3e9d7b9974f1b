-- A create as the store runs it: begin (taking a transaction id), open-number check,
-- insert (ON CONFLICT on the open-number index), event insert, commit.
\set tn random(0, 99)
\set team random(0, 19)
\set p random(1000000000, 9999999999)
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT pg_current_xact_id();
SELECT tenant_id, id FROM callbacks WHERE tenant_id = 'tn_scale_' || lpad(:tn::text, 3, '0') AND phone_number = '+9' || :p AND status IN ('scheduled', 'claimed');
INSERT INTO callbacks (tenant_id, id, team_id, agent_id, customer_name, phone_number, timezone, window_start, window_end, notes, reason, source_interaction_id, created_by, status, attempts, max_attempts, last_outcome, claimed_by, claim_expires_at, created_at, updated_at, version) VALUES ('tn_scale_' || lpad(:tn::text, 3, '0'), 'cb_pgbench_' || gen_random_uuid(), 'team-' || lpad((:tn * 20 + :team)::text, 4, '0'), NULL, 'Bench', '+9' || :p, 'America/New_York', now(), now() + interval '1 hour', 'bench', '', '', 'pgbench', 'scheduled', 0, 3, NULL, NULL, NULL, now(), now(), 1) ON CONFLICT (tenant_id, phone_number) WHERE status IN ('scheduled', 'claimed') DO NOTHING;
INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload) VALUES ('tn_scale_' || lpad(:tn::text, 3, '0'), 'cb_pgbench', 'created', 'system', '', now(), jsonb_build_object('data', jsonb_build_object('renewed', false), 'callback', jsonb_build_object('id', 'x', 'teamId', 't', 'status', 'created')));
COMMIT;
