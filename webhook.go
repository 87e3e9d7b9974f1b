package velocity

import (
	"encoding/json"
	"slices"
	"time"
)

// WebhookEventType names what a webhook message announces: "callback." and what
// happened, or "*" in an endpoint's list for every type.
type WebhookEventType string

// The webhook event types. A recorded Event maps to them by WebhookTypes.
const (
	WebhookCreated     WebhookEventType = "callback.created"
	WebhookDue         WebhookEventType = "callback.due"
	WebhookOverdue     WebhookEventType = "callback.overdue"
	WebhookClaimed     WebhookEventType = "callback.claimed"
	WebhookReleased    WebhookEventType = "callback.released"
	WebhookAttempted   WebhookEventType = "callback.attempted"
	WebhookRescheduled WebhookEventType = "callback.rescheduled"
	WebhookReassigned  WebhookEventType = "callback.reassigned"
	WebhookUpdated     WebhookEventType = "callback.updated"
	WebhookFellBack    WebhookEventType = "callback.fell_back"
	WebhookCompleted   WebhookEventType = "callback.completed"
	WebhookFailed      WebhookEventType = "callback.failed"
	WebhookCancelled   WebhookEventType = "callback.cancelled"
	// WebhookAll in an endpoint's list subscribes it to every type.
	WebhookAll WebhookEventType = "*"
	// WebhookTest is the type of the message an admin sends to check an endpoint; it goes
	// to that endpoint whatever its list.
	WebhookTest WebhookEventType = "webhook.test"
)

// WebhookEventTypes lists the types an endpoint may subscribe to, besides WebhookAll.
var WebhookEventTypes = []WebhookEventType{WebhookCreated, WebhookDue, WebhookOverdue, WebhookClaimed, WebhookReleased,
	WebhookAttempted, WebhookRescheduled, WebhookReassigned, WebhookUpdated, WebhookFellBack, WebhookCompleted,
	WebhookFailed, WebhookCancelled}

// Valid reports whether t is a type an endpoint may subscribe to (WebhookAll included).
func (t WebhookEventType) Valid() bool {
	return t == WebhookAll || slices.Contains(WebhookEventTypes, t)
}

// WebhookTypes returns the webhook types a recorded event announces: one for most
// events; an update announces callback.rescheduled when its window moved,
// callback.reassigned when its team or agent changed (both when both did), and
// callback.updated when only other fields changed.
func WebhookTypes(e Event) []WebhookEventType {
	switch e.Type {
	case EventCreated:
		return []WebhookEventType{WebhookCreated}
	case EventDue:
		return []WebhookEventType{WebhookDue}
	case EventOverdue:
		return []WebhookEventType{WebhookOverdue}
	case EventClaimed:
		return []WebhookEventType{WebhookClaimed}
	case EventReleased:
		return []WebhookEventType{WebhookReleased}
	case EventAttempted:
		return []WebhookEventType{WebhookAttempted}
	case EventFallback:
		return []WebhookEventType{WebhookFellBack}
	case EventCompleted:
		return []WebhookEventType{WebhookCompleted}
	case EventFailed:
		return []WebhookEventType{WebhookFailed}
	case EventCancelled:
		return []WebhookEventType{WebhookCancelled}
	case EventUpdated:
		changed := func(keys ...string) bool {
			for _, k := range keys {
				switch c := e.Data["changes"].(type) {
				case map[string]any:
					if _, ok := c[k]; ok {
						return true
					}
				case map[string][]any:
					if _, ok := c[k]; ok {
						return true
					}
				}
			}
			return false
		}
		var out []WebhookEventType
		if changed("windowStart", "windowEnd") {
			out = append(out, WebhookRescheduled)
		}
		if changed("agentId", "teamId") {
			out = append(out, WebhookReassigned)
		}
		if len(out) == 0 {
			out = append(out, WebhookUpdated)
		}
		return out
	}
	return nil
}

