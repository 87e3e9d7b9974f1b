package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// streamPool holds a soak's event streams open on one server and churns them: every
// second it closes a share of them, and each closed stream opens again after a short
// pause, every other time with the id of the last event it saw (Last-Event-ID), so that
// the server replays what it missed.
type streamPool struct {
	api     *apiClient
	base    string
	streams []*soakStream
	sem     chan struct{} // openings at once

	open      atomic.Int64 // streams open now
	opens     atomic.Int64 // successful openings, the first ones included
	resumed   atomic.Int64 // of them, with Last-Event-ID
	churned   atomic.Int64 // streams the churn closed
	ends      atomic.Int64 // streams the server ended (other than drops)
	drops     atomic.Int64 // "dropped" events: the server found a stream too far behind
	events    atomic.Int64 // events parsed, keep-alives not counted
	openFails atomic.Int64

	mu       sync.Mutex
	firstErr error
}

// soakStream is one agent's stream of the pool.
type soakStream struct {
	agent, team string

	mu      sync.Mutex
	conn    net.Conn // the open connection, nil between openings
	churned bool     // the churn closed conn
}

func newStreamPool(api *apiClient, base string, streams, teams int) *streamPool {
	p := &streamPool{api: api, base: base, sem: make(chan struct{}, openers)}
	for i := 0; i < streams; i++ {
		p.streams = append(p.streams, &soakStream{agent: fmt.Sprintf("agent-%06d", i), team: teamName(i % teams)})
	}
	return p
}

func (p *streamPool) noteErr(err error) {
	p.openFails.Add(1)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.firstErr == nil {
		p.firstErr = err
	}
}

func (p *streamPool) firstError() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.firstErr == nil {
		return ""
	}
	return p.firstErr.Error()
}

// hold keeps s open until ctx ends: when the churn closes it, it opens again after up to
// half a second; when the server ends it, after half a second; a failed opening is
// retried after a pause that doubles up to 5 s.
func (p *streamPool) hold(ctx context.Context, s *soakStream) {
	var lastID int64
	reopenings := 0
	for ctx.Err() == nil {
		from := int64(0)
		if reopenings%2 == 1 {
			from = lastID
		}
		conn, body, err := p.openOne(ctx, s, from)
		for failures := 0; err != nil; failures++ {
			if ctx.Err() != nil {
				return
			}
			p.noteErr(err)
			sleepCtx(ctx, min(5*time.Second, 500*time.Millisecond<<min(failures, 4)))
			conn, body, err = p.openOne(ctx, s, from)
		}
		if from > 0 {
			p.resumed.Add(1)
		}
		s.mu.Lock()
		s.conn, s.churned = conn, false
		s.mu.Unlock()
		p.open.Add(1)
		stop := context.AfterFunc(ctx, func() { conn.Close() })
		dropped := readSoakStream(body, &lastID, &p.events)
		stop()
		conn.Close()
		p.open.Add(-1)
		s.mu.Lock()
		churned := s.churned
		s.conn = nil
		s.mu.Unlock()
		reopenings++
		switch {
		case ctx.Err() != nil:
			return
		case churned:
			sleepCtx(ctx, rand.N(500*time.Millisecond))
		case dropped:
			p.drops.Add(1)
			sleepCtx(ctx, 500*time.Millisecond)
		default:
			p.ends.Add(1)
			sleepCtx(ctx, 500*time.Millisecond)
		}
	}
}

// openOne opens s's stream, a bounded number of openings at once.
func (p *streamPool) openOne(ctx context.Context, s *soakStream, lastID int64) (net.Conn, *bufio.Reader, error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { <-p.sem }()
	octx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	conn, body, err := openStream(octx, p.api, p.base, s.agent, s.team, lastID)
	if err == nil {
		p.opens.Add(1)
	}
	return conn, body, err
}

// churn closes share of the open streams every second, at a random moment within it (so
// that the samples, taken on whole seconds, do not always see the same phase of it),
// until ctx ends.
func (p *streamPool) churn(ctx context.Context, share float64) {
	n := int(share*float64(len(p.streams)) + 0.5)
	if n < 1 {
		return
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		sleepCtx(ctx, rand.N(900*time.Millisecond))
		if ctx.Err() != nil {
			return
		}
		for _, i := range rand.Perm(len(p.streams))[:n] {
			s := p.streams[i]
			s.mu.Lock()
			if s.conn != nil && !s.churned {
				s.churned = true
				s.conn.Close()
				p.churned.Add(1)
			}
			s.mu.Unlock()
		}
	}
}

// readSoakStream parses a stream's events until it ends, counting them and keeping the
// last event's id in lastID; it reports whether the server dropped the stream for
// falling behind. Unlike the fan-out's reader it keeps nothing per event, so that a
// long run's bench does not grow.
func readSoakStream(r *bufio.Reader, lastID *int64, events *atomic.Int64) (dropped bool) {
	var typ string
	var id int64
	var line []byte
	for {
		var err error
		line, err = readLine(r, line[:0])
		if err != nil {
			return false
		}
		switch {
		case len(line) == 0: // the end of an event
			if id > 0 {
				*lastID = id
			}
			if typ != "" {
				events.Add(1)
			}
			if typ == "dropped" {
				return true
			}
			if typ == "shutdown" {
				return false
			}
			typ, id = "", 0
		case line[0] == ':': // a comment: keep-alive
		case bytes.HasPrefix(line, []byte("id: ")):
			id, _ = strconv.ParseInt(string(line[4:]), 10, 64)
		case bytes.HasPrefix(line, []byte("event: ")):
			typ = eventType(line[7:])
		}
	}
}
