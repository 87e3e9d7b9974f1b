package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// agentHeader optionally names the agent a request acts for (recorded in history).
func agentHeader(r *http.Request) (string, error) {
	a := strings.TrimSpace(r.Header.Get("X-Agent-Id"))
	if len(a) > velocity.MaxIDLen {
		return "", velocity.NewError(velocity.CodeInvalidHeader, "X-Agent-Id is too long.")
	}
	return a, nil
}

func (s *Server) createCallback(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var in velocity.CreateInput
	if err := decodeJSON(r, &in, false); err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 255 {
		return velocity.NewError(velocity.CodeInvalidIdempotencyKey, "Idempotency-Key must be at most 255 characters.")
	}
	agent, err := agentHeader(r)
	if err != nil {
		return err
	}
	cb, replayed, err := s.cfg.Service.Create(r.Context(), p, agent, in, key)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/callbacks/"+url.PathEscape(cb.ID))
	w.Header().Set("ETag", etag(cb.Version))
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	s.writeJSON(w, r, http.StatusCreated, s.viewer(r.Context(), p.Tenant.ID).spoken(cb))
	return nil
}

// listResponse is a page of callbacks.
type listResponse struct {
	Items      []callbackView `json:"items"`
	NextCursor *string        `json:"nextCursor"`
}

var listParams = map[string]bool{"agentId": true, "teamId": true, "status": true, "limit": true, "cursor": true}

func badParam(name, msg string) error {
	return velocity.NewError(velocity.CodeInvalidParameter, "Query parameter "+name+" "+msg+".",
		velocity.FieldError{Field: name, Code: velocity.FieldInvalid, Message: msg})
}

// checkParams refuses query parameters the endpoint does not know, and repeats.
func checkParams(q url.Values, known map[string]bool) error {
	for k, v := range q {
		if !known[k] {
			return badParam(k, "is not a parameter of this endpoint")
		}
		if len(v) > 1 {
			return badParam(k, "is given more than once")
		}
	}
	return nil
}

func (s *Server) listCallbacks(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	q := r.URL.Query()
	if err := checkParams(q, listParams); err != nil {
		return err
	}
	lq := velocity.ListQuery{AgentID: q.Get("agentId"), TeamID: q.Get("teamId"), Limit: velocity.DefaultListLimit}
	if len(lq.AgentID) > velocity.MaxIDLen || len(lq.TeamID) > velocity.MaxIDLen {
		return badParam("agentId", "is too long")
	}
	if v := q.Get("status"); v != "" {
		for _, st := range strings.Split(v, ",") {
			status := velocity.Status(strings.TrimSpace(st))
			if !status.Valid() {
				return badParam("status", "must be a comma-separated list of scheduled, claimed, completed, failed, cancelled")
			}
			lq.Statuses = append(lq.Statuses, status)
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > velocity.MaxListLimit {
			return badParam("limit", "must be a whole number from 1 to "+strconv.Itoa(velocity.MaxListLimit))
		}
		lq.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		c, err := velocity.DecodeCursor(v)
		if err != nil {
			return err
		}
		lq.After = &c
	}
	items, next, err := s.cfg.Service.List(r.Context(), p, lq)
	if err != nil {
		return err
	}
	resp := listResponse{Items: s.viewer(r.Context(), p.Tenant.ID).callbacks(items)}
	if next != "" {
		resp.NextCursor = &next
	}
	s.writeJSON(w, r, http.StatusOK, resp)
	return nil
}

func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

func (s *Server) getCallback(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	agentID, err := agentHeader(r)
	if err != nil {
		return err
	}
	cb, err := s.cfg.Service.Get(r.Context(), p, r.PathValue("id"), agentID)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(cb.Version))
	s.writeJSON(w, r, http.StatusOK, s.viewer(r.Context(), p.Tenant.ID).callback(cb))
	return nil
}

func (s *Server) callbackHistory(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	agentID, err := agentHeader(r)
	if err != nil {
		return err
	}
	evs, err := s.cfg.Service.History(r.Context(), p, r.PathValue("id"), agentID)
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []velocity.Event{}
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"items": evs})
	return nil
}

