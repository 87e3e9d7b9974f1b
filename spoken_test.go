package velocity

import (
	"testing"
	"time"
)

func TestSpokenWindow(t *testing.T) {
	ny := Location("America/New_York")
	now := time.Date(2026, 12, 1, 10, 20, 0, 0, ny) // a Tuesday
	at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, ny) }
	for _, tc := range []struct {
		start, end time.Time
		want       string
	}{
		{at(1, 14, 0), at(1, 15, 0), "today between 2 PM and 3 PM"},
		{at(1, 14, 30), at(1, 15, 45), "today between 2:30 PM and 3:45 PM"},
		{at(2, 9, 0), at(2, 12, 0), "tomorrow between 9 AM and noon"},
		{at(4, 13, 0), at(4, 17, 0), "on Friday between 1 PM and 5 PM"},
		{at(18, 9, 0), at(18, 12, 0), "on Friday, December 18, between 9 AM and noon"},
		{at(1, 10, 0), at(1, 11, 7), "any time from now until 11:07 AM today"},
		{at(1, 20, 0), at(2, 9, 5), "between today at 8 PM and tomorrow at 9:05 AM"},
		{at(1, 23, 0), at(2, 0, 0), "between today at 11 PM and tomorrow at midnight"},
	} {
		if got := SpokenWindow(tc.start, tc.end, now); got != tc.want {
			t.Errorf("%s-%s: %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
	cb := Callback{Timezone: "America/New_York", WindowStart: at(2, 9, 0).UTC(), WindowEnd: at(2, 12, 0).UTC()}
	if lw := cb.Local(now.UTC()); lw.Start != "2026-12-02T09:00:00-05:00" || lw.End != "2026-12-02T12:00:00-05:00" || lw.Spoken != "tomorrow between 9 AM and noon" {
		t.Fatalf("Local: %+v", lw)
	}
}

func TestWindowPresets(t *testing.T) {
	ny := Location("America/New_York")
	for _, tc := range []struct {
		now        time.Time
		preset     WindowPreset
		start, end string // local, 15:04 on the day offset
		day        int
	}{
		{time.Date(2026, 12, 1, 8, 0, 0, 0, ny), PresetMorning, "09:00", "12:00", 0},
		{time.Date(2026, 12, 1, 10, 30, 0, 0, ny), PresetMorning, "10:30", "12:00", 0},
		{time.Date(2026, 12, 1, 13, 0, 0, 0, ny), PresetMorning, "09:00", "12:00", 1},
		{time.Date(2026, 12, 1, 13, 0, 0, 0, ny), PresetAfternoon, "13:00", "17:00", 0},
		{time.Date(2026, 12, 1, 21, 0, 0, 0, ny), PresetEvening, "17:00", "20:00", 1},
		{time.Date(2026, 12, 1, 10, 0, 0, 0, ny), PresetTomorrowAfternoon, "12:00", "17:00", 1},
		{time.Date(2026, 12, 1, 10, 0, 0, 0, ny), PresetInTwoHours, "12:00", "13:00", 0},
		// The night before the US spring-forward change: tomorrow morning is in EDT.
		{time.Date(2027, 3, 13, 22, 0, 0, 0, ny), PresetTomorrowMorning, "09:00", "12:00", 1},
	} {
		s, e, ok := tc.preset.window(tc.now.UTC(), ny)
		if !ok || s == nil || e == nil {
			t.Fatalf("%s: no window", tc.preset)
		}
		day := tc.now.AddDate(0, 0, tc.day).Day()
		if got := s.In(ny).Format("15:04"); got != tc.start || s.In(ny).Day() != day || e.In(ny).Format("15:04") != tc.end {
			t.Errorf("%s at %s: %s-%s day %d", tc.preset, tc.now, s.In(ny), e.In(ny), s.In(ny).Day())
		}
	}
	if s, e, ok := PresetASAP.window(time.Now(), ny); !ok || s != nil || e != nil {
		t.Error("asap")
	}
	if _, _, ok := WindowPreset("tomorrow").window(time.Now(), ny); ok {
		t.Error("an unknown preset")
	}
}
