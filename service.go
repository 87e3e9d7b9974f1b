package velocity

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Principal is who a request acts as: a tenant and one of its system accounts.
type Principal struct {
	Tenant    Tenant
	AccountID string
	Username  string
}

// Service applies the callback rules. Each method that changes a callback runs in one
// store transaction (read with a row lock, apply the rule, write, record the event),
// then publishes the recorded events to the Bus.
type Service struct {
	Store  Store
	Bus    Bus
	Clock  Clock
	Policy func(ctx context.Context, tenantID string) (Policy, error) // nil means DefaultPolicy
	// Rules, when set, holds the do-not-call lists that creates and claims check.
	Rules RulesStore
}

// checkNumber refuses a number for a new or changed callback: on the do-not-call list
// (when the service keeps rules), or with another open callback (not self).
func (s *Service) checkNumber(ctx context.Context, tx Tx, tenantID, phone, self string) error {
	if s.Rules != nil {
		dnc, err := tx.IsDoNotCall(ctx, tenantID, phone)
		if err != nil {
			return err
		}
		if dnc {
			return dncField()
		}
	}
	open, err := tx.FindOpenByPhone(ctx, tenantID, phone)
	switch {
	case err == nil && open.ID != self:
		return duplicateOf(open)
	case err != nil && !errors.Is(err, ErrNotFound):
		return err
	}
	return nil
}

func dncField() error {
	return ValidationError(FieldError{Field: "phoneNumber", Code: "do_not_call", Message: "is on the do-not-call list"})
}

// MaxListLimit is the most callbacks one list page returns; DefaultListLimit when the
// request names no limit.
const (
	MaxListLimit     = 500
	DefaultListLimit = 50
)

func (s *Service) now() time.Time { return s.Clock.Now() }

func (s *Service) policy(ctx context.Context, tenantID string) (Policy, error) {
	if s.Policy == nil {
		return DefaultPolicy(), nil
	}
	return s.Policy(ctx, tenantID)
}

func (s *Service) publish(events []Event) {
	if s.Bus != nil && len(events) > 0 {
		s.Bus.Publish(events)
	}
}

// Create schedules a callback. With a non-empty idemKey, a repeat of the same request
// returns the callback the first one made (replayed=true) and creates nothing; the same
// key with a different body is ErrIdempotencyMismatch. A second open callback for the same
// number is ErrDuplicateOpen, naming the open one in Extra["existingId"].
func (s *Service) Create(ctx context.Context, p Principal, agentID string, in CreateInput, idemKey string) (cb Callback, replayed bool, err error) {
	pol, err := s.policy(ctx, p.Tenant.ID)
	if err != nil {
		return Callback{}, false, err
	}
	now := s.now()
	if in.CreatedBy == "" {
		in.CreatedBy = agentID
	}
	if in.CreatedBy == "" {
		in.CreatedBy = p.Username
	}
	reqHash := hashRequest(in)
	// A retry with a key is answered with the first result even if the request would no
	// longer validate (its window has ended, its number was listed since).
	if idemKey != "" {
		var found bool
		err := s.Store.Write(ctx, func(tx Tx) error {
			rec, err := tx.GetIdempotency(ctx, p.Tenant.ID, idemKey)
			if errors.Is(err, ErrNotFound) {
				return nil
			} else if err != nil {
				return err
			}
			if rec.RequestHash != reqHash {
				return ErrIdempotencyMismatch
			}
			found = true
			cb, err = tx.GetCallback(ctx, p.Tenant.ID, rec.CallbackID)
			return err
		})
		if err != nil || found {
			return cb, found, err
		}
	}
	draft, err := in.Build(p.Tenant, pol, now)
	if err != nil {
		return Callback{}, false, err
	}
	draft.ID = NewID("cb_")

	var events []Event
	err = s.Store.Write(ctx, func(tx Tx) error {
		events = nil
		if idemKey != "" {
			rec, err := tx.GetIdempotency(ctx, p.Tenant.ID, idemKey)
			switch {
			case err == nil:
				if rec.RequestHash != reqHash {
					return ErrIdempotencyMismatch
				}
				cb, err = tx.GetCallback(ctx, p.Tenant.ID, rec.CallbackID)
				replayed = true
				return err
			case !errors.Is(err, ErrNotFound):
				return err
			}
		}
		if err := s.checkNumber(ctx, tx, p.Tenant.ID, draft.PhoneNumber, ""); err != nil {
			return err
		}
		if err := tx.InsertCallback(ctx, draft); err != nil {
			if errors.Is(err, ErrDuplicateOpen) {
				if open, ferr := tx.FindOpenByPhone(ctx, p.Tenant.ID, draft.PhoneNumber); ferr == nil {
					return duplicateOf(open)
				}
			}
			return err
		}
		if idemKey != "" {
			if err := tx.PutIdempotency(ctx, Idempotency{TenantID: p.Tenant.ID, Key: idemKey, RequestHash: reqHash, CallbackID: draft.ID, CreatedAt: now}); err != nil {
				return err
			}
		}
		events, err = tx.AppendEvents(ctx, []Event{{
			TenantID: p.Tenant.ID, CallbackID: draft.ID, Type: EventCreated,
			Actor: Actor{Account: p.Username, AgentID: agentID}, At: now, Callback: draft,
		}})
		cb = draft
		return err
	})
	if err != nil {
		return Callback{}, false, err
	}
	s.publish(events)
	return cb, replayed, nil
}

