package velocity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
)

// Create schedules a callback. With a non-empty idemKey, a repeat of the same request
// returns the callback the first one made (replayed=true) and creates nothing; the same
// key with a different body is ErrIdempotencyMismatch. A second open callback for the same
// number is ErrDuplicateOpen, naming the open one in Extra["existingId"].
func (s *Service) Create(ctx context.Context, p Principal, agentID string, in CreateInput, idemKey string) (cb Callback, replayed bool, err error) {
	if err := p.ActsAs("X-Agent-Id", agentID); err != nil {
		return Callback{}, false, err
	}
	if in.AgentID != nil {
		if err := p.reassignable(*in.AgentID, agentID); err != nil {
			return Callback{}, false, err
		}
	}
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
			Actor: Actor{Account: p.Username, AgentID: p.actor(agentID)}, At: now, Callback: draft,
		}})
		cb = draft
		if err != nil || !p.audited() {
			return err
		}
		return tx.AppendAudit(ctx, []AuditEntry{auditEntry(p, now, "callback.created", draft.ID, nil, draft)})
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

// checkNumber refuses a number for a new or changed callback: on the do-not-call list,
// or with another open callback (not self).
func (s *Service) checkNumber(ctx context.Context, tx Tx, tenantID, phone, self string) error {
	dnc, err := tx.IsDoNotCall(ctx, tenantID, phone)
	if err != nil {
		return err
	}
	if dnc {
		return dncField()
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
	return ValidationError(FieldError{Field: "phoneNumber", Code: FieldDoNotCall, Message: "is on the do-not-call list"})
}
