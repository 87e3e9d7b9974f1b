package velocity_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

var acme = velocity.Tenant{ID: "tn_acme", DefaultCountry: "US", DefaultTimezone: "America/New_York"}

func TestCleanText(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name              string
		s                 string
		single, multiline bool
	}{
		{"empty", "", true, true},
		{"plain", "Ada Lovelace", true, true},
		{"letters of any script", "Zoë Ñúñez 山田 🙂", true, true},
		{"no-break space", "a\u00a0b", true, true},
		{"line break", "a\nb", false, true},
		{"carriage return", "a\r\nb", false, true},
		{"tab", "a\tb", false, true},
		{"NUL", "a\x00b", false, false},
		{"escape", "a\x1b[31mred", false, false},
		{"DEL", "a\x7fb", false, false},
		{"C1 control", "a\u0085b", false, false},
		{"invalid UTF-8", "a\xffb", false, false},
		{"a lone continuation byte", "\x80", false, false},
	}
	for _, c := range cases {
		if got := velocity.CleanText(c.s, false); got != c.single {
			t.Errorf("%s: CleanText(%q, false) = %v", c.name, c.s, got)
		}
		if got := velocity.CleanText(c.s, true); got != c.multiline {
			t.Errorf("%s: CleanText(%q, true) = %v", c.name, c.s, got)
		}
	}
}

func TestBuildEdges(t *testing.T) {
	t.Parallel()
	now := monday10
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	phone := "+12125550100"
	cases := []struct {
		name   string
		in     velocity.CreateInput
		fields []string // "field:code"; none means the input is accepted
		check  func(t *testing.T, cb velocity.Callback)
	}{
		{name: "a window of seven days", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, WindowEnd: at(7 * 24 * time.Hour)}},
		{name: "a window longer than seven days", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, WindowEnd: at(7*24*time.Hour + time.Minute)},
			fields: []string{"windowEnd:window_too_long"}},
		{name: "a start a day ago, still open", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, WindowStart: at(-24 * time.Hour), WindowEnd: at(time.Hour)},
			check: func(t *testing.T, cb velocity.Callback) {
				if !cb.WindowStart.Equal(now.Add(-24 * time.Hour)) {
					t.Errorf("start %v", cb.WindowStart)
				}
			}},
		{name: "a start more than a day ago", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, WindowStart: at(-25 * time.Hour), WindowEnd: at(time.Hour)},
			fields: []string{"windowStart:too_far_past"}},
		{name: "maxAttempts within limits", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, MaxAttempts: ptr(velocity.MaxAttemptsLimit)},
			check: func(t *testing.T, cb velocity.Callback) {
				if cb.MaxAttempts != velocity.MaxAttemptsLimit {
					t.Errorf("maxAttempts %d", cb.MaxAttempts)
				}
			}},
		{name: "maxAttempts zero", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, MaxAttempts: ptr(0)}, fields: []string{"maxAttempts:out_of_range"}},
		{name: "maxAttempts over the limit", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, MaxAttempts: ptr(velocity.MaxAttemptsLimit + 1)}, fields: []string{"maxAttempts:out_of_range"}},
		{name: "a name of 250 characters, not bytes", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, CustomerName: strings.Repeat("é", velocity.MaxNameLen)}},
		{name: "a name of 251 characters", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, CustomerName: strings.Repeat("a", velocity.MaxNameLen+1)},
			fields: []string{"customerName:too_long"}},
		{name: "notes on several lines", in: velocity.CreateInput{TeamID: "t", PhoneNumber: phone, Notes: "line one\nline two\ttabbed"}},
		{name: "an id with a line break", in: velocity.CreateInput{TeamID: "team\n1", PhoneNumber: phone}, fields: []string{"teamId:invalid_text"}},
		{name: "every fault at once, in field order",
			in:     velocity.CreateInput{TeamID: " ", AgentID: ptr(strings.Repeat("a", velocity.MaxIDLen+1)), Reason: "\x00", Timezone: "Mars/Olympus", PhoneNumber: "12", MaxAttempts: ptr(-1), WindowEnd: at(-time.Hour)},
			fields: []string{"teamId:required", "agentId:too_long", "reason:invalid_text", "timezone:invalid_timezone", "maxAttempts:out_of_range", "phoneNumber:invalid_phone_number", "windowEnd:window_order"}},
		{name: "ids and names are trimmed, notes kept as written", in: velocity.CreateInput{TeamID: " team-1 ", AgentID: ptr(" agent-1 "), CustomerName: " Ada ", PhoneNumber: phone, Notes: " n "},
			check: func(t *testing.T, cb velocity.Callback) {
				if cb.TeamID != "team-1" || cb.Owner() != "agent-1" || cb.CustomerName != "Ada" || cb.Notes != " n " {
					t.Errorf("got %+v", cb)
				}
			}},
		{name: "a +prefix wins over the country", in: velocity.CreateInput{TeamID: "t", PhoneNumber: "+44 20 7946 0018", Country: "US"},
			check: func(t *testing.T, cb velocity.Callback) {
				if cb.PhoneNumber != "+442079460018" || cb.Timezone != "Europe/London" {
					t.Errorf("got %s %s", cb.PhoneNumber, cb.Timezone)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cb, err := c.in.Build(acme, velocity.AroundTheClockPolicy(), now)
			if c.fields != nil {
				wantFields(t, err, c.fields...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cb.TenantID != acme.ID || cb.Status != velocity.StatusScheduled || cb.Version != 1 || !cb.CreatedAt.Equal(now) {
				t.Errorf("new callback %+v", cb)
			}
			if c.check != nil {
				c.check(t, cb)
			}
		})
	}
}

// TestBuildAsSoonAsPossible: a callback without a start, asked for outside the customer's
// calling hours, starts when they open.
func TestBuildAsSoonAsPossible(t *testing.T) {
	t.Parallel()
	night := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)    // 03:00 in New York
	opening := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC) // 08:00
	p := velocity.DefaultPolicy()
	cb, err := velocity.CreateInput{TeamID: "t", PhoneNumber: "+12125550100"}.Build(acme, p, night)
	if err != nil || !cb.WindowStart.Equal(opening) || !cb.WindowEnd.Equal(opening.Add(p.DefaultWindow)) {
		t.Fatalf("no end: %v..%v %v", cb.WindowStart, cb.WindowEnd, err)
	}
	// With an end, the start moves and the end stays.
	end := opening.Add(2 * time.Hour)
	cb, err = velocity.CreateInput{TeamID: "t", PhoneNumber: "+12125550100", WindowEnd: &end}.Build(acme, p, night)
	if err != nil || !cb.WindowStart.Equal(opening) || !cb.WindowEnd.Equal(end) {
		t.Fatalf("with an end: %v..%v %v", cb.WindowStart, cb.WindowEnd, err)
	}
	// An end before the customer's hours open leaves no calling time.
	early := night.Add(time.Hour)
	_, err = velocity.CreateInput{TeamID: "t", PhoneNumber: "+12125550100", WindowEnd: &early}.Build(acme, p, night)
	wantFields(t, err, "windowStart:outside_calling_hours")
}

