package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

type tokenBody struct {
	AgentID string `json:"agentId"`
	TeamID  string `json:"teamId"`
}

// streamToken issues a short-lived token that opens one agent's event stream. A
// browser's EventSource cannot send headers, so the widget trades its credentials for
// this token on an authenticated call and puts only the token in the stream's URL.
func (s *Server) streamToken(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	var b tokenBody
	if err := decodeJSON(r, &b, true); err != nil {
		return err
	}
	if err := velocity.CheckStreamScope(b.AgentID, b.TeamID); err != nil {
		return err
	}
	if err := p.CheckScope(b.AgentID, b.TeamID); err != nil {
		return err
	}
	exp := s.clock.Now().Add(s.cfg.StreamTokenTTL)
	tok := velocity.StreamToken{TenantID: p.Tenant.ID, AgentID: b.AgentID, TeamID: b.TeamID, Expires: exp.Unix()}
	s.writeJSON(w, r, http.StatusOK, map[string]any{
		"token":     tok.Sign(s.cfg.StreamSecret),
		"expiresAt": exp.UTC().Truncate(time.Second),
		"url":       "/api/v1/events?token=",
	})
	return nil
}

var eventParams = map[string]bool{"token": true, "agentId": true, "teamId": true, "lastEventId": true}

// replayLimit bounds how many missed events a reconnecting stream is sent.
const replayLimit = 1000

// streamEvents serves the server-sent-events stream of changes visible to one agent of
// one team. It is opened either with ?token= from streamToken, or with the API's headers
// and ?agentId=&teamId=. A reconnecting client's Last-Event-ID (header, or ?lastEventId=)
// replays what it missed. Keep-alive comments flow every KeepAlive; the stream ends with
// the request, at shutdown, after MaxStream, or when the client falls too far behind.
func (s *Server) streamEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkParams(q, eventParams); err != nil {
		return err
	}
	var tenantID, agentID, teamID string
	if t := q.Get("token"); t != "" {
		tok, err := velocity.ParseStreamToken(t, s.cfg.StreamSecret, s.clock.Now().Unix())
		if err != nil {
			return err
		}
		tenantID, agentID, teamID = tok.TenantID, tok.AgentID, tok.TeamID
	} else {
		p, err := s.principal(r)
		if err != nil {
			return err
		}
		if err := p.Require(velocity.PermStream); err != nil {
			return err
		}
		if p, err = s.proveAgent(r, p); err != nil {
			return err
		}
		if err := p.CheckScope(q.Get("agentId"), q.Get("teamId")); err != nil {
			return err
		}
		tenantID, agentID, teamID = p.Tenant.ID, q.Get("agentId"), q.Get("teamId")
	}
	var lastID int64
	if v := firstNonEmpty(r.Header.Get("Last-Event-ID"), q.Get("lastEventId")); v != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n < 0 {
			return badParam("lastEventId", "must be the id of an event this stream sent")
		}
		lastID = n
	}

	closeStream, err := s.limits.openStream(tenantID)
	if err != nil {
		return err
	}
	defer closeStream()
	rc := http.NewResponseController(w)
	sub := s.cfg.Service.Subscribe(velocity.Scope{TenantID: tenantID, AgentID: agentID, TeamID: teamID})
	defer sub.Close()
	s.streams.Add(1)
	defer s.streams.Add(-1)
	var replay []velocity.Event
	if lastID > 0 {
		var err error
		if replay, lastID, err = s.cfg.Service.EventsSince(r.Context(), tenantID, lastID, replayLimit); err != nil {
			return err
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n: connected\n\n")
	send := func(e *velocity.Event) error {
		if e.ID <= lastID || !e.VisibleTo(agentID, teamID) {
			return nil
		}
		lastID = e.ID
		b, err := s.encoded(r.Context(), e)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	for i := range replay {
		if err := send(&replay[i]); err != nil {
			return nil
		}
	}
	if err := rc.Flush(); err != nil {
		return nil
	}
	keep := time.NewTicker(s.cfg.KeepAlive)
	defer keep.Stop()
	maxStream := time.NewTimer(s.cfg.MaxStream)
	defer maxStream.Stop()
	for {
		select {
		case <-sub.Ready():
			for _, e := range sub.Next() {
				if err := send(e); err != nil {
					return nil
				}
			}
		case <-keep.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return nil
			}
		case <-sub.Dropped():
			fmt.Fprint(w, "event: dropped\ndata: {\"reason\":\"the stream fell behind; reconnect with Last-Event-ID\"}\n\n")
			_ = rc.Flush()
			return nil
		case <-r.Context().Done():
			return nil
		case <-s.done:
			fmt.Fprint(w, "event: shutdown\ndata: {\"reason\":\"the server is restarting; reconnect\"}\n\n")
			_ = rc.Flush()
			return nil
		case <-maxStream.C:
			return nil
		}
		if err := rc.Flush(); err != nil {
			return nil
		}
	}
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}
