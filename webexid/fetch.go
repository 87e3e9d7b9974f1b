package webexid

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// maxBody is the most of a people/me answer read; a person is well under 8 KiB.
const maxBody = 1 << 20

// userAgent names Velocity to Webex.
const userAgent = "velocity-callbacks (webexid)"

// personJSON is the part of Webex's person object this package reads.
type personJSON struct {
	ID          string   `json:"id"`
	Emails      []string `json:"emails"`
	DisplayName string   `json:"displayName"`
	OrgID       string   `json:"orgId"`
	Type        string   `json:"type"` // "person", "bot" or "appuser"
}

// fetch asks Webex who token belongs to. It returns the person; or ErrInvalidToken
// (with detail) when Webex refuses the token; or ErrUnavailable for anything else, with
// hold > 0 when Webex asked with a 429's Retry-After not to be called for a while.
func (c *Client) fetch(ctx context.Context, token string) (p Person, hold time.Duration, err error) {
	log := func(level slog.Level, msg string, attrs ...slog.Attr) {
		c.Logger.LogAttrs(ctx, level, msg, append([]slog.Attr{slog.String("tokenHash", tokenHash(token))}, attrs...)...)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint, nil)
	if err != nil {
		return Person{}, 0, unavailable(0, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		// The URL in a *url.Error is the endpoint, which holds no secret.
		log(slog.LevelWarn, "webex identity check failed", slog.Any("error", err))
		return Person{}, 0, unavailable(0, err)
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		_ = resp.Body.Close()
	}()
	tracking := resp.Header.Get("Trackingid")
	status := slog.Int("status", resp.StatusCode)

	switch resp.StatusCode {
	case http.StatusOK:
		var pj personJSON
		if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&pj); err != nil {
			log(slog.LevelWarn, "webex identity check: unreadable person", status, slog.String("trackingId", tracking), slog.Any("error", err))
			return Person{}, 0, unavailable(0, fmt.Errorf("webex people/me: %w", err))
		}
		if pj.ID == "" || pj.OrgID == "" {
			log(slog.LevelWarn, "webex identity check: person without id or orgId", status, slog.String("trackingId", tracking))
			return Person{}, 0, unavailable(0, errors.New("webex people/me: a person without id or orgId"))
		}
		if pj.Type != "" && pj.Type != "person" {
			log(slog.LevelInfo, "webex token refused: not a person's", slog.String("type", pj.Type), slog.String("personId", pj.ID))
			return Person{}, 0, ErrInvalidToken.With("This Webex access token is a "+pj.Type+"'s, not a person's; send the agent's own token.", nil)
		}
		return Person{ID: pj.ID, OrgID: pj.OrgID, Emails: pj.Emails, DisplayName: pj.DisplayName}, 0, nil
	case http.StatusUnauthorized:
		log(slog.LevelInfo, "webex token refused", status, slog.String("trackingId", tracking))
		return Person{}, 0, ErrInvalidToken
	case http.StatusForbidden:
		log(slog.LevelInfo, "webex token refused: cannot read its person", status, slog.String("trackingId", tracking))
		return Person{}, 0, ErrInvalidToken.With("Webex does not let this access token read its own person (people/me); the agent's Desktop token must allow it.", nil)
	}
	wait := retryAfter(resp.Header.Get("Retry-After"), c.Clock.Now())
	log(slog.LevelWarn, "webex identity check failed", status, slog.String("trackingId", tracking), slog.Duration("retryAfter", wait))
	if resp.StatusCode == http.StatusTooManyRequests {
		hold = wait
	}
	return Person{}, hold, unavailable(wait, fmt.Errorf("webex people/me: status %d", resp.StatusCode))
}

// unavailable returns ErrUnavailable caused by err, with "retryAfterSeconds" in its
// Extra when wait is positive (rounded up to whole seconds).
func unavailable(wait time.Duration, err error) *velocity.Error {
	e := ErrUnavailable
	if wait > 0 {
		e = e.With("", map[string]any{"retryAfterSeconds": int((wait + time.Second - 1) / time.Second)})
	}
	return e.Wrap(err)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date, relative to now.
// It returns 0 when the header is absent, unreadable or in the past, and caps the wait
// at an hour.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(h); err == nil {
		d = time.Duration(min(max(n, 0), 3600)) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), time.Hour)
}

// tokenHash names a token in logs: the first 8 hex digits of its SHA-256, enough to
// tell one agent's failures from another's and useless for signing in.
func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:4])
}
