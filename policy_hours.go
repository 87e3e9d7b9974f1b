package velocity

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity/tzdb"
)

// DayHours is the calling window of one weekday in the customer's local time, as minutes
// after midnight: [Start, End). Closed means no calling that day.
type DayHours struct {
	Closed bool
	Start  int // minutes after local midnight
	End    int // minutes after local midnight, > Start, at most 24*60
}

// Date is a calendar date (a holiday in the customer's local calendar).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date like 2026-12-25", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// parseClock parses HH:MM (00:00 to 24:00) into minutes after midnight.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) != 2 || len(m) != 2 || strings.Trim(h+m, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a time like 08:00", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(h) != 2 || len(m) != 2 || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 24*60 {
		return 0, fmt.Errorf("%q is not a time like 08:00", s)
	}
	return hh*60 + mm, nil
}

func formatClock(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// interval returns the calling interval of the local day that starts at y-m-d in loc, or
// ok=false when that day has none (closed or a holiday). Times that fall in a daylight
// saving gap move forward, as time.Date does.
func (p Policy) interval(y int, m time.Month, d int, loc *time.Location) (a, b time.Time, ok bool) {
	day := time.Date(y, m, d, 12, 0, 0, 0, loc) // noon: always exists, gives the weekday
	h := p.CallingHours[day.Weekday()]
	if h.Closed || h.End <= h.Start {
		return a, b, false
	}
	for _, hol := range p.Holidays {
		if hol.Year == y && hol.Month == m && hol.Day == d {
			return a, b, false
		}
	}
	a = time.Date(y, m, d, h.Start/60, h.Start%60, 0, 0, loc)
	b = time.Date(y, m, d, h.End/60, h.End%60, 0, 0, loc)
	return a, b, b.After(a)
}

// searchDays bounds how far the calling-hours searches look: a policy could close
// every day.
const searchDays = 400

// CallableAt reports whether t falls in the calling hours of the customer's zone.
func (p Policy) CallableAt(t time.Time, loc *time.Location) bool {
	lt := t.In(loc)
	a, b, ok := p.interval(lt.Year(), lt.Month(), lt.Day(), loc)
	return ok && !t.Before(a) && t.Before(b)
}

// NextCallable returns the earliest instant at or after t inside the calling hours of
// loc; ok is false if there is none within searchDays.
func (p Policy) NextCallable(t time.Time, loc *time.Location) (time.Time, bool) {
	lt := t.In(loc)
	for i := 0; i < searchDays; i++ {
		d := lt.AddDate(0, 0, i)
		a, b, ok := p.interval(d.Year(), d.Month(), d.Day(), loc)
		if !ok || !t.Before(b) {
			continue
		}
		if t.Before(a) {
			return a.UTC(), true
		}
		return t, true
	}
	return time.Time{}, false
}

// lastCallableBefore returns the latest end of calling time at or before t: t itself
// when t is inside calling hours, else the end of the last interval before t.
func (p Policy) lastCallableBefore(t time.Time, loc *time.Location) (time.Time, bool) {
	lt := t.In(loc)
	for i := 0; i < searchDays; i++ {
		d := lt.AddDate(0, 0, -i)
		a, b, ok := p.interval(d.Year(), d.Month(), d.Day(), loc)
		if !ok || !a.Before(t) {
			continue
		}
		if t.Before(b) {
			return t, true
		}
		return b, true
	}
	return time.Time{}, false
}

// ClipWindow fits [start, end) to the calling hours of loc: the start moves forward to
// the first callable instant, the end back to the last. ok is false when no calling time
// lies inside the window; next is then the first callable instant at or after start.
func (p Policy) ClipWindow(start, end time.Time, loc *time.Location) (s, e, next time.Time, ok bool) {
	next, found := p.NextCallable(start, loc)
	if !found {
		return start, end, time.Time{}, false
	}
	if !next.Before(end) {
		return start, end, next.UTC(), false
	}
	e, _ = p.lastCallableBefore(end, loc)
	return next.UTC(), e.UTC(), next.UTC(), true
}

// Location loads a callback's zone from the embedded time zone database (the same on
// every machine); unknown zones (which validation refuses) fall back to UTC.
func Location(name string) *time.Location {
	loc, err := tzdb.Load(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Callability says whether a callback may be dialed now under the customer's calling
// hours, and over which span: From..Until is the current calling interval when Now, else
// the next one. Reason explains a "no" for a person.
type Callability struct {
	Now    bool      `json:"now"`
	From   time.Time `json:"from,omitzero"`
	Until  time.Time `json:"until,omitzero"`
	Reason string    `json:"reason,omitempty"`
}

// Callability returns whether cb may be dialed at now.
func (p Policy) Callability(cb *Callback, now time.Time) Callability {
	loc := Location(cb.Timezone)
	from, ok := p.NextCallable(now, loc)
	if !ok {
		return Callability{Reason: "The customer's calling hours never open."}
	}
	lt := from.In(loc)
	_, until, _ := p.interval(lt.Year(), lt.Month(), lt.Day(), loc)
	c := Callability{Now: !from.After(now), From: from.UTC(), Until: until.UTC()}
	if !c.Now {
		c.Reason = "Outside the customer's calling hours: it is " + now.In(loc).Format("Mon 15:04") + " for them (" + cb.Timezone +
			"); calling opens " + lt.Format("Mon 15:04") + " their time."
	}
	return c
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
	err := ValidationError(FieldError{Field: "windowStart", Code: FieldOutsideCallingHours, Message: msg})
	err.Extra = extra
	return start, end, err
}
