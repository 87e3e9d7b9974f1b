package webexid_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/customerdynamics/velocity/webexid"
	"github.com/customerdynamics/velocity/webexid/webexidtest"
)

// The token of testPerson in every setup; Webex tokens look like this.
const goodToken = "ZDI3MGEyYzQtNmFlNS00NDNhLWFlNzAtZGVjNjE0MGU1OGZmZWNmZDEwN2ItYTU3_PF84_" + orgUUID

// testBundle is what each test works with: the fake Webex, a settable clock, and a
// Client that asks that Webex and logs to logs.
type testBundle struct {
	webex  *webexidtest.Server
	clock  *storetest.Clock
	client *webexid.Client
	logs   *syncBuffer
}

func setup(t testing.TB) *testBundle {
	t.Helper()
	b := &testBundle{
		webex: webexidtest.NewServer(t),
		clock: storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)),
		logs:  &syncBuffer{},
	}
	b.webex.AddToken(goodToken, testPerson())
	b.client = &webexid.Client{
		BaseURL: b.webex.URL,
		Clock:   b.clock,
		Logger:  slog.New(slog.NewTextHandler(b.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	t.Cleanup(b.client.Close)
	return b
}

// syncBuffer is a bytes.Buffer that handlers may write to from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// codeOf returns err's catalogue code, or "" for nil and errors without one.
func codeOf(err error) velocity.Code {
	if e, ok := velocity.AsError(err); ok {
		return e.Code
	}
	return ""
}

func TestVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		prepare   func(b *testBundle)
		token     string
		wantCode  velocity.Code // "" means success
		wantCalls int
		retry     int // the wanted retryAfterSeconds, 0 for none
	}{
		{name: "valid token", token: goodToken, wantCalls: 1},
		{name: "unknown or expired token", token: "expired-token", wantCode: velocity.CodeInvalidWebexToken, wantCalls: 1},
		{name: "revoked token", token: goodToken, prepare: func(b *testBundle) { b.webex.Revoke(goodToken) },
			wantCode: velocity.CodeInvalidWebexToken, wantCalls: 1},
		{name: "missing token", token: "", wantCode: velocity.CodeInvalidWebexToken},
		{name: "token with a space", token: "abc def", wantCode: velocity.CodeInvalidWebexToken},
		{name: "token with a line break", token: "abc\r\nX-Evil: 1", wantCode: velocity.CodeInvalidWebexToken},
		{name: "Bearer prefix", token: "Bearer " + goodToken, wantCode: velocity.CodeInvalidWebexToken},
		{name: "padding first", token: "=abc", wantCode: velocity.CodeInvalidWebexToken},
		{name: "too long", token: strings.Repeat("a", 4097), wantCode: velocity.CodeInvalidWebexToken},
		{name: "bot's token", token: "bot-token", prepare: func(b *testBundle) { b.webex.AddTokenOfType("bot-token", testPerson(), "bot") },
			wantCode: velocity.CodeInvalidWebexToken, wantCalls: 1},
		{name: "token without the scope for people/me", token: goodToken, prepare: func(b *testBundle) { b.webex.SetStatus(http.StatusForbidden, "") },
			wantCode: velocity.CodeInvalidWebexToken, wantCalls: 1},
		{name: "Webex down (503)", token: goodToken, prepare: func(b *testBundle) { b.webex.SetDown(true) },
			wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1},
		{name: "Webex down with Retry-After", token: goodToken, prepare: func(b *testBundle) { b.webex.SetStatus(http.StatusServiceUnavailable, "12") },
			wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1, retry: 12},
		{name: "Webex failing (500)", token: goodToken, prepare: func(b *testBundle) { b.webex.SetStatus(http.StatusInternalServerError, "") },
			wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1},
		{name: "Webex rate limiting (429)", token: goodToken, prepare: func(b *testBundle) { b.webex.SetStatus(http.StatusTooManyRequests, "7") },
			wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1, retry: 7},
		{name: "Webex answers 404", token: goodToken, prepare: func(b *testBundle) { b.webex.SetStatus(http.StatusNotFound, "") },
			wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1},
		{name: "Webex closes the connection", token: goodToken, prepare: func(b *testBundle) { b.webex.SetHangUp(true) },
			wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1},
		{name: "Webex too slow", token: goodToken, prepare: func(b *testBundle) {
			b.webex.SetLatency(2 * time.Second)
			b.client.HTTP = &http.Client{Timeout: 50 * time.Millisecond}
		}, wantCode: velocity.CodeIdentityUnavailable, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			if tt.prepare != nil {
				tt.prepare(b)
			}
			p, err := b.client.Verify(context.Background(), tt.token)
			if got := codeOf(err); got != tt.wantCode || (err != nil) != (tt.wantCode != "") {
				t.Fatalf("Verify: %v; want code %q", err, tt.wantCode)
			}
			if err == nil {
				if want := testPerson(); p.ID != want.ID || p.OrgID != want.OrgID || p.DisplayName != want.DisplayName || len(p.Emails) != 2 {
					t.Errorf("Verify = %+v; want %+v", p, want)
				}
			} else if p.ID != "" {
				t.Errorf("Verify returned a person with its error: %+v", p)
			}
			if got := b.webex.Calls(); got != tt.wantCalls {
				t.Errorf("Webex was called %d times; want %d", got, tt.wantCalls)
			}
			var retry any
			if e, ok := velocity.AsError(err); ok {
				retry = e.Extra["retryAfterSeconds"]
			}
			if (tt.retry == 0 && retry != nil) || (tt.retry != 0 && retry != tt.retry) {
				t.Errorf("retryAfterSeconds = %v; want %d", retry, tt.retry)
			}
			if strings.Contains(b.logs.String(), tt.token) && tt.token != "" {
				t.Errorf("the token is in the logs:\n%s", b.logs.String())
			}
		})
	}
}

