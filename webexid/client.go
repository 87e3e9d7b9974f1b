package webexid

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/customerdynamics/velocity"
)

// DefaultBaseURL is the Webex API that a Client with no BaseURL asks.
const DefaultBaseURL = "https://webexapis.com"

// NegativeTTL is how long a Client remembers that Webex refused a token (or TTL, when
// that is shorter): during it, the token is refused without asking Webex again.
const NegativeTTL = 30 * time.Second

// callTimeout bounds one call to Webex, whatever the HTTP client's own timeouts.
const callTimeout = 5 * time.Second

// maxTokenLen is the longest token sent to Webex; Webex tokens are a few hundred bytes.
const maxTokenLen = 4096

// maxHold is the longest a Client stops asking Webex after a 429's Retry-After.
const maxHold = time.Minute

// The errors a Client returns; see the package doc. Add detail with With, never change
// them in place.
var (
	ErrInvalidToken = velocity.NewError(velocity.CodeInvalidWebexToken,
		"Webex did not accept the agent's access token (X-Webex-Token): it is missing, malformed, expired or revoked. Sign in to the Desktop again.")
	ErrWrongOrg = velocity.NewError(velocity.CodeWrongWebexOrg,
		"The Webex access token belongs to a person of another Webex organization than this tenant's.")
	ErrUnavailable = velocity.NewError(velocity.CodeIdentityUnavailable,
		"Webex cannot confirm the agent's identity right now; retry shortly.")
)

// Client verifies Webex access tokens with Webex's identity API and remembers the
// answers; see the package doc for the contract. Set its fields before the first call
// and do not change them after; the zero value is ready to use against DefaultBaseURL.
// A Client is safe for concurrent use.
type Client struct {
	BaseURL    string         // the Webex API, such as https://webexapis.com (the default)
	HTTP       *http.Client   // nil: a client with 5 s timeouts that follows no redirects
	TTL        time.Duration  // how long a verified token is trusted; default 5m
	MaxEntries int            // most tokens remembered; default 10,000
	Clock      velocity.Clock // default velocity.SystemClock
	Logger     *slog.Logger   // default slog.Default()

	once     sync.Once
	endpoint string // BaseURL + /v1/people/me
	initErr  error
	ownHTTP  bool // HTTP was made here, so Close may close its connections

	mu        sync.RWMutex
	cache     map[[32]byte]entry
	inflight  map[[32]byte]*call // calls to Webex under way, shared by concurrent requests
	holdUntil time.Time          // no new calls to Webex before this (after a 429)
}

// entry is what a Client remembers of one token: the person, or Webex's refusal.
type entry struct {
	p   Person
	err *velocity.Error // non-nil: Webex refused the token
	at  time.Time       // when the call that gave this answer started
}

// call is one call to Webex under way; requests with the same token wait for it.
type call struct {
	done chan struct{}
	p    Person
	err  error
}

func (c *Client) init() {
	c.once.Do(func() {
		c.endpoint, c.initErr = ParseBaseURL(c.BaseURL)
		c.endpoint += "/v1/people/me"
		if c.HTTP == nil {
			c.HTTP = newHTTPClient()
			c.ownHTTP = true
		}
		if c.TTL <= 0 {
			c.TTL = 5 * time.Minute
		}
		if c.MaxEntries <= 0 {
			c.MaxEntries = 10_000
		}
		if c.Clock == nil {
			c.Clock = velocity.SystemClock{}
		}
		if c.Logger == nil {
			c.Logger = slog.Default()
		}
		c.cache = map[[32]byte]entry{}
		c.inflight = map[[32]byte]*call{}
	})
}

