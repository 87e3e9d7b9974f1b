package velocity

import (
	"github.com/customerdynamics/velocity/tzdb"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Text limits, in characters.
const (
	MaxIDLen     = 128
	MaxNameLen   = 250
	MaxNotesLen  = 2000
	MaxReasonLen = 500
)

// CreateInput is a request to schedule a callback. Only TeamID and PhoneNumber are
// required; see Callback for what the others mean and how they default.
type CreateInput struct {
	TeamID              string     `json:"teamId"`
	AgentID             *string    `json:"agentId"`
	CustomerName        string     `json:"customerName"`
	PhoneNumber         string     `json:"phoneNumber"`
	Country             string     `json:"country"`
	Timezone            string     `json:"timezone"`
	WindowStart         *time.Time `json:"windowStart"`
	WindowEnd           *time.Time `json:"windowEnd"`
	Notes               string     `json:"notes"`
	Reason              string     `json:"reason"`
	SourceInteractionID string     `json:"sourceInteractionId"`
	CreatedBy           string     `json:"createdBy"`
	MaxAttempts         *int       `json:"maxAttempts"`
}

// UpdateInput is a partial change: nil fields stay as they are. AgentIDSet with a nil
// AgentID hands the callback back to its team.
type UpdateInput struct {
	TeamID       *string
	AgentIDSet   bool
	AgentID      *string
	CustomerName *string
	PhoneNumber  *string
	Country      *string
	Timezone     *string
	WindowStart  *time.Time
	WindowEnd    *time.Time
	Notes        *string
	Reason       *string
	MaxAttempts  *int
}

type checker struct{ errs []FieldError }

func (c *checker) add(field, code, msg string) {
	c.errs = append(c.errs, FieldError{Field: field, Code: code, Message: msg})
}

func (c *checker) text(field, v string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		c.add(field, "required", "is required")
	case utf8.RuneCountInString(v) > max:
		c.add(field, "too_long", "must be at most "+strconv.Itoa(max)+" characters")
	case !CleanText(v, max > MaxIDLen):
		c.add(field, "invalid_text", "must be valid UTF-8 text without control characters")
	}
}

// CleanText reports whether s is valid UTF-8 without control characters; multiline
// text may hold tabs and line breaks.
func CleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			if multiline && (r == '\n' || r == '\r' || r == '\t') {
				continue
			}
			return false
		}
	}
	return true
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return ValidationError(c.errs...)
}

// zone validates an IANA zone name against the embedded time zone database.
func (c *checker) zone(field, name string) {
	if name == "" {
		return
	}
	if name == "Local" || len(name) > 64 {
		c.add(field, "invalid_timezone", "must be an IANA time zone such as America/New_York")
		return
	}
	if _, err := tzdb.Load(name); err != nil {
		c.add(field, "invalid_timezone", "must be an IANA time zone such as America/New_York")
	}
}

func (c *checker) region(field, code string) {
	if code != "" && !ValidRegion(code) {
		c.add(field, "invalid_country", "must be an ISO 3166 two-letter country code such as US or GB")
	}
}

// MaxWindow is the longest a callback's window may last.
const MaxWindow = 7 * 24 * time.Hour

// window checks a window against now and the policy. Together these bounds keep every
// stored time within a year or so of now.
func (c *checker) window(start, end, now time.Time, p Policy) {
	switch {
	case !end.After(start):
		c.add("windowEnd", "window_order", "must be after windowStart")
	case !end.After(now):
		c.add("windowEnd", "window_ended", "is in the past: the window has already ended")
	case end.Sub(start) > MaxWindow:
		c.add("windowEnd", "window_too_long", "must be at most 7 days after windowStart")
	}
	switch {
	case start.After(now.Add(p.MaxAhead)):
		c.add("windowStart", "too_far_ahead", "must be at most "+strconv.Itoa(int(p.MaxAhead/(24*time.Hour)))+" days ahead")
	case start.Before(now.Add(-24 * time.Hour)):
		c.add("windowStart", "too_far_past", "must be at most a day in the past")
	}
}

func (c *checker) maxAttempts(v *int, floor int) {
	if v == nil {
		return
	}
	switch {
	case *v < 1 || *v > MaxAttemptsLimit:
		c.add("maxAttempts", "out_of_range", "must be between 1 and "+strconv.Itoa(MaxAttemptsLimit))
	case *v <= floor && floor > 0:
		c.add("maxAttempts", "below_attempts", "must be more than the "+strconv.Itoa(floor)+" attempts already made")
	}
}

