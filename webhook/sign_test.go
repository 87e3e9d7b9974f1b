package webhook_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/webhook"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// TestSignSpecVector signs the Standard Webhooks specification's example and checks the
// signature it publishes.
func TestSignSpecVector(t *testing.T) {
	got, err := webhook.Sign([]string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}, "msg_p5jXN8AQM9LWM0D4loKWxJek",
		time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil || got != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Fatalf("Sign = %q, %v", got, err)
	}
	if _, err := webhook.Sign([]string{"not-a-secret"}, "m", time.Unix(1, 0), nil); err == nil {
		t.Fatal("signed with a malformed secret")
	}
}

// TestSignVerifiedByTheSpecLibrary: the specification's own Go library verifies what
// Sign makes, with either secret during a rotation; Verify refuses what it should.
func TestSignVerifiedByTheSpecLibrary(t *testing.T) {
	secret, old := velocity.NewWebhookSecret(), velocity.NewWebhookSecret()
	body := []byte(`{"type":"callback.created","data":{}}`)
	now := time.Now()
	sig, err := webhook.Sign([]string{secret, old}, "msg_1", now, body)
	if err != nil || len(strings.Fields(sig)) != 2 {
		t.Fatalf("Sign = %q, %v", sig, err)
	}
	h := http.Header{}
	h.Set(webhook.HeaderID, "msg_1")
	h.Set(webhook.HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	h.Set(webhook.HeaderSignature, sig)
	for _, s := range []string{secret, old} {
		wh, err := standardwebhooks.NewWebhook(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := wh.Verify(body, h); err != nil {
			t.Fatalf("the spec's library refuses: %v", err)
		}
		if err := webhook.Verify(s, h, body, now); err != nil {
			t.Fatalf("Verify: %v", err)
		}
	}
	if err := webhook.Verify(velocity.NewWebhookSecret(), h, body, now); err == nil {
		t.Fatal("verified with another secret")
	}
	if err := webhook.Verify(secret, h, append(body, ' '), now); err == nil {
		t.Fatal("verified a changed body")
	}
	if err := webhook.Verify(secret, h, body, now.Add(6*time.Minute)); err == nil {
		t.Fatal("verified an old message")
	}
}
