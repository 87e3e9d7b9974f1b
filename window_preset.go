package velocity

import (
	"strings"
	"time"
)

// WindowPreset names a callback window as a caller chooses it in an IVR menu; the server
// turns it into times in the customer's zone, so that a flow needs no date arithmetic.
type WindowPreset string

// The window presets. A part of the day (morning 09:00-12:00, afternoon 12:00-17:00,
// evening 17:00-20:00, in the customer's local time) is its next occurrence that has
// not ended, so "morning" at 10:30 is 10:30-12:00 today and at 13:00 tomorrow morning.
// The calling hours clip every window, as they do any other.
const (
	PresetASAP              WindowPreset = "asap"
	PresetInOneHour         WindowPreset = "in_1_hour"
	PresetInTwoHours        WindowPreset = "in_2_hours"
	PresetMorning           WindowPreset = "morning"
	PresetAfternoon         WindowPreset = "afternoon"
	PresetEvening           WindowPreset = "evening"
	PresetTomorrowMorning   WindowPreset = "tomorrow_morning"
	PresetTomorrowAfternoon WindowPreset = "tomorrow_afternoon"
	PresetTomorrowEvening   WindowPreset = "tomorrow_evening"
)

// WindowPresets lists the presets in menu order.
var WindowPresets = []WindowPreset{PresetASAP, PresetInOneHour, PresetInTwoHours, PresetMorning, PresetAfternoon,
	PresetEvening, PresetTomorrowMorning, PresetTomorrowAfternoon, PresetTomorrowEvening}

// dayParts are the local hours of the parts of the day.
var dayParts = map[string][2]int{"morning": {9, 12}, "afternoon": {12, 17}, "evening": {17, 20}}

// window returns the preset's window at now in loc; asap is (nil, nil): as soon as
// the calling hours allow, one policy window long. ok is false for an unknown preset.
func (w WindowPreset) window(now time.Time, loc *time.Location) (start, end *time.Time, ok bool) {
	at := func(t time.Time) *time.Time { t = t.UTC(); return &t }
	switch w {
	case PresetASAP:
		return nil, nil, true
	case PresetInOneHour, PresetInTwoHours:
		s := now.Add(time.Hour)
		if w == PresetInTwoHours {
			s = now.Add(2 * time.Hour)
		}
		return at(s), at(s.Add(time.Hour)), true
	}
	name, tomorrow := strings.CutPrefix(string(w), "tomorrow_")
	hours, known := dayParts[name]
	if !known {
		return nil, nil, false
	}
	local := now.In(loc)
	day := func(offset int) (time.Time, time.Time) {
		y, m, d := local.Date()
		return time.Date(y, m, d+offset, hours[0], 0, 0, 0, loc), time.Date(y, m, d+offset, hours[1], 0, 0, 0, loc)
	}
	s, e := day(0)
	if tomorrow {
		s, e = day(1)
	} else if !now.Before(e) {
		s, e = day(1)
	}
	if s.Before(now) {
		s = now
	}
	return at(s), at(e), true
}

func presetNames() string {
	names := make([]string, len(WindowPresets))
	for i, p := range WindowPresets {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}
