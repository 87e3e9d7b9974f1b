package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/webhook"
)

// TestClientRefusesPrivateAtConnect: without allowPrivate the client refuses a loopback
// server, by address and by a name that resolves to it, before any request is sent;
// with it, the request goes through.
func TestClientRefusesPrivateAtConnect(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL, "http://localhost" + port} {
		c := webhook.NewClient(2*time.Second, 2, false)
		req, _ := http.NewRequestWithContext(context.Background(), "POST", u, nil)
		_, err := c.Do(req)
		var be *webhook.BlockedError
		if !errors.As(err, &be) || !strings.Contains(be.Error(), "loopback") {
			t.Fatalf("%s: %v, want a BlockedError", u, err)
		}
	}
	c := webhook.NewClient(2*time.Second, 2, true)
	resp, err := c.Post(srv.URL, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if hits != 1 {
		t.Fatalf("%d requests reached the server, want 1 (the allowed one)", hits)
	}
}