// Build validates the input and returns the new callback it describes, for tenant t at
// now: the number in E.164, the time zone given, else inferred from the number, else
// the tenant's; a missing window start means now, a missing end one policy window later.
func (in CreateInput) Build(t Tenant, p Policy, now time.Time) (Callback, error) {
	var c checker
	c.text("teamId", in.TeamID, MaxIDLen, true)
	if in.AgentID != nil {
		c.text("agentId", *in.AgentID, MaxIDLen, true)
	}
	c.text("customerName", in.CustomerName, MaxNameLen, false)
	c.text("notes", in.Notes, MaxNotesLen, false)
	c.text("reason", in.Reason, MaxReasonLen, false)
	c.text("sourceInteractionId", in.SourceInteractionID, MaxIDLen, false)
	c.text("createdBy", in.CreatedBy, MaxIDLen, false)
	c.region("country", in.Country)
	c.zone("timezone", in.Timezone)
	c.maxAttempts(in.MaxAttempts, 0)

	region := in.Country
	if region == "" {
		region = t.DefaultCountry
	}
	var phone, inferred string
	if in.Country == "" || ValidRegion(in.Country) {
		var fe *FieldError
		if phone, inferred, fe = ParsePhone("phoneNumber", in.PhoneNumber, region); fe != nil {
			c.errs = append(c.errs, *fe)
		}
	}
	start := now
	if in.WindowStart != nil {
		start = in.WindowStart.UTC().Truncate(time.Microsecond)
	}
	end := start.Add(p.DefaultWindow)
	if in.WindowEnd != nil {
		end = in.WindowEnd.UTC().Truncate(time.Microsecond)
	}
	c.window(start, end, now, p)
	if err := c.err(); err != nil {
		return Callback{}, err
	}

	zone := in.Timezone
	if zone == "" {
		zone = inferred
	}
	if zone == "" {
		zone = t.DefaultTimezone
	}
	loc := Location(zone)
	if in.WindowStart == nil {
		// As soon as possible means as soon as the customer's calling hours allow.
		if next, ok := p.NextCallable(start, loc); ok && next.After(start) {
			if in.WindowEnd == nil {
				end = next.Add(end.Sub(start))
			}
			start = next
		}
	}
	start, end, err := clipToHours(p, start, end, zone)
	if err != nil {
		return Callback{}, err
	}
	maxAttempts := p.MaxAttempts
	if in.MaxAttempts != nil {
		maxAttempts = *in.MaxAttempts
	}
	var agent *string
	if in.AgentID != nil {
		a := strings.TrimSpace(*in.AgentID)
		agent = &a
	}
	return Callback{
		TenantID:            t.ID,
		TeamID:              strings.TrimSpace(in.TeamID),
		AgentID:             agent,
		CustomerName:        strings.TrimSpace(in.CustomerName),
		PhoneNumber:         phone,
		Timezone:            zone,
		WindowStart:         start,
		WindowEnd:           end,
		Notes:               in.Notes,
		Reason:              in.Reason,
		SourceInteractionID: in.SourceInteractionID,
		CreatedBy:           in.CreatedBy,
		Status:              StatusScheduled,
		MaxAttempts:         maxAttempts,
		CreatedAt:           now,
		UpdatedAt:           now,
		Version:             1,
	}, nil
}

