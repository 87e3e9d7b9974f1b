package velocity

import (
	"strconv"
	"strings"
	"time"
)

// LocalWindow is a callback's window in the customer's time zone: the times with the
// zone's offset, and a sentence fit for text-to-speech that tells the caller when they
// will be called ("today between 2:30 PM and 3:30 PM", "tomorrow between 9 AM and
// noon", "on Friday, December 4, between 9 AM and 10 AM").
type LocalWindow struct {
	Start  string `json:"windowStartLocal"`
	End    string `json:"windowEndLocal"`
	Spoken string `json:"spokenWindow"`
}

// Local returns the callback's window in its customer's zone, as said at now.
func (c *Callback) Local(now time.Time) LocalWindow {
	loc := Location(c.Timezone)
	s, e, n := c.WindowStart.In(loc), c.WindowEnd.In(loc), now.In(loc)
	return LocalWindow{Start: s.Format(time.RFC3339), End: e.Format(time.RFC3339), Spoken: SpokenWindow(s, e, n)}
}

// SpokenWindow says a window in words, its times as given (in the customer's zone),
// relative to now: an open window "any time from now until 3:30 PM today", a window
// within a day "today between 2 PM and 3 PM", one across days "between today at 8 PM and
// tomorrow at 9 AM".
func SpokenWindow(start, end, now time.Time) string {
	if !start.After(now) {
		return "any time from now until " + spokenTime(end) + " " + spokenDay(end, now, false)
	}
	if sameDay(start, end) {
		day := spokenDay(start, now, true)
		if strings.Contains(day, ",") { // "on Friday, December 18, between"
			day += ","
		}
		return day + " between " + spokenTime(start) + " and " + spokenTime(end)
	}
	return "between " + spokenDay(start, now, false) + " at " + spokenTime(start) + " and " + spokenDay(end, now, false) + " at " + spokenTime(end)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// spokenDay names t's day relative to now: today, tomorrow, a weekday within the week,
// else the date; "on" comes before a weekday or date when withOn (for "until ...",
// without it).
func spokenDay(t, now time.Time, withOn bool) string {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	ty, tm, td := t.Date()
	days := int(time.Date(ty, tm, td, 0, 0, 0, 0, now.Location()).Sub(today).Hours()+12) / 24
	on := ""
	if withOn {
		on = "on "
	}
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1 && days < 7:
		return on + t.Weekday().String()
	}
	return on + t.Weekday().String() + ", " + t.Month().String() + " " + strconv.Itoa(t.Day())
}

// spokenTime says a time of day: "9 AM", "2:30 PM", "noon", "midnight".
func spokenTime(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	switch {
	case h == 12 && m == 0:
		return "noon"
	case h == 0 && m == 0:
		return "midnight"
	}
	suffix := " AM"
	if h >= 12 {
		suffix = " PM"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	if m == 0 {
		return strconv.Itoa(h12) + suffix
	}
	return strconv.Itoa(h12) + ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10) + suffix
}
