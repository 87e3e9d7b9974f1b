package velocity

import "time"

// EventType names a change in a callback's life.
type EventType string

const (
	EventCreated   EventType = "created"
	EventUpdated   EventType = "updated"
	EventClaimed   EventType = "claimed"
	EventReleased  EventType = "released"
	EventAttempted EventType = "attempted"
	EventCompleted EventType = "completed"
	EventFailed    EventType = "failed"
	EventCancelled EventType = "cancelled"
	// EventDue: the callback's window has opened (sent once per window).
	EventDue EventType = "due"
	// EventFallback: an overdue personal callback was handed to its team.
	EventFallback EventType = "fallback"
	// EventOverdue: the callback's window ended while it still waited to be dialed (sent
	// once per window).
	EventOverdue EventType = "overdue"
)

// Actor says who made a change: the system account that called the API and, when the
// request named one, the agent it acted for. Both are empty for the server's own changes.
type Actor struct {
	Account string `json:"account,omitempty"`
	AgentID string `json:"agentId,omitempty"`
}

// Owner is who a callback belonged to: a team, and an agent for a personal callback.
type Owner struct {
	TeamID  string  `json:"teamId"`
	AgentID *string `json:"agentId"`
}

// Event is one recorded change: the history of a callback and what live subscribers
// receive. ID increases with every event a store records. Callback is the callback as it
// stood after the change; Before is its owner before the change, set when the change
// moved it to another team or agent.
type Event struct {
	ID         int64          `json:"id"`
	TenantID   string         `json:"-"`
	CallbackID string         `json:"callbackId"`
	Type       EventType      `json:"type"`
	Actor      Actor          `json:"actor"`
	At         time.Time      `json:"at"`
	Data       map[string]any `json:"data,omitempty"`
	Before     *Owner         `json:"before,omitempty"`
	Callback   Callback       `json:"callback"`
}

// VisibleTo reports whether an agent of a team sees the event: the callback (before or
// after the change) is the agent's own, or an unassigned callback of the team. An empty
// agentID or teamID widens the view to all agents or all teams.
func (e *Event) VisibleTo(agentID, teamID string) bool {
	if visible(e.Callback.TeamID, e.Callback.AgentID, agentID, teamID) {
		return true
	}
	return e.Before != nil && visible(e.Before.TeamID, e.Before.AgentID, agentID, teamID)
}

func visible(cbTeam string, cbAgent *string, agentID, teamID string) bool {
	switch {
	case agentID == "" && teamID == "":
		return true
	case agentID == "":
		return cbTeam == teamID
	case teamID == "":
		return cbAgent != nil && *cbAgent == agentID
	}
	if cbAgent != nil {
		return *cbAgent == agentID
	}
	return cbTeam == teamID
}

// Bus carries recorded events to live subscribers. The service calls Publish after the
// events' transaction has committed, from many goroutines at once, so calls may arrive
// out of event-ID order; Publish never blocks on subscribers. Subscribe returns a
// subscription to the events a scope sees. The buses a server runs deliver them in ID
// order with none skipped (hub.Sequencer puts SQLite's commits in order; postgres.Bus
// reads the events table, so each event reaches subscribers on every server); a
// subscriber that falls behind is dropped (Subscription.Dropped) rather than left to miss
// an event. hub.Hub alone delivers in the order Publish is called.
type Bus interface {
	Publish(events []Event)
	Subscribe(scope Scope) Subscription
}

// Scope is what a subscriber sees: the events of one tenant's callbacks that an agent of a
// team sees (Event.VisibleTo), the whole team's with only TeamID, the agent's personal
// ones with only AgentID, or the whole tenant's with neither.
type Scope struct {
	TenantID string
	AgentID  string
	TeamID   string
}

// Subscription receives the events of its scope in ID order. Ready receives a value
// when events are waiting; Next returns them, oldest first, and empties the queue (the
// events are shared with other subscribers: read them, do not change them). Dropped is
// closed when the subscriber fell too far behind and was cut off (it should reconnect
// and replay from its last event id), or when the bus shuts down. Close ends the
// subscription.
type Subscription interface {
	Ready() <-chan struct{}
	Next() []*Event
	Dropped() <-chan struct{}
	Close()
}