// ParseBaseURL checks a Webex API base URL (for `velocity serve --webex-api-url`) and
// returns it without a trailing slash; "" is DefaultBaseURL. It must be an absolute
// http or https URL with a host and no query, fragment or user information.
func ParseBaseURL(s string) (string, error) {
	if s == "" {
		return DefaultBaseURL, nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("webex api url %q: %w", s, err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("webex api url %q: want an http or https URL with a host, such as %s", s, DefaultBaseURL)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// newHTTPClient returns the HTTP client a Client uses when given none: the default
// transport's proxy settings, short timeouts, and no redirects (a redirect is not an
// answer people/me gives; following it could send the token elsewhere).
func newHTTPClient() *http.Client {
	t, ok := http.DefaultTransport.(*http.Transport)
	if ok {
		t = t.Clone()
	} else {
		t = &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true}
	}
	t.DialContext = (&net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 3 * time.Second
	t.ResponseHeaderTimeout = callTimeout
	t.MaxIdleConnsPerHost = 32
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{
		Transport:     t,
		Timeout:       callTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Close closes the idle connections of the HTTP client the Client made for itself (not
// one it was given). The Client remains usable.
func (c *Client) Close() {
	c.init()
	if c.ownHTTP {
		c.HTTP.CloseIdleConnections()
	}
}

// Verify returns the person the Webex access token belongs to. It answers from memory
// while the token was verified less than TTL ago, else asks Webex. Errors: ErrInvalidToken
// (invalid_webex_token) when the token is missing or malformed or Webex refuses it,
// ErrUnavailable (identity_unavailable) when Webex cannot answer, the context's error
// when ctx ends first, and an internal error when BaseURL is not valid. It never returns
// a Person with an error, nor success without Webex's word younger than TTL.
func (c *Client) Verify(ctx context.Context, token string) (Person, error) {
	c.init()
	if c.initErr != nil {
		return Person{}, velocity.NewError(velocity.CodeInternal, "The Webex identity check is misconfigured; it has been logged.").Wrap(c.initErr)
	}
	if !wellFormed(token) {
		return Person{}, ErrInvalidToken
	}
	k := sha256.Sum256([]byte(token))
	now := c.Clock.Now()
	c.mu.RLock()
	e, cached := c.cache[k]
	c.mu.RUnlock()
	if cached && c.fresh(e, now) {
		return e.answer()
	}

	c.mu.Lock()
	if cl := c.inflight[k]; cl != nil {
		c.mu.Unlock()
		return cl.wait(ctx)
	}
	// A call may have finished between the look-up above and taking the lock.
	if e, cached := c.cache[k]; cached && c.fresh(e, now) {
		c.mu.Unlock()
		return e.answer()
	}
	if now.Before(c.holdUntil) {
		wait := c.holdUntil.Sub(now)
		c.mu.Unlock()
		return Person{}, unavailable(wait, errors.New("webex rate limit: not asking again before Retry-After"))
	}
	if err := ctx.Err(); err != nil {
		c.mu.Unlock()
		return Person{}, err
	}
	cl := &call{done: make(chan struct{})}
	c.inflight[k] = cl
	c.mu.Unlock()
	// The call is shared by every request waiting on this token, so it must not end when
	// the first one goes away; it ends within callTimeout.
	go c.run(context.WithoutCancel(ctx), k, token, cl)
	return cl.wait(ctx)
}

// VerifyInOrg is Verify, then requires the person to belong to the organization orgID
// (either form; see Person.OrgMatches): ErrWrongOrg (wrong_webex_org) otherwise.
func (c *Client) VerifyInOrg(ctx context.Context, token, orgID string) (Person, error) {
	p, err := c.Verify(ctx, token)
	if err != nil {
		return Person{}, err
	}
	if !p.OrgMatches(orgID) {
		c.Logger.LogAttrs(ctx, slog.LevelInfo, "webex token of another organization",
			slog.String("tokenHash", tokenHash(token)), slog.String("personId", p.ID), slog.String("personOrgId", p.OrgID), slog.String("wantOrgId", orgID))
		return Person{}, ErrWrongOrg
	}
	return p, nil
}

// wait returns the call's answer, or ctx's error if ctx ends first.
func (cl *call) wait(ctx context.Context) (Person, error) {
	select {
	case <-cl.done:
		return cl.p.clone(), cl.err
	case <-ctx.Done():
		return Person{}, ctx.Err()
	}
}

// fresh reports whether e may answer at now: a person for TTL, a refusal for
// NegativeTTL (at most TTL). A clock that went back makes no entry fresh.
func (c *Client) fresh(e entry, now time.Time) bool {
	age := now.Sub(e.at)
	limit := c.TTL
	if e.err != nil {
		limit = min(NegativeTTL, c.TTL)
	}
	return age >= 0 && age < limit
}

// answer returns what e remembers: a copy of the person (so that a caller cannot change
// the remembered one), or the refusal.
func (e entry) answer() (Person, error) {
	if e.err != nil {
		return Person{}, e.err
	}
	return e.p.clone(), nil
}

// run makes one call to Webex for cl, remembers its answer and wakes the waiters.
func (c *Client) run(ctx context.Context, k [32]byte, token string, cl *call) {
	start := c.Clock.Now() // the TTL counts from before Webex answered
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	p, hold, err := c.fetch(ctx, token)
	cancel()
	c.mu.Lock()
	var refused *velocity.Error
	switch {
	case err == nil:
		c.store(k, entry{p: p, at: start}, start)
	case errors.As(err, &refused) && refused.Code == velocity.CodeInvalidWebexToken:
		c.store(k, entry{err: refused, at: start}, start)
	default:
		delete(c.cache, k) // a stale answer must not outlive a failed check
		if hold > 0 {
			c.holdUntil = start.Add(min(hold, maxHold))
		}
	}
	delete(c.inflight, k)
	c.mu.Unlock()
	cl.p, cl.err = p, err
	close(cl.done)
}

// store remembers e under k, first making room if the memory is full. The caller holds
// c.mu.
func (c *Client) store(k [32]byte, e entry, now time.Time) {
	if _, ok := c.cache[k]; !ok && len(c.cache) >= c.MaxEntries {
		c.evict(now)
	}
	c.cache[k] = e
}

// evict drops the entries that are no longer fresh, and if that frees nothing, a tenth
// of the rest (at least one) in the map's random order, so that a full memory is swept
// once per tenth of its size in new tokens, not once per token. The caller holds c.mu.
func (c *Client) evict(now time.Time) {
	for k, e := range c.cache {
		if !c.fresh(e, now) {
			delete(c.cache, k)
		}
	}
	n := len(c.cache) - c.MaxEntries + max(1, c.MaxEntries/10)
	for k := range c.cache {
		if n <= 0 {
			break
		}
		delete(c.cache, k)
		n--
	}
}

// Len returns how many tokens the Client remembers (verified or refused), fresh or not.
func (c *Client) Len() int {
	c.init()
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.cache)
}

// wellFormed reports whether token can be a bearer token (RFC 6750's b64token: letters,
// digits, "-._~+/", then any "=") of at most maxTokenLen bytes. Anything else is refused
// without asking Webex, and cannot smuggle anything into the Authorization header.
func wellFormed(token string) bool {
	if token == "" || len(token) > maxTokenLen {
		return false
	}
	i := 0
	for ; i < len(token); i++ {
		c := token[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~+/", c) >= 0) {
			break
		}
	}
	if i == 0 {
		return false
	}
	for ; i < len(token); i++ {
		if token[i] != '=' {
			return false
		}
	}
	return true
}

// Verifier proves agents' identities for the API (velocity.IdentityVerifier) with a
// Client: the token must be valid and of a person of the tenant's Webex organisation.
type Verifier struct{ Client *Client }

// VerifyAgent checks the token for tenant t and returns the agent as the audit trail
// names it (the person's CI user id, else their first email) and the agent ids the
// person answers to (Person.AgentIDs).
func (v Verifier) VerifyAgent(ctx context.Context, t velocity.Tenant, token string) (string, []string, error) {
	p, err := v.Client.VerifyInOrg(ctx, token, t.WebexOrgID)
	if err != nil {
		return "", nil, err
	}
	agent, ok := p.UUID()
	if !ok && len(p.Emails) > 0 {
		agent = p.Emails[0]
	}
	return agent, p.AgentIDs(), nil
}
