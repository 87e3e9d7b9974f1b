package webhook

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// scheduleDeliverer returns a deliverer with the default schedule (5s doubling to 2h,
// endpoints' backoff to 5m) whose jitter is jitter: no randomness, no clock.
func scheduleDeliverer(jitter func(time.Duration) time.Duration) *Deliverer {
	d := &Deliverer{Jitter: jitter, Client: http.DefaultClient}
	d.defaults()
	return d
}

var (
	noJitter   = func(n time.Duration) time.Duration { return n } // the whole wait
	mostJitter = func(time.Duration) time.Duration { return 0 }   // half of it
)

// TestBackoffDoublesFromFiveSecondsToTwoHours: the wait after the n-th failure is 5s
// doubled n-1 times, at most 2 hours; the jitter shortens it by up to half, never more,
// never less, whatever the random source returns.
func TestBackoffDoublesFromFiveSecondsToTwoHours(t *testing.T) {
	full := scheduleDeliverer(noJitter)
	half := scheduleDeliverer(mostJitter)
	s := time.Second
	want := []time.Duration{5 * s, 10 * s, 20 * s, 40 * s, 80 * s, 160 * s, 320 * s, 640 * s, 1280 * s, 2560 * s, 5120 * s,
		2 * time.Hour, 2 * time.Hour, 2 * time.Hour}
	for i, w := range want {
		n := i + 1
		if got := full.backoff(n, nil, full.RetryMax); got != w {
			t.Errorf("after failure %d: %s, want %s", n, got, w)
		}
		if got := half.backoff(n, nil, half.RetryMax); got != w/2 {
			t.Errorf("after failure %d with the most jitter: %s, want %s", n, got, w/2)
		}
	}
	if got := full.backoff(1000, nil, full.RetryMax); got != 2*time.Hour {
		t.Errorf("after 1000 failures: %s (no overflow past the cap)", got)
	}
	// A random source out of its range is held to it.
	if got := scheduleDeliverer(func(n time.Duration) time.Duration { return 10 * n }).backoff(3, nil, 2*time.Hour); got != 20*s {
		t.Errorf("jitter beyond its range: %s, want 20s", got)
	}
	if got := scheduleDeliverer(func(time.Duration) time.Duration { return -time.Hour }).backoff(3, nil, 2*time.Hour); got != 10*s {
		t.Errorf("negative jitter: %s, want 10s", got)
	}
	// The jitter's range: the random source is asked for a duration up to half the wait.
	var asked []time.Duration
	spy := scheduleDeliverer(func(n time.Duration) time.Duration { asked = append(asked, n); return n / 2 })
	if got := spy.backoff(2, nil, spy.RetryMax); got != 7500*time.Millisecond || len(asked) != 1 || asked[0] != 5*s {
		t.Errorf("jitter asked for %v, wait %s; want [5s], 7.5s", asked, got)
	}
}

// TestBackoffHonoursRetryAfter: a Retry-After longer than the backoff is waited, up to
// the 2-hour cap, for the delivery and for its endpoint (beyond the endpoint's own
// 5-minute cap); a shorter one does not shorten the backoff.
func TestBackoffHonoursRetryAfter(t *testing.T) {
	d := scheduleDeliverer(noJitter)
	cases := []struct {
		n     int
		asked time.Duration
		limit time.Duration
		want  time.Duration
	}{
		{1, 30 * time.Minute, d.RetryMax, 30 * time.Minute},
		{1, 5 * time.Hour, d.RetryMax, 2 * time.Hour},
		{4, time.Second, d.RetryMax, 40 * time.Second},
		{1, time.Hour, d.EndpointBackoffMax, time.Hour},
		{20, 0, d.EndpointBackoffMax, 5 * time.Minute},
	}
	for _, c := range cases {
		var err error = errors.New("HTTP 500")
		if c.asked > 0 {
			err = retryAfter(c.asked)
		}
		if got := d.backoff(c.n, err, c.limit); got != c.want {
			t.Errorf("failure %d, Retry-After %s, limit %s: %s, want %s", c.n, c.asked, c.limit, got, c.want)
		}
	}
}

