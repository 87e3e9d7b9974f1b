package velocity

import (
	"time"
)

// Status is where a callback stands in its life.
type Status string

const (
	StatusScheduled Status = "scheduled" // waiting for its window and an agent
	StatusClaimed   Status = "claimed"   // an agent holds a lease and is dialing
	StatusCompleted Status = "completed" // the customer was reached (or declined)
	StatusFailed    Status = "failed"    // attempts exhausted or the number is invalid
	StatusCancelled Status = "cancelled" // withdrawn before completion
)

// Open reports whether a callback in this status still waits to be dialed.
func (s Status) Open() bool { return s == StatusScheduled || s == StatusClaimed }

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusScheduled, StatusClaimed, StatusCompleted, StatusFailed, StatusCancelled:
		return true
	}
	return false
}

// OpenStatuses are the statuses a worklist shows by default.
var OpenStatuses = []Status{StatusScheduled, StatusClaimed}

// Outcome is the result of one dial attempt.
type Outcome string

const (
	OutcomeConnected     Outcome = "connected"
	OutcomeNoAnswer      Outcome = "no_answer"
	OutcomeBusy          Outcome = "busy"
	OutcomeVoicemail     Outcome = "voicemail"
	OutcomeInvalidNumber Outcome = "invalid_number"
	OutcomeDeclined      Outcome = "declined"
)

// Outcomes lists every outcome in the order a person would pick them.
var Outcomes = []Outcome{OutcomeConnected, OutcomeNoAnswer, OutcomeBusy, OutcomeVoicemail, OutcomeInvalidNumber, OutcomeDeclined}

// Valid reports whether o is one of the known outcomes.
func (o Outcome) Valid() bool {
	for _, k := range Outcomes {
		if k == o {
			return true
		}
	}
	return false
}

// Callback is a promise to call a customer back. AgentID is nil for a team callback that
// any member of TeamID may take. Version increases by one on every change.
type Callback struct {
	ID                  string    `json:"id"`
	TenantID            string    `json:"-"`
	TeamID              string    `json:"teamId"`
	AgentID             *string   `json:"agentId"`
	CustomerName        string    `json:"customerName"`
	PhoneNumber         string    `json:"phoneNumber"`
	Timezone            string    `json:"timezone"`
	WindowStart         time.Time `json:"windowStart"`
	WindowEnd           time.Time `json:"windowEnd"`
	Notes               string    `json:"notes"`
	Reason              string    `json:"reason"`
	SourceInteractionID string    `json:"sourceInteractionId"`
	CreatedBy           string    `json:"createdBy"`
	Status              Status    `json:"status"`
	Attempts            int       `json:"attempts"`
	MaxAttempts         int       `json:"maxAttempts"`
	LastOutcome         *Outcome  `json:"lastOutcome"`
	// ClaimedBy and ClaimExpiresAt describe the latest claim. While the status is
	// claimed it is live; when its lease ran out (the scheduler put the callback back
	// to scheduled) it stays recorded as lapsed, so that its holder, still on the call,
	// may record the outcome until another agent claims the callback.
	ClaimedBy      *string    `json:"claimedBy"`
	ClaimExpiresAt *time.Time `json:"claimExpiresAt"`
	CreatedAt      time.Time  `json:"createdAt"`
	UpdatedAt      time.Time  `json:"updatedAt"`
	Version        int64      `json:"version"`
	// DueNotifiedAt is when the scheduler announced that the current window opened; it
	// is cleared whenever the window moves, so each window is announced once.
	DueNotifiedAt *time.Time `json:"-"`
	// Facts are what the reports count: the first dial, the fall back, the end.
	Facts Facts `json:"-"`
}

// Owner returns the owning agent's id, or "" for a team callback.
func (c *Callback) Owner() string {
	if c.AgentID == nil {
		return ""
	}
	return *c.AgentID
}

// Holder returns the id of the agent holding the claim, or "" when the callback is not
// claimed.
func (c *Callback) Holder() string {
	if c.Status != StatusClaimed || c.ClaimedBy == nil {
		return ""
	}
	return *c.ClaimedBy
}

// LapsedHolder returns the agent whose claim ran out without anyone claiming the
// callback since, or "".
func (c *Callback) LapsedHolder() string {
	if c.Status != StatusScheduled || c.ClaimedBy == nil {
		return ""
	}
	return *c.ClaimedBy
}

// lapse ends a claim whose lease ran out: the callback is scheduled again, and the claim
// stays recorded as lapsed (see LapsedHolder).
func (c *Callback) lapse(now time.Time) {
	c.Status = StatusScheduled
	c.touch(now)
}

// LeaseActive reports whether an agent holds an unexpired claim at now.
func (c *Callback) LeaseActive(now time.Time) bool {
	return c.Status == StatusClaimed && c.ClaimExpiresAt != nil && now.Before(*c.ClaimExpiresAt)
}

// touch marks a change at now.
func (c *Callback) touch(now time.Time) {
	c.UpdatedAt = now
	c.Version++
}

