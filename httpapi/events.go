package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"runtime/debug"
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

	if r.Method == http.MethodHead {
		// The route answers HEAD too: the headers a stream would have, and no stream.
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		return nil
	}
	closeStream, err := s.limits.openStream(tenantID)
	if err != nil {
		return err
	}
	sub := s.cfg.Service.Subscribe(velocity.Scope{TenantID: tenantID, AgentID: agentID, TeamID: teamID})
	s.streams.Add(1)
	release := func() {
		sub.Close()
		s.streams.Add(-1)
		closeStream()
	}
	var replay []velocity.Event
	if lastID > 0 {
		var err error
		if replay, lastID, err = s.cfg.Service.EventsSince(r.Context(), tenantID, lastID, replayLimit); err != nil {
			release()
			return err
		}
	}
	st := &stream{s: s, sub: sub, agentID: agentID, teamID: teamID, lastID: lastID}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	// Counted before the connection is taken over, so that a Shutdown that starts
	// meanwhile waits for this stream too.
	s.group.add()
	conn, gone, taken, err := takeOver(w, r)
	switch {
	case err != nil && taken: // the connection broke while the headers were written
		s.group.done()
		release()
		return nil
	case err != nil:
		s.group.done()
		release()
		return err
	case taken:
		go func() {
			defer s.group.done()
			defer release()
			defer func() {
				// No middleware stands above this goroutine: a panic ends this stream,
				// never the server.
				if v := recover(); v != nil {
					s.logger.Error("event stream panicked", "error", fmt.Sprint(v), "stack", string(debug.Stack()))
					conn.conn.Close()
				}
			}()
			st.run(conn, replay, gone)
			conn.end()
		}()
		return nil
	}
	s.group.done()
	defer release()
	w.WriteHeader(http.StatusOK)
	st.run(writerSink{w: w, rc: http.NewResponseController(w)}, replay, r.Context().Done())
	return nil
}

// stream is one open event stream: what it shows and the last event it sent.
type stream struct {
	s               *Server
	sub             velocity.Subscription
	agentID, teamID string
	lastID          int64
}

// run sends the stream's preamble and replay, then its events and keep-alive comments
// until the client leaves (gone), the server shuts down, MaxStream passes, a write
// fails or the subscription is dropped for falling behind.
func (st *stream) run(out sink, replay []velocity.Event, gone <-chan struct{}) {
	s := st.s
	if err := out.Write([]byte("retry: 2000\n: connected\n\n")); err != nil {
		return
	}
	for i := range replay {
		if err := st.send(out, &replay[i]); err != nil {
			return
		}
	}
	if err := out.Flush(); err != nil {
		return
	}
	keep := time.NewTicker(s.cfg.KeepAlive)
	defer keep.Stop()
	maxStream := time.NewTimer(s.cfg.MaxStream)
	defer maxStream.Stop()
	for {
		select {
		case <-st.sub.Ready():
			for _, e := range st.sub.Next() {
				if err := st.send(out, e); err != nil {
					return
				}
			}
		case <-keep.C:
			if err := out.Write(keepAliveFrame); err != nil {
				return
			}
		case <-st.sub.Dropped():
			_ = out.Write(droppedFrame)
			_ = out.Flush()
			return
		case <-gone:
			return
		case <-s.done:
			if u, ok := out.(interface{ hurry() }); ok {
				u.hurry() // a client that does not read must not hold the shutdown up
			}
			_ = out.Write(shutdownFrame)
			_ = out.Flush()
			return
		case <-maxStream.C:
			return
		}
		if err := out.Flush(); err != nil {
			return
		}
	}
}

var (
	keepAliveFrame = []byte(": keep-alive\n\n")
	droppedFrame   = []byte("event: dropped\ndata: {\"reason\":\"the stream fell behind; reconnect with Last-Event-ID\"}\n\n")
	shutdownFrame  = []byte("event: shutdown\ndata: {\"reason\":\"the server is restarting; reconnect\"}\n\n")
)

// send queues e's frame when the stream shows it and has not sent it.
func (st *stream) send(out sink, e *velocity.Event) error {
	if e.ID <= st.lastID || !e.VisibleTo(st.agentID, st.teamID) {
		return nil
	}
	st.lastID = e.ID
	b, err := st.s.encoded(context.Background(), e)
	if err != nil {
		return err
	}
	return out.Write(b)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}