// TestParseRetryAfter: seconds or an HTTP date, against the given instant; nothing for
// what asks for no wait or does not parse.
func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 1, 15, 4, 5, 0, time.UTC)
	cases := []struct {
		h    string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 7 ", 7 * time.Second, true},
		{"0", 0, false},
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, false},
		{"99999999999999", 365 * 24 * time.Hour, true},
	}
	for _, c := range cases {
		got, ok := parseRetryAfter(c.h, now)
		if got != c.want || ok != c.ok {
			t.Errorf("Retry-After %q: %s %v, want %s %v", c.h, got, ok, c.want, c.ok)
		}
	}
}

// TestRetriesForTheDeliveryLifetime follows one delivery that always fails from its
// creation: retried after each backoff while the next attempt falls within its 24
// hours, then failed. Without jitter that is 22 attempts, the last 22h50m35s after the
// change; with the most jitter (every wait halved) 34.
func TestRetriesForTheDeliveryLifetime(t *testing.T) {
	created := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		jitter   func(time.Duration) time.Duration
		attempts int
		last     time.Duration
	}{
		{"no jitter", noJitter, 22, 22*time.Hour + 50*time.Minute + 35*time.Second},
		{"most jitter", mostJitter, 34, 84317500 * time.Millisecond},
	} {
		d := scheduleDeliverer(c.jitter)
		cd := velocity.ClaimedDelivery{WebhookDelivery: velocity.WebhookDelivery{CreatedAt: created, ExpiresAt: created.Add(velocity.DeliveryLifetime)}}
		at := created
		for {
			cd.Attempts++
			next, endpoint := d.afterFailure(cd, at, errors.New("HTTP 500"), false)
			if endpoint == nil || endpoint.Before(at) || endpoint.After(at.Add(5*time.Minute)) {
				t.Fatalf("%s: attempt %d: the endpoint's backoff %v, want within 5m of %s", c.name, cd.Attempts, endpoint, at)
			}
			if next == nil {
				break
			}
			if !next.After(at) || !next.Before(cd.ExpiresAt) {
				t.Fatalf("%s: attempt %d at %s: next at %s", c.name, cd.Attempts, at, next)
			}
			at = *next
		}
		if cd.Attempts != c.attempts || at.Sub(created) != c.last {
			t.Errorf("%s: %d attempts, the last %s after the change; want %d, %s", c.name, cd.Attempts, at.Sub(created), c.attempts, c.last)
		}
	}
}

// TestEndpointBackoffGrowsWithItsFailures: the endpoint's backoff after a failure
// doubles with its failures in a row, up to EndpointBackoffMax; an attempt cut short by
// Stop leaves it as it was and makes the delivery due at once, even past its lifetime.
func TestEndpointBackoffGrowsWithItsFailures(t *testing.T) {
	d := scheduleDeliverer(noJitter)
	at := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	cd := velocity.ClaimedDelivery{WebhookDelivery: velocity.WebhookDelivery{Attempts: 1, ExpiresAt: at.Add(time.Hour)}}
	for failures, want := range map[int]time.Duration{0: 5 * time.Second, 1: 10 * time.Second, 5: 160 * time.Second, 6: 5 * time.Minute, 40: 5 * time.Minute} {
		cd.Endpoint.ConsecutiveFailures = failures
		if _, e := d.afterFailure(cd, at, errors.New("HTTP 502"), false); e == nil || e.Sub(at) != want {
			t.Errorf("after %d failures before this one: backoff until %v, want %s later", failures, e, want)
		}
	}
	cd.ExpiresAt = at.Add(-time.Minute)
	if next, e := d.afterFailure(cd, at, errors.New("context canceled"), true); next == nil || !next.Equal(at) || e != nil {
		t.Errorf("cut short by Stop: next %v, endpoint %v; want due at once, the endpoint as it was", next, e)
	}
}
