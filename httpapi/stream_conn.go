package httpapi

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// An event stream is long-lived and nearly always idle, and a server holds one per
// signed-in agent. Served the ordinary way, each keeps net/http's whole connection:
// the handler's goroutine with the stack it grew while the request was read and
// authenticated, the connection's read and write buffers, the response's chunking
// buffer and the request. On HTTP/1.1 the stream instead takes the connection over
// (hijacks it) once the request is accepted, answers the headers itself and hands the
// connection to a goroutine of its own that holds only the connection, the stream's
// state and a one-byte read that notices the client leaving. Where the connection
// cannot be taken over (HTTP/2, HTTP/1.0, a test's recorder) the stream is served
// through the ResponseWriter as before.

// streamWriteTimeout bounds one write to a stream: a client that has not read for this
// long (its receive window full) is dropped rather than holding the goroutine.
const streamWriteTimeout = 30 * time.Second

// sink is where a stream writes its frames: Write queues, Flush sends.
type sink interface {
	Write(frames ...[]byte) error
	Flush() error
}

// writerSink serves a stream through the ResponseWriter.
type writerSink struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

func (s writerSink) Write(frames ...[]byte) error {
	for _, f := range frames {
		if _, err := s.w.Write(f); err != nil {
			return err
		}
	}
	return nil
}

func (s writerSink) Flush() error { return s.rc.Flush() }

// hurry gives the writes still to come a second at most (at shutdown).
func (s writerSink) hurry() { _ = s.rc.SetWriteDeadline(time.Now().Add(time.Second)) }

// connSink writes a stream to a hijacked HTTP/1.1 connection in chunked transfer
// coding. Frames are queued by reference (an event's frame is shared by every stream
// that sends it) and sent as one chunk by Flush with a single vectored write.
type connSink struct {
	conn     net.Conn
	pending  net.Buffers
	size     int
	deadline time.Time // the connection's write deadline
}

var crlf = []byte("\r\n")

func (s *connSink) Write(frames ...[]byte) error {
	for _, f := range frames {
		if len(f) > 0 {
			s.pending = append(s.pending, f)
			s.size += len(f)
		}
	}
	return nil
}

func (s *connSink) Flush() error {
	if s.size == 0 {
		return nil
	}
	bufs := make(net.Buffers, 0, len(s.pending)+2)
	bufs = append(bufs, []byte(strconv.FormatInt(int64(s.size), 16)+"\r\n"))
	bufs = append(bufs, s.pending...)
	bufs = append(bufs, crlf)
	clear(s.pending)
	s.pending, s.size = s.pending[:0], 0
	if cap(s.pending) > 8 {
		s.pending = nil // a burst's queue is not kept for the idle time after it
	}
	// The deadline moves at most every few seconds (a write gets 25-30 s): setting it
	// on every write would cost a timer operation per event and stream.
	if now := time.Now(); s.deadline.Sub(now) < streamWriteTimeout-5*time.Second {
		s.deadline = now.Add(streamWriteTimeout)
		if err := s.conn.SetWriteDeadline(s.deadline); err != nil {
			return err
		}
	}
	_, err := bufs.WriteTo(s.conn)
	return err
}

// hurry gives the writes still to come a second at most (at shutdown).
func (s *connSink) hurry() {
	s.deadline = time.Now().Add(time.Second)
	_ = s.conn.SetWriteDeadline(s.deadline)
}

// end sends the last chunk and closes the connection.
func (s *connSink) end() {
	_ = s.Flush()
	_ = s.conn.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = s.conn.Write([]byte("0\r\n\r\n"))
	_ = s.conn.Close()
}

// takeOver hijacks an HTTP/1.1 request's connection and answers it with status 200,
// the headers set on w so far (the middleware's and the stream's) and chunked transfer
// coding. ok is false, and nothing is written, when the connection cannot be taken
// over; the caller then serves the stream through w.
func takeOver(w http.ResponseWriter, r *http.Request) (s *connSink, gone <-chan struct{}, ok bool, err error) {
	if r.ProtoMajor != 1 || r.ProtoMinor < 1 {
		return nil, nil, false, nil
	}
	conn, brw, err := http.NewResponseController(w).Hijack()
	if errors.Is(err, http.ErrNotSupported) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("take the event stream's connection over: %w", err)
	}
	h := w.Header().Clone()
	h.Set("Transfer-Encoding", "chunked")
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	h.Del("Content-Length")
	head := bufio.NewWriterSize(conn, 512)
	head.WriteString("HTTP/1.1 200 OK\r\n")
	h.Write(head)
	head.WriteString("\r\n")
	_ = conn.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if err := head.Flush(); err != nil {
		conn.Close()
		return nil, nil, true, err
	}
	// The client sends nothing more on an event stream; a read returns when it leaves,
	// and a client that sends anything (or had pipelined another request, which net/http
	// buffered) is not one: the stream ends either way.
	done := make(chan struct{})
	if brw.Reader.Buffered() > 0 {
		close(done)
		return &connSink{conn: conn}, done, true, nil
	}
	go func() {
		var b [1]byte
		_, _ = conn.Read(b[:])
		close(done)
	}()
	return &connSink{conn: conn}, done, true, nil
}

// streamGroup counts the streams served on taken-over connections, which
// http.Server.Shutdown does not wait for, so that Server.Shutdown can (and the requests
// in the handler chain, for Server.Drain). Unlike a
// sync.WaitGroup it may be added to while another goroutine waits.
type streamGroup struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0, made by a waiter
}

func (g *streamGroup) add() {
	g.mu.Lock()
	g.n++
	g.mu.Unlock()
}

func (g *streamGroup) done() {
	g.mu.Lock()
	g.n--
	if g.n == 0 && g.idle != nil {
		close(g.idle)
		g.idle = nil
	}
	g.mu.Unlock()
}

// wait waits until none is left or timeout passes, and reports whether none is.
func (g *streamGroup) wait(timeout time.Duration) bool {
	g.mu.Lock()
	if g.n == 0 {
		g.mu.Unlock()
		return true
	}
	if g.idle == nil {
		g.idle = make(chan struct{})
	}
	idle := g.idle
	g.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-idle:
		return true
	case <-t.C:
		return false
	}
}
