package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/customerdynamics/velocity"
)

// webhookView is an endpoint as the admin API shows it: without its secrets, with
// whether it is enabled.
type webhookView struct {
	velocity.Webhook
	Enabled bool `json:"enabled"`
	// Secret is set only in the answers that make one: create and rotate; a rotation's
	// answer says until when the previous secret signs too.
	Secret                   string     `json:"secret,omitempty"`
	PreviousSecretValidUntil *time.Time `json:"previousSecretValidUntil,omitempty"`
}

func viewWebhook(w velocity.Webhook, secret string) webhookView {
	return webhookView{Webhook: w, Enabled: w.DisabledAt == nil, Secret: secret}
}

// createWebhook registers an endpoint; the answer holds its signing secret, this once.
func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var in velocity.WebhookCreate
	if err := decodeJSON(r, &in, false); err != nil {
		return err
	}
	wh, secret, err := s.cfg.Service.CreateWebhook(r.Context(), p, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+wh.ID)
	s.writeJSON(w, r, http.StatusCreated, viewWebhook(wh, secret))
	return nil
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	whs, err := s.cfg.Service.ListWebhooks(r.Context(), p)
	if err != nil {
		return err
	}
	out := make([]webhookView, len(whs))
	for i, wh := range whs {
		out[i] = viewWebhook(wh, "")
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": out})
	return nil
}

func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	wh, err := s.cfg.Service.GetWebhook(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, viewWebhook(wh, ""))
	return nil
}

func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var in velocity.WebhookUpdate
	if err := decodeJSON(r, &in, false); err != nil {
		return err
	}
	wh, err := s.cfg.Service.UpdateWebhook(r.Context(), p, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, viewWebhook(wh, ""))
	return nil
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	if err := s.cfg.Service.DeleteWebhook(r.Context(), p, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// rotateWebhookSecret gives the endpoint a new secret, shown this once; the previous
// one signs too for 24 hours.
func (s *Server) rotateWebhookSecret(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	if err := decodeJSON(r, &struct{}{}, true); err != nil {
		return err
	}
	wh, secret, err := s.cfg.Service.RotateWebhookSecret(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	out := viewWebhook(wh, secret)
	out.PreviousSecretValidUntil = wh.PreviousSecretUntil
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// testWebhook queues a webhook.test message for the endpoint.
func (s *Server) testWebhook(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	if err := decodeJSON(r, &struct{}{}, true); err != nil {
		return err
	}
	d, err := s.cfg.Service.TestWebhook(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+d.WebhookID+"/deliveries/"+d.ID)
	s.writeJSON(w, r, http.StatusAccepted, d)
	return nil
}

var deliveryParams = map[string]bool{"status": true, "before": true, "limit": true}

// listDeliveries pages through an endpoint's deliveries, newest first; nextBefore
// continues it.
func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	q := r.URL.Query()
	if err := checkParams(q, deliveryParams); err != nil {
		return err
	}
	dq := velocity.DeliveryQuery{Status: velocity.DeliveryStatus(q.Get("status")), Before: q.Get("before"), Limit: 50}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > velocity.MaxDeliveryLimit {
			return badParam("limit", "must be a whole number from 1 to "+strconv.Itoa(velocity.MaxDeliveryLimit))
		}
		dq.Limit = n
	}
	items, err := s.cfg.Service.ListWebhookDeliveries(r.Context(), p, r.PathValue("id"), dq)
	if err != nil {
		return err
	}
	var next *string
	if len(items) == dq.Limit {
		id := items[len(items)-1].ID
		next = &id
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": items, "nextBefore": next})
	return nil
}

// getDelivery shows one delivery with every attempt.
func (s *Server) getDelivery(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	d, atts, err := s.cfg.Service.GetWebhookDelivery(r.Context(), p, r.PathValue("id"), r.PathValue("delivery"))
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		velocity.WebhookDelivery
		AttemptLog []velocity.WebhookAttempt `json:"attemptLog"`
	}{d, atts})
	return nil
}

// resendDelivery sends a delivered or failed delivery again, with its webhook-id.
func (s *Server) resendDelivery(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	if err := decodeJSON(r, &struct{}{}, true); err != nil {
		return err
	}
	d, err := s.cfg.Service.ResendWebhookDelivery(r.Context(), p, r.PathValue("id"), r.PathValue("delivery"))
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusAccepted, d)
	return nil
}