func duplicateOf(open Callback) error {
	return ErrDuplicateOpen.With("", map[string]any{"existingId": open.ID, "existingStatus": open.Status})
}

func hashRequest(in CreateInput) string {
	b, _ := json.Marshal(in)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Get returns one of the tenant's callbacks.
func (s *Service) Get(ctx context.Context, p Principal, id string) (Callback, error) {
	return s.Store.GetCallback(ctx, p.Tenant.ID, id)
}

// History returns a callback's recorded events, oldest first.
func (s *Service) History(ctx context.Context, p Principal, id string) ([]Event, error) {
	if _, err := s.Store.GetCallback(ctx, p.Tenant.ID, id); err != nil {
		return nil, err
	}
	return s.Store.History(ctx, p.Tenant.ID, id)
}

// List returns a page of callbacks and the cursor of the next page ("" on the last).
func (s *Service) List(ctx context.Context, p Principal, q ListQuery) ([]Callback, string, error) {
	if q.Limit <= 0 {
		q.Limit = DefaultListLimit
	}
	want := q.Limit
	q.Limit++
	if len(q.Statuses) == 0 {
		q.Statuses = OpenStatuses
	}
	items, err := s.Store.ListCallbacks(ctx, p.Tenant.ID, q)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(items) > want {
		items = items[:want]
		last := items[want-1]
		next = EncodeCursor(Cursor{WindowStart: last.WindowStart, ID: last.ID})
	}
	return items, next, nil
}

// EncodeCursor returns the opaque text form of c.
func EncodeCursor(c Cursor) string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.WindowStart.UTC().Format(time.RFC3339Nano) + "|" + c.ID))
}

// DecodeCursor parses a cursor made by EncodeCursor.
func DecodeCursor(s string) (Cursor, error) {
	bad := InvalidError("invalid_cursor", "The cursor is not one this server issued; start again without it.", FieldError{Field: "cursor", Code: "invalid", Message: "is not a valid cursor"})
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, bad
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok || id == "" || !CleanText(id, false) {
		return Cursor{}, bad
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Cursor{}, bad
	}
	return Cursor{WindowStart: t, ID: id}, nil
}

// change is what a rule did to a callback: the events to record (Type and Data set).
type change []Event

