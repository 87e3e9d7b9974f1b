package postgres

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const callbackCols = `tenant_id, id, team_id, agent_id, customer_name, phone_number, timezone,
	window_start, window_end, notes, reason, source_interaction_id, created_by, status, attempts,
	max_attempts, last_outcome, claimed_by, claim_expires_at, created_at, updated_at, version, due_notified_at`

// openStatuses is velocity.OpenStatuses as the partial indexes spell it.
const openStatuses = `'scheduled', 'claimed'`

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func scanCallback(row pgx.Row) (velocity.Callback, error) {
	var c velocity.Callback
	var status string
	var outcome *string
	err := row.Scan(&c.TenantID, &c.ID, &c.TeamID, &c.AgentID, &c.CustomerName, &c.PhoneNumber, &c.Timezone,
		&c.WindowStart, &c.WindowEnd, &c.Notes, &c.Reason, &c.SourceInteractionID, &c.CreatedBy, &status, &c.Attempts,
		&c.MaxAttempts, &outcome, &c.ClaimedBy, &c.ClaimExpiresAt, &c.CreatedAt, &c.UpdatedAt, &c.Version, &c.DueNotifiedAt)
	if err != nil {
		return velocity.Callback{}, mapErr(err)
	}
	c.Status = velocity.Status(status)
	if outcome != nil {
		o := velocity.Outcome(*outcome)
		c.LastOutcome = &o
	}
	c.WindowStart, c.WindowEnd = utc(c.WindowStart), utc(c.WindowEnd)
	c.CreatedAt, c.UpdatedAt = utc(c.CreatedAt), utc(c.UpdatedAt)
	c.ClaimExpiresAt, c.DueNotifiedAt = utcPtr(c.ClaimExpiresAt), utcPtr(c.DueNotifiedAt)
	return c, nil
}

func outcomeArg(p *velocity.Outcome) *string {
	if p == nil {
		return nil
	}
	s := string(*p)
	return &s
}

func callbackArgs(c velocity.Callback) []any {
	return []any{c.TenantID, c.ID, c.TeamID, c.AgentID, c.CustomerName, c.PhoneNumber, c.Timezone,
		c.WindowStart, c.WindowEnd, c.Notes, c.Reason, c.SourceInteractionID, c.CreatedBy,
		string(c.Status), c.Attempts, c.MaxAttempts, outcomeArg(c.LastOutcome), c.ClaimedBy,
		c.ClaimExpiresAt, c.CreatedAt, c.UpdatedAt, c.Version, c.DueNotifiedAt}
}

// writeTx is velocity.Tx on one PostgreSQL transaction (READ COMMITTED).
type writeTx struct {
	tx pgx.Tx
}

// GetCallback reads a callback and locks its row (FOR UPDATE) until the transaction ends:
// a second transaction claiming the same callback, on any server, waits here and then
// reads the row as the first one left it.
func (w *writeTx) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	return scanCallback(w.tx.QueryRow(ctx, `SELECT `+callbackCols+` FROM callbacks WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, tenantID, id))
}

// IsDoNotCall reads the do-not-call list on the transaction's own connection.
func (w *writeTx) IsDoNotCall(ctx context.Context, tenantID, phone string) (bool, error) {
	var listed bool
	err := w.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM do_not_call WHERE tenant_id = $1 AND phone_number = $2)`, tenantID, phone).Scan(&listed)
	return listed, mapErr(err)
}

func (w *writeTx) FindOpenByPhone(ctx context.Context, tenantID, phone string) (velocity.Callback, error) {
	return scanCallback(w.tx.QueryRow(ctx, `SELECT `+callbackCols+` FROM callbacks
		WHERE tenant_id = $1 AND phone_number = $2 AND status IN (`+openStatuses+`)`, tenantID, phone))
}

