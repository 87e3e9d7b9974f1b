// Package webhook sends the webhook deliveries that the store records with each event:
// signed as the Standard Webhooks specification says (https://www.standardwebhooks.com),
// through an HTTP client that refuses private targets at connect time, by a Deliverer
// that leases due deliveries from the store, retries them with exponential backoff and
// jitter, and disables an endpoint after a long run of failures.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// The headers of a delivery (Standard Webhooks).
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// ErrBadSecret is a signing secret that is not "whsec_" and base64.
var ErrBadSecret = errors.New("webhook: a signing secret is whsec_ followed by base64")

// Sign returns the webhook-signature header of a message: for each secret, "v1," and
// the base64 HMAC-SHA256, keyed with the secret's decoded bytes, of
// "<msgID>.<unix seconds>.<body>"; several are separated by spaces.
func Sign(secrets []string, msgID string, at time.Time, body []byte) (string, error) {
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, velocity.WebhookSecretPrefix))
		if err != nil || !strings.HasPrefix(s, velocity.WebhookSecretPrefix) {
			return "", ErrBadSecret
		}
		sigs = append(sigs, "v1,"+signature(key, msgID, at.Unix(), body))
	}
	return strings.Join(sigs, " "), nil
}

func signature(key []byte, msgID string, unix int64, body []byte) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msgID))
	h.Write([]byte{'.'})
	h.Write([]byte(strconv.FormatInt(unix, 10)))
	h.Write([]byte{'.'})
	h.Write(body)
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// Tolerance is how far a message's timestamp may be from the receiver's clock.
const Tolerance = 5 * time.Minute

// Verify checks a received message as a receiver should: the three headers are there,
// the timestamp is within Tolerance of now, and one v1 signature matches secret.
func Verify(secret string, h http.Header, body []byte, now time.Time) error {
	id, ts, sig := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if id == "" || ts == "" || sig == "" {
		return errors.New("webhook: missing webhook-id, webhook-timestamp or webhook-signature")
	}
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("webhook: webhook-timestamp is not Unix seconds")
	}
	if d := now.Sub(time.Unix(unix, 0)); d > Tolerance || d < -Tolerance {
		return errors.New("webhook: the timestamp is too far from now")
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, velocity.WebhookSecretPrefix))
	if err != nil {
		return ErrBadSecret
	}
	want := signature(key, id, unix, body)
	for _, s := range strings.Fields(sig) {
		if v, got, ok := strings.Cut(s, ","); ok && v == "v1" && hmac.Equal([]byte(got), []byte(want)) {
			return nil
		}
	}
	return errors.New("webhook: no signature matches")
}
