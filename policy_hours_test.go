package velocity

import (
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCallingHoursAcrossZones(t *testing.T) {
	def := DefaultPolicy()
	nightOwl := DefaultPolicy() // 01:00-04:00 local, to straddle the spring-forward hour
	for d := range nightOwl.CallingHours {
		nightOwl.CallingHours[d] = DayHours{Start: 60, End: 4 * 60}
	}
	xmas := DefaultPolicy()
	xmas.Holidays = []Date{{2026, time.December, 25}}
	xmas.CallingHours[time.Sunday] = DayHours{Closed: true}

	cases := []struct {
		name     string
		p        Policy
		zone     string
		at       string // UTC
		callable bool
		next     string // UTC; the next callable instant at or after at
	}{
		// New York, 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
		{"NY before spring forward, night", def, "America/New_York", "2026-03-08T06:30:00Z", false, "2026-03-08T12:00:00Z"}, // 01:30 EST -> 08:00 EDT
		{"NY 08:00 EDT opens", def, "America/New_York", "2026-03-08T12:00:00Z", true, "2026-03-08T12:00:00Z"},
		{"NY 07:59 EDT closed", def, "America/New_York", "2026-03-08T11:59:00Z", false, "2026-03-08T12:00:00Z"},
		{"NY 20:59 EDT open", def, "America/New_York", "2026-03-09T00:59:00Z", true, "2026-03-09T00:59:00Z"},
		{"NY 21:00 EDT closed", def, "America/New_York", "2026-03-09T01:00:00Z", false, "2026-03-09T12:00:00Z"},
		{"NY the day before, 08:00 EST", def, "America/New_York", "2026-03-07T13:00:00Z", true, "2026-03-07T13:00:00Z"},
		{"night owl 01:30 EST", nightOwl, "America/New_York", "2026-03-08T06:30:00Z", true, "2026-03-08T06:30:00Z"},
		{"night owl 03:30 EDT", nightOwl, "America/New_York", "2026-03-08T07:30:00Z", true, "2026-03-08T07:30:00Z"},
		{"night owl 04:00 EDT closes", nightOwl, "America/New_York", "2026-03-08T08:00:00Z", false, "2026-03-09T05:00:00Z"}, // next 01:00 EDT
		// A Sydney customer (AEST, UTC+10 in June) scheduled by an agent in London (BST).
		{"Sydney 19:00 = London 10:00", def, "Australia/Sydney", "2026-06-15T09:00:00Z", true, "2026-06-15T09:00:00Z"},
		{"Sydney 22:00 = London 13:00", def, "Australia/Sydney", "2026-06-15T12:00:00Z", false, "2026-06-15T22:00:00Z"},
		// Sydney in summer (AEDT, UTC+11), the day its clocks go back (2026-04-05 03:00 -> 02:00).
		{"Sydney fall back, 08:00 AEST", def, "Australia/Sydney", "2026-04-04T22:00:00Z", true, "2026-04-04T22:00:00Z"},
		{"Sydney fall back, 07:00 AEST", def, "Australia/Sydney", "2026-04-04T21:00:00Z", false, "2026-04-04T22:00:00Z"},
		// Holidays and closed days are in the customer's calendar.
		{"Christmas in Chicago", xmas, "America/Chicago", "2026-12-25T16:00:00Z", false, "2026-12-26T14:00:00Z"},
		{"Christmas Eve evening in Chicago", xmas, "America/Chicago", "2026-12-25T02:00:00Z", true, "2026-12-25T02:00:00Z"}, // 20:00 on the 24th
		{"closed Sunday", xmas, "Europe/London", "2026-12-27T10:00:00Z", false, "2026-12-28T08:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc := mustLoc(t, c.zone)
			at := utc(c.at)
			if got := c.p.CallableAt(at, loc); got != c.callable {
				t.Errorf("CallableAt(%s local) = %v", at.In(loc), got)
			}
			next, ok := c.p.NextCallable(at, loc)
			if !ok || !next.Equal(utc(c.next)) {
				t.Errorf("NextCallable = %s (%s local), want %s", next.UTC().Format(time.RFC3339), next.In(loc), c.next)
			}
		})
	}
}