// TestVerifyBadAnswers checks that an answer that is not a person, or a person without
// an id or organization, is "unavailable", never success.
func TestVerifyBadAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		header map[string]string
		body   string
	}{
		{"not JSON", http.StatusOK, nil, "<html>captive portal</html>"},
		{"no orgId", http.StatusOK, nil, `{"id":"` + webexidtest.PersonID(agentUUID) + `","emails":["a@b.c"]}`},
		{"no id", http.StatusOK, nil, `{"orgId":"` + webexidtest.OrgID(orgUUID) + `"}`},
		{"a redirect", http.StatusFound, map[string]string{"Location": "/elsewhere"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}))
			t.Cleanup(srv.Close)
			c := &webexid.Client{BaseURL: srv.URL, Logger: slog.New(slog.DiscardHandler)}
			t.Cleanup(c.Close)
			if _, err := c.Verify(context.Background(), goodToken); codeOf(err) != velocity.CodeIdentityUnavailable {
				t.Errorf("Verify: %v; want identity_unavailable", err)
			}
			if c.Len() != 0 {
				t.Errorf("a failed check was remembered")
			}
		})
	}
}

// TestVerifySendsBearerToken checks the request Webex gets.
func TestVerifySendsBearerToken(t *testing.T) {
	t.Parallel()
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":%q,"orgId":%q,"type":"person"}`, webexidtest.PersonID(agentUUID), webexidtest.OrgID(orgUUID))
	}))
	t.Cleanup(srv.Close)
	c := &webexid.Client{BaseURL: srv.URL + "/", Logger: slog.New(slog.DiscardHandler)}
	t.Cleanup(c.Close)
	if _, err := c.Verify(context.Background(), goodToken); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodGet || got.URL.Path != "/v1/people/me" || got.Header.Get("Authorization") != "Bearer "+goodToken {
		t.Errorf("Webex got %s %s with Authorization %q", got.Method, got.URL.Path, got.Header.Get("Authorization"))
	}
}

