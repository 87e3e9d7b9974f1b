package velocity

import (
	"context"
	"slices"
	"strings"
	"time"
)

// WebhookCreate is a new endpoint: where messages go, the event types it wants (at
// least one; "*" for all) and a note for people.
type WebhookCreate struct {
	URL         string             `json:"url"`
	Events      []WebhookEventType `json:"events"`
	Description string             `json:"description"`
}

// WebhookUpdate changes an endpoint: nil fields stay. Enabled false disables it (its
// pending messages wait); true enables it again (they resume, and its failures are
// forgotten).
type WebhookUpdate struct {
	URL         *string             `json:"url"`
	Events      *[]WebhookEventType `json:"events"`
	Description *string             `json:"description"`
	Enabled     *bool               `json:"enabled"`
}

// MaxDescriptionLen is the longest description of a webhook endpoint.
const MaxDescriptionLen = 500

// SecretGrace is how long the previous secret still signs after a rotation.
const SecretGrace = 24 * time.Hour

func (s *Service) checkWebhook(c *checker, url *string, events *[]WebhookEventType, description *string) []WebhookEventType {
	if url != nil {
		if err := CheckWebhookURL("url", *url, s.AllowPrivateWebhooks); err != nil {
			e, _ := AsError(err)
			c.errs = append(c.errs, e.Fields...)
		}
	}
	if description != nil {
		c.text("description", *description, MaxDescriptionLen, false)
	}
	if events == nil {
		return nil
	}
	var out []WebhookEventType
	if len(*events) == 0 {
		c.add("events", FieldRequired, "name at least one event type, or \"*\" for all")
	}
	for _, t := range *events {
		if !t.Valid() {
			names := []string{string(WebhookAll)}
			for _, v := range WebhookEventTypes {
				names = append(names, string(v))
			}
			c.add("events", FieldInvalidChoice, string(t)+" is not an event type; the types are "+strings.Join(names, ", "))
			continue
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// CreateWebhook registers an endpoint and returns it with its signing secret (shown this
// once; the API shows it again only at a rotation).
func (s *Service) CreateWebhook(ctx context.Context, p Principal, in WebhookCreate) (Webhook, string, error) {
	var c checker
	c.text("url", in.URL, MaxWebhookURLLen, true)
	var events []WebhookEventType
	if c.err() == nil {
		events = s.checkWebhook(&c, &in.URL, &in.Events, &in.Description)
	}
	if err := c.err(); err != nil {
		return Webhook{}, "", err
	}
	existing, err := s.Store.ListWebhooks(ctx, p.Tenant.ID)
	if err != nil {
		return Webhook{}, "", err
	}
	if len(existing) >= MaxWebhooksPerTenant {
		return Webhook{}, "", ValidationError(FieldError{Field: "url", Code: FieldTooMany, Message: "a tenant has at most 20 webhook endpoints; delete one first"})
	}
	now := s.now()
	w := Webhook{ID: NewID("wh_"), TenantID: p.Tenant.ID, URL: strings.TrimSpace(in.URL), Description: strings.TrimSpace(in.Description),
		Events: events, Secret: NewWebhookSecret(), CreatedAt: now, UpdatedAt: now}
	if err := s.Store.CreateWebhook(ctx, w); err != nil {
		return Webhook{}, "", err
	}
	return w, w.Secret, s.recordAudit(ctx, p, "webhook.create", w.ID, nil, w)
}

// ListWebhooks returns the tenant's endpoints, oldest first.
func (s *Service) ListWebhooks(ctx context.Context, p Principal) ([]Webhook, error) {
	return s.Store.ListWebhooks(ctx, p.Tenant.ID)
}

// GetWebhook returns one of the tenant's endpoints.
func (s *Service) GetWebhook(ctx context.Context, p Principal, id string) (Webhook, error) {
	w, err := s.Store.GetWebhook(ctx, p.Tenant.ID, id)
	return w, notFoundWebhook(err)
}

func notFoundWebhook(err error) error {
	if e, ok := AsError(err); ok && e.Code == CodeNotFound {
		return ErrNotFound.With("No such webhook endpoint in this tenant.", nil)
	}
	return err
}

// UpdateWebhook changes an endpoint's URL, event types, description, or whether it is
// enabled.
func (s *Service) UpdateWebhook(ctx context.Context, p Principal, id string, in WebhookUpdate) (Webhook, error) {
	var c checker
	events := s.checkWebhook(&c, in.URL, in.Events, in.Description)
	if in.URL == nil && in.Events == nil && in.Description == nil && in.Enabled == nil {
		c.add("body", FieldRequired, "name url, events, description or enabled")
	}
	if err := c.err(); err != nil {
		return Webhook{}, err
	}
	w, err := s.GetWebhook(ctx, p, id)
	if err != nil {
		return Webhook{}, err
	}
	before := w
	now := s.now()
	if in.URL != nil {
		w.URL = strings.TrimSpace(*in.URL)
	}
	if in.Events != nil {
		w.Events = events
	}
	if in.Description != nil {
		w.Description = strings.TrimSpace(*in.Description)
	}
	if in.Enabled != nil {
		switch {
		case *in.Enabled && w.DisabledAt != nil:
			w.DisabledAt, w.DisabledReason = nil, ""
		case !*in.Enabled && w.DisabledAt == nil:
			w.DisabledAt, w.DisabledReason = &now, "disabled by "+p.Username
		}
	}
	w.UpdatedAt = now
	if err := s.Store.UpdateWebhook(ctx, w, now); err != nil {
		return Webhook{}, notFoundWebhook(err)
	}
	if w, err = s.GetWebhook(ctx, p, id); err != nil {
		return Webhook{}, err
	}
	return w, s.recordAudit(ctx, p, "webhook.update", w.ID, before, w)
}

// DeleteWebhook removes an endpoint with its deliveries and their attempts.
func (s *Service) DeleteWebhook(ctx context.Context, p Principal, id string) error {
	w, err := s.GetWebhook(ctx, p, id)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteWebhook(ctx, p.Tenant.ID, id); err != nil {
		return notFoundWebhook(err)
	}
	return s.recordAudit(ctx, p, "webhook.delete", id, w, nil)
}

// RotateWebhookSecret gives an endpoint a new signing secret and returns it (shown this
// once). For SecretGrace the previous secret signs too: messages carry both signatures,
// so a receiver may switch at any time within it.
func (s *Service) RotateWebhookSecret(ctx context.Context, p Principal, id string) (Webhook, string, error) {
	w, err := s.GetWebhook(ctx, p, id)
	if err != nil {
		return Webhook{}, "", err
	}
	now := s.now()
	until := now.Add(SecretGrace)
	w.PreviousSecret, w.PreviousSecretUntil, w.Secret, w.UpdatedAt = w.Secret, &until, NewWebhookSecret(), now
	if err := s.Store.UpdateWebhook(ctx, w, now); err != nil {
		return Webhook{}, "", notFoundWebhook(err)
	}
	return w, w.Secret, s.recordAudit(ctx, p, "webhook.rotateSecret", id, nil, map[string]any{"previousSecretValidUntil": until})
}

// TestWebhook queues a test message (type webhook.test) for an enabled endpoint.
func (s *Service) TestWebhook(ctx context.Context, p Principal, id string) (WebhookDelivery, error) {
	w, err := s.GetWebhook(ctx, p, id)
	if err != nil {
		return WebhookDelivery{}, err
	}
	if w.DisabledAt != nil {
		return WebhookDelivery{}, webhookDisabled(w)
	}
	d, err := TestDelivery(w, s.now())
	if err != nil {
		return WebhookDelivery{}, err
	}
	return d, s.Store.EnqueueDelivery(ctx, d)
}

func webhookDisabled(w Webhook) error {
	return NewError(CodeWebhookDisabled, "This webhook endpoint is disabled ("+w.DisabledReason+"); enable it first (PATCH with enabled true).").
		With("", map[string]any{"disabledAt": w.DisabledAt, "disabledReason": w.DisabledReason})
}

// MaxDeliveryLimit is the most deliveries one page returns.
const MaxDeliveryLimit = 200

// ListWebhookDeliveries returns a page of an endpoint's deliveries, newest first.
func (s *Service) ListWebhookDeliveries(ctx context.Context, p Principal, id string, q DeliveryQuery) ([]WebhookDelivery, error) {
	if _, err := s.GetWebhook(ctx, p, id); err != nil {
		return nil, err
	}
	if q.Status != "" && !q.Status.Valid() {
		return nil, NewError(CodeInvalidParameter, "Query parameter status must be pending, delivered, failed or paused.",
			FieldError{Field: "status", Code: FieldInvalidChoice, Message: "must be pending, delivered, failed or paused"})
	}
	if q.Limit <= 0 || q.Limit > MaxDeliveryLimit {
		q.Limit = 50
	}
	return s.Store.ListDeliveries(ctx, p.Tenant.ID, id, q)
}

// GetWebhookDelivery returns one of an endpoint's deliveries with its attempts, oldest
// first.
func (s *Service) GetWebhookDelivery(ctx context.Context, p Principal, webhookID, id string) (WebhookDelivery, []WebhookAttempt, error) {
	d, err := s.Store.GetDelivery(ctx, p.Tenant.ID, id)
	if err == nil && d.WebhookID != webhookID {
		err = ErrNotFound
	}
	if e, ok := AsError(err); ok && e.Code == CodeNotFound {
		return WebhookDelivery{}, nil, ErrNotFound.With("No such delivery of this webhook endpoint.", nil)
	}
	if err != nil {
		return WebhookDelivery{}, nil, err
	}
	atts, err := s.Store.ListAttempts(ctx, p.Tenant.ID, id)
	return d, atts, err
}

// ResendWebhookDelivery sends a delivered or failed delivery again (the same message and
// webhook-id), retried for another DeliveryLifetime.
func (s *Service) ResendWebhookDelivery(ctx context.Context, p Principal, webhookID, id string) (WebhookDelivery, error) {
	w, err := s.GetWebhook(ctx, p, webhookID)
	if err != nil {
		return WebhookDelivery{}, err
	}
	if w.DisabledAt != nil {
		return WebhookDelivery{}, webhookDisabled(w)
	}
	if _, _, err := s.GetWebhookDelivery(ctx, p, webhookID, id); err != nil {
		return WebhookDelivery{}, err
	}
	d, err := s.Store.ResendDelivery(ctx, p.Tenant.ID, id, s.now())
	if err != nil {
		return WebhookDelivery{}, err
	}
	return d, s.recordAudit(ctx, p, "webhook.resend", id, nil, map[string]any{"webhookId": webhookID, "messageId": d.MessageID})
}
