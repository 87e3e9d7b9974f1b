package velocity

import (
	"strings"
	"time"
)

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
			c.add("timezone", FieldRequired, "cannot be empty")
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
	// A new zone, given or brought by a new number, has its own calling hours.
	if u.WindowStart != nil || u.WindowEnd != nil || u.Timezone != nil || next.Timezone != cb.Timezone {
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
		if changes["windowEnd"] != nil {
			next.OverdueNotifiedAt = nil
		}
		next.touch(now)
		*cb = next
	}
	return changes, nil
}