// patchBody lists the fields PATCH accepts (for unknown-field checks and the docs).
type patchBody struct {
	TeamID       *string    `json:"teamId"`
	AgentID      *string    `json:"agentId"`
	CustomerName *string    `json:"customerName"`
	PhoneNumber  *string    `json:"phoneNumber"`
	Country      *string    `json:"country"`
	Timezone     *string    `json:"timezone"`
	WindowStart  *time.Time `json:"windowStart"`
	WindowEnd    *time.Time `json:"windowEnd"`
	Notes        *string    `json:"notes"`
	Reason       *string    `json:"reason"`
	MaxAttempts  *int       `json:"maxAttempts"`
}

// parseIfMatch reads If-Match: a version number, optionally quoted or weak ("W/"), or
// "*".
func parseIfMatch(r *http.Request) (*int64, error) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	if v == "" || v == "*" { // "*" matches any current version (RFC 9110)
		return nil, nil
	}
	v = strings.Trim(strings.TrimPrefix(v, "W/"), `"`)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return nil, velocity.NewError(velocity.CodeInvalidIfMatch, "If-Match must be the callback's version, as in its ETag (e.g. \"3\").")
	}
	return &n, nil
}

func (s *Server) updateCallback(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	ifMatch, err := parseIfMatch(r)
	if err != nil {
		return err
	}
	agent, err := agentHeader(r)
	if err != nil {
		return err
	}
	raw, err := readBody(r)
	if err != nil {
		return err
	}
	var body patchBody
	if err := decodeBytes(raw, &body); err != nil {
		return err
	}
	// agentId: null hands the callback to the team; absent leaves it. Only a second look
	// at the raw object tells the two apart.
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(raw, &keys)
	_, agentSet := keys["agentId"]
	u := velocity.UpdateInput{TeamID: body.TeamID, AgentIDSet: agentSet, AgentID: body.AgentID, CustomerName: body.CustomerName,
		PhoneNumber: body.PhoneNumber, Country: body.Country, Timezone: body.Timezone, WindowStart: body.WindowStart,
		WindowEnd: body.WindowEnd, Notes: body.Notes, Reason: body.Reason, MaxAttempts: body.MaxAttempts}
	for name, v := range keys {
		if string(v) == "null" && name != "agentId" {
			return velocity.ValidationError(velocity.FieldError{Field: name, Code: velocity.FieldNullNotAllowed, Message: "cannot be null; leave it out to keep it"})
		}
	}
	cb, err := s.cfg.Service.Update(r.Context(), p, r.PathValue("id"), agent, u, ifMatch)
	return s.respond(w, r, p, cb, err)
}

type agentBody struct {
	AgentID string `json:"agentId"`
}

func (s *Server) claimCallback(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b agentBody
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	cb, err := s.cfg.Service.Claim(r.Context(), p, r.PathValue("id"), b.AgentID)
	return s.respond(w, r, p, cb, err)
}

func (s *Server) releaseCallback(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b agentBody
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	cb, err := s.cfg.Service.Release(r.Context(), p, r.PathValue("id"), b.AgentID)
	return s.respond(w, r, p, cb, err)
}

func (s *Server) recordAttempt(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var in velocity.AttemptInput
	if err := decodeJSON(r, &in, false); err != nil {
		return err
	}
	cb, err := s.cfg.Service.RecordAttempt(r.Context(), p, r.PathValue("id"), in)
	return s.respond(w, r, p, cb, err)
}

type cancelBody struct {
	Reason  string `json:"reason"`
	AgentID string `json:"agentId"`
}

func (s *Server) cancelCallback(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b cancelBody
	if err := decodeJSON(r, &b, true); err != nil {
		return err
	}
	cb, err := s.cfg.Service.Cancel(r.Context(), p, r.PathValue("id"), b.AgentID, b.Reason)
	return s.respond(w, r, p, cb, err)
}

// respond writes a changed callback with its ETag, or returns err.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, p velocity.Principal, cb velocity.Callback, err error) error {
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(cb.Version))
	s.writeJSON(w, r, http.StatusOK, s.viewer(r.Context(), p.Tenant.ID).callback(cb))
	return nil
}

type reachedBody struct {
	AgentID       string `json:"agentId"`
	InteractionID string `json:"interactionId"`
}

// markReached completes a callback because the customer was reached on an inbound call.
func (s *Server) markReached(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b reachedBody
	if err := decodeJSON(r, &b, false); err != nil {
		return err
	}
	cb, err := s.cfg.Service.MarkReached(r.Context(), p, r.PathValue("id"), b.AgentID, b.InteractionID)
	return s.respond(w, r, p, cb, err)
}
