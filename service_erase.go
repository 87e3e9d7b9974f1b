package velocity

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErasedText replaces a customer's name and free text wherever an erasure finds them.
const ErasedText = "[erased]"

// ErasedNumberPrefix starts the number an erased callback gets in place of the
// customer's: "erased:" and random hex, different for every callback, so that erased
// callbacks cannot be linked by their number.
const ErasedNumberPrefix = "erased:"

// EraseResult says what erasing a customer did.
type EraseResult struct {
	// Callbacks are the ids of the customer's callbacks (every callback of the number),
	// whose name, notes, reason and number were replaced; Cancelled those of them that
	// were open and were cancelled.
	Callbacks []string `json:"callbacks"`
	Cancelled []string `json:"cancelled"`
	// Mentioning counts other callbacks whose history held the number (it was changed
	// to another one); the number was removed from their history.
	Mentioning int `json:"mentioning"`
	// Events and AuditEntries count the history entries and audit entries rewritten.
	Events       int `json:"events"`
	AuditEntries int `json:"auditEntries"`
	// WebhookDeliveries counts the webhook deliveries deleted (with their attempts,
	// pending ones included): every one of the customer's callbacks, and those of the
	// mentioning callbacks that hold the number or the customer's texts. Each body is a
	// copy of the callback.
	WebhookDeliveries int `json:"webhookDeliveries"`
	// DoNotCall reports that the number is on the do-not-call list: that entry is kept,
	// number included, so that the customer is still not called.
	DoNotCall bool `json:"doNotCall"`
}

// eraseBatch is how many callbacks one erasure transaction rewrites.
const eraseBatch = 50

// EraseCustomer removes the personal data of the customer reached at a number (in any
// common format; country, else the tenant's default region, reads it): every callback of
// the number gets ErasedText as its name, empty notes and reason, and a number of its own
// starting ErasedNumberPrefix; an open one is cancelled (reason "erased"). Their history
// is rewritten so that no entry holds the name, notes, reason or number, nor the notes of
// attempts; the audit entries about them, and any other history or audit entry holding the
// number, are scrubbed likewise, and the webhook deliveries of all these callbacks are
// deleted. A do-not-call entry for the number is kept. One audit
// entry, customer.erase, records the erasure without the erased data: its target is the
// number of callbacks. Each batch of callbacks is one transaction, so a failed erasure run
// again finishes the work.
func (s *Service) EraseCustomer(ctx context.Context, p Principal, raw, country string) (EraseResult, error) {
	res := EraseResult{Callbacks: []string{}, Cancelled: []string{}}
	var c checker
	c.region("country", country)
	if err := c.err(); err != nil {
		return res, err
	}
	if country == "" {
		country = p.Tenant.DefaultCountry
	}
	phone, _, fe := ParsePhone("phoneNumber", raw, country)
	if fe != nil {
		return res, ValidationError(*fe)
	}
	sc := newScrubber(phone)
	for {
		n, err := s.eraseBatch(ctx, p, sc, &res)
		if err != nil {
			return res, err
		}
		if n < eraseBatch {
			break
		}
	}
	if err := s.scrubMentions(ctx, p, sc, &res); err != nil {
		return res, err
	}
	if err := s.scrubAuditMentions(ctx, p, sc, &res); err != nil {
		return res, err
	}
	dnc, err := s.Store.IsDoNotCall(ctx, p.Tenant.ID, phone)
	if err != nil {
		return res, err
	}
	res.DoNotCall = dnc
	target := strconv.Itoa(len(res.Callbacks)) + " callbacks"
	return res, s.recordAudit(ctx, p, "customer.erase", target, nil, res)
}

