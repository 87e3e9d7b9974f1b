-- The supervisor console: what the reports count about each callback (velocity.Facts,
-- set by the change that makes each true, in the same transaction), and the indexes of
-- the console's search and reports. Mirrors sqlite/migrations/0004_console.sql.
-- Building the indexes and the backfill below read every callback once: on a large
-- database this takes longer than the store's usual statement limit.
SET LOCAL statement_timeout = 0;

ALTER TABLE callbacks
  ADD COLUMN first_attempt_at timestamptz,
  ADD COLUMN first_attempt_by text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN first_outcome    text,
  ADD COLUMN first_delay_us   bigint,
  ADD COLUMN first_in_window  boolean,
  ADD COLUMN fell_back_at     timestamptz,
  ADD COLUMN fell_back_from   text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN closed_at        timestamptz,
  ADD COLUMN closed_by        text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN close_reason     text NOT NULL DEFAULT '';

-- Search: the whole tenant by window start, created time or attempts; an agent's
-- callbacks in any status; a team's open ones (a team in any status, and one status, have
-- callbacks_team_window and callbacks_status_window already).
CREATE INDEX callbacks_tenant_window ON callbacks(tenant_id, window_start, id);
CREATE INDEX callbacks_tenant_created ON callbacks(tenant_id, created_at, id, team_id, created_by);
CREATE INDEX callbacks_tenant_attempts ON callbacks(tenant_id, attempts, id);
CREATE INDEX callbacks_agent_window ON callbacks(tenant_id, agent_id, window_start, id)
  WHERE agent_id IS NOT NULL;
CREATE INDEX callbacks_team_open ON callbacks(tenant_id, team_id, window_start, id, window_end, status, agent_id, claimed_by)
  WHERE status IN ('scheduled', 'claimed');
-- Reports: callbacks by when they ended, were first dialed, fell back to their team,
-- each with the columns its report counts, so that a report reads the index alone
-- (callbacks_tenant_created has the team and creator, callbacks_team_open what the
-- report of the open callbacks counts, for the same reason).
CREATE INDEX callbacks_closed ON callbacks(tenant_id, closed_at, team_id, closed_by, close_reason, attempts, fell_back_at)
  WHERE closed_at IS NOT NULL;
CREATE INDEX callbacks_first_attempt ON callbacks(tenant_id, first_attempt_at, team_id, first_attempt_by, first_outcome, first_delay_us, first_in_window)
  WHERE first_attempt_at IS NOT NULL;
CREATE INDEX callbacks_fell_back ON callbacks(tenant_id, fell_back_at, team_id, fell_back_from)
  WHERE fell_back_at IS NOT NULL;

-- Backfill: the facts of the callbacks made before this migration, read from their
-- history as the service would have set them (the window a first dial is measured
-- against is the one the event before the dial recorded).
UPDATE callbacks c SET
  first_attempt_at = e.at, first_attempt_by = e.actor_agent, first_outcome = e.payload->'data'->>'outcome',
  first_delay_us = (extract(epoch FROM e.at - w.ws) * 1000000)::bigint,
  first_in_window = e.at >= w.ws AND e.at < w.we
FROM (SELECT DISTINCT ON (tenant_id, callback_id) * FROM callback_events WHERE type = 'attempted'
      ORDER BY tenant_id, callback_id, id) e
LEFT JOIN LATERAL (SELECT (p.payload->'callback'->>'windowStart')::timestamptz AS ws, (p.payload->'callback'->>'windowEnd')::timestamptz AS we
      FROM callback_events p WHERE p.tenant_id = e.tenant_id AND p.callback_id = e.callback_id AND p.id < e.id
      ORDER BY p.id DESC LIMIT 1) w ON true
WHERE c.tenant_id = e.tenant_id AND c.id = e.callback_id;

UPDATE callbacks c SET fell_back_at = e.at, fell_back_from = coalesce(e.payload->'data'->>'previousAgentId', '')
FROM (SELECT DISTINCT ON (tenant_id, callback_id) * FROM callback_events WHERE type = 'fallback'
      ORDER BY tenant_id, callback_id, id) e
WHERE c.tenant_id = e.tenant_id AND c.id = e.callback_id;

UPDATE callbacks c SET
  closed_at = e.at, closed_by = e.actor_agent,
  close_reason = CASE e.type
    WHEN 'completed' THEN CASE WHEN e.payload->'data'->>'reason' = 'reached_inbound' THEN 'reached_inbound'
      ELSE coalesce(e.payload->'data'->>'outcome', 'connected') END
    WHEN 'failed' THEN coalesce(e.payload->'data'->>'reason', 'max_attempts')
    ELSE CASE WHEN e.payload->'data'->>'reason' = 'do_not_call' THEN 'do_not_call'
      WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.tenant_id = e.tenant_id AND a.kind = 'callback.cancelled'
        AND a.target = e.callback_id AND a.actor_role IN ('supervisor', 'admin')) THEN 'supervisor'
      ELSE 'customer' END
  END
FROM (SELECT DISTINCT ON (tenant_id, callback_id) * FROM callback_events WHERE type IN ('completed', 'failed', 'cancelled')
      ORDER BY tenant_id, callback_id, id DESC) e
WHERE c.status IN ('completed', 'failed', 'cancelled') AND c.tenant_id = e.tenant_id AND c.id = e.callback_id;