func TestVerifyInOrg(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for _, org := range []string{webexidtest.OrgID(orgUUID), orgUUID, strings.ToUpper(orgUUID)} {
		if p, err := b.client.VerifyInOrg(ctx, goodToken, org); err != nil || !p.Matches(agentUUID) {
			t.Errorf("VerifyInOrg(%q) = %+v, %v", org, p, err)
		}
	}
	for _, org := range []string{webexidtest.OrgID(otherUUID), otherUUID, ""} {
		_, err := b.client.VerifyInOrg(ctx, goodToken, org)
		if !errors.Is(err, webexid.ErrWrongOrg) || codeOf(err).Kind() != velocity.KindForbidden {
			t.Errorf("VerifyInOrg(%q): %v; want wrong_webex_org", org, err)
		}
	}
	if _, err := b.client.VerifyInOrg(ctx, "unknown", orgUUID); !errors.Is(err, webexid.ErrInvalidToken) {
		t.Errorf("VerifyInOrg of an unknown token: %v; want invalid_webex_token", err)
	}
	if got := b.webex.Calls(); got != 2 {
		t.Errorf("Webex was called %d times; want 2 (one per token)", got)
	}
}

// TestRevokedWithinTTL checks the documented revocation delay: a token revoked upstream
// keeps working from memory until TTL has passed since it was verified, then stops.
func TestRevokedWithinTTL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.client.TTL = time.Minute
	ctx := context.Background()
	if _, err := b.client.Verify(ctx, goodToken); err != nil {
		t.Fatal(err)
	}
	b.webex.Revoke(goodToken)
	b.clock.Advance(time.Minute - time.Microsecond)
	if _, err := b.client.Verify(ctx, goodToken); err != nil {
		t.Fatalf("within TTL: %v; want the remembered person", err)
	}
	if got := b.webex.Calls(); got != 1 {
		t.Fatalf("within TTL Webex was called %d times; want 1", got)
	}
	b.clock.Advance(time.Microsecond)
	if _, err := b.client.Verify(ctx, goodToken); !errors.Is(err, webexid.ErrInvalidToken) {
		t.Fatalf("after TTL: %v; want invalid_webex_token", err)
	}
	if got := b.webex.Calls(); got != 2 {
		t.Errorf("Webex was called %d times; want 2", got)
	}
}

// TestDownRemembersNothing checks that while Webex is down nothing is let through: no
// success is remembered from a failure, and a stale success is not served.
func TestDownRemembersNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.webex.SetDown(true)
	if _, err := b.client.Verify(ctx, goodToken); !errors.Is(err, webexid.ErrUnavailable) {
		t.Fatalf("Webex down: %v; want identity_unavailable", err)
	}
	if n := b.client.Len(); n != 0 {
		t.Fatalf("after a failure %d tokens are remembered", n)
	}
	if _, err := b.client.Verify(ctx, goodToken); !errors.Is(err, webexid.ErrUnavailable) || b.webex.Calls() != 2 {
		t.Fatalf("Webex still down: %v after %d calls; want identity_unavailable, asked again", err, b.webex.Calls())
	}
	b.webex.SetDown(false)
	if _, err := b.client.Verify(ctx, goodToken); err != nil {
		t.Fatalf("Webex back: %v", err)
	}
	// Verified, then stale while Webex is down: refused, not served from memory.
	b.clock.Advance(5 * time.Minute)
	b.webex.SetHangUp(true)
	if _, err := b.client.Verify(ctx, goodToken); !errors.Is(err, webexid.ErrUnavailable) {
		t.Fatalf("stale entry with Webex down: %v; want identity_unavailable", err)
	}
	if n := b.client.Len(); n != 0 {
		t.Errorf("the stale entry survived a failed check (%d remembered)", n)
	}
}