// newCallback returns a scheduled New York callback for 10:00-11:00 on monday10.
func newCallback(t *testing.T) velocity.Callback {
	t.Helper()
	cb, err := velocity.CreateInput{TeamID: "team-1", AgentID: ptr("agent-1"), PhoneNumber: "+12125550100", Notes: "n"}.Build(acme, velocity.DefaultPolicy(), monday10)
	if err != nil {
		t.Fatal(err)
	}
	cb.ID = "cb_1"
	return cb
}

func TestUpdateInputApply(t *testing.T) {
	t.Parallel()
	now := monday10
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	cases := []struct {
		name    string
		prep    func(cb *velocity.Callback)
		u       velocity.UpdateInput
		fields  []string // refused with these "field:code"
		changed []string // else the fields reported changed, sorted
		check   func(t *testing.T, before, after velocity.Callback)
	}{
		{name: "nothing to change", u: velocity.UpdateInput{Notes: ptr("n"), TeamID: ptr("team-1")}},
		{name: "an empty zone", u: velocity.UpdateInput{Timezone: ptr("")}, fields: []string{"timezone:required"}},
		{name: "an unknown zone", u: velocity.UpdateInput{Timezone: ptr("Europe/Atlantis")}, fields: []string{"timezone:invalid_timezone"}},
		{name: "an empty team", u: velocity.UpdateInput{TeamID: ptr("")}, fields: []string{"teamId:required"}},
		{name: "an empty agent", u: velocity.UpdateInput{AgentIDSet: true, AgentID: ptr(" ")}, fields: []string{"agentId:required"}},
		{name: "an invalid number", u: velocity.UpdateInput{PhoneNumber: ptr("555")}, fields: []string{"phoneNumber:invalid_phone_number"}},
		{name: "an unknown country", u: velocity.UpdateInput{Country: ptr("QQ")}, fields: []string{"country:invalid_country"}},
		{name: "maxAttempts not above the attempts made", prep: func(cb *velocity.Callback) { cb.Attempts = 2 },
			u: velocity.UpdateInput{MaxAttempts: ptr(2)}, fields: []string{"maxAttempts:below_attempts"}},
		{name: "maxAttempts lowered to one above the attempts made", prep: func(cb *velocity.Callback) { cb.Attempts, cb.MaxAttempts = 2, 5 },
			u: velocity.UpdateInput{MaxAttempts: ptr(3), Reason: ptr("r")}, changed: []string{"maxAttempts", "reason"}},
		{name: "a new start keeps the window's length and is announced again",
			prep: func(cb *velocity.Callback) { cb.DueNotifiedAt = &now },
			u:    velocity.UpdateInput{WindowStart: at(2 * time.Hour)}, changed: []string{"windowEnd", "windowStart"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if !after.WindowStart.Equal(now.Add(2*time.Hour)) || !after.WindowEnd.Equal(now.Add(3*time.Hour)) || after.DueNotifiedAt != nil {
					t.Errorf("window %v..%v due %v", after.WindowStart, after.WindowEnd, after.DueNotifiedAt)
				}
			}},
		{name: "a new end alone", prep: func(cb *velocity.Callback) { cb.DueNotifiedAt = &now },
			u: velocity.UpdateInput{WindowEnd: at(3 * time.Hour)}, changed: []string{"windowEnd"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if !after.WindowStart.Equal(before.WindowStart) || !after.WindowEnd.Equal(now.Add(3*time.Hour)) || after.DueNotifiedAt == nil {
					t.Errorf("window %v..%v due %v", after.WindowStart, after.WindowEnd, after.DueNotifiedAt)
				}
			}},
		{name: "an end before the start", u: velocity.UpdateInput{WindowEnd: at(-time.Minute)}, fields: []string{"windowEnd:window_order"}},
		{name: "a start beyond the horizon", u: velocity.UpdateInput{WindowStart: at(40 * 24 * time.Hour)}, fields: []string{"windowStart:too_far_ahead"}},
		{name: "a window wholly at night", u: velocity.UpdateInput{WindowStart: at(12 * time.Hour)}, // 22:00-23:00 New York
			fields: []string{"windowStart:outside_calling_hours"}},
		{name: "a window running into the night is clipped", u: velocity.UpdateInput{WindowStart: at(10 * time.Hour), WindowEnd: at(12 * time.Hour)},
			changed: []string{"windowEnd", "windowStart"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if !after.WindowEnd.Equal(now.Add(11 * time.Hour)) { // 21:00 New York
					t.Errorf("end %v", after.WindowEnd)
				}
			}},
		{name: "a zone where it is night", u: velocity.UpdateInput{Timezone: ptr("Asia/Tokyo")}, fields: []string{"windowStart:outside_calling_hours"}},
		{name: "a zone where it is day", u: velocity.UpdateInput{Timezone: ptr("Europe/London")}, changed: []string{"timezone"}},
		{name: "back to the team", u: velocity.UpdateInput{AgentIDSet: true}, changed: []string{"agentId"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if after.AgentID != nil {
					t.Errorf("agent %v", *after.AgentID)
				}
			}},
		{name: "to another agent, trimmed", u: velocity.UpdateInput{AgentIDSet: true, AgentID: ptr(" agent-2 "), CustomerName: ptr(" Bo ")}, changed: []string{"agentId", "customerName"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if after.Owner() != "agent-2" || after.CustomerName != "Bo" {
					t.Errorf("got %+v", after)
				}
			}},
		{name: "a national number in another country brings its zone", u: velocity.UpdateInput{PhoneNumber: ptr("020 7946 0018"), Country: ptr("GB")},
			changed: []string{"phoneNumber", "timezone"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if after.PhoneNumber != "+442079460018" || after.Timezone != "Europe/London" {
					t.Errorf("got %s %s", after.PhoneNumber, after.Timezone)
				}
			}},
		{name: "a number abroad, where it is night", u: velocity.UpdateInput{PhoneNumber: ptr("+81 3-1234-5678")}, // 00:00-01:00 in Tokyo
			fields: []string{"windowStart:outside_calling_hours"}},
		{name: "a number abroad, its window clipped to their hours", u: velocity.UpdateInput{PhoneNumber: ptr("+91 11 2345 6789")}, // 20:30-21:30 in Delhi
			changed: []string{"phoneNumber", "timezone", "windowEnd"},
			check: func(t *testing.T, before, after velocity.Callback) {
				if !after.WindowStart.Equal(before.WindowStart) || !after.WindowEnd.Equal(now.Add(30*time.Minute)) { // 21:00 in Delhi
					t.Errorf("window %v..%v in %s", after.WindowStart, after.WindowEnd, after.Timezone)
				}
			}},
		{name: "a number whose zone is not known keeps the zone", u: velocity.UpdateInput{PhoneNumber: ptr("+1 800 555 0199")}, changed: []string{"phoneNumber"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cb := newCallback(t)
			if c.prep != nil {
				c.prep(&cb)
			}
			before := cb
			changes, err := c.u.Apply(&cb, acme, velocity.DefaultPolicy(), now)
			if c.fields != nil {
				wantFields(t, err, c.fields...)
				if cb.Version != before.Version || !cb.WindowStart.Equal(before.WindowStart) || cb.Timezone != before.Timezone || cb.PhoneNumber != before.PhoneNumber {
					t.Fatalf("a refused change touched the callback: %+v", cb)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for k, v := range changes {
				names = append(names, k)
				if pair, ok := v.([]any); !ok || len(pair) != 2 {
					t.Errorf("change %s = %v, want [old new]", k, v)
				}
			}
			sort.Strings(names)
			if strings.Join(names, ",") != strings.Join(c.changed, ",") {
				t.Fatalf("changed %v, want %v", names, c.changed)
			}
			wantVersion := before.Version
			if len(c.changed) > 0 {
				wantVersion++
			}
			if cb.Version != wantVersion || (len(c.changed) > 0 && !cb.UpdatedAt.Equal(now)) {
				t.Fatalf("version %d updatedAt %v", cb.Version, cb.UpdatedAt)
			}
			if c.check != nil {
				c.check(t, before, cb)
			}
		})
	}
}