// eraseBatch erases up to eraseBatch callbacks of the number in one transaction and
// returns how many it found.
func (s *Service) eraseBatch(ctx context.Context, p Principal, sc *scrubber, res *EraseResult) (int, error) {
	var events []Event
	var found, rewritten, audited, deliveries int
	var ids, cancelled []string
	err := s.Store.Write(ctx, func(tx Tx) error {
		events, found, rewritten, audited, deliveries, ids, cancelled = nil, 0, 0, 0, 0, nil, nil
		cbs, err := tx.CallbacksByPhone(ctx, p.Tenant.ID, sc.number, eraseBatch)
		if err != nil || len(cbs) == 0 {
			return err
		}
		found = len(cbs)
		now := s.now()
		histories := make([][]Event, len(cbs))
		for i, cb := range cbs {
			if histories[i], err = tx.History(ctx, p.Tenant.ID, cb.ID); err != nil {
				return err
			}
			sc.erase(cb.ID)
			sc.learn(cb)
			for _, e := range histories[i] {
				sc.learnEvent(e)
			}
			ids = append(ids, cb.ID)
		}
		var changed []Event
		for _, h := range histories {
			for _, e := range h {
				if sc.event(&e) {
					changed = append(changed, e)
				}
			}
		}
		if err := tx.RewriteEvents(ctx, changed); err != nil {
			return err
		}
		rewritten = len(changed)
		for _, cb := range cbs {
			prev := cb.Version
			ev := Event{Type: EventUpdated, Data: map[string]any{"reason": "erased"}}
			if cb.Status.Open() {
				if err := cb.Cancel(now, "", CloseCustomer); err != nil { // the customer asked to be forgotten
					return err
				}
				ev.Type = EventCancelled
				cancelled = append(cancelled, cb.ID)
			} else {
				cb.touch(now)
			}
			sc.callback(&cb)
			if err := tx.UpdateCallback(ctx, cb, prev); err != nil {
				return err
			}
			ev.TenantID, ev.CallbackID, ev.Actor, ev.At, ev.Callback = p.Tenant.ID, cb.ID, Actor{Account: p.Username}, now, cb
			events = append(events, ev)
		}
		if audited, err = scrubAudit(ctx, tx, p.Tenant.ID, sc, nil, ids); err != nil {
			return err
		}
		if err := tx.DeleteIdempotency(ctx, p.Tenant.ID, ids); err != nil {
			return err
		}
		// Before the events of the erasure itself are appended: those may make new
		// deliveries (callback.cancelled), which carry only the erased callback.
		if deliveries, err = tx.DeleteDeliveries(ctx, p.Tenant.ID, ids, nil); err != nil {
			return err
		}
		events, err = tx.AppendEvents(ctx, events)
		return err
	})
	if err != nil {
		return 0, err
	}
	res.Callbacks = append(res.Callbacks, ids...)
	res.Cancelled = append(res.Cancelled, cancelled...)
	res.Events += rewritten
	res.AuditEntries += audited
	res.WebhookDeliveries += deliveries
	s.publish(events)
	return found, nil
}

// scrubMentions removes the number from the history of other callbacks that held it
// before it was changed.
func (s *Service) scrubMentions(ctx context.Context, p Principal, sc *scrubber, res *EraseResult) error {
	after := ""
	for {
		ids, err := s.Store.CallbacksMentioning(ctx, p.Tenant.ID, sc.number, after, eraseBatch)
		if err != nil || len(ids) == 0 {
			return err
		}
		after = ids[len(ids)-1]
		var rewritten, deliveries int
		err = s.Store.Write(ctx, func(tx Tx) error {
			rewritten, deliveries = 0, 0
			refs := make([]CallbackRef, len(ids))
			for i, id := range ids {
				refs[i] = CallbackRef{TenantID: p.Tenant.ID, ID: id}
			}
			// Locked, so that no change of theirs records an event meanwhile.
			if _, err := tx.GetCallbacks(ctx, refs); err != nil {
				return err
			}
			var changed []Event
			for _, id := range ids {
				h, err := tx.History(ctx, p.Tenant.ID, id)
				if err != nil {
					return err
				}
				for _, e := range h {
					if sc.event(&e) {
						changed = append(changed, e)
					}
				}
			}
			rewritten = len(changed)
			if err := tx.RewriteEvents(ctx, changed); err != nil {
				return err
			}
			// The bodies that hold the number (as it was before it changed) or the
			// customer's texts.
			deliveries, err = tx.DeleteDeliveries(ctx, p.Tenant.ID, ids, sc.holds)
			return err
		})
		if err != nil {
			return err
		}
		res.Mentioning += len(ids)
		res.Events += rewritten
		res.WebhookDeliveries += deliveries
		if len(ids) < eraseBatch {
			return nil
		}
	}
}

