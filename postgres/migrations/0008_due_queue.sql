-- The windows still to be announced as due, in a small table of their own rather than
-- in a partial index of callbacks on due_notified_at: marking a window announced then
-- changes no indexed column of callbacks, so PostgreSQL updates the row in place (a HOT
-- update, when its page has room, which the fill factor keeps) instead of adding an
-- entry to each of the table's twenty indexes. SQLite keeps the partial index: its
-- pass already takes well under a second for 10,000 windows.
--
-- A row of callback_due exists exactly while its callback is scheduled with its window
-- not announced. Triggers keep it so on every insert and on every update that changes
-- the status or the window or resets the announcement; the scheduler's MarkDue deletes
-- the rows it marks in the same statement (postgres/due.go). The trigger functions keep
-- the schema they were made in (SET search_path FROM CURRENT), so that a statement run
-- under another search path, an operator's in psql say, still keeps this schema's table.
-- No callback may change between the backfill below and the triggers' creation (a server
-- of the previous version still running): the lock holds until the migration commits.
LOCK TABLE callbacks IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE callback_due (
  tenant_id    text COLLATE "C" NOT NULL,
  callback_id  text COLLATE "C" NOT NULL,
  window_start timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, callback_id)
);
CREATE INDEX callback_due_window ON callback_due(window_start, tenant_id, callback_id);

INSERT INTO callback_due (tenant_id, callback_id, window_start)
  SELECT tenant_id, id, window_start FROM callbacks WHERE status = 'scheduled' AND due_notified_at IS NULL;

CREATE FUNCTION callbacks_track_due() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF NEW.status = 'scheduled' AND NEW.due_notified_at IS NULL THEN
    INSERT INTO callback_due (tenant_id, callback_id, window_start) VALUES (NEW.tenant_id, NEW.id, NEW.window_start)
      ON CONFLICT (tenant_id, callback_id) DO UPDATE SET window_start = EXCLUDED.window_start;
  ELSE
    DELETE FROM callback_due WHERE tenant_id = NEW.tenant_id AND callback_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION callbacks_track_due_gone() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM callback_due WHERE tenant_id = OLD.tenant_id AND callback_id = OLD.id;
  RETURN NULL;
END $$;

CREATE TRIGGER callbacks_due_insert AFTER INSERT ON callbacks
  FOR EACH ROW WHEN (NEW.status = 'scheduled' AND NEW.due_notified_at IS NULL)
  EXECUTE FUNCTION callbacks_track_due();
-- Not when only due_notified_at is set: that is MarkDue, which deletes the row itself.
CREATE TRIGGER callbacks_due_update AFTER UPDATE ON callbacks
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.window_start IS DISTINCT FROM NEW.window_start
    OR (OLD.due_notified_at IS NOT NULL AND NEW.due_notified_at IS NULL))
  EXECUTE FUNCTION callbacks_track_due();
CREATE TRIGGER callbacks_due_delete AFTER DELETE ON callbacks
  FOR EACH ROW WHEN (OLD.status = 'scheduled')
  EXECUTE FUNCTION callbacks_track_due_gone();

DROP INDEX callbacks_due;

-- Room on each page for a row's next version, so that updates of unindexed columns
-- (the due mark, notes) stay on the page. Applies to pages written from now on.
ALTER TABLE callbacks SET (fillfactor = 85);
