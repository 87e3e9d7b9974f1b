package velocity

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// BulkAction is the change a bulk request makes to each of its callbacks.
type BulkAction string

const (
	BulkReassign   BulkAction = "reassign"   // to an agent (AgentID) or back to the team (ToTeam), optionally to another team
	BulkReschedule BulkAction = "reschedule" // to a new window (WindowStart, optionally WindowEnd)
	BulkShift      BulkAction = "shift"      // move the window by Hours (negative: earlier)
	BulkCancel     BulkAction = "cancel"     // with a Reason
)

// MaxBulkItems is the most callbacks one bulk request changes; MaxShiftHours the
// furthest a shift moves a window.
const (
	MaxBulkItems  = 10_000
	MaxShiftHours = 31 * 24
)

// BulkInput is one change to many callbacks: those named by IDs, or every callback that
// Filter matches when the request is made (exactly one of the two).
type BulkInput struct {
	IDs         []string
	Filter      *SearchQuery
	Action      BulkAction
	AgentID     *string // reassign: to this agent
	ToTeam      bool    // reassign: to no agent (the team's)
	TeamID      *string // reassign: to this team
	WindowStart *time.Time
	WindowEnd   *time.Time
	Hours       *float64
	Reason      string
}

// BulkItem is what happened to one callback of a bulk request: changed, or the problem
// that refused it (its code and message, as the API would answer for that callback).
type BulkItem struct {
	ID      string `json:"id"`
	OK      bool   `json:"ok"`
	Code    Code   `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

// BulkResult lists each callback's result, in the order of the request's ids (or of the
// filter's search order), and counts them.
type BulkResult struct {
	Action    BulkAction `json:"action"`
	Total     int        `json:"total"`
	Succeeded int        `json:"succeeded"`
	Failed    int        `json:"failed"`
	Items     []BulkItem `json:"items"`
}

// check validates the request as a whole: which callbacks, the action and its values.
func (in BulkInput) check() error {
	var c checker
	switch {
	case len(in.IDs) == 0 && in.Filter == nil:
		c.add("ids", FieldRequired, "give the callbacks' ids, or a filter that selects them")
	case len(in.IDs) > 0 && in.Filter != nil:
		c.add("filter", FieldInvalid, "give either ids or a filter, not both")
	case len(in.IDs) > MaxBulkItems:
		c.add("ids", FieldTooMany, "at most "+strconv.Itoa(MaxBulkItems)+" callbacks per request; split it")
	}
	for i, id := range in.IDs {
		c.text("ids["+strconv.Itoa(i)+"]", id, MaxIDLen, true)
	}
	unused := func(field string, set bool) {
		if set {
			c.add(field, FieldInvalid, "is not used by the action "+string(in.Action))
		}
	}
	switch in.Action {
	case BulkReassign:
		if (in.AgentID != nil) == in.ToTeam {
			c.add("agentId", FieldRequired, "give agentId (to an agent) or toTeam: true (to no agent), one of them")
		}
		if in.AgentID != nil {
			c.text("agentId", *in.AgentID, MaxIDLen, true)
		}
		if in.TeamID != nil {
			c.text("teamId", *in.TeamID, MaxIDLen, true)
		}
		unused("windowStart", in.WindowStart != nil)
		unused("windowEnd", in.WindowEnd != nil)
		unused("hours", in.Hours != nil)
		unused("reason", in.Reason != "")
	case BulkReschedule:
		if in.WindowStart == nil {
			c.add("windowStart", FieldRequired, "is required to reschedule")
		}
		unused("agentId", in.AgentID != nil)
		unused("toTeam", in.ToTeam)
		unused("teamId", in.TeamID != nil)
		unused("hours", in.Hours != nil)
		unused("reason", in.Reason != "")
	case BulkShift:
		switch {
		case in.Hours == nil:
			c.add("hours", FieldRequired, "is required to shift")
		case *in.Hours == 0 || *in.Hours > MaxShiftHours || *in.Hours < -MaxShiftHours:
			c.add("hours", FieldOutOfRange, "must be a non-zero number of hours from -"+strconv.Itoa(MaxShiftHours)+" to "+strconv.Itoa(MaxShiftHours))
		}
		unused("agentId", in.AgentID != nil)
		unused("toTeam", in.ToTeam)
		unused("teamId", in.TeamID != nil)
		unused("windowStart", in.WindowStart != nil)
		unused("windowEnd", in.WindowEnd != nil)
		unused("reason", in.Reason != "")
	case BulkCancel:
		c.text("reason", in.Reason, MaxReasonLen, true)
		unused("agentId", in.AgentID != nil)
		unused("toTeam", in.ToTeam)
		unused("teamId", in.TeamID != nil)
		unused("windowStart", in.WindowStart != nil)
		unused("windowEnd", in.WindowEnd != nil)
		unused("hours", in.Hours != nil)
	default:
		c.add("action", FieldInvalid, "must be one of reassign, reschedule, shift, cancel")
	}
	return c.err()
}

// Bulk applies one change to many callbacks, each in its own transaction through the
// same rules a single change uses (Update, Cancel), so the rules, events, history and
// audit trail apply to each; a callback an agent is dialing right now is left alone
// (already_claimed). One callback refused (being dialed, already closed) does not stop
// the others, and its problem is reported in its item. A filter
// selects the callbacks it matches when the request is made; more than MaxBulkItems is
// refused whole. The request itself is recorded in the audit trail (callbacks.bulk).
// It needs PermBulk.
func (s *Service) Bulk(ctx context.Context, p Principal, in BulkInput) (BulkResult, error) {
	if err := p.Require(PermBulk); err != nil {
		return BulkResult{}, err
	}
	if err := in.check(); err != nil {
		return BulkResult{}, err
	}
	ids := in.IDs
	if in.Filter != nil {
		var err error
		ids, err = s.matching(ctx, p, *in.Filter)
		if err != nil {
			return BulkResult{}, err
		}
	}
	ids = dedupe(ids)
	apply := s.bulkChange(p, in)
	res := BulkResult{Action: in.Action, Total: len(ids), Items: make([]BulkItem, len(ids))}
	for i, id := range ids {
		item := BulkItem{ID: id, OK: true}
		if err := ctx.Err(); err != nil {
			item = BulkItem{ID: id, Code: CodeTimeout, Message: "Not attempted: the request ended first."}
		} else if err := apply(ctx, id); err != nil {
			item = bulkFailure(id, err)
		}
		if item.OK {
			res.Succeeded++
		} else {
			res.Failed++
		}
		res.Items[i] = item
	}
	summary := map[string]any{"action": in.Action, "total": res.Total, "succeeded": res.Succeeded, "failed": res.Failed}
	if in.Filter != nil {
		summary["filter"] = in.Filter.Encode()
	}
	if err := s.recordAudit(context.WithoutCancel(ctx), p, "callbacks.bulk", "", nil, summary); err != nil {
		return res, err
	}
	return res, nil
}

// matching returns the ids of the callbacks q matches, refusing more than MaxBulkItems.
func (s *Service) matching(ctx context.Context, p Principal, q SearchQuery) ([]string, error) {
	var ids []string
	_, more, err := s.Export(ctx, p, q, MaxBulkItems, func(cb Callback) error {
		ids = append(ids, cb.ID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if more {
		return nil, ValidationError(FieldError{Field: "filter", Code: FieldTooMany,
			Message: "matches more than " + strconv.Itoa(MaxBulkItems) + " callbacks; narrow it, or change them in several requests"})
	}
	return ids, nil
}

// bulkChange returns the change in makes to one callback. A bulk change leaves alone a
// callback an agent is dialing right now (notDialing).
func (s *Service) bulkChange(p Principal, in BulkInput) func(ctx context.Context, id string) error {
	fixed := func(u UpdateInput) func(Callback) UpdateInput { return func(Callback) UpdateInput { return u } }
	var input func(Callback) UpdateInput
	switch in.Action {
	case BulkReassign:
		input = fixed(UpdateInput{AgentIDSet: true, AgentID: in.AgentID, TeamID: in.TeamID})
	case BulkReschedule:
		input = fixed(UpdateInput{WindowStart: in.WindowStart, WindowEnd: in.WindowEnd})
	case BulkShift:
		d := time.Duration(*in.Hours * float64(time.Hour))
		input = func(cb Callback) UpdateInput {
			start, end := cb.WindowStart.Add(d), cb.WindowEnd.Add(d)
			return UpdateInput{WindowStart: &start, WindowEnd: &end}
		}
	default:
		return func(ctx context.Context, id string) error {
			_, err := s.cancel(ctx, p, id, "", in.Reason, notDialing)
			return err
		}
	}
	return func(ctx context.Context, id string) error {
		_, err := s.update(ctx, p, id, "", nil, notDialing, input)
		return err
	}
}

// notDialing refuses a callback whose claim is live: an agent is dialing it.
func notDialing(cb *Callback, now time.Time) error {
	if h := cb.Holder(); h != "" && cb.LeaseActive(now) {
		return ErrAlreadyClaimed.With(h+" is dialing this callback right now; change it after they record the call or release it.",
			map[string]any{"claimedBy": h, "claimExpiresAt": cb.ClaimExpiresAt})
	}
	return nil
}

// bulkFailure is the item of a callback the change was refused for: its problem's code
// and message; a fault of ours is reported without its cause.
func bulkFailure(id string, err error) BulkItem {
	e, ok := AsError(err)
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return BulkItem{ID: id, Code: CodeTimeout, Message: "The request ended before this callback was changed."}
	case !ok || e.Code == CodeInternal:
		info, _ := LookupCode(CodeInternal)
		return BulkItem{ID: id, Code: CodeInternal, Message: info.Meaning}
	}
	return BulkItem{ID: id, Code: e.Code, Message: e.Message}
}

func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
