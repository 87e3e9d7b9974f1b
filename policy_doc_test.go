package velocity_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestPolicyDocApplyRefuses(t *testing.T) {
	t.Parallel()
	hours := func(day, start, end string) map[string]*velocity.HoursDoc {
		return map[string]*velocity.HoursDoc{day: {Start: start, End: end}}
	}
	cases := []struct {
		name string
		doc  velocity.PolicyDoc
		want string // "field:code"
	}{
		{"an unknown day", velocity.PolicyDoc{CallingHours: hours("funday", "08:00", "21:00")}, "callingHours.funday:invalid_day"},
		{"a time without a leading zero", velocity.PolicyDoc{CallingHours: hours("mon", "8:00", "21:00")}, "callingHours.mon:invalid_time"},
		{"a time with seconds", velocity.PolicyDoc{CallingHours: hours("mon", "08:00:00", "21:00")}, "callingHours.mon:invalid_time"},
		{"minute 60", velocity.PolicyDoc{CallingHours: hours("mon", "07:60", "21:00")}, "callingHours.mon:invalid_time"},
		{"after midnight", velocity.PolicyDoc{CallingHours: hours("mon", "08:00", "24:01")}, "callingHours.mon:invalid_time"},
		{"a sign", velocity.PolicyDoc{CallingHours: hours("mon", "-1:00", "21:00")}, "callingHours.mon:invalid_time"},
		{"an empty range", velocity.PolicyDoc{CallingHours: hours("mon", "09:00", "09:00")}, "callingHours.mon:invalid_range"},
		{"a holiday that is not a date", velocity.PolicyDoc{Holidays: []string{"2026-12-25", "2026-02-30"}}, "holidays[1]:invalid_date"},
		{"no days ahead", velocity.PolicyDoc{MaxDaysAhead: ptr(0)}, "maxDaysAhead:out_of_range"},
		{"over a year ahead", velocity.PolicyDoc{MaxDaysAhead: ptr(366)}, "maxDaysAhead:out_of_range"},
		{"a lease of no minutes", velocity.PolicyDoc{ClaimLeaseMinutes: ptr(0)}, "claimLeaseMinutes:out_of_range"},
		{"a lease over two hours", velocity.PolicyDoc{ClaimLeaseMinutes: ptr(121)}, "claimLeaseMinutes:out_of_range"},
		{"too many attempts", velocity.PolicyDoc{MaxAttempts: ptr(velocity.MaxAttemptsLimit + 1)}, "maxAttempts:out_of_range"},
		{"a negative fallback", velocity.PolicyDoc{TeamFallbackMinutes: ptr(-1)}, "teamFallbackMinutes:out_of_range"},
		{"a fallback over a week", velocity.PolicyDoc{TeamFallbackMinutes: ptr(7*24*60 + 1)}, "teamFallbackMinutes:out_of_range"},
		{"a retry after a call that connected", velocity.PolicyDoc{RetryDelayMinutes: map[string]int{"connected": 5}}, "retryDelayMinutes.connected:invalid_outcome"},
		{"an immediate retry", velocity.PolicyDoc{RetryDelayMinutes: map[string]int{"busy": 0}}, "retryDelayMinutes.busy:out_of_range"},
		{"a retry over a week later", velocity.PolicyDoc{RetryDelayMinutes: map[string]int{"voicemail": 7*24*60 + 1}}, "retryDelayMinutes.voicemail:out_of_range"},
		{"callbacks kept no day", velocity.PolicyDoc{CallbackRetentionDays: ptr(0)}, "callbackRetentionDays:out_of_range"},
		{"callbacks kept over ten years", velocity.PolicyDoc{CallbackRetentionDays: ptr(3651)}, "callbackRetentionDays:out_of_range"},
		{"an event log kept no day", velocity.PolicyDoc{EventLogRetentionDays: ptr(0)}, "eventLogRetentionDays:out_of_range"},
		{"an event log kept over 400 days", velocity.PolicyDoc{EventLogRetentionDays: ptr(401)}, "eventLogRetentionDays:out_of_range"},
		{"an audit trail kept under 90 days", velocity.PolicyDoc{AuditRetentionDays: ptr(89)}, "auditRetentionDays:out_of_range"},
	}
	base := velocity.DefaultPolicy()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.doc.Apply(base)
			wantFields(t, err, c.want)
			if got.MaxAhead != base.MaxAhead || got.CallingHours != base.CallingHours || got.RetryDelay(velocity.OutcomeBusy) != base.RetryDelay(velocity.OutcomeBusy) {
				t.Fatalf("a refused doc changed the policy: %+v", got)
			}
		})
	}
}

