package velocity

import (
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
	// Retention is how long the scheduler keeps what the tenant no longer uses (see
	// Retention).
	Retention Retention
	// InboundMatch is what POST /interactions/inbound does with the open callback of a
	// customer who calls in: report it (InboundReportOnly, the default) or mark it
	// reached on that call (InboundMarkReached).
	InboundMatch InboundMatch
}

// InboundMatch is a policy for the open callback of a customer who calls in.
type InboundMatch string

const (
	// InboundReportOnly returns the open callback and leaves it: the caller may hang up
	// in the queue, and an agent who speaks with them marks it reached.
	InboundReportOnly InboundMatch = "report_only"
	// InboundMarkReached completes it as reached on the inbound call at once.
	InboundMarkReached InboundMatch = "mark_reached"
)

// DefaultPolicy returns the rules a tenant has until an administrator changes them:
// calling every day 08:00-21:00 local time (the TCPA's window), 31 days ahead, 5-minute
// claims, 3 attempts, retries after 30 minutes (no answer), 10 (busy) or 120 (voicemail),
// team fallback after 60 minutes overdue, and DefaultRetention.
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
		Retention:    DefaultRetention(),
		InboundMatch: InboundReportOnly,
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
