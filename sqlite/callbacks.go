package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

const callbackCols = `tenant_id, id, team_id, agent_id, customer_name, phone_number, timezone,
	window_start, window_end, notes, reason, source_interaction_id, created_by, status, attempts,
	max_attempts, last_outcome, claimed_by, claim_expires_at, created_at, updated_at, version, due_notified_at`

type scanner interface{ Scan(dest ...any) error }

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func scanCallback(s scanner) (velocity.Callback, error) {
	var c velocity.Callback
	var agent, outcome, claimedBy sql.NullString
	var claimExp, dueAt sql.NullInt64
	var ws, we, ca, ua int64
	var status string
	err := s.Scan(&c.TenantID, &c.ID, &c.TeamID, &agent, &c.CustomerName, &c.PhoneNumber, &c.Timezone,
		&ws, &we, &c.Notes, &c.Reason, &c.SourceInteractionID, &c.CreatedBy, &status, &c.Attempts,
		&c.MaxAttempts, &outcome, &claimedBy, &claimExp, &ca, &ua, &c.Version, &dueAt)
	if err != nil {
		return c, mapErr(err)
	}
	c.Status = velocity.Status(status)
	c.WindowStart, c.WindowEnd = fromMicros(ws), fromMicros(we)
	c.CreatedAt, c.UpdatedAt = fromMicros(ca), fromMicros(ua)
	if agent.Valid {
		c.AgentID = &agent.String
	}
	if outcome.Valid {
		o := velocity.Outcome(outcome.String)
		c.LastOutcome = &o
	}
	if claimedBy.Valid {
		c.ClaimedBy = &claimedBy.String
	}
	if claimExp.Valid {
		t := fromMicros(claimExp.Int64)
		c.ClaimExpiresAt = &t
	}
	if dueAt.Valid {
		t := fromMicros(dueAt.Int64)
		c.DueNotifiedAt = &t
	}
	return c, nil
}

func nullStr(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func nullTime(p *time.Time) any {
	if p == nil {
		return nil
	}
	return micros(*p)
}

func nullOutcome(p *velocity.Outcome) any {
	if p == nil {
		return nil
	}
	return string(*p)
}

func callbackArgs(c velocity.Callback) []any {
	return []any{c.TenantID, c.ID, c.TeamID, nullStr(c.AgentID), c.CustomerName, c.PhoneNumber, c.Timezone,
		micros(c.WindowStart), micros(c.WindowEnd), c.Notes, c.Reason, c.SourceInteractionID, c.CreatedBy,
		string(c.Status), c.Attempts, c.MaxAttempts, nullOutcome(c.LastOutcome), nullStr(c.ClaimedBy),
		nullTime(c.ClaimExpiresAt), micros(c.CreatedAt), micros(c.UpdatedAt), c.Version, nullTime(c.DueNotifiedAt)}
}

const getCallbackSQL = `SELECT ` + callbackCols + ` FROM callbacks WHERE tenant_id = ? AND id = ?`

// writeTx is velocity.Tx on the write connection. SQLite has one writer at a time, so a
// row read here stays as read until the transaction ends. Its statements are prepared once
// on the write connection and reused by every transaction.
type writeTx struct {
	tx  *sql.Tx
	s   *Store
	ctx context.Context
}

// stmt returns query prepared for this transaction: the statement prepared at open when
// there is one, else one prepared inside the transaction.
func (w *writeTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.s.wst.Load(query); ok {
		return w.tx.StmtContext(w.ctx, st.(*sql.Stmt)), nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	return st, mapErr(err)
}

func (w *writeTx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *writeTx) queryRow(ctx context.Context, query string, args ...any) scanner {
	st, err := w.stmt(query)
	if err != nil {
		return errScanner{err}
	}
	return st.QueryRowContext(ctx, args...)
}

type errScanner struct{ err error }

func (e errScanner) Scan(...any) error { return e.err }

func (w *writeTx) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return scanCallback(w.queryRow(ctx, getCallbackSQL, tenantID, id))
}

const (
	findOpenSQL = `SELECT ` + callbackCols + ` FROM callbacks
		WHERE tenant_id = ? AND phone_number = ? AND status IN ('scheduled', 'claimed')`
	insertCallbackSQL = `INSERT INTO callbacks (` + callbackCols + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	updateCallbackSQL = `UPDATE callbacks SET team_id = ?, agent_id = ?, customer_name = ?,
		phone_number = ?, timezone = ?, window_start = ?, window_end = ?, notes = ?, reason = ?,
		status = ?, attempts = ?, max_attempts = ?, last_outcome = ?, claimed_by = ?, claim_expires_at = ?,
		updated_at = ?, version = ?, due_notified_at = ?
		WHERE tenant_id = ? AND id = ? AND version = ?`
	insertEventSQL = `INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload)
			VALUES (?, ?, ?, ?, ?, ?, ?)`
	getIdempotencySQL = `SELECT request_hash, callback_id, created_at FROM idempotency_keys WHERE tenant_id = ? AND key = ?`
	isDoNotCallSQL    = `SELECT 1 FROM do_not_call WHERE tenant_id = ? AND phone_number = ?`
	putIdempotencySQL = `INSERT INTO idempotency_keys (tenant_id, key, request_hash, callback_id, created_at) VALUES (?, ?, ?, ?, ?)`
)

// writeQueries are prepared on the write connection when the store opens: preparing
// later would wait for the connection that the running transaction holds.
var writeQueries = []string{getCallbackSQL, findOpenSQL, insertCallbackSQL, updateCallbackSQL, insertEventSQL, getIdempotencySQL, putIdempotencySQL, isDoNotCallSQL}

func (w *writeTx) FindOpenByPhone(ctx context.Context, tenantID, phone string) (velocity.Callback, error) {
	return scanCallback(w.queryRow(ctx, findOpenSQL, tenantID, phone))
}

func (w *writeTx) InsertCallback(ctx context.Context, c velocity.Callback) error {
	_, err := w.exec(ctx, insertCallbackSQL, callbackArgs(c)...)
	return mapErr(err)
}

func (w *writeTx) UpdateCallback(ctx context.Context, c velocity.Callback, prevVersion int64) error {
	res, err := w.exec(ctx, updateCallbackSQL,
		c.TeamID, nullStr(c.AgentID), c.CustomerName, c.PhoneNumber, c.Timezone, micros(c.WindowStart),
		micros(c.WindowEnd), c.Notes, c.Reason, string(c.Status), c.Attempts, c.MaxAttempts,
		nullOutcome(c.LastOutcome), nullStr(c.ClaimedBy), nullTime(c.ClaimExpiresAt), micros(c.UpdatedAt),
		c.Version, nullTime(c.DueNotifiedAt), c.TenantID, c.ID, prevVersion)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return velocity.ErrStaleWrite
	}
	return nil
}

