package velocity

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
)

// DoNotCall is one number a tenant must not call.
type DoNotCall struct {
	TenantID    string    `json:"-"`
	PhoneNumber string    `json:"phoneNumber"`
	Reason      string    `json:"reason"`
	AddedBy     string    `json:"addedBy"`
	AddedAt     time.Time `json:"addedAt"`
}

// DoNotCallInput is a number to put on the do-not-call list, in any common format.
type DoNotCallInput struct {
	PhoneNumber string `json:"phoneNumber"`
	Country     string `json:"country"`
	Reason      string `json:"reason"`
}

// DoNotCallResult says what adding numbers did.
type DoNotCallResult struct {
	Added     int      `json:"added"`     // numbers newly listed
	Cancelled []string `json:"cancelled"` // ids of open callbacks cancelled because their number was listed
}

// normalizeDNC validates one input and returns its entry, or the field error.
func normalizeDNC(p Principal, in DoNotCallInput, now time.Time) (DoNotCall, *FieldError) {
	var c checker
	c.text("reason", in.Reason, MaxReasonLen, false)
	c.region("country", in.Country)
	if len(c.errs) > 0 {
		return DoNotCall{}, &c.errs[0]
	}
	region := in.Country
	if region == "" {
		region = p.Tenant.DefaultCountry
	}
	phone, _, fe := ParsePhone("phoneNumber", in.PhoneNumber, region)
	if fe != nil {
		return DoNotCall{}, fe
	}
	return DoNotCall{TenantID: p.Tenant.ID, PhoneNumber: phone, Reason: strings.TrimSpace(in.Reason), AddedBy: p.Username, AddedAt: now}, nil
}

// AddDoNotCall puts numbers on the tenant's do-not-call list and cancels their open
// callbacks, recording the reason in each one's history.
func (s *Service) AddDoNotCall(ctx context.Context, p Principal, inputs []DoNotCallInput) (DoNotCallResult, error) {
	now := s.now()
	var entries []DoNotCall
	var c checker
	for _, in := range inputs {
		e, fe := normalizeDNC(p, in, now)
		if fe != nil {
			c.errs = append(c.errs, *fe)
			continue
		}
		entries = append(entries, e)
	}
	if err := c.err(); err != nil {
		return DoNotCallResult{}, err
	}
	return s.addDNC(ctx, p, entries)
}

// dncBatch is how many numbers one transaction lists and cancels.
const dncBatch = 500

func (s *Service) addDNC(ctx context.Context, p Principal, entries []DoNotCall) (DoNotCallResult, error) {
	res := DoNotCallResult{Cancelled: []string{}}
	for len(entries) > 0 {
		batch := entries[:min(dncBatch, len(entries))]
		entries = entries[len(batch):]
		n, err := s.Store.AddDoNotCall(ctx, batch)
		if err != nil {
			return res, err
		}
		numbers := make([]string, len(batch))
		for i, e := range batch {
			numbers[i] = e.PhoneNumber
		}
		target := numbers[0]
		if len(numbers) > 1 {
			target = strconv.Itoa(len(numbers)) + " numbers"
		}
		if err := s.recordAudit(ctx, p, "doNotCall.add", target, nil, map[string]any{"numbers": numbers, "reason": batch[0].Reason}); err != nil {
			return res, err
		}
		res.Added += n
		ids, err := s.cancelOpen(ctx, p, batch)
		if err != nil {
			return res, err
		}
		res.Cancelled = append(res.Cancelled, ids...)
	}
	return res, nil
}

// cancelOpen cancels the open callbacks of listed numbers, in one transaction.
func (s *Service) cancelOpen(ctx context.Context, p Principal, batch []DoNotCall) ([]string, error) {
	var events []Event
	var ids []string
	err := s.Store.Write(ctx, func(tx Tx) error {
		events, ids = nil, nil
		now := s.now()
		for _, e := range batch {
			cb, err := tx.FindOpenByPhone(ctx, p.Tenant.ID, e.PhoneNumber)
			if errors.Is(err, ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			prev := cb.Version
			if err := cb.Cancel(now, "", CloseDoNotCall); err != nil {
				return err
			}
			if err := tx.UpdateCallback(ctx, cb, prev); err != nil {
				return err
			}
			data := map[string]any{"reason": string(CloseDoNotCall)}
			if e.Reason != "" {
				data["detail"] = e.Reason
			}
			events = append(events, Event{TenantID: p.Tenant.ID, CallbackID: cb.ID, Type: EventCancelled,
				Actor: Actor{Account: p.Username, AgentID: p.Agent}, At: now, Data: data, Callback: cb})
			ids = append(ids, cb.ID)
		}
		if len(events) == 0 {
			return nil
		}
		var err error
		events, err = tx.AppendEvents(ctx, events)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.publish(events)
	return ids, nil
}

// RemoveDoNotCall takes a number off the list.
func (s *Service) RemoveDoNotCall(ctx context.Context, p Principal, raw, country string) error {
	e, fe := normalizeDNC(p, DoNotCallInput{PhoneNumber: raw, Country: country}, s.now())
	if fe != nil {
		return ValidationError(*fe)
	}
	err := s.Store.RemoveDoNotCall(ctx, p.Tenant.ID, e.PhoneNumber)
	if errors.Is(err, ErrNotFound) {
		return ErrNotFound.With("This number is not on the do-not-call list.", nil)
	}
	if err != nil {
		return err
	}
	return s.recordAudit(ctx, p, "doNotCall.remove", e.PhoneNumber, map[string]any{"phoneNumber": e.PhoneNumber}, nil)
}

// ListDoNotCall returns up to limit of the tenant's do-not-call entries ordered by
// number, after the given one ("" for the first page).
func (s *Service) ListDoNotCall(ctx context.Context, p Principal, after string, limit int) ([]DoNotCall, error) {
	return s.Store.ListDoNotCall(ctx, p.Tenant.ID, after, limit)
}

// IsDoNotCall reports whether an E.164 number is on the tenant's do-not-call list.
func (s *Service) IsDoNotCall(ctx context.Context, p Principal, phone string) (bool, error) {
	return s.Store.IsDoNotCall(ctx, p.Tenant.ID, phone)
}
