package velocity

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

var weekdayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// PolicyDoc is a Policy as JSON: what the admin API and CLI read and write. Every field
// is optional in an update; callingHours days map to {"start":"08:00","end":"21:00"} or
// null for a closed day.
type PolicyDoc struct {
	CallingHours        map[string]*HoursDoc `json:"callingHours,omitempty"`
	Holidays            []string             `json:"holidays,omitempty"`
	MaxDaysAhead        *int                 `json:"maxDaysAhead,omitempty"`
	ClaimLeaseMinutes   *int                 `json:"claimLeaseMinutes,omitempty"`
	RetryDelayMinutes   map[string]int       `json:"retryDelayMinutes,omitempty"`
	MaxAttempts         *int                 `json:"maxAttempts,omitempty"`
	TeamFallbackMinutes *int                 `json:"teamFallbackMinutes,omitempty"`
	// Retention, in days (see Retention).
	CallbackRetentionDays *int          `json:"callbackRetentionDays,omitempty"`
	EventLogRetentionDays *int          `json:"eventLogRetentionDays,omitempty"`
	AuditRetentionDays    *int          `json:"auditRetentionDays,omitempty"`
	InboundMatch          *InboundMatch `json:"inboundMatch,omitempty"`
}

// HoursDoc is one day's calling hours as text.
type HoursDoc struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

func iptr(v int) *int { return &v }

// Doc returns the full JSON form of p.
func (p Policy) Doc() PolicyDoc {
	d := PolicyDoc{CallingHours: map[string]*HoursDoc{}, Holidays: []string{}, RetryDelayMinutes: map[string]int{},
		MaxDaysAhead: iptr(int(p.MaxAhead / (24 * time.Hour))), ClaimLeaseMinutes: iptr(int(p.ClaimLease / time.Minute)),
		MaxAttempts: iptr(p.MaxAttempts), TeamFallbackMinutes: iptr(int(p.TeamFallback / time.Minute)),
		CallbackRetentionDays: iptr(days(p.Retention.Callbacks)), EventLogRetentionDays: iptr(days(p.Retention.EventLog)),
		AuditRetentionDays: iptr(days(p.Retention.Audit))}
	im := p.InboundMatch
	if im == "" {
		im = InboundReportOnly
	}
	d.InboundMatch = &im
	for i, h := range p.CallingHours {
		if h.Closed {
			d.CallingHours[weekdayKeys[i]] = nil
		} else {
			d.CallingHours[weekdayKeys[i]] = &HoursDoc{Start: formatClock(h.Start), End: formatClock(h.End)}
		}
	}
	for _, h := range p.Holidays {
		d.Holidays = append(d.Holidays, h.String())
	}
	for o, v := range p.RetryDelays {
		d.RetryDelayMinutes[string(o)] = int(v / time.Minute)
	}
	return d
}

// MarshalJSON writes the policy as its PolicyDoc.
func (p Policy) MarshalJSON() ([]byte, error) { return json.Marshal(p.Doc()) }

// Apply returns p changed by the fields d sets, or a validation error naming each field
// at fault (as "callingHours.mon", "holidays[2]", ...).
func (d PolicyDoc) Apply(p Policy) (Policy, error) {
	var c checker
	out := p
	out.RetryDelays = map[Outcome]time.Duration{}
	for k, v := range p.RetryDelays {
		out.RetryDelays[k] = v
	}
	for key, h := range d.CallingHours {
		day := -1
		for i, k := range weekdayKeys {
			if k == strings.ToLower(key) {
				day = i
			}
		}
		field := "callingHours." + key
		if day < 0 {
			c.add(field, FieldInvalidDay, "must be one of sun, mon, tue, wed, thu, fri, sat")
			continue
		}
		if h == nil {
			out.CallingHours[day] = DayHours{Closed: true}
			continue
		}
		s, err1 := parseClock(h.Start)
		e, err2 := parseClock(h.End)
		switch {
		case err1 != nil || err2 != nil:
			c.add(field, FieldInvalidTime, "start and end must be times like 08:00 and 21:00")
		case e <= s:
			c.add(field, FieldInvalidRange, "end must be after start")
		default:
			out.CallingHours[day] = DayHours{Start: s, End: e}
		}
	}
	if d.Holidays != nil {
		out.Holidays = nil
		for i, s := range d.Holidays {
			dt, err := ParseDate(s)
			if err != nil {
				c.add(fmt.Sprintf("holidays[%d]", i), FieldInvalidDate, err.Error())
				continue
			}
			out.Holidays = append(out.Holidays, dt)
		}
		sort.Slice(out.Holidays, func(i, j int) bool { return out.Holidays[i].String() < out.Holidays[j].String() })
	}
	intField := func(name string, v *int, lo, hi int, set func(int)) {
		if v == nil {
			return
		}
		if *v < lo || *v > hi {
			c.add(name, FieldOutOfRange, fmt.Sprintf("must be from %d to %d", lo, hi))
			return
		}
		set(*v)
	}
	intField("maxDaysAhead", d.MaxDaysAhead, 1, 365, func(v int) { out.MaxAhead = time.Duration(v) * 24 * time.Hour })
	intField("claimLeaseMinutes", d.ClaimLeaseMinutes, 1, 120, func(v int) { out.ClaimLease = time.Duration(v) * time.Minute })
	intField("maxAttempts", d.MaxAttempts, 1, MaxAttemptsLimit, func(v int) { out.MaxAttempts = v })
	intField("teamFallbackMinutes", d.TeamFallbackMinutes, 0, 7*24*60, func(v int) { out.TeamFallback = time.Duration(v) * time.Minute })
	for _, r := range retentionFields {
		intField(r.name, r.get(d), r.min, r.max, func(v int) { *r.field(&out.Retention) = time.Duration(v) * day })
	}
	if d.InboundMatch != nil {
		switch *d.InboundMatch {
		case InboundReportOnly, InboundMarkReached:
			out.InboundMatch = *d.InboundMatch
		default:
			c.add("inboundMatch", FieldInvalidChoice, "must be report_only or mark_reached")
		}
	}
	for k, v := range d.RetryDelayMinutes {
		o := Outcome(k)
		field := "retryDelayMinutes." + k
		switch {
		case o != OutcomeNoAnswer && o != OutcomeBusy && o != OutcomeVoicemail:
			c.add(field, FieldInvalidOutcome, "only no_answer, busy and voicemail are retried")
		case v < 1 || v > 7*24*60:
			c.add(field, FieldOutOfRange, "must be from 1 to 10080 minutes")
		default:
			out.RetryDelays[o] = time.Duration(v) * time.Minute
		}
	}
	if err := c.err(); err != nil {
		return p, err
	}
	open := false
	for _, h := range out.CallingHours {
		open = open || !h.Closed
	}
	if !open {
		return p, ValidationError(FieldError{Field: "callingHours", Code: FieldNoCallingTime, Message: "at least one day must allow calling"})
	}
	return out, nil
}
