package velocity

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/customerdynamics/velocity/tzdb"
)

// Text limits, in characters.
const (
	MaxIDLen     = 128
	MaxNameLen   = 250
	MaxNotesLen  = 2000
	MaxReasonLen = 500
)

// checker collects the field errors of one input; err returns them as one validation
// error.
type checker struct{ errs []FieldError }

func (c *checker) add(field string, code FieldCode, msg string) {
	c.errs = append(c.errs, FieldError{Field: field, Code: code, Message: msg})
}

func (c *checker) text(field, v string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		c.add(field, FieldRequired, "is required")
	case utf8.RuneCountInString(v) > max:
		c.add(field, FieldTooLong, "must be at most "+strconv.Itoa(max)+" characters")
	case !CleanText(v, max > MaxIDLen):
		c.add(field, FieldInvalidText, "must be valid UTF-8 text without control characters")
	}
}

// CleanText reports whether s is valid UTF-8 without control characters; multiline
// text may hold tabs and line breaks.
func CleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			if multiline && (r == '\n' || r == '\r' || r == '\t') {
				continue
			}
			return false
		}
	}
	return true
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return ValidationError(c.errs...)
}

// zone validates an IANA zone name against the embedded time zone database.
func (c *checker) zone(field, name string) {
	if name == "" {
		return
	}
	if name == "Local" || len(name) > 64 {
		c.add(field, FieldInvalidTimezone, "must be an IANA time zone such as America/New_York")
		return
	}
	if _, err := tzdb.Load(name); err != nil {
		c.add(field, FieldInvalidTimezone, "must be an IANA time zone such as America/New_York")
	}
}

func (c *checker) region(field, code string) {
	if code != "" && !ValidRegion(code) {
		c.add(field, FieldInvalidCountry, "must be an ISO 3166 two-letter country code such as US or GB")
	}
}

// MaxWindow is the longest a callback's window may last.
const MaxWindow = 7 * 24 * time.Hour

// window checks a window against now and the policy. Together these bounds keep every
// stored time within a year or so of now.
func (c *checker) window(start, end, now time.Time, p Policy) {
	switch {
	case !end.After(start):
		c.add("windowEnd", FieldWindowOrder, "must be after windowStart")
	case !end.After(now):
		c.add("windowEnd", FieldWindowEnded, "is in the past: the window has already ended")
	case end.Sub(start) > MaxWindow:
		c.add("windowEnd", FieldWindowTooLong, "must be at most 7 days after windowStart")
	}
	switch {
	case start.After(now.Add(p.MaxAhead)):
		c.add("windowStart", FieldTooFarAhead, "must be at most "+strconv.Itoa(int(p.MaxAhead/(24*time.Hour)))+" days ahead")
	case start.Before(now.Add(-24 * time.Hour)):
		c.add("windowStart", FieldTooFarPast, "must be at most a day in the past")
	}
}

func (c *checker) maxAttempts(v *int, floor int) {
	if v == nil {
		return
	}
	switch {
	case *v < 1 || *v > MaxAttemptsLimit:
		c.add("maxAttempts", FieldOutOfRange, "must be between 1 and "+strconv.Itoa(MaxAttemptsLimit))
	case *v <= floor && floor > 0:
		c.add("maxAttempts", FieldBelowAttempts, "must be more than the "+strconv.Itoa(floor)+" attempts already made")
	}
}