// TestNegativeCache checks that a refused token is refused from memory for
// NegativeTTL, then asked about again.
func TestNegativeCache(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for range 5 {
		if _, err := b.client.Verify(ctx, "not-yet-valid"); !errors.Is(err, webexid.ErrInvalidToken) {
			t.Fatalf("unknown token: %v", err)
		}
	}
	if got := b.webex.Calls(); got != 1 {
		t.Fatalf("5 checks of one bad token called Webex %d times; want 1", got)
	}
	b.webex.AddToken("not-yet-valid", testPerson())
	b.clock.Advance(webexid.NegativeTTL - time.Microsecond)
	if _, err := b.client.Verify(ctx, "not-yet-valid"); !errors.Is(err, webexid.ErrInvalidToken) {
		t.Fatalf("within NegativeTTL: %v; want the remembered refusal", err)
	}
	b.clock.Advance(time.Microsecond)
	if _, err := b.client.Verify(ctx, "not-yet-valid"); err != nil {
		t.Fatalf("after NegativeTTL: %v", err)
	}
	if got := b.webex.Calls(); got != 2 {
		t.Errorf("Webex was called %d times; want 2", got)
	}
}

// TestRateLimitHold checks that after a 429 with Retry-After, new tokens are not asked
// about until then, while remembered ones keep working.
func TestRateLimitHold(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.webex.AddToken("second", testPerson())
	if _, err := b.client.Verify(ctx, goodToken); err != nil {
		t.Fatal(err)
	}
	b.webex.SetStatus(http.StatusTooManyRequests, "10")
	_, err := b.client.Verify(ctx, "second")
	if e, ok := velocity.AsError(err); !ok || e.Code != velocity.CodeIdentityUnavailable || e.Extra["retryAfterSeconds"] != 10 {
		t.Fatalf("429: %v; want identity_unavailable with retryAfterSeconds 10", err)
	}
	b.webex.SetStatus(0, "")
	b.clock.Advance(4 * time.Second)
	_, err = b.client.Verify(ctx, "second")
	if e, ok := velocity.AsError(err); !ok || e.Code != velocity.CodeIdentityUnavailable || e.Extra["retryAfterSeconds"] != 6 {
		t.Fatalf("during Retry-After: %v; want identity_unavailable with retryAfterSeconds 6", err)
	}
	if _, err := b.client.Verify(ctx, goodToken); err != nil {
		t.Fatalf("a remembered token during Retry-After: %v", err)
	}
	if got := b.webex.Calls(); got != 2 {
		t.Fatalf("Webex was called %d times during Retry-After; want 2", got)
	}
	b.clock.Advance(6 * time.Second)
	if _, err := b.client.Verify(ctx, "second"); err != nil {
		t.Fatalf("after Retry-After: %v", err)
	}
}

