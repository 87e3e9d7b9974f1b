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
	max_attempts, last_outcome, claimed_by, claim_expires_at, created_at, updated_at, version`

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

type scanner interface{ Scan(dest ...any) error }

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func scanCallback(s scanner) (velocity.Callback, error) {
	var c velocity.Callback
	var agent, outcome, claimedBy sql.NullString
	var claimExp sql.NullInt64
	var ws, we, ca, ua int64
	var status string
	err := s.Scan(&c.TenantID, &c.ID, &c.TeamID, &agent, &c.CustomerName, &c.PhoneNumber, &c.Timezone,
		&ws, &we, &c.Notes, &c.Reason, &c.SourceInteractionID, &c.CreatedBy, &status, &c.Attempts,
		&c.MaxAttempts, &outcome, &claimedBy, &claimExp, &ca, &ua, &c.Version)
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
		nullTime(c.ClaimExpiresAt), micros(c.CreatedAt), micros(c.UpdatedAt), c.Version}
}

func getCallback(ctx context.Context, q querier, tenantID, id string) (velocity.Callback, error) {
	return scanCallback(q.QueryRowContext(ctx, `SELECT `+callbackCols+` FROM callbacks WHERE tenant_id = ? AND id = ?`, tenantID, id))
}

// writeTx is velocity.Tx on the write connection. SQLite has one writer at a time, so a
// row read here stays as read until the transaction ends.
type writeTx struct{ tx *sql.Tx }

func (w *writeTx) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return getCallback(ctx, w.tx, tenantID, id)
}

func (w *writeTx) FindOpenByPhone(ctx context.Context, tenantID, phone string) (velocity.Callback, error) {
	return scanCallback(w.tx.QueryRowContext(ctx, `SELECT `+callbackCols+` FROM callbacks
		WHERE tenant_id = ? AND phone_number = ? AND status IN ('scheduled', 'claimed')`, tenantID, phone))
}

func (w *writeTx) InsertCallback(ctx context.Context, c velocity.Callback) error {
	_, err := w.tx.ExecContext(ctx, `INSERT INTO callbacks (`+callbackCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, callbackArgs(c)...)
	return mapErr(err)
}

func (w *writeTx) UpdateCallback(ctx context.Context, c velocity.Callback, prevVersion int64) error {
	res, err := w.tx.ExecContext(ctx, `UPDATE callbacks SET team_id = ?, agent_id = ?, customer_name = ?,
		phone_number = ?, timezone = ?, window_start = ?, window_end = ?, notes = ?, reason = ?,
		status = ?, attempts = ?, max_attempts = ?, last_outcome = ?, claimed_by = ?, claim_expires_at = ?,
		updated_at = ?, version = ?
		WHERE tenant_id = ? AND id = ? AND version = ?`,
		c.TeamID, nullStr(c.AgentID), c.CustomerName, c.PhoneNumber, c.Timezone, micros(c.WindowStart),
		micros(c.WindowEnd), c.Notes, c.Reason, string(c.Status), c.Attempts, c.MaxAttempts,
		nullOutcome(c.LastOutcome), nullStr(c.ClaimedBy), nullTime(c.ClaimExpiresAt), micros(c.UpdatedAt),
		c.Version, c.TenantID, c.ID, prevVersion)
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
		res, err := w.tx.ExecContext(ctx, `INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, e.TenantID, e.CallbackID, string(e.Type), e.Actor.Account, e.Actor.AgentID, micros(e.At), string(payload))
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

func (w *writeTx) GetIdempotency(ctx context.Context, tenantID, key string) (velocity.Idempotency, error) {
	r := velocity.Idempotency{TenantID: tenantID, Key: key}
	var at int64
	err := w.tx.QueryRowContext(ctx, `SELECT request_hash, callback_id, created_at FROM idempotency_keys WHERE tenant_id = ? AND key = ?`,
		tenantID, key).Scan(&r.RequestHash, &r.CallbackID, &at)
	r.CreatedAt = fromMicros(at)
	return r, mapErr(err)
}

func (w *writeTx) PutIdempotency(ctx context.Context, r velocity.Idempotency) error {
	_, err := w.tx.ExecContext(ctx, `INSERT INTO idempotency_keys (tenant_id, key, request_hash, callback_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		r.TenantID, r.Key, r.RequestHash, r.CallbackID, micros(r.CreatedAt))
	return mapErr(err)
}

// GetCallback reads one callback.
func (s *Store) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return getCallback(ctx, s.read, tenantID, id)
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
	half := func(where string, args ...any) (string, []any) {
		a := append([]any{tenantID}, args...)
		a = append(a, afterArgs...)
		a = append(a, q.Limit)
		return `SELECT ` + callbackCols + ` FROM callbacks WHERE tenant_id = ?` + where + cond + after + order, a
	}
	var query string
	var args []any
	switch {
	case q.AgentID != "" && q.TeamID != "":
		q1, a1 := half(` AND agent_id = ?`, q.AgentID)
		q2, a2 := half(` AND team_id = ? AND agent_id IS NULL`, q.TeamID)
		query = `SELECT * FROM (` + q1 + `) UNION ALL SELECT * FROM (` + q2 + `) ORDER BY window_start, id LIMIT ?`
		args = append(append(a1, a2...), q.Limit)
	case q.AgentID != "":
		query, args = half(` AND agent_id = ?`, q.AgentID)
	case q.TeamID != "":
		query, args = half(` AND team_id = ?`, q.TeamID)
	default:
		query, args = half(``)
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := make([]velocity.Callback, 0, q.Limit)
	for rows.Next() {
		c, err := scanCallback(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
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
