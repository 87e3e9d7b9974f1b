package webhook

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// retryAfter is an endpoint's request, in a Retry-After header, to wait before the next
// attempt.
type retryAfter time.Duration

func (r retryAfter) Error() string { return "asked to retry after " + time.Duration(r).String() }

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date (held to now, the
// real time the endpoint's clock tells too). ok is false for none, or one that asks for
// no wait.
func parseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(h, 10, 64); err == nil {
		if s <= 0 {
			return 0, false
		}
		return time.Duration(min(s, int64(365*24*time.Hour/time.Second))) * time.Second, true
	}
	t, err := http.ParseTime(h)
	if err != nil || !t.After(now) {
		return 0, false
	}
	return t.Sub(now), true
}

// backoff is the wait after the n-th failure in a row (n >= 1): RetryBase doubled n-1
// times, at most limit, then shortened by up to half at random (jitter, so that the
// retries of many messages spread out); at least what the endpoint asked for with
// Retry-After (err), up to RetryMax.
func (d *Deliverer) backoff(n int, err error, limit time.Duration) time.Duration {
	w := d.RetryBase
	for i := 1; i < n && w < limit; i++ {
		w *= 2
	}
	w = min(w, limit)
	w = w/2 + min(max(d.Jitter(w/2), 0), w/2)
	var ra retryAfter
	if errors.As(err, &ra) {
		w = max(w, min(time.Duration(ra), d.RetryMax))
	}
	return w
}

// afterFailure decides what follows a failed attempt of cd made at at: the delivery's
// next attempt, after its backoff (nil when that falls at or past the delivery's
// ExpiresAt: it has failed), and the end of its endpoint's backoff, which grows with
// the endpoint's failures in a row. An attempt cut short by Stop (stopping) is nobody's
// fault: the delivery is due again at once and the endpoint's backoff is left as it
// was (nil).
func (d *Deliverer) afterFailure(cd velocity.ClaimedDelivery, at time.Time, err error, stopping bool) (next, endpoint *time.Time) {
	if stopping {
		return &at, nil
	}
	n := at.Add(d.backoff(cd.Attempts, err, d.RetryMax))
	e := at.Add(d.backoff(cd.Endpoint.ConsecutiveFailures+1, err, min(d.EndpointBackoffMax, d.RetryMax)))
	if !n.Before(cd.ExpiresAt) {
		return nil, &e
	}
	return &n, &e
}