// scrubAuditMentions scrubs the audit entries that hold the number besides those about
// the customer's callbacks (the do-not-call list's, say).
func (s *Service) scrubAuditMentions(ctx context.Context, p Principal, sc *scrubber, res *EraseResult) error {
	var after int64
	for {
		ids, err := s.Store.AuditMentioning(ctx, p.Tenant.ID, sc.number, after, MaxAuditLimit)
		if err != nil || len(ids) == 0 {
			return err
		}
		after = ids[len(ids)-1]
		var n int
		err = s.Store.Write(ctx, func(tx Tx) error {
			var err error
			n, err = scrubAudit(ctx, tx, p.Tenant.ID, sc, ids, nil)
			return err
		})
		if err != nil {
			return err
		}
		res.AuditEntries += n
		if len(ids) < MaxAuditLimit {
			return nil
		}
	}
}

// scrubAudit scrubs the tenant's audit entries with an id in ids or a target in targets
// and returns how many it changed.
func scrubAudit(ctx context.Context, tx Tx, tenantID string, sc *scrubber, ids []int64, targets []string) (int, error) {
	entries, err := tx.AuditEntries(ctx, tenantID, ids, targets)
	if err != nil {
		return 0, err
	}
	var changed []AuditEntry
	for _, e := range entries {
		if sc.audit(&e) {
			changed = append(changed, e)
		}
	}
	return len(changed), tx.RewriteAudit(ctx, changed)
}

// scrubber rewrites recorded values so that they hold none of one customer's data: the
// number, the customer's names, notes and reasons (secrets, as learned from their
// callbacks and history), and, in the records of their callbacks (erased), every
// personal field.
type scrubber struct {
	number  string
	secrets map[string]bool
	erased  map[string]string // erased callback id -> the number it gets instead
}

func newScrubber(number string) *scrubber {
	return &scrubber{number: number, secrets: map[string]bool{}, erased: map[string]string{}}
}

// freeText are the keys of recorded values that people type freely, in which a name or
// a note may appear within other text.
var freeText = map[string]bool{"customerName": true, "notes": true, "reason": true, "detail": true}

// personal are a callback's fields that hold the customer's data, as recorded in
// history and audit entries.
var personal = []string{"customerName", "phoneNumber", "notes", "reason"}

// erase marks a callback as the customer's: its records lose every personal field.
func (sc *scrubber) erase(id string) {
	if _, ok := sc.erased[id]; !ok {
		var b [8]byte
		_, _ = rand.Read(b[:])
		sc.erased[id] = ErasedNumberPrefix + hex.EncodeToString(b[:])
	}
}

func (sc *scrubber) secret(s string) {
	if s = strings.TrimSpace(s); s != "" && s != ErasedText {
		sc.secrets[s] = true
	}
}

// learn records a callback's texts as the customer's.
func (sc *scrubber) learn(cb Callback) {
	sc.secret(cb.CustomerName)
	sc.secret(cb.Notes)
	sc.secret(cb.Reason)
}

// learnEvent records the texts an event of the customer's holds: the callback as it
// stood, the notes of an attempt, the old and new values of an edit.
func (sc *scrubber) learnEvent(e Event) {
	sc.learn(e.Callback)
	if n, ok := e.Data["notes"].(string); ok {
		sc.secret(n)
	}
	changes, _ := e.Data["changes"].(map[string]any)
	for _, k := range personal {
		if pair, ok := changes[k].([]any); ok {
			for _, v := range pair {
				if s, ok := v.(string); ok && k != "phoneNumber" {
					sc.secret(s)
				}
			}
		}
	}
}

// callback scrubs a callback (a row, or one recorded in an event) and reports whether it
// changed.
func (sc *scrubber) callback(cb *Callback) bool {
	was := *cb
	if marker, ok := sc.erased[cb.ID]; ok {
		cb.CustomerName, cb.PhoneNumber, cb.Notes, cb.Reason = ErasedText, marker, "", ""
	} else {
		cb.PhoneNumber = sc.text("phoneNumber", cb.PhoneNumber)
		cb.CustomerName = sc.text("customerName", cb.CustomerName)
		cb.Notes = sc.text("notes", cb.Notes)
		cb.Reason = sc.text("reason", cb.Reason)
	}
	return was.CustomerName != cb.CustomerName || was.PhoneNumber != cb.PhoneNumber || was.Notes != cb.Notes || was.Reason != cb.Reason
}