func (c *Callback) clearClaim() {
	c.ClaimedBy = nil
	c.ClaimExpiresAt = nil
}

// Claim gives agentID a lease on the callback until now+lease. The holder claiming again
// renews the lease; an expired lease may be taken over. A personal callback may only be
// claimed by its owner.
func (c *Callback) Claim(agentID string, now time.Time, lease time.Duration) error {
	if !c.Status.Open() {
		return ErrInvalidTransition.With("A "+string(c.Status)+" callback cannot be claimed.", map[string]any{"currentStatus": c.Status})
	}
	if owner := c.Owner(); owner != "" && owner != agentID {
		return ErrNotOwner.With("", map[string]any{"agentId": owner})
	}
	if c.Status == StatusClaimed && c.Holder() != agentID && c.LeaseActive(now) {
		return ErrAlreadyClaimed.With("", map[string]any{"claimedBy": c.Holder(), "claimExpiresAt": c.ClaimExpiresAt})
	}
	exp := now.Add(lease)
	c.Status = StatusClaimed
	c.ClaimedBy = &agentID
	c.ClaimExpiresAt = &exp
	c.touch(now)
	return nil
}

// Release gives back agentID's claim, returning the callback to scheduled. The holder of
// a lapsed claim may release it too (it gives up the right to record the outcome).
func (c *Callback) Release(agentID string, now time.Time) error {
	if agentID != "" && c.LapsedHolder() == agentID {
		c.clearClaim()
		c.touch(now)
		return nil
	}
	if c.Status != StatusClaimed {
		return ErrInvalidTransition.With("Only a claimed callback can be released; this one is "+string(c.Status)+".", map[string]any{"currentStatus": c.Status})
	}
	if c.Holder() != agentID {
		return ErrNotClaimHolder.With("", map[string]any{"claimedBy": c.Holder()})
	}
	c.Status = StatusScheduled
	c.clearClaim()
	c.touch(now)
	return nil
}

// Attempt records one dial by agentID, who must hold the claim, or hold a lapsed one
// (a call that outlasted its lease). Connected and declined complete the callback;
// invalid_number fails it; any other outcome schedules a retry at retryAt, or fails it
// when the attempts reach MaxAttempts. The window keeps its length.
func (c *Callback) Attempt(agentID string, outcome Outcome, retryAt time.Time, now time.Time) error {
	if agentID != "" && c.LapsedHolder() == agentID {
		c.Status = StatusClaimed // the call went on after the lease ran out
	}
	if c.Status != StatusClaimed {
		return ErrInvalidTransition.With("Claim the callback before recording an attempt; it is "+string(c.Status)+".", map[string]any{"currentStatus": c.Status})
	}
	if c.Holder() != agentID {
		return ErrNotClaimHolder.With("", map[string]any{"claimedBy": c.Holder()})
	}
	c.noteFirstAttempt(agentID, outcome, now)
	c.Attempts++
	o := outcome
	c.LastOutcome = &o
	c.clearClaim()
	switch {
	case outcome == OutcomeConnected || outcome == OutcomeDeclined:
		c.Status = StatusCompleted
		c.close(now, agentID, CloseReason(outcome))
	case outcome == OutcomeInvalidNumber:
		c.Status = StatusFailed
		c.close(now, agentID, CloseInvalidNumber)
	case c.Attempts >= c.MaxAttempts:
		c.Status = StatusFailed
		c.close(now, agentID, CloseMaxAttempts)
	default:
		length := c.WindowEnd.Sub(c.WindowStart)
		c.Status = StatusScheduled
		c.WindowStart = retryAt
		c.WindowEnd = retryAt.Add(length)
		c.DueNotifiedAt = nil
	}
	c.touch(now)
	return nil
}

// MarkReached completes an open callback because the customer was reached on another
// call (they called in). A claim another agent is dialing on refuses it.
func (c *Callback) MarkReached(agentID string, now time.Time) error {
	if !c.Status.Open() {
		return ErrInvalidTransition.With("A "+string(c.Status)+" callback cannot be marked as reached.", map[string]any{"currentStatus": c.Status})
	}
	if h := c.Holder(); h != "" && h != agentID && c.LeaseActive(now) {
		return ErrAlreadyClaimed.With(h+" is dialing this callback right now.", map[string]any{"claimedBy": h, "claimExpiresAt": c.ClaimExpiresAt})
	}
	c.Status = StatusCompleted
	c.close(now, agentID, CloseReachedInbound)
	c.clearClaim()
	c.touch(now)
	return nil
}

// Cancel withdraws an open callback; by is the agent the request named ("" for none)
// and why one of the cancelled close reasons.
func (c *Callback) Cancel(now time.Time, by string, why CloseReason) error {
	if !c.Status.Open() {
		return ErrInvalidTransition.With("A "+string(c.Status)+" callback cannot be cancelled.", map[string]any{"currentStatus": c.Status})
	}
	c.Status = StatusCancelled
	c.close(now, by, why)
	c.clearClaim()
	c.touch(now)
	return nil
}
