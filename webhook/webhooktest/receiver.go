// Package webhooktest is a webhook receiver for tests: an HTTP server on loopback that
// verifies every message with the Standard Webhooks specification's own Go library and
// records it. It is never linked into the binary.
package webhooktest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// Message is one request the receiver verified.
type Message struct {
	ID   string    // webhook-id
	Type string    // the body's type
	Body []byte    // as received
	At   time.Time // when it arrived
	Data struct {
		ID         int64  `json:"id"`
		CallbackID string `json:"callbackId"`
		Type       string `json:"type"`
		Callback   struct {
			ID     string `json:"id"`
			Status string `json:"status"`
			// Callable is an open callback's callability as of the event.
			Callable *struct {
				Now   bool      `json:"now"`
				From  time.Time `json:"from"`
				Until time.Time `json:"until"`
			} `json:"callable"`
		} `json:"callback"`
	}
}

// Receiver records the messages of one endpoint. Respond, when set, chooses the answer's
// status for the n-th request (from 1) that verified; it may block to be slow. Requests
// whose signature does not verify are answered 401 and counted in Rejected.
type Receiver struct {
	URL     string
	Respond func(n int, m Message) int

	t        testing.TB
	srv      *httptest.Server
	mu       sync.Mutex
	secret   *standardwebhooks.Webhook
	got      []Message
	rejected int
	arrived  chan struct{}
}

// New starts a receiver on loopback; it stops when the test ends. SetSecret must be
// called (with the endpoint's whsec_ secret) before messages arrive.
func New(t testing.TB) *Receiver {
	r := &Receiver{t: t, arrived: make(chan struct{}, 1)}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	r.URL = r.srv.URL + "/hooks/velocity"
	t.Cleanup(r.srv.Close)
	return r
}

// SetSecret sets the secret messages are verified with.
func (r *Receiver) SetSecret(secret string) {
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		r.t.Fatalf("webhooktest: %v", err)
	}
	r.mu.Lock()
	r.secret = wh
	r.mu.Unlock()
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	r.mu.Lock()
	secret := r.secret
	r.mu.Unlock()
	if err != nil || secret == nil || secret.Verify(body, req.Header) != nil {
		r.mu.Lock()
		r.rejected++
		r.mu.Unlock()
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	m := Message{ID: req.Header.Get("webhook-id"), Body: body, At: time.Now()}
	var env struct {
		Type string          `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(body, &env)
	m.Type = env.Type
	_ = json.Unmarshal(env.Data, &m.Data)
	r.mu.Lock()
	r.got = append(r.got, m)
	n := len(r.got)
	respond := r.Respond
	r.mu.Unlock()
	select {
	case r.arrived <- struct{}{}:
	default:
	}
	status := http.StatusNoContent
	if respond != nil {
		status = respond(n, m)
	}
	w.WriteHeader(status)
}

// Messages returns what arrived and verified so far, in order of arrival.
func (r *Receiver) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.got...)
}

// Rejected returns how many requests failed verification.
func (r *Receiver) Rejected() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rejected
}

// WaitFor waits until ok holds for the messages received, or fails the test after
// within.
func (r *Receiver) WaitFor(within time.Duration, what string, ok func([]Message) bool) []Message {
	r.t.Helper()
	deadline := time.After(within)
	for {
		if ms := r.Messages(); ok(ms) {
			return ms
		}
		select {
		case <-r.arrived:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			r.t.Fatalf("webhooktest: %s: not within %s; received %d messages", what, within, len(r.Messages()))
		}
	}
}