// TestSizeBound checks that the memory never holds more than MaxEntries tokens, that it
// drops stale entries before fresh ones, and that the newest token is remembered.
func TestSizeBound(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.client.MaxEntries = 20
	ctx := context.Background()
	token := func(i int) string { return fmt.Sprintf("token-%03d", i) }
	for i := range 100 {
		b.webex.AddToken(token(i), testPerson())
		if _, err := b.client.Verify(ctx, token(i)); err != nil {
			t.Fatal(err)
		}
		if n := b.client.Len(); n > 20 {
			t.Fatalf("after %d tokens %d are remembered; want at most 20", i+1, n)
		}
	}
	calls := b.webex.Calls()
	if _, err := b.client.Verify(ctx, token(99)); err != nil || b.webex.Calls() != calls {
		t.Fatalf("the newest token was not remembered: %v, %d calls", err, b.webex.Calls()-calls)
	}

	// Fill the memory with 10 tokens that then go stale and 10 fresh ones; the next
	// token evicts the stale ones only.
	c := setup(t)
	c.client.MaxEntries = 20
	for i := range 20 {
		if i == 10 {
			c.clock.Advance(5 * time.Minute)
		}
		c.webex.AddToken(token(i), testPerson())
		if _, err := c.client.Verify(ctx, token(i)); err != nil {
			t.Fatal(err)
		}
	}
	c.webex.AddToken(token(20), testPerson())
	if _, err := c.client.Verify(ctx, token(20)); err != nil {
		t.Fatal(err)
	}
	if n := c.client.Len(); n != 11 {
		t.Errorf("%d tokens remembered; want the 10 fresh ones and the new one", n)
	}
	calls = c.webex.Calls()
	for i := 10; i <= 20; i++ {
		if _, err := c.client.Verify(ctx, token(i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.webex.Calls() - calls; got != 0 {
		t.Errorf("fresh tokens were evicted: %d calls to Webex", got)
	}
}

// TestSingleflight checks that concurrent checks of one token not in memory share one
// call to Webex, and that a waiter who gives up does not end it for the others.
func TestSingleflight(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.webex.SetLatency(200 * time.Millisecond)
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n+1)
	// The first caller gives up before Webex answers.
	ctx, cancel := context.WithCancel(context.Background())
	wg.Go(func() {
		if _, err := b.client.Verify(ctx, goodToken); !errors.Is(err, context.Canceled) {
			errs <- fmt.Errorf("the caller that gave up: %v; want context.Canceled", err)
		}
	})
	time.Sleep(20 * time.Millisecond)
	cancel()
	for range n {
		wg.Go(func() {
			p, err := b.client.Verify(context.Background(), goodToken)
			if err != nil || !p.Matches(agentUUID) {
				errs <- fmt.Errorf("Verify = %+v, %v", p, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := b.webex.Calls(); got != 1 {
		t.Errorf("%d concurrent checks of one token called Webex %d times; want 1", n+1, got)
	}
}

// TestConcurrentTokens runs many tokens, some bad, from many goroutines (for -race).
func TestConcurrentTokens(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.client.MaxEntries = 8
	for i := range 16 {
		b.webex.AddToken(fmt.Sprintf("t%d", i), testPerson())
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				tok := fmt.Sprintf("t%d", (g+i)%20) // t16..t19 are unknown
				_, err := b.client.Verify(context.Background(), tok)
				if known := (g+i)%20 < 16; known != (err == nil) {
					t.Errorf("Verify(%s): %v", tok, err)
				}
				if i%25 == 0 {
					b.clock.Advance(time.Minute)
				}
			}
		})
	}
	wg.Wait()
	if n := b.client.Len(); n > 8 {
		t.Errorf("%d tokens remembered; want at most 8", n)
	}
}

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", webexid.DefaultBaseURL, true},
		{"https://webexapis.com", "https://webexapis.com", true},
		{"https://webexapis.com/", "https://webexapis.com", true},
		{"http://127.0.0.1:8089/webex/", "http://127.0.0.1:8089/webex", true},
		{"webexapis.com", "", false},
		{"ftp://webexapis.com", "", false},
		{"https://user:pw@webexapis.com", "", false},
		{"https://webexapis.com?x=1", "", false},
		{"https:///nohost", "", false},
		{"://bad", "", false},
	}
	for _, tt := range tests {
		got, err := webexid.ParseBaseURL(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	c := &webexid.Client{BaseURL: "not a url", Logger: slog.New(slog.DiscardHandler)}
	if _, err := c.Verify(context.Background(), goodToken); codeOf(err) != velocity.CodeInternal {
		t.Errorf("Verify with a bad BaseURL: %v; want internal", err)
	}
}

// TestReturnedPersonIsACopy checks that a caller changing the person it got does not
// change what the Client remembers.
func TestReturnedPersonIsACopy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p, err := b.client.Verify(context.Background(), goodToken)
	if err != nil {
		t.Fatal(err)
	}
	p.Emails[0] = "mallory@example.com"
	q, err := b.client.Verify(context.Background(), goodToken)
	if err != nil || q.Emails[0] != testPerson().Emails[0] || q.Matches("mallory@example.com") {
		t.Errorf("the remembered person changed: %+v, %v", q, err)
	}
}
