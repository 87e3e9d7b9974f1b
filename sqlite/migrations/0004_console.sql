-- The supervisor console: what the reports count about each callback (velocity.Facts,
-- set by the change that makes each true, in the same transaction), and the indexes of
-- the console's search and reports. Mirrors postgres/migrations/0004_console.sql.
ALTER TABLE callbacks ADD COLUMN first_attempt_at INTEGER;
ALTER TABLE callbacks ADD COLUMN first_attempt_by TEXT NOT NULL DEFAULT '';
ALTER TABLE callbacks ADD COLUMN first_outcome TEXT;
ALTER TABLE callbacks ADD COLUMN first_delay_us INTEGER;
ALTER TABLE callbacks ADD COLUMN first_in_window INTEGER;
ALTER TABLE callbacks ADD COLUMN fell_back_at INTEGER;
ALTER TABLE callbacks ADD COLUMN fell_back_from TEXT NOT NULL DEFAULT '';
ALTER TABLE callbacks ADD COLUMN closed_at INTEGER;
ALTER TABLE callbacks ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE callbacks ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';

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
-- against is the one the event before the dial recorded, to the millisecond).
CREATE TEMP TABLE backfill_first (tenant_id TEXT, callback_id TEXT, id INTEGER, PRIMARY KEY (tenant_id, callback_id));
INSERT INTO backfill_first
  SELECT tenant_id, callback_id, min(id) FROM callback_events WHERE type = 'attempted' GROUP BY tenant_id, callback_id;
UPDATE callbacks SET
  first_attempt_at = (SELECT e.at FROM callback_events e WHERE e.id = f.id),
  first_attempt_by = (SELECT e.actor_agent FROM callback_events e WHERE e.id = f.id),
  first_outcome = (SELECT json_extract(e.payload, '$.data.outcome') FROM callback_events e WHERE e.id = f.id)
FROM backfill_first f WHERE f.tenant_id = callbacks.tenant_id AND f.callback_id = callbacks.id;
UPDATE callbacks SET
  first_delay_us = first_attempt_at - w.start_us,
  first_in_window = first_attempt_at >= w.start_us AND first_attempt_at < w.end_us
FROM (SELECT f.tenant_id, f.callback_id,
        CAST(round(unixepoch(json_extract(p.payload, '$.callback.windowStart'), 'subsec') * 1000000) AS INTEGER) AS start_us,
        CAST(round(unixepoch(json_extract(p.payload, '$.callback.windowEnd'), 'subsec') * 1000000) AS INTEGER) AS end_us
      FROM backfill_first f JOIN callback_events p ON p.id = (SELECT max(q.id) FROM callback_events q
        WHERE q.tenant_id = f.tenant_id AND q.callback_id = f.callback_id AND q.id < f.id)) w
WHERE w.tenant_id = callbacks.tenant_id AND w.callback_id = callbacks.id;
DROP TABLE backfill_first;

UPDATE callbacks SET
  fell_back_at = (SELECT e.at FROM callback_events e WHERE e.tenant_id = callbacks.tenant_id AND e.callback_id = callbacks.id
    AND e.type = 'fallback' ORDER BY e.id LIMIT 1),
  fell_back_from = coalesce((SELECT json_extract(e.payload, '$.data.previousAgentId') FROM callback_events e
    WHERE e.tenant_id = callbacks.tenant_id AND e.callback_id = callbacks.id AND e.type = 'fallback' ORDER BY e.id LIMIT 1), '')
WHERE EXISTS (SELECT 1 FROM callback_events e WHERE e.tenant_id = callbacks.tenant_id AND e.callback_id = callbacks.id AND e.type = 'fallback');

UPDATE callbacks SET
  closed_at = c.at, closed_by = c.actor_agent,
  close_reason = CASE c.type
    WHEN 'completed' THEN CASE WHEN json_extract(c.payload, '$.data.reason') = 'reached_inbound' THEN 'reached_inbound'
      ELSE coalesce(json_extract(c.payload, '$.data.outcome'), 'connected') END
    WHEN 'failed' THEN coalesce(json_extract(c.payload, '$.data.reason'), 'max_attempts')
    ELSE CASE WHEN json_extract(c.payload, '$.data.reason') = 'do_not_call' THEN 'do_not_call'
      WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.tenant_id = c.tenant_id AND a.kind = 'callback.cancelled'
        AND a.target = c.callback_id AND a.actor_role IN ('supervisor', 'admin')) THEN 'supervisor'
      ELSE 'customer' END
  END
FROM callback_events c
WHERE callbacks.status IN ('completed', 'failed', 'cancelled') AND c.id = (SELECT max(e.id) FROM callback_events e
  WHERE e.tenant_id = callbacks.tenant_id AND e.callback_id = callbacks.id AND e.type IN ('completed', 'failed', 'cancelled'));