func TestPolicyDocApplyAccepts(t *testing.T) {
	t.Parallel()
	base := velocity.DefaultPolicy()
	doc := velocity.PolicyDoc{
		CallingHours:        map[string]*velocity.HoursDoc{"MON": {Start: "00:00", End: "24:00"}, "Sat": nil},
		Holidays:            []string{"2026-12-25", "2026-01-01", "2026-07-04"},
		MaxDaysAhead:        ptr(365),
		ClaimLeaseMinutes:   ptr(1),
		MaxAttempts:         ptr(1),
		TeamFallbackMinutes: ptr(0),
		RetryDelayMinutes:   map[string]int{"busy": 1},

		CallbackRetentionDays: ptr(1),
		EventLogRetentionDays: ptr(400),
		AuditRetentionDays:    ptr(90),
	}
	p, err := doc.Apply(base)
	if want := (velocity.Retention{Callbacks: 24 * time.Hour, EventLog: 400 * 24 * time.Hour, Audit: 90 * 24 * time.Hour}); p.Retention != want {
		t.Errorf("retention %+v, want %+v", p.Retention, want)
	}
	if err != nil {
		t.Fatal(err)
	}
	if p.CallingHours[time.Monday] != (velocity.DayHours{Start: 0, End: 24 * 60}) || !p.CallingHours[time.Saturday].Closed || p.CallingHours[time.Tuesday] != base.CallingHours[time.Tuesday] {
		t.Errorf("hours %+v", p.CallingHours)
	}
	if len(p.Holidays) != 3 || p.Holidays[0].String() != "2026-01-01" || p.Holidays[2].String() != "2026-12-25" {
		t.Errorf("holidays %v, want them in date order", p.Holidays)
	}
	if p.MaxAhead != 365*24*time.Hour || p.ClaimLease != time.Minute || p.MaxAttempts != 1 || p.TeamFallback != 0 {
		t.Errorf("numbers %+v", p)
	}
	if p.RetryDelay(velocity.OutcomeBusy) != time.Minute || p.RetryDelay(velocity.OutcomeVoicemail) != 2*time.Hour {
		t.Errorf("retries %v", p.RetryDelays)
	}
	if base.RetryDelay(velocity.OutcomeBusy) != 10*time.Minute {
		t.Error("Apply changed the retry delays of the policy it was given")
	}
	// An empty holiday list clears the holidays; leaving it out keeps them.
	kept, _ := velocity.PolicyDoc{MaxAttempts: ptr(2)}.Apply(p)
	cleared, _ := velocity.PolicyDoc{Holidays: []string{}}.Apply(p)
	if len(kept.Holidays) != 3 || len(cleared.Holidays) != 0 {
		t.Errorf("kept %v cleared %v", kept.Holidays, cleared.Holidays)
	}
}

// TestPolicyJSON: a policy is written as its doc (closed days as null), and reading that
// doc back onto any policy gives the same rules.
func TestPolicyJSON(t *testing.T) {
	t.Parallel()
	p := velocity.DefaultPolicy()
	p.CallingHours[time.Sunday] = velocity.DayHours{Closed: true}
	p.CallingHours[time.Saturday] = velocity.DayHours{Start: 9*60 + 30, End: 13 * 60}
	p.Holidays = []velocity.Date{{Year: 2026, Month: time.December, Day: 25}}
	p.TeamFallback = 0
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	hours := raw["callingHours"].(map[string]any)
	if v, ok := hours["sun"]; !ok || v != nil {
		t.Errorf("sun = %v, want null", v)
	}
	if sat := hours["sat"].(map[string]any); sat["start"] != "09:30" || sat["end"] != "13:00" {
		t.Errorf("sat = %v", sat)
	}
	var doc velocity.PolicyDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	back, err := doc.Apply(velocity.AroundTheClockPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if back.CallingHours != p.CallingHours || len(back.Holidays) != 1 || back.Holidays[0] != p.Holidays[0] || back.TeamFallback != 0 ||
		back.MaxAhead != p.MaxAhead || back.ClaimLease != p.ClaimLease || back.MaxAttempts != p.MaxAttempts {
		t.Fatalf("round trip %+v", back)
	}
	for o, d := range p.RetryDelays {
		if back.RetryDelay(o) != d {
			t.Errorf("retry %s: %v, want %v", o, back.RetryDelay(o), d)
		}
	}
}

func TestCallability(t *testing.T) {
	t.Parallel()
	ny := velocity.Callback{Timezone: "America/New_York"}
	p := velocity.DefaultPolicy()
	tonight := time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC) // 21:00 Monday in New York

	c := p.Callability(&ny, monday10)
	if !c.Now || !c.From.Equal(monday10) || !c.Until.Equal(tonight) || c.Reason != "" {
		t.Errorf("at 10:00: %+v", c)
	}
	night := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC) // 03:00 Tuesday
	c = p.Callability(&ny, night)
	if c.Now || !c.From.Equal(time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)) || !c.Until.Equal(time.Date(2026, 3, 4, 2, 0, 0, 0, time.UTC)) || c.Reason == "" {
		t.Errorf("at 03:00: %+v", c)
	}
	c = p.Callability(&ny, tonight) // the end is not callable
	if c.Now || !c.From.Equal(time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("at 21:00: %+v", c)
	}
	var never velocity.Policy
	for d := range never.CallingHours {
		never.CallingHours[d] = velocity.DayHours{Closed: true}
	}
	if c := never.Callability(&ny, monday10); c.Now || !c.From.IsZero() || c.Reason == "" {
		t.Errorf("never open: %+v", c)
	}
}