// event scrubs a recorded event and reports whether it changed.
func (sc *scrubber) event(e *Event) bool {
	changed := sc.callback(&e.Callback)
	if e.Data == nil {
		return changed
	}
	if _, ok := sc.erased[e.CallbackID]; ok {
		// The customer's own callback: what an attempt's notes said, and every personal
		// field an edit changed, go whatever they held.
		if n, ok := e.Data["notes"].(string); ok && n != ErasedText {
			e.Data["notes"], changed = ErasedText, true
		}
		if changes, ok := e.Data["changes"].(map[string]any); ok {
			for _, k := range personal {
				if pair, ok := changes[k].([]any); ok && !(len(pair) == 2 && pair[0] == ErasedText && pair[1] == ErasedText) {
					changes[k], changed = []any{ErasedText, ErasedText}, true
				}
			}
		}
	}
	v, ch := sc.value("", e.Data)
	e.Data = v.(map[string]any)
	return changed || ch
}

// audit scrubs an audit entry and reports whether it changed.
func (sc *scrubber) audit(e *AuditEntry) bool {
	target := replaceNumber(e.Target, sc.number)
	before, c1 := sc.value("", e.Before)
	after, c2 := sc.value("", e.After)
	changed := target != e.Target || c1 || c2
	e.Target, e.Before, e.After = target, before, after
	return changed
}

// value scrubs a decoded JSON value found under key; maps are changed in place.
func (sc *scrubber) value(key string, v any) (any, bool) {
	switch x := v.(type) {
	case string:
		t := sc.text(key, x)
		return t, t != x
	case []any:
		changed := false
		for i, el := range x {
			var c bool
			x[i], c = sc.value(key, el)
			changed = changed || c
		}
		return x, changed
	case map[string]any:
		changed := false
		if id, _ := x["id"].(string); id != "" {
			if marker, ok := sc.erased[id]; ok && x["phoneNumber"] != nil {
				// A callback of the customer's, as the API shows it.
				for k, to := range map[string]string{"customerName": ErasedText, "phoneNumber": marker, "notes": "", "reason": ""} {
					if x[k] != to {
						x[k], changed = to, true
					}
				}
			}
		}
		for k, el := range x {
			var c bool
			x[k], c = sc.value(k, el)
			changed = changed || c
		}
		return x, changed
	}
	return v, false
}

// minSecret is the shortest secret looked for within free text: shorter ones are
// replaced only where they are the whole value.
const minSecret = 3

// text scrubs one recorded text found under key.
func (sc *scrubber) text(key, s string) string {
	if sc.secrets[strings.TrimSpace(s)] {
		return ErasedText
	}
	s = replaceNumber(s, sc.number)
	if freeText[key] {
		for secret := range sc.secrets {
			if utf8.RuneCountInString(secret) >= minSecret {
				s = strings.ReplaceAll(s, secret, ErasedText)
			}
		}
	}
	return s
}

// holds reports whether a recorded body holds the number (not as the start of a longer
// number) or one of the customer's texts, as text would scrub them.
func (sc *scrubber) holds(body string) bool {
	if replaceNumber(body, sc.number) != body {
		return true
	}
	for secret := range sc.secrets {
		if utf8.RuneCountInString(secret) >= minSecret && strings.Contains(body, secret) {
			return true
		}
	}
	return false
}

// replaceNumber replaces each occurrence of an E.164 number in s that is not the start
// of a longer number with ErasedText.
func replaceNumber(s, number string) string {
	if number == "" || !strings.Contains(s, number) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, number)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(number)
		if end < len(s) && s[end] >= '0' && s[end] <= '9' {
			b.WriteString(s[:end])
		} else {
			b.WriteString(s[:i] + ErasedText)
		}
		s = s[end:]
	}
}