// mutate loads the callback in a write transaction, lets rule change it, writes it back
// and records the events the rule returns. ifMatch, when not nil, must equal the stored
// version. A rule returning no events changes nothing.
func (s *Service) mutate(ctx context.Context, p Principal, id, agentID string, ifMatch *int64, rule func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error)) (Callback, error) {
	pol, err := s.policy(ctx, p.Tenant.ID)
	if err != nil {
		return Callback{}, err
	}
	var out Callback
	var events []Event
	err = s.Store.Write(ctx, func(tx Tx) error {
		events = nil
		cb, err := tx.GetCallback(ctx, p.Tenant.ID, id)
		if err != nil {
			return err
		}
		if ifMatch != nil && *ifMatch != cb.Version {
			return ErrVersionMismatch.With("", map[string]any{"currentVersion": cb.Version})
		}
		before := Owner{TeamID: cb.TeamID, AgentID: cb.AgentID}
		prev := cb.Version
		now := s.now()
		evs, err := rule(tx, &cb, pol, now)
		if err != nil {
			return err
		}
		out = cb
		if len(evs) == 0 {
			return nil
		}
		if err := tx.UpdateCallback(ctx, cb, prev); err != nil {
			return err
		}
		moved := before.TeamID != cb.TeamID || before.AgentID == nil != (cb.AgentID == nil) ||
			(before.AgentID != nil && cb.AgentID != nil && *before.AgentID != *cb.AgentID)
		for i := range evs {
			evs[i].TenantID = p.Tenant.ID
			evs[i].CallbackID = cb.ID
			evs[i].Actor = Actor{Account: p.Username, AgentID: agentID}
			evs[i].At = now
			evs[i].Callback = cb
			if moved {
				evs[i].Before = &before
			}
		}
		events, err = tx.AppendEvents(ctx, evs)
		return err
	})
	if err != nil {
		return Callback{}, err
	}
	s.publish(events)
	return out, nil
}

// Update edits, reschedules or reassigns an open callback. With ifMatch set, a stale
// version is ErrVersionMismatch and nothing changes.
func (s *Service) Update(ctx context.Context, p Principal, id, agentID string, u UpdateInput, ifMatch *int64) (Callback, error) {
	return s.mutate(ctx, p, id, agentID, ifMatch, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if !cb.Status.Open() {
			return nil, ErrInvalidTransition.With("A "+string(cb.Status)+" callback can no longer be edited.", map[string]any{"currentStatus": cb.Status})
		}
		holder, owner := cb.Holder(), cb.Owner()
		changes, err := u.Apply(cb, p.Tenant, pol, now)
		if err != nil || len(changes) == 0 {
			return nil, err
		}
		if changes["phoneNumber"] != nil {
			if err := s.checkNumber(ctx, tx, p.Tenant.ID, cb.PhoneNumber, cb.ID); err != nil {
				return nil, err
			}
		}
		// Giving a callback to an agent while another agent is dialing it would leave
		// the claim with someone who may no longer take it.
		if newOwner := cb.Owner(); newOwner != owner && newOwner != "" && holder != "" && holder != newOwner && cb.LeaseActive(now) {
			return nil, ErrAlreadyClaimed.With(holder+" is dialing this callback; reassign it after they release it or record the call.",
				map[string]any{"claimedBy": holder, "claimExpiresAt": cb.ClaimExpiresAt})
		}

		return change{{Type: EventUpdated, Data: map[string]any{"changes": changes}}}, nil
	})
}

// Claim gives agentID the lease to dial the callback (see Callback.Claim).
func (s *Service) Claim(ctx context.Context, p Principal, id, agentID string) (Callback, error) {
	if err := requireAgent(agentID); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		renew := cb.Status == StatusClaimed && cb.Holder() == agentID
		// The rules are checked again at dial time, whatever the window says.
		if loc := Location(cb.Timezone); !pol.CallableAt(now, loc) && cb.Status.Open() {
			next, _ := pol.NextCallable(now, loc)
			return nil, ErrOutsideHours.With("It is "+now.In(loc).Format("Mon 15:04")+" for the customer ("+cb.Timezone+"), outside their calling hours; dial from "+next.In(loc).Format("Mon 15:04")+" their time.",
				map[string]any{"nextCallableAt": next.UTC(), "timezone": cb.Timezone})
		}
		if s.Rules != nil && cb.Status.Open() {
			if dnc, err := tx.IsDoNotCall(ctx, p.Tenant.ID, cb.PhoneNumber); err != nil {
				return nil, err
			} else if dnc {
				return nil, ErrDoNotCall
			}
		}
		if err := cb.Claim(agentID, now, pol.ClaimLease); err != nil {
			return nil, err
		}
		return change{{Type: EventClaimed, Data: map[string]any{"renewed": renew, "claimExpiresAt": cb.ClaimExpiresAt}}}, nil
	})
}