// InsertCallback adds a callback. A concurrent open callback for the same number is
// reported as ErrDuplicateOpen without an error in the transaction (ON CONFLICT on the
// open-number index), so that the caller can still look the open one up.
func (w *writeTx) InsertCallback(ctx context.Context, c velocity.Callback) error {
	tag, err := w.tx.Exec(ctx, `INSERT INTO callbacks (`+callbackCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
		ON CONFLICT (tenant_id, phone_number) WHERE status IN (`+openStatuses+`) DO NOTHING`, callbackArgs(c)...)
	if err != nil {
		return mapErr(err)
	}
	if tag.RowsAffected() == 0 {
		return velocity.ErrDuplicateOpen
	}
	return nil
}

func (w *writeTx) UpdateCallback(ctx context.Context, c velocity.Callback, prevVersion int64) error {
	tag, err := w.tx.Exec(ctx, `UPDATE callbacks SET team_id = $1, agent_id = $2, customer_name = $3,
		phone_number = $4, timezone = $5, window_start = $6, window_end = $7, notes = $8, reason = $9,
		status = $10, attempts = $11, max_attempts = $12, last_outcome = $13, claimed_by = $14, claim_expires_at = $15,
		updated_at = $16, version = $17, due_notified_at = $18
		WHERE tenant_id = $19 AND id = $20 AND version = $21`,
		c.TeamID, c.AgentID, c.CustomerName, c.PhoneNumber, c.Timezone, c.WindowStart,
		c.WindowEnd, c.Notes, c.Reason, string(c.Status), c.Attempts, c.MaxAttempts,
		outcomeArg(c.LastOutcome), c.ClaimedBy, c.ClaimExpiresAt, c.UpdatedAt,
		c.Version, c.DueNotifiedAt, c.TenantID, c.ID, prevVersion)
	if err != nil {
		return mapErr(err)
	}
	if tag.RowsAffected() != 1 {
		return velocity.ErrStaleWrite
	}
	return nil
}

type eventPayload struct {
	Data     map[string]any    `json:"data,omitempty"`
	Before   *velocity.Owner   `json:"before,omitempty"`
	Callback velocity.Callback `json:"callback"`
}

const insertEvent = `INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload)
	VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`

// AppendEvents records events in one round trip and returns them with their ids.
func (w *writeTx) AppendEvents(ctx context.Context, events []velocity.Event) ([]velocity.Event, error) {
	out := make([]velocity.Event, len(events))
	b := &pgx.Batch{}
	for i, e := range events {
		payload, err := json.Marshal(eventPayload{Data: e.Data, Before: e.Before, Callback: e.Callback})
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
		b.Queue(insertEvent, e.TenantID, e.CallbackID, string(e.Type), e.Actor.Account, e.Actor.AgentID, e.At, string(payload))
	}
	res := w.tx.SendBatch(ctx, b)
	for i := range out {
		if err := res.QueryRow().Scan(&out[i].ID); err != nil {
			res.Close()
			return nil, mapErr(err)
		}
	}
	if err := res.Close(); err != nil {
		return nil, mapErr(err)
	}
	return out, nil
}

// GetIdempotency returns the record of an Idempotency-Key. It first takes a transaction
// lock on the key, so that two requests with the same new key, on any servers, run one
// after the other and the second replays the first.
func (w *writeTx) GetIdempotency(ctx context.Context, tenantID, key string) (velocity.Idempotency, error) {
	if _, err := w.tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('velocity_idem:' || $1 || ':' || $2, 0))`, tenantID, key); err != nil {
		return velocity.Idempotency{}, mapErr(err)
	}
	r := velocity.Idempotency{TenantID: tenantID, Key: key}
	err := w.tx.QueryRow(ctx, `SELECT request_hash, callback_id, created_at FROM idempotency_keys WHERE tenant_id = $1 AND key = $2`,
		tenantID, key).Scan(&r.RequestHash, &r.CallbackID, &r.CreatedAt)
	r.CreatedAt = utc(r.CreatedAt)
	return r, mapErr(err)
}

