package velocity

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Policy holds a tenant's scheduling rules. DefaultPolicy gives the values every tenant
// starts with; an administrator changes them with the CLI or the admin API.
type Policy struct {
	CallingHours  [7]DayHours               // by time.Weekday, in the customer's local time
	Holidays      []Date                    // local dates with no calling
	MaxAhead      time.Duration             // how far ahead a window may start
	ClaimLease    time.Duration             // how long a claim lasts unless renewed
	DefaultWindow time.Duration             // a window's length when the end is not given
	MaxAttempts   int                       // attempts before a callback fails
	RetryDelays   map[Outcome]time.Duration // delay before a retry, per outcome
	// TeamFallback is how long a personal callback may stay overdue (past its window's
	// end) before it is handed to its team; 0 means never.
	TeamFallback time.Duration
}

// DefaultPolicy returns the rules a tenant has until an administrator changes them:
// calling every day 08:00-21:00 local time (the TCPA's window), 31 days ahead, 5-minute
// claims, 3 attempts, retries after 30 minutes (no answer), 10 (busy) or 120 (voicemail),
// and team fallback after 60 minutes overdue.
func DefaultPolicy() Policy {
	p := Policy{
		MaxAhead:      31 * 24 * time.Hour,
		ClaimLease:    5 * time.Minute,
		DefaultWindow: time.Hour,
		MaxAttempts:   3,
		RetryDelays: map[Outcome]time.Duration{
			OutcomeNoAnswer:  30 * time.Minute,
			OutcomeBusy:      10 * time.Minute,
			OutcomeVoicemail: 2 * time.Hour,
		},
		TeamFallback: time.Hour,
	}
	for d := range p.CallingHours {
		p.CallingHours[d] = DayHours{Start: 8 * 60, End: 21 * 60}
	}
	return p
}

// AroundTheClockPolicy returns DefaultPolicy with calling allowed at every hour of every
// day: for tenants whose law or contract sets no calling hours, and for benchmarks and
// tests that must behave the same at any hour.
func AroundTheClockPolicy() Policy {
	p := DefaultPolicy()
	for d := range p.CallingHours {
		p.CallingHours[d] = DayHours{Start: 0, End: 24 * 60}
	}
	return p
}

// RetryDelay returns the delay before retrying after outcome (30 minutes when the policy
// names none).
func (p Policy) RetryDelay(o Outcome) time.Duration {
	if d, ok := p.RetryDelays[o]; ok {
		return d
	}
	return 30 * time.Minute
}

// MaxAttemptsLimit is the largest maxAttempts a callback or policy may ask for.
const MaxAttemptsLimit = 20

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
		MaxAttempts: iptr(p.MaxAttempts), TeamFallbackMinutes: iptr(int(p.TeamFallback / time.Minute))}
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
			c.add(field, "invalid_day", "must be one of sun, mon, tue, wed, thu, fri, sat")
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
			c.add(field, "invalid_time", "start and end must be times like 08:00 and 21:00")
		case e <= s:
			c.add(field, "invalid_range", "end must be after start")
		default:
			out.CallingHours[day] = DayHours{Start: s, End: e}
		}
	}
	if d.Holidays != nil {
		out.Holidays = nil
		for i, s := range d.Holidays {
			dt, err := ParseDate(s)
			if err != nil {
				c.add(fmt.Sprintf("holidays[%d]", i), "invalid_date", err.Error())
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
			c.add(name, "out_of_range", fmt.Sprintf("must be from %d to %d", lo, hi))
			return
		}
		set(*v)
	}
	intField("maxDaysAhead", d.MaxDaysAhead, 1, 365, func(v int) { out.MaxAhead = time.Duration(v) * 24 * time.Hour })
	intField("claimLeaseMinutes", d.ClaimLeaseMinutes, 1, 120, func(v int) { out.ClaimLease = time.Duration(v) * time.Minute })
	intField("maxAttempts", d.MaxAttempts, 1, MaxAttemptsLimit, func(v int) { out.MaxAttempts = v })
	intField("teamFallbackMinutes", d.TeamFallbackMinutes, 0, 7*24*60, func(v int) { out.TeamFallback = time.Duration(v) * time.Minute })
	for k, v := range d.RetryDelayMinutes {
		o := Outcome(k)
		field := "retryDelayMinutes." + k
		switch {
		case o != OutcomeNoAnswer && o != OutcomeBusy && o != OutcomeVoicemail:
			c.add(field, "invalid_outcome", "only no_answer, busy and voicemail are retried")
		case v < 1 || v > 7*24*60:
			c.add(field, "out_of_range", "must be from 1 to 10080 minutes")
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
		return p, ValidationError(FieldError{Field: "callingHours", Code: "no_calling_time", Message: "at least one day must allow calling"})
	}
	return out, nil
}