// Release gives agentID's claim back.
func (s *Service) Release(ctx context.Context, p Principal, id, agentID string) (Callback, error) {
	if err := requireAgent(agentID); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if err := cb.Release(agentID, now); err != nil {
			return nil, err
		}
		return change{{Type: EventReleased}}, nil
	})
}

// AttemptInput is one dial's result as the agent reports it.
type AttemptInput struct {
	AgentID       string     `json:"agentId"`
	Outcome       Outcome    `json:"outcome"`
	Notes         string     `json:"notes"`
	InteractionID string     `json:"interactionId"`
	RetryAt       *time.Time `json:"retryAt"`
}

// RecordAttempt records a dial by the agent holding the claim (see Callback.Attempt); a
// retry is scheduled at in.RetryAt, else after the policy's delay for the outcome.
func (s *Service) RecordAttempt(ctx context.Context, p Principal, id string, in AttemptInput) (Callback, error) {
	var c checker
	c.text("agentId", in.AgentID, MaxIDLen, true)
	if !in.Outcome.Valid() {
		c.add("outcome", "invalid_outcome", "must be one of connected, no_answer, busy, voicemail, invalid_number, declined")
	}
	c.text("notes", in.Notes, MaxNotesLen, false)
	c.text("interactionId", in.InteractionID, MaxIDLen, false)
	if err := c.err(); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, in.AgentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		retryAt := now.Add(pol.RetryDelay(in.Outcome))
		if in.RetryAt != nil {
			retryAt = in.RetryAt.UTC().Truncate(time.Microsecond)
			var c checker
			if !retryAt.After(now) {
				c.add("retryAt", "in_past", "must be in the future")
			} else if retryAt.After(now.Add(pol.MaxAhead)) {
				c.add("retryAt", "too_far_ahead", "must be within the scheduling horizon")
			}
			if err := c.err(); err != nil {
				return nil, err
			}
		}
		// A retry waits for the customer's next calling hours.
		if next, ok := pol.NextCallable(retryAt, Location(cb.Timezone)); ok {
			retryAt = next
		}
		if err := cb.Attempt(in.AgentID, in.Outcome, retryAt, now); err != nil {
			return nil, err
		}
		data := map[string]any{"attempt": cb.Attempts, "outcome": in.Outcome}
		if in.Notes != "" {
			data["notes"] = in.Notes
		}
		if in.InteractionID != "" {
			data["interactionId"] = in.InteractionID
		}
		if cb.Status == StatusScheduled {
			data["retryAt"] = cb.WindowStart
		}
		evs := change{{Type: EventAttempted, Data: data}}
		switch cb.Status {
		case StatusCompleted:
			evs = append(evs, Event{Type: EventCompleted, Data: map[string]any{"outcome": in.Outcome}})
		case StatusFailed:
			reason := "max_attempts"
			if in.Outcome == OutcomeInvalidNumber {
				reason = "invalid_number"
			}
			evs = append(evs, Event{Type: EventFailed, Data: map[string]any{"reason": reason}})
		}
		return evs, nil
	})
}

// Cancel withdraws an open callback, recording the reason.
func (s *Service) Cancel(ctx context.Context, p Principal, id, agentID, reason string) (Callback, error) {
	var c checker
	c.text("reason", reason, MaxReasonLen, false)
	c.text("agentId", agentID, MaxIDLen, false)
	if err := c.err(); err != nil {
		return Callback{}, err
	}
	return s.mutate(ctx, p, id, agentID, nil, func(tx Tx, cb *Callback, pol Policy, now time.Time) (change, error) {
		if err := cb.Cancel(now); err != nil {
			return nil, err
		}
		var data map[string]any
		if reason != "" {
			data = map[string]any{"reason": reason}
		}
		return change{{Type: EventCancelled, Data: data}}, nil
	})
}

func requireAgent(agentID string) error {
	var c checker
	c.text("agentId", agentID, MaxIDLen, true)
	return c.err()
}