func (w *writeTx) PutIdempotency(ctx context.Context, r velocity.Idempotency) error {
	_, err := w.tx.Exec(ctx, `INSERT INTO idempotency_keys (tenant_id, key, request_hash, callback_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
		r.TenantID, r.Key, r.RequestHash, r.CallbackID, r.CreatedAt)
	return mapErr(err)
}

// GetCallback reads one callback.
func (s *Store) GetCallback(ctx context.Context, tenantID, id string) (velocity.Callback, error) {
	var c velocity.Callback
	err := s.with(ctx, func(ctx context.Context, conn *pgxpool.Conn) error {
		var err error
		c, err = scanCallback(conn.QueryRow(ctx, `SELECT `+callbackCols+` FROM callbacks WHERE tenant_id = $1 AND id = $2`, tenantID, id))
		return err
	})
	return c, err
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

// listQuery builds the statement for ListCallbacks. For an agent of a team it is a UNION
// ALL of two ordered, limited halves, each served by its own partial index (the agent's
// open callbacks, the team's unassigned open ones), merged and limited again.
func listQuery(tenantID string, q velocity.ListQuery) (string, []any) {
	statuses := q.Statuses
	if len(statuses) == 0 {
		statuses = velocity.OpenStatuses
	}
	args := []any{tenantID, q.Limit}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	cond := ` AND status IN (` + statusList(statuses) + `)`
	var after string
	if q.After != nil {
		after = ` AND (window_start, id) > (` + arg(q.After.WindowStart) + `, ` + arg(q.After.ID) + `)`
	}
	half := func(where string) string {
		return `SELECT ` + callbackCols + ` FROM callbacks WHERE tenant_id = $1` + where + cond + after + ` ORDER BY window_start, id LIMIT $2`
	}
	switch {
	case q.AgentID != "" && q.TeamID != "":
		agent, team := arg(q.AgentID), arg(q.TeamID)
		return `(` + half(` AND agent_id = `+agent) + `) UNION ALL (` + half(` AND team_id = `+team+` AND agent_id IS NULL`) +
			`) ORDER BY window_start, id LIMIT $2`, args
	case q.AgentID != "":
		return half(` AND agent_id = ` + arg(q.AgentID)), args
	case q.TeamID != "":
		return half(` AND team_id = ` + arg(q.TeamID)), args
	default:
		return half(``), args
	}
}

// ListCallbacks returns a page of callbacks in (window_start, id) order.
func (s *Store) ListCallbacks(ctx context.Context, tenantID string, q velocity.ListQuery) ([]velocity.Callback, error) {
	query, args := listQuery(tenantID, q)
	out := make([]velocity.Callback, 0, q.Limit)
	err := s.with(ctx, func(ctx context.Context, conn *pgxpool.Conn) error {
		rows, err := conn.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCallback(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

const eventCols = `id, tenant_id, callback_id, type, actor_account, actor_agent, at, payload`

func scanEvents(rows pgx.Rows) ([]velocity.Event, error) {
	defer rows.Close()
	var out []velocity.Event
	for rows.Next() {
		var e velocity.Event
		var typ string
		var payload []byte
		if err := rows.Scan(&e.ID, &e.TenantID, &e.CallbackID, &typ, &e.Actor.Account, &e.Actor.AgentID, &e.At, &payload); err != nil {
			return nil, mapErr(err)
		}
		e.Type = velocity.EventType(typ)
		e.At = utc(e.At)
		var p eventPayload
		if err := json.Unmarshal(payload, &p); err != nil {
			return nil, err
		}
		e.Data, e.Before, e.Callback = p.Data, p.Before, p.Callback
		e.Callback.TenantID = e.TenantID
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

func (s *Store) queryEvents(ctx context.Context, query string, args ...any) ([]velocity.Event, error) {
	var out []velocity.Event
	err := s.with(ctx, func(ctx context.Context, conn *pgxpool.Conn) error {
		rows, err := conn.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		out, err = scanEvents(rows)
		return err
	})
	return out, err
}

// History returns a callback's events, oldest first.
func (s *Store) History(ctx context.Context, tenantID, callbackID string) ([]velocity.Event, error) {
	return s.queryEvents(ctx, `SELECT `+eventCols+` FROM callback_events WHERE tenant_id = $1 AND callback_id = $2 ORDER BY id`, tenantID, callbackID)
}

// EventsAfter returns events after afterID in ID order, for one tenant or all. Event ids
// become visible in commit order, which is not always id order: a reader that must not
// miss events (the Bus) watches for gaps.
func (s *Store) EventsAfter(ctx context.Context, tenantID string, afterID int64, limit int) ([]velocity.Event, error) {
	if tenantID == "" {
		return s.queryEvents(ctx, `SELECT `+eventCols+` FROM callback_events WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	}
	return s.queryEvents(ctx, `SELECT `+eventCols+` FROM callback_events WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3`, tenantID, afterID, limit)
}

// LastEventID returns the highest event id.
func (s *Store) LastEventID(ctx context.Context) (int64, error) {
	var id *int64
	err := s.with(ctx, func(ctx context.Context, conn *pgxpool.Conn) error {
		return conn.QueryRow(ctx, `SELECT max(id) FROM callback_events`).Scan(&id)
	})
	if id == nil {
		return 0, err
	}
	return *id, err
}