// Apply validates the change against cb and applies it, returning the changed fields
// (name to [old, new]) — empty when nothing changed. cb is left untouched on error.
func (u UpdateInput) Apply(cb *Callback, t Tenant, p Policy, now time.Time) (map[string]any, error) {
	var c checker
	if u.TeamID != nil {
		c.text("teamId", *u.TeamID, MaxIDLen, true)
	}
	if u.AgentIDSet && u.AgentID != nil {
		c.text("agentId", *u.AgentID, MaxIDLen, true)
	}
	if u.CustomerName != nil {
		c.text("customerName", *u.CustomerName, MaxNameLen, false)
	}
	if u.Notes != nil {
		c.text("notes", *u.Notes, MaxNotesLen, false)
	}
	if u.Reason != nil {
		c.text("reason", *u.Reason, MaxReasonLen, false)
	}
	if u.Country != nil {
		c.region("country", *u.Country)
	}
	if u.Timezone != nil {
		c.zone("timezone", *u.Timezone)
		if *u.Timezone == "" {
			c.add("timezone", "required", "cannot be empty")
		}
	}
	c.maxAttempts(u.MaxAttempts, cb.Attempts)

	next := *cb
	if u.PhoneNumber != nil || u.Country != nil {
		raw := next.PhoneNumber
		if u.PhoneNumber != nil {
			raw = *u.PhoneNumber
		}
		region := t.DefaultCountry
		if u.Country != nil && *u.Country != "" {
			region = *u.Country
		}
		phone, zone, fe := ParsePhone("phoneNumber", raw, region)
		if fe != nil {
			c.errs = append(c.errs, *fe)
		} else {
			next.PhoneNumber = phone
			if u.Timezone == nil && zone != "" && phone != cb.PhoneNumber {
				next.Timezone = zone
			}
		}
	}
	if u.WindowStart != nil || u.WindowEnd != nil {
		if u.WindowStart != nil {
			length := next.WindowEnd.Sub(next.WindowStart)
			next.WindowStart = u.WindowStart.UTC().Truncate(time.Microsecond)
			next.WindowEnd = next.WindowStart.Add(length)
		}
		if u.WindowEnd != nil {
			next.WindowEnd = u.WindowEnd.UTC().Truncate(time.Microsecond)
		}
		c.window(next.WindowStart, next.WindowEnd, now, p)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if u.WindowStart != nil || u.WindowEnd != nil || u.Timezone != nil {
		zone := next.Timezone
		if u.Timezone != nil {
			zone = *u.Timezone
		}
		s, e, err := clipToHours(p, next.WindowStart, next.WindowEnd, zone)
		if err != nil {
			return nil, err
		}
		next.WindowStart, next.WindowEnd = s, e
	}
	if u.TeamID != nil {
		next.TeamID = strings.TrimSpace(*u.TeamID)
	}
	if u.AgentIDSet {
		next.AgentID = nil
		if u.AgentID != nil {
			a := strings.TrimSpace(*u.AgentID)
			next.AgentID = &a
		}
	}
	if u.CustomerName != nil {
		next.CustomerName = strings.TrimSpace(*u.CustomerName)
	}
	if u.Notes != nil {
		next.Notes = *u.Notes
	}
	if u.Reason != nil {
		next.Reason = *u.Reason
	}
	if u.Timezone != nil {
		next.Timezone = *u.Timezone
	}
	if u.MaxAttempts != nil {
		next.MaxAttempts = *u.MaxAttempts
	}

	changes := map[string]any{}
	diff := func(name string, old, new any) {
		if old != new {
			changes[name] = []any{old, new}
		}
	}
	diff("teamId", cb.TeamID, next.TeamID)
	diff("agentId", cb.Owner(), next.Owner())
	diff("customerName", cb.CustomerName, next.CustomerName)
	diff("phoneNumber", cb.PhoneNumber, next.PhoneNumber)
	diff("timezone", cb.Timezone, next.Timezone)
	if !cb.WindowStart.Equal(next.WindowStart) {
		changes["windowStart"] = []any{cb.WindowStart, next.WindowStart}
	}
	if !cb.WindowEnd.Equal(next.WindowEnd) {
		changes["windowEnd"] = []any{cb.WindowEnd, next.WindowEnd}
	}
	diff("notes", cb.Notes, next.Notes)
	diff("reason", cb.Reason, next.Reason)
	diff("maxAttempts", cb.MaxAttempts, next.MaxAttempts)
	if len(changes) > 0 {
		if changes["windowStart"] != nil {
			next.DueNotifiedAt = nil
		}
		next.touch(now)
		*cb = next
	}
	return changes, nil
}

// clipToHours fits a window to the customer's calling hours, or refuses one that lies
// wholly outside them, naming the next allowed start.
func clipToHours(p Policy, start, end time.Time, zone string) (time.Time, time.Time, error) {
	loc := Location(zone)
	s, e, next, ok := p.ClipWindow(start, end, loc)
	if ok {
		return s, e, nil
	}
	msg := "lies wholly outside the customer's calling hours (" + zone + ")"
	extra := map[string]any{}
	if !next.IsZero() {
		msg += "; the next allowed start is " + next.In(loc).Format(time.RFC3339)
		extra["nextAllowedStart"] = next.UTC()
	}
	err := ValidationError(FieldError{Field: "windowStart", Code: "outside_calling_hours", Message: msg})
	err.Extra = extra
	return start, end, err
}