// Webhook is an endpoint a tenant's admin registered: where messages go, which types it
// wants, and the secret they are signed with (Standard Webhooks: "whsec_" and base64).
// After a rotation the previous secret signs too, until PreviousSecretUntil, so that
// receivers can switch without losing messages. An endpoint that failed for a long run
// is disabled (DisabledAt, DisabledReason) and gets no messages until an admin enables it.
type Webhook struct {
	ID                  string             `json:"id"`
	TenantID            string             `json:"-"`
	URL                 string             `json:"url"`
	Description         string             `json:"description"`
	Events              []WebhookEventType `json:"events"`
	Secret              string             `json:"-"`
	PreviousSecret      string             `json:"-"`
	PreviousSecretUntil *time.Time         `json:"-"`
	CreatedAt           time.Time          `json:"createdAt"`
	UpdatedAt           time.Time          `json:"updatedAt"`
	DisabledAt          *time.Time         `json:"disabledAt"`
	DisabledReason      string             `json:"disabledReason"`
	// FailingSince is the first failed attempt since the endpoint last answered 2xx;
	// ConsecutiveFailures counts the failed attempts since.
	FailingSince        *time.Time `json:"failingSince"`
	ConsecutiveFailures int        `json:"consecutiveFailures"`
}

// Wants reports whether the endpoint subscribes to t.
func (w *Webhook) Wants(t WebhookEventType) bool {
	return slices.Contains(w.Events, WebhookAll) || slices.Contains(w.Events, t)
}

// Secrets returns the secrets that sign a message sent at now: the current one, and the
// previous one during its grace period after a rotation.
func (w *Webhook) Secrets(now time.Time) []string {
	out := []string{w.Secret}
	if w.PreviousSecret != "" && w.PreviousSecretUntil != nil && now.Before(*w.PreviousSecretUntil) {
		out = append(out, w.PreviousSecret)
	}
	return out
}

// DeliveryStatus is where a webhook delivery stands.
type DeliveryStatus string

const (
	DeliveryPending   DeliveryStatus = "pending"   // waiting for its next attempt (or being sent)
	DeliveryDelivered DeliveryStatus = "delivered" // the endpoint answered 2xx
	DeliveryFailed    DeliveryStatus = "failed"    // retries ran out; it can be re-sent
	DeliveryPaused    DeliveryStatus = "paused"    // its endpoint is disabled; enabling it resumes
)

// Valid reports whether s is a known delivery status.
func (s DeliveryStatus) Valid() bool {
	switch s {
	case DeliveryPending, DeliveryDelivered, DeliveryFailed, DeliveryPaused:
		return true
	}
	return false
}

// WebhookDelivery is one message to one endpoint: recorded in the transaction that
// recorded its event (the webhooks' outbox), then sent until the endpoint answers 2xx or
// ExpiresAt passes. MessageID is the webhook-id header, the same on every attempt;
// Payload the body exactly as signed.
type WebhookDelivery struct {
	ID            string           `json:"id"`
	TenantID      string           `json:"-"`
	WebhookID     string           `json:"webhookId"`
	MessageID     string           `json:"messageId"`
	EventID       int64            `json:"eventId,omitempty"`
	CallbackID    string           `json:"callbackId,omitempty"`
	Type          WebhookEventType `json:"type"`
	Payload       json.RawMessage  `json:"payload"`
	Status        DeliveryStatus   `json:"status"`
	Attempts      int              `json:"attempts"`
	CreatedAt     time.Time        `json:"createdAt"`
	NextAttemptAt time.Time        `json:"nextAttemptAt"`
	ExpiresAt     time.Time        `json:"expiresAt"`
	LastAttemptAt *time.Time       `json:"lastAttemptAt"`
	// LastStatusCode is the last attempt's HTTP status, nil when it got no response.
	LastStatusCode *int       `json:"lastStatusCode"`
	LastError      string     `json:"lastError"`
	DeliveredAt    *time.Time `json:"deliveredAt"`
}

// WebhookAttempt is one try at sending a delivery: the HTTP status (nil without a
// response), how long it took, the error and the start of the response body.
type WebhookAttempt struct {
	ID         int64         `json:"id"`
	DeliveryID string        `json:"deliveryId"`
	WebhookID  string        `json:"webhookId"`
	TenantID   string        `json:"-"`
	Attempt    int           `json:"attempt"`
	At         time.Time     `json:"at"`
	StatusCode *int          `json:"statusCode"`
	Duration   time.Duration `json:"-"`
	DurationMS float64       `json:"durationMs"`
	Error      string        `json:"error"`
	Response   string        `json:"response"`
}