func TestClipWindow(t *testing.T) {
	p := DefaultPolicy()
	ny := mustLoc(t, "America/New_York")
	cases := []struct {
		name               string
		start, end         string
		ok                 bool
		wantStart, wantEnd string // or next when !ok
	}{
		{"inside", "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z", true, "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z"},
		{"starts too early", "2026-03-10T11:00:00Z", "2026-03-10T13:00:00Z", true, "2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z"},
		{"ends too late", "2026-03-11T00:30:00Z", "2026-03-11T02:00:00Z", true, "2026-03-11T00:30:00Z", "2026-03-11T01:00:00Z"},
		{"wholly at night", "2026-03-11T02:00:00Z", "2026-03-11T05:00:00Z", false, "2026-03-11T12:00:00Z", ""},
		{"across the spring-forward hour", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z", false, "2026-03-08T12:00:00Z", ""},
		{"evening to next morning", "2026-03-11T00:00:00Z", "2026-03-11T13:00:00Z", true, "2026-03-11T00:00:00Z", "2026-03-11T13:00:00Z"},
		{"night to next morning", "2026-03-11T02:00:00Z", "2026-03-11T13:00:00Z", true, "2026-03-11T12:00:00Z", "2026-03-11T13:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, e, next, ok := p.ClipWindow(utc(c.start), utc(c.end), ny)
			if ok != c.ok {
				t.Fatalf("ok = %v", ok)
			}
			if !ok {
				if !next.Equal(utc(c.wantStart)) {
					t.Fatalf("next = %s", next.UTC())
				}
				return
			}
			if !s.Equal(utc(c.wantStart)) || !e.Equal(utc(c.wantEnd)) {
				t.Fatalf("clipped to %s..%s", s.UTC(), e.UTC())
			}
		})
	}
}

func TestPolicyDoc(t *testing.T) {
	p := DefaultPolicy()
	doc := p.Doc()
	if doc.CallingHours["mon"].Start != "08:00" || *doc.MaxDaysAhead != 31 || *doc.TeamFallbackMinutes != 60 || doc.RetryDelayMinutes["voicemail"] != 120 {
		t.Fatalf("doc %+v", doc)
	}
	back, err := doc.Apply(Policy{})
	if err != nil || back.CallingHours != p.CallingHours || back.MaxAhead != p.MaxAhead || back.RetryDelay(OutcomeBusy) != 10*time.Minute {
		t.Fatalf("round trip: %+v %v", back, err)
	}
	upd := PolicyDoc{CallingHours: map[string]*HoursDoc{"sun": nil, "sat": {Start: "10:00", End: "14:00"}}, Holidays: []string{"2026-12-25"}, TeamFallbackMinutes: iptr(0)}
	q, err := upd.Apply(p)
	if err != nil || !q.CallingHours[time.Sunday].Closed || q.CallingHours[time.Saturday].Start != 600 || len(q.Holidays) != 1 || q.TeamFallback != 0 || q.CallingHours[time.Monday] != p.CallingHours[time.Monday] {
		t.Fatalf("update: %+v %v", q, err)
	}
	bad := PolicyDoc{CallingHours: map[string]*HoursDoc{"funday": nil, "mon": {Start: "21:00", End: "08:00"}, "tue": {Start: "8am", End: "9pm"}},
		Holidays: []string{"25/12/2026"}, MaxAttempts: iptr(0), RetryDelayMinutes: map[string]int{"connected": 5}}
	_, err = bad.Apply(p)
	e, ok := AsError(err)
	if !ok || len(e.Fields) != 6 {
		t.Fatalf("bad doc: %v", err)
	}
	closed := PolicyDoc{CallingHours: map[string]*HoursDoc{}}
	for _, k := range weekdayKeys {
		closed.CallingHours[k] = nil
	}
	if _, err := closed.Apply(p); err == nil {
		t.Fatal("a policy with no calling time accepted")
	}
}