type eventPayload struct {
	Data     map[string]any    `json:"data,omitempty"`
	Before   *velocity.Owner   `json:"before,omitempty"`
	Callback velocity.Callback `json:"callback"`
}

func (w *writeTx) AppendEvents(ctx context.Context, events []velocity.Event) ([]velocity.Event, error) {
	out := make([]velocity.Event, len(events))
	for i, e := range events {
		payload, err := json.Marshal(eventPayload{Data: e.Data, Before: e.Before, Callback: e.Callback})
		if err != nil {
			return nil, err
		}
		res, err := w.exec(ctx, insertEventSQL, e.TenantID, e.CallbackID, string(e.Type), e.Actor.Account, e.Actor.AgentID, micros(e.At), string(payload))
		if err != nil {
			return nil, mapErr(err)
		}
		e.ID, err = res.LastInsertId()
		if err != nil {
			return nil, err
		}
		// Round-trip Data through JSON so that subscribers see what history readers see.
		var p eventPayload
		if err := json.Unmarshal(payload, &p); err != nil {
			return nil, err
		}
		e.Data = p.Data
		out[i] = e
	}
	return out, nil
}

func (w *writeTx) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	var one int
	err := w.queryRow(ctx, isDoNotCallSQL, tenantID, phone).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, mapErr(err)
}

func (w *writeTx) GetIdempotency(ctx context.Context, tenantID, key string) (velocity.Idempotency, error) {
	r := velocity.Idempotency{TenantID: tenantID, Key: key}
	var at int64
	err := w.queryRow(ctx, getIdempotencySQL, tenantID, key).Scan(&r.RequestHash, &r.CallbackID, &at)
	r.CreatedAt = fromMicros(at)
	return r, mapErr(err)
}

func (w *writeTx) PutIdempotency(ctx context.Context, r velocity.Idempotency) error {
	_, err := w.exec(ctx, putIdempotencySQL, r.TenantID, r.Key, r.RequestHash, r.CallbackID, micros(r.CreatedAt))
	return mapErr(err)
}

// GetCallback reads one callback.
func (s *Store) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	stmt, err := s.readStmt(ctx, getCallbackSQL)
	if err != nil {
		return velocity.Callback{}, err
	}
	return scanCallback(stmt.QueryRowContext(ctx, tenantID, id))
}

