package velocity

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

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
	if s.Rules == nil {
		return DoNotCallResult{}, ErrNoRules
	}
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
		n, err := s.Rules.AddDoNotCall(ctx, batch)
		if err != nil {
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
			if err := cb.Cancel(now); err != nil {
				return err
			}
			if err := tx.UpdateCallback(ctx, cb, prev); err != nil {
				return err
			}
			data := map[string]any{"reason": "do_not_call"}
			if e.Reason != "" {
				data["detail"] = e.Reason
			}
			events = append(events, Event{TenantID: p.Tenant.ID, CallbackID: cb.ID, Type: EventCancelled,
				Actor: Actor{Account: p.Username}, At: now, Data: data, Callback: cb})
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
	if s.Rules == nil {
		return ErrNoRules
	}
	e, fe := normalizeDNC(p, DoNotCallInput{PhoneNumber: raw, Country: country}, s.now())
	if fe != nil {
		return ValidationError(*fe)
	}
	err := s.Rules.RemoveDoNotCall(ctx, p.Tenant.ID, e.PhoneNumber)
	if errors.Is(err, ErrNotFound) {
		return ErrNotFound.With("This number is not on the do-not-call list.", nil)
	}
	return err
}

// ImportReport says what a do-not-call import did: every line is counted once as added,
// already listed, or an error (with its line number); good lines are kept whatever the
// bad ones.
type ImportReport struct {
	Lines         int           `json:"lines"`
	Added         int           `json:"added"`
	AlreadyListed int           `json:"alreadyListed"`
	Cancelled     []string      `json:"cancelled"`
	Errors        []ImportError `json:"errors"`
}

// ImportError is one bad line of an import.
type ImportError struct {
	Line    int    `json:"line"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// MaxImportLines bounds one do-not-call import.
const MaxImportLines = 100_000

// ImportDoNotCall reads CSV lines "phoneNumber[,reason[,country]]" (a first line naming
// the columns is skipped) and lists every valid number, reporting the others by line.
func (s *Service) ImportDoNotCall(ctx context.Context, p Principal, r io.Reader) (ImportReport, error) {
	if s.Rules == nil {
		return ImportReport{}, ErrNoRules
	}
	rep := ImportReport{Errors: []ImportError{}, Cancelled: []string{}}
	now := s.now()
	seen := map[string]bool{}
	var entries []DoNotCall
	// Each physical line is parsed on its own, so a malformed line (a stray quote) can
	// spoil only itself and line numbers are exact.
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		rep.Lines++
		if rep.Lines > MaxImportLines {
			return rep, ValidationError(FieldError{Field: "body", Code: "too_many_lines", Message: "an import may have at most 100000 lines; split the file"})
		}
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord = -1
		cr.TrimLeadingSpace = true
		rec, err := cr.Read()
		if err != nil {
			rep.Errors = append(rep.Errors, ImportError{Line: line, Value: truncate(text, 64), Message: "not valid CSV: " + errors.Unwrap(err).Error()})
			continue
		}
		if rep.Lines == 1 && strings.Contains(strings.ToLower(rec[0]), "phone") {
			rep.Lines--
			continue // a header
		}
		in := DoNotCallInput{PhoneNumber: rec[0]}
		if len(rec) > 1 {
			in.Reason = rec[1]
		}
		if len(rec) > 2 {
			in.Country = strings.TrimSpace(rec[2])
		}
		e, fe := normalizeDNC(p, in, now)
		if fe != nil {
			rep.Errors = append(rep.Errors, ImportError{Line: line, Value: truncate(rec[0], 64), Message: fe.Field + " " + fe.Message})
			continue
		}
		if seen[e.PhoneNumber] {
			rep.AlreadyListed++
			continue
		}
		seen[e.PhoneNumber] = true
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return rep, ValidationError(FieldError{Field: "body", Code: "line_too_long", Message: fmt.Sprintf("line %d is over 64 KiB; is this a CSV of phone numbers?", line+1)})
		}
		return rep, err
	}
	res, err := s.addDNC(ctx, p, entries)
	if err != nil {
		return rep, err
	}
	rep.Added = res.Added
	rep.AlreadyListed += len(entries) - res.Added
	rep.Cancelled = res.Cancelled
	return rep, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