// DeliveryLifetime is how long a delivery is retried before it fails.
const DeliveryLifetime = 24 * time.Hour

// MaxWebhooksPerTenant bounds the endpoints of one tenant (every change writes a
// delivery per subscribed endpoint).
const MaxWebhooksPerTenant = 20

// webhookMessage is the body of a webhook message, the Standard Webhooks shape: its
// type, when it happened, and the event as the API's event stream shows it.
type webhookMessage struct {
	Type      WebhookEventType `json:"type"`
	Timestamp time.Time        `json:"timestamp"`
	Data      any              `json:"data"`
}

// webhookEvent is an event as a message carries it, its callback as the API shows it.
type webhookEvent struct {
	Event
	Callback webhookCallback `json:"callback"`
}

// webhookCallback is a callback as the API shows it: an open one with its callability
// as of the event (a message is signed once and sent as is on every retry, so it says
// what held when the change happened); a lapsed claim is the server's bookkeeping.
type webhookCallback struct {
	Callback
	Callable       *Callability `json:"callable,omitempty"`
	ClaimedBy      *string      `json:"claimedBy"`
	ClaimExpiresAt *time.Time   `json:"claimExpiresAt"`
}

// WebhookPayload returns the body of the message of type t about recorded event e, under
// pol, the tenant's policy when e was recorded: an open callback's callable is whether it
// could be dialed at e.At.
func WebhookPayload(e Event, t WebhookEventType, pol Policy) ([]byte, error) {
	cb := webhookCallback{Callback: e.Callback}
	if e.Callback.Status == StatusClaimed {
		cb.ClaimedBy, cb.ClaimExpiresAt = e.Callback.ClaimedBy, e.Callback.ClaimExpiresAt
	}
	if e.Callback.Status.Open() {
		c := pol.Callability(&e.Callback, e.At)
		cb.Callable = &c
	}
	return json.Marshal(webhookMessage{Type: t, Timestamp: e.At, Data: webhookEvent{Event: e, Callback: cb}})
}

// PlanDeliveries returns the deliveries that recorded events make for a tenant's enabled
// endpoints: one per endpoint and message, each message (an event and one of its
// webhook types) with one id shared by its endpoints. They are due at once. policies
// holds the tenants' policies (DefaultPolicy for a tenant it lacks: none is stored).
func PlanDeliveries(events []Event, endpoints []Webhook, policies map[string]Policy) ([]WebhookDelivery, error) {
	var out []WebhookDelivery
	for _, e := range events {
		for _, t := range WebhookTypes(e) {
			var payload []byte
			msgID := ""
			for i := range endpoints {
				w := &endpoints[i]
				if w.TenantID != e.TenantID || w.DisabledAt != nil || !w.Wants(t) {
					continue
				}
				if payload == nil {
					var err error
					pol, ok := policies[e.TenantID]
					if !ok {
						pol = DefaultPolicy()
					}
					if payload, err = WebhookPayload(e, t, pol); err != nil {
						return nil, err
					}
					msgID = NewID("msg_")
				}
				out = append(out, WebhookDelivery{ID: NewID("whd_"), TenantID: e.TenantID, WebhookID: w.ID, MessageID: msgID,
					EventID: e.ID, CallbackID: e.CallbackID, Type: t, Payload: payload, Status: DeliveryPending,
					CreatedAt: e.At, NextAttemptAt: e.At, ExpiresAt: e.At.Add(DeliveryLifetime)})
			}
		}
	}
	return out, nil
}

// TestDelivery returns a test message for endpoint w at now.
func TestDelivery(w Webhook, now time.Time) (WebhookDelivery, error) {
	payload, err := json.Marshal(webhookMessage{Type: WebhookTest, Timestamp: now,
		Data: map[string]any{"webhookId": w.ID, "message": "A test message from Velocity Callbacks."}})
	if err != nil {
		return WebhookDelivery{}, err
	}
	return WebhookDelivery{ID: NewID("whd_"), TenantID: w.TenantID, WebhookID: w.ID, MessageID: NewID("msg_"),
		Type: WebhookTest, Payload: payload, Status: DeliveryPending, CreatedAt: now, NextAttemptAt: now,
		ExpiresAt: now.Add(DeliveryLifetime)}, nil
}
