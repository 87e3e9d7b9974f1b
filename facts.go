package velocity

import "time"

// CloseReason says why a callback ended: which outcome completed or failed it, or who
// cancelled it.
type CloseReason string

const (
	CloseConnected      CloseReason = "connected"       // completed: an attempt reached the customer
	CloseDeclined       CloseReason = "declined"        // completed: the customer answered and declined
	CloseReachedInbound CloseReason = "reached_inbound" // completed: reached on a call they made (POST .../reached)
	CloseMaxAttempts    CloseReason = "max_attempts"    // failed: the attempts ran out
	CloseInvalidNumber  CloseReason = "invalid_number"  // failed: the number does not work
	CloseCustomer       CloseReason = "customer"        // cancelled by an agent or an integration, on the customer's word
	CloseDoNotCall      CloseReason = "do_not_call"     // cancelled because its number was put on the do-not-call list
	CloseSupervisor     CloseReason = "supervisor"      // cancelled by a supervisor or admin account
)

// CloseReasons lists every close reason: completed ones, failed ones, cancelled ones.
var CloseReasons = []CloseReason{CloseConnected, CloseDeclined, CloseReachedInbound, CloseMaxAttempts, CloseInvalidNumber,
	CloseCustomer, CloseDoNotCall, CloseSupervisor}

// Valid reports whether r is one of the known close reasons.
func (r CloseReason) Valid() bool {
	for _, k := range CloseReasons {
		if k == r {
			return true
		}
	}
	return false
}

// Status returns the status a callback closed for this reason has.
func (r CloseReason) Status() Status {
	switch r {
	case CloseConnected, CloseDeclined, CloseReachedInbound:
		return StatusCompleted
	case CloseMaxAttempts, CloseInvalidNumber:
		return StatusFailed
	}
	return StatusCancelled
}

// Connects reports whether an attempt with this outcome reached the customer: connected,
// or declined (they answered and said no). The reports' connect rates count these.
func (o Outcome) Connects() bool { return o == OutcomeConnected || o == OutcomeDeclined }

// Facts are what the console's reports count about a callback, kept on the callback and
// set by the change that makes each true, in the same write (so they agree with its
// history at every instant): its first dial, its fall back to the team, its end. They
// never change once set, except that a callback has no end while it is open.
type Facts struct {
	// FirstAttemptAt is when the first dial was recorded (the attempted event with
	// attempt 1), FirstAttemptBy the agent who recorded it and FirstOutcome its outcome.
	FirstAttemptAt *time.Time `json:"firstAttemptAt"`
	FirstAttemptBy string     `json:"firstAttemptBy"`
	FirstOutcome   *Outcome   `json:"firstOutcome"`
	// FirstDelay is the time from the start of the window in effect at the first dial to
	// that dial (negative when dialed before its window opened); FirstInWindow whether the
	// dial fell inside that window [start, end).
	FirstDelay    *time.Duration `json:"-"`
	FirstInWindow *bool          `json:"firstInWindow"`
	// FellBackAt is when the scheduler first handed the overdue personal callback to its
	// team, FellBackFrom the agent it was taken from.
	FellBackAt   *time.Time `json:"fellBackAt"`
	FellBackFrom string     `json:"fellBackFrom"`
	// ClosedAt is when the callback was completed, failed or cancelled, ClosedBy the
	// agent the closing request named ("" for none), CloseReason why.
	ClosedAt    *time.Time  `json:"closedAt"`
	ClosedBy    string      `json:"closedBy"`
	CloseReason CloseReason `json:"closeReason"`
}

// FirstDelaySeconds is FirstDelay in seconds, for JSON; nil before the first dial.
func (f Facts) FirstDelaySeconds() *float64 {
	if f.FirstDelay == nil {
		return nil
	}
	s := f.FirstDelay.Seconds()
	return &s
}

// noteFirstAttempt records the first dial at now by agentID with outcome, against the
// window in effect before the attempt moved it; later attempts change nothing.
func (c *Callback) noteFirstAttempt(agentID string, outcome Outcome, now time.Time) {
	if c.Facts.FirstAttemptAt != nil {
		return
	}
	at, o := now, outcome
	delay := now.Sub(c.WindowStart)
	in := !now.Before(c.WindowStart) && now.Before(c.WindowEnd)
	c.Facts.FirstAttemptAt, c.Facts.FirstAttemptBy, c.Facts.FirstOutcome = &at, agentID, &o
	c.Facts.FirstDelay, c.Facts.FirstInWindow = &delay, &in
}

// close records the end of the callback at now.
func (c *Callback) close(now time.Time, by string, why CloseReason) {
	at := now
	c.Facts.ClosedAt, c.Facts.ClosedBy, c.Facts.CloseReason = &at, by, why
}

// noteFallback records the first hand-over of the personal callback of agent to its team.
func (c *Callback) noteFallback(agent string, now time.Time) {
	if c.Facts.FellBackAt != nil {
		return
	}
	at := now
	c.Facts.FellBackAt, c.Facts.FellBackFrom = &at, agent
}
