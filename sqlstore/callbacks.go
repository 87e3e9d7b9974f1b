package sqlstore

import (
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// CallbackColumns are the callbacks table's columns in the order ScanCallback reads them
// and CallbackArgs writes them.
var CallbackColumns = []string{"tenant_id", "id", "team_id", "agent_id", "customer_name", "phone_number", "timezone",
	"window_start", "window_end", "notes", "reason", "source_interaction_id", "created_by", "status", "attempts",
	"max_attempts", "last_outcome", "claimed_by", "claim_expires_at", "created_at", "updated_at", "version", "due_notified_at",
	"first_attempt_at", "first_attempt_by", "first_outcome", "first_delay_us", "first_in_window", "fell_back_at", "fell_back_from",
	"closed_at", "closed_by", "close_reason"}

// CallbackCols is CallbackColumns as a SELECT or INSERT column list.
var CallbackCols = strings.Join(CallbackColumns, ", ")

// ScanCallback reads a row of CallbackCols. Its error is returned unchanged: the store
// maps it.
func (d Dialect) ScanCallback(row Scanner) (velocity.Callback, error) {
	var c velocity.Callback
	var status, reason string
	var outcome, first *string
	var delay *int64
	f := &c.Facts
	err := row.Scan(&c.TenantID, &c.ID, &c.TeamID, &c.AgentID, &c.CustomerName, &c.PhoneNumber, &c.Timezone,
		d.ScanTime(&c.WindowStart), d.ScanTime(&c.WindowEnd), &c.Notes, &c.Reason, &c.SourceInteractionID, &c.CreatedBy, &status, &c.Attempts,
		&c.MaxAttempts, &outcome, &c.ClaimedBy, d.ScanNullTime(&c.ClaimExpiresAt), d.ScanTime(&c.CreatedAt), d.ScanTime(&c.UpdatedAt), &c.Version,
		d.ScanNullTime(&c.DueNotifiedAt),
		d.ScanNullTime(&f.FirstAttemptAt), &f.FirstAttemptBy, &first, &delay, &f.FirstInWindow, d.ScanNullTime(&f.FellBackAt), &f.FellBackFrom,
		d.ScanNullTime(&f.ClosedAt), &f.ClosedBy, &reason)
	c.Status = velocity.Status(status)
	c.LastOutcome = outcomeOf(outcome)
	f.FirstOutcome = outcomeOf(first)
	f.CloseReason = velocity.CloseReason(reason)
	if delay != nil {
		dd := time.Duration(*delay) * time.Microsecond
		f.FirstDelay = &dd
	}
	return c, err
}

func outcomeOf(s *string) *velocity.Outcome {
	if s == nil {
		return nil
	}
	o := velocity.Outcome(*s)
	return &o
}

// factArgs returns c's Facts in CallbackColumns order.
func (d Dialect) factArgs(c velocity.Callback) []any {
	f := c.Facts
	var delay, inWindow any
	if f.FirstDelay != nil {
		delay = f.FirstDelay.Microseconds()
	}
	if f.FirstInWindow != nil {
		inWindow = *f.FirstInWindow
	}
	return []any{d.NullTimeArg(f.FirstAttemptAt), f.FirstAttemptBy, outcomeArg(f.FirstOutcome), delay, inWindow,
		d.NullTimeArg(f.FellBackAt), f.FellBackFrom, d.NullTimeArg(f.ClosedAt), f.ClosedBy, string(f.CloseReason)}
}

// CallbackArgs returns c's values in CallbackColumns order, for an INSERT (or a COPY).
func (d Dialect) CallbackArgs(c velocity.Callback) []any {
	return append([]any{c.TenantID, c.ID, c.TeamID, nullString(c.AgentID), c.CustomerName, c.PhoneNumber, c.Timezone,
		d.TimeArg(c.WindowStart), d.TimeArg(c.WindowEnd), c.Notes, c.Reason, c.SourceInteractionID, c.CreatedBy,
		string(c.Status), c.Attempts, c.MaxAttempts, outcomeArg(c.LastOutcome), nullString(c.ClaimedBy),
		d.NullTimeArg(c.ClaimExpiresAt), d.TimeArg(c.CreatedAt), d.TimeArg(c.UpdatedAt), c.Version, d.NullTimeArg(c.DueNotifiedAt)},
		d.factArgs(c)...)
}

// UpdateCallbackArgs returns the arguments of Queries.UpdateCallback: c's changeable
// values, then its key and the version the update expects to find.
func (d Dialect) UpdateCallbackArgs(c velocity.Callback, prevVersion int64) []any {
	args := []any{c.TeamID, nullString(c.AgentID), c.CustomerName, c.PhoneNumber, c.Timezone, d.TimeArg(c.WindowStart),
		d.TimeArg(c.WindowEnd), c.Notes, c.Reason, string(c.Status), c.Attempts, c.MaxAttempts,
		outcomeArg(c.LastOutcome), nullString(c.ClaimedBy), d.NullTimeArg(c.ClaimExpiresAt), d.TimeArg(c.UpdatedAt),
		c.Version, d.NullTimeArg(c.DueNotifiedAt)}
	args = append(args, d.factArgs(c)...)
	return append(args, c.TenantID, c.ID, prevVersion)
}

// nullString returns the argument that writes s to a nullable text column: nil writes
// NULL.
func nullString(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// outcomeArg is nullString for an outcome.
func outcomeArg(o *velocity.Outcome) any {
	if o == nil {
		return nil
	}
	return string(*o)
}

// IdempotencyCols is the idempotency_keys column list ScanIdempotency reads.
const IdempotencyCols = `tenant_id, key, request_hash, callback_id, created_at`

// ScanIdempotency reads a row of IdempotencyCols; its error is returned unchanged.
func (d Dialect) ScanIdempotency(row Scanner) (velocity.Idempotency, error) {
	var r velocity.Idempotency
	err := row.Scan(&r.TenantID, &r.Key, &r.RequestHash, &r.CallbackID, d.ScanTime(&r.CreatedAt))
	return r, err
}