// statusList renders validated statuses as SQL literals, so that a query for the open
// statuses matches the partial indexes' predicate word for word.
func statusList(st []velocity.Status) string {
	parts := make([]string, 0, len(st))
	for _, s := range st {
		if s.Valid() {
			parts = append(parts, "'"+string(s)+"'")
		}
	}
	if len(parts) == 0 {
		return "''"
	}
	return strings.Join(parts, ", ")
}

// isOpenOnly reports whether statuses are exactly the open ones, which the partial
// worklist indexes cover.
func isOpenOnly(st []velocity.Status) bool {
	return len(st) == 2 && st[0] == velocity.StatusScheduled && st[1] == velocity.StatusClaimed
}

// ListCallbacks returns a page of callbacks in (window_start, id) order. For an agent of
// a team it merges two ordered, limited halves, each served by its own partial index.
func (s *Store) ListCallbacks(ctx context.Context, tenantID string, q velocity.ListQuery) ([]velocity.Callback, error) {
	statuses := q.Statuses
	if len(statuses) == 0 {
		statuses = velocity.OpenStatuses
	}
	cond := ` AND status IN (` + statusList(statuses) + `)`
	var after string
	var afterArgs []any
	if q.After != nil {
		after = ` AND (window_start, id) > (?, ?)`
		afterArgs = []any{micros(q.After.WindowStart), q.After.ID}
	}
	order := ` ORDER BY window_start, id LIMIT ?`
	half := func(index, where string, args ...any) (string, []any) {
		a := append([]any{tenantID}, args...)
		a = append(a, afterArgs...)
		a = append(a, q.Limit)
		from := ` FROM callbacks`
		if index != "" && isOpenOnly(statuses) {
			from += ` INDEXED BY ` + index
		}
		return `SELECT ` + callbackCols + from + ` WHERE tenant_id = ?` + where + cond + after + order, a
	}
	var query string
	var args []any
	switch {
	case q.AgentID != "" && q.TeamID != "":
		q1, a1 := half("callbacks_agent_open", ` AND agent_id = ?`, q.AgentID)
		q2, a2 := half("callbacks_team_unassigned_open", ` AND team_id = ? AND agent_id IS NULL`, q.TeamID)
		query = `SELECT * FROM (` + q1 + `) UNION ALL SELECT * FROM (` + q2 + `) ORDER BY window_start, id LIMIT ?`
		args = append(append(a1, a2...), q.Limit)
	case q.AgentID != "":
		query, args = half("callbacks_agent_open", ` AND agent_id = ?`, q.AgentID)
	case q.TeamID != "":
		query, args = half("", ` AND team_id = ?`, q.TeamID)
	default:
		query, args = half("", ``)
	}
	stmt, err := s.readStmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return collect(scanCallback)(stmt.QueryContext(ctx, args...))
}

const eventCols = `id, tenant_id, callback_id, type, actor_account, actor_agent, at, payload`

func scanEvents(rows *sql.Rows) ([]velocity.Event, error) {
	defer rows.Close()
	var out []velocity.Event
	for rows.Next() {
		var e velocity.Event
		var typ, payload string
		var at int64
		if err := rows.Scan(&e.ID, &e.TenantID, &e.CallbackID, &typ, &e.Actor.Account, &e.Actor.AgentID, &at, &payload); err != nil {
			return nil, mapErr(err)
		}
		e.Type = velocity.EventType(typ)
		e.At = fromMicros(at)
		var p eventPayload
		if err := json.Unmarshal([]byte(payload), &p); err != nil {
			return nil, err
		}
		e.Data, e.Before, e.Callback = p.Data, p.Before, p.Callback
		e.Callback.TenantID = e.TenantID
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// History returns a callback's events, oldest first.
func (s *Store) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+eventCols+` FROM callback_events WHERE tenant_id = ? AND callback_id = ? ORDER BY id`, tenantID, callbackID)
	if err != nil {
		return nil, mapErr(err)
	}
	return scanEvents(rows)
}

// EventsAfter returns events after afterID in ID order, for one tenant or all.
func (s *Store) EventsAfter(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.Event, error) {
	var rows *sql.Rows
	var err error
	if tenantID == "" {
		rows, err = s.read.QueryContext(ctx, `SELECT `+eventCols+` FROM callback_events WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	} else {
		rows, err = s.read.QueryContext(ctx, `SELECT `+eventCols+` FROM callback_events WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`, tenantID, afterID, limit)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return scanEvents(rows)
}

// LastEventID returns the highest event id.
func (s *Store) LastEventID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT max(id) FROM callback_events`).Scan(&id)
	return id.Int64, mapErr(err)
}
