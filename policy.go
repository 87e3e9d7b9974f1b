package velocity

import "time"

// Policy holds a tenant's scheduling rules. DefaultPolicy gives the values every tenant
// starts with.
type Policy struct {
	MaxAhead      time.Duration             // how far ahead a window may start
	ClaimLease    time.Duration             // how long a claim lasts unless renewed
	DefaultWindow time.Duration             // a window's length when the end is not given
	MaxAttempts   int                       // attempts before a callback fails
	RetryDelays   map[Outcome]time.Duration // delay before a retry, per outcome
}

// DefaultPolicy returns the rules a tenant has until an administrator changes them.
func DefaultPolicy() Policy {
	return Policy{
		MaxAhead:      31 * 24 * time.Hour,
		ClaimLease:    5 * time.Minute,
		DefaultWindow: time.Hour,
		MaxAttempts:   3,
		RetryDelays: map[Outcome]time.Duration{
			OutcomeNoAnswer:  30 * time.Minute,
			OutcomeBusy:      10 * time.Minute,
			OutcomeVoicemail: 2 * time.Hour,
		},
	}
}

// RetryDelay returns the delay before retrying after outcome (30 minutes when the policy
// names none).
func (p Policy) RetryDelay(o Outcome) time.Duration {
	if d, ok := p.RetryDelays[o]; ok {
		return d
	}
	return 30 * time.Minute
}

// MaxAttemptsLimit is the largest maxAttempts a callback may ask for.
const MaxAttemptsLimit = 20
