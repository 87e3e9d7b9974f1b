package velocity

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Authenticator checks a request's API key and system-account credentials. A request must
// not pay for a password hash each time, so it remembers verified credentials: for Fresh
// it trusts them without asking the store (so revoking a key or disabling an account takes
// effect within Fresh), and for PasswordTTL it skips the slow password hash as long as
// the stored hash is unchanged. Secrets are kept only as an HMAC under a per-process key.
// Failed attempts are logged with the key's prefix and the username, never the secret.
type Authenticator struct {
	Store AdminStore
	// Sessions keeps the console's sessions (SignIn, Resume, SignOut).
	Sessions    SessionStore
	Clock       Clock
	Logger      *slog.Logger
	Fresh       time.Duration // default 5s
	PasswordTTL time.Duration // default 15m
	MaxEntries  int           // default 10,000

	once     sync.Once
	hkey     []byte
	mu       sync.RWMutex
	cache    map[[32]byte]*authEntry
	inflight map[[32]byte]*authCall  // checks under way, shared by concurrent requests
	failures map[[32]byte]*failCount // recent failures per API key and username
}

// failCount counts failed attempts in the current minute.
type failCount struct {
	n     int
	since time.Time
}

// MaxFailuresPerMinute is how many failed attempts one API key and username may make in
// a minute before new password checks for them are refused (each costs a slow hash);
// credentials verified before keep working.
const MaxFailuresPerMinute = 10

// ErrTooManyAttempts is returned while an API key and username are locked out.
var ErrTooManyAttempts = NewError(CodeTooManyAttempts, "Too many failed sign-in attempts with this API key and account; wait a minute and check the credentials.")

// authCall is one check under way; requests with the same credentials wait for it.
type authCall struct {
	done chan struct{}
	p    Principal
	err  error
}

type authEntry struct {
	p        Principal
	checked  time.Time // when the store last confirmed key and account
	pwHash   string    // the stored hash the password was verified against
	verified time.Time // when the password hash was last computed
}

func (a *Authenticator) init() {
	a.once.Do(func() {
		a.hkey = NewSecret(32)
		a.cache = map[[32]byte]*authEntry{}
		a.inflight = map[[32]byte]*authCall{}
		a.failures = map[[32]byte]*failCount{}
		if a.Fresh == 0 {
			a.Fresh = 5 * time.Second
		}
		if a.PasswordTTL == 0 {
			a.PasswordTTL = 15 * time.Minute
		}
		if a.MaxEntries == 0 {
			a.MaxEntries = 10_000
		}
		if a.Logger == nil {
			a.Logger = slog.Default()
		}
		if a.Clock == nil {
			a.Clock = SystemClock{}
		}
	})
}

func (a *Authenticator) cacheKey(apiKey, user, pass string) [32]byte {
	m := hmac.New(sha256.New, a.hkey)
	m.Write([]byte(apiKey))
	m.Write([]byte{0})
	m.Write([]byte(user))
	m.Write([]byte{0})
	m.Write([]byte(pass))
	var k [32]byte
	copy(k[:], m.Sum(nil))
	return k
}

// Authenticate returns the principal for an API key and Basic credentials, with the
// account's role and the remote address, or ErrUnauthorized when either is missing,
// wrong, revoked or disabled, or they belong to different tenants. A role change reaches
// requests within Fresh, like a disabled account.
func (a *Authenticator) Authenticate(ctx context.Context, apiKey, user, pass, remote string) (Principal, error) {
	p, err := a.authenticate(ctx, apiKey, user, pass, remote)
	if err != nil {
		return Principal{}, err
	}
	p.Remote = remote
	return p, nil
}

func (a *Authenticator) authenticate(ctx context.Context, apiKey, user, pass, remote string) (Principal, error) {
	a.init()
	if apiKey == "" || user == "" {
		a.Logger.Warn("authentication failed", "reason", "missing credentials", "remote", remote)
		return Principal{}, ErrUnauthorized
	}
	if !CleanText(apiKey, false) || !CleanText(user, false) || len(apiKey) > 256 || len(user) > 256 || len(pass) > 1024 {
		a.Logger.Warn("authentication failed", "reason", "malformed credentials", "remote", remote)
		return Principal{}, ErrUnauthorized
	}
	now := a.Clock.Now()
	fk := a.cacheKey(apiKey, user, "")
	k := a.cacheKey(apiKey, user, pass)
	a.mu.RLock()
	e := a.cache[k]
	var snapshot authEntry
	if e != nil {
		snapshot = *e
	}
	a.mu.RUnlock()
	if e != nil && now.Sub(snapshot.checked) < a.Fresh {
		return snapshot.p, nil
	}
	// One check per credentials at a time: a burst of first requests (a widget's page
	// load, a restart) pays for one password hash, not one each.
	a.mu.Lock()
	if c := a.inflight[k]; c != nil {
		a.mu.Unlock()
		select {
		case <-c.done:
			return c.p, c.err
		case <-ctx.Done():
			return Principal{}, ctx.Err()
		}
	}
	c := &authCall{done: make(chan struct{})}
	a.inflight[k] = c
	a.mu.Unlock()
	// The check is shared by everyone waiting on these credentials, so it must not end
	// when the first caller goes away.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	c.p, c.err = a.check(cctx, k, fk, e != nil, snapshot, apiKey, user, pass, remote, now)
	cancel()
	if errors.Is(c.err, ErrUnauthorized) {
		a.mu.Lock()
		f := a.failures[fk]
		if f == nil || now.Sub(f.since) >= time.Minute {
			if len(a.failures) >= a.MaxEntries {
				clear(a.failures)
			}
			f = &failCount{since: now}
			a.failures[fk] = f
		}
		f.n++
		a.mu.Unlock()
	}
	a.mu.Lock()
	delete(a.inflight, k)
	a.mu.Unlock()
	close(c.done)
	return c.p, c.err
}

// check asks the store about the credentials and verifies the password unless the
// cached entry shows it was verified against the same stored hash recently.
func (a *Authenticator) check(ctx context.Context, k, fk [32]byte, cached bool, snapshot authEntry, apiKey, user, pass, remote string, now time.Time) (Principal, error) {
	creds, err := a.Store.LookupCredentials(ctx, HashAPIKey(apiKey), user)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			a.fail(k, "unknown api key", apiKey, user, remote)
			return Principal{}, ErrUnauthorized
		}
		return Principal{}, err
	}
	switch {
	case !creds.KeyActive:
		a.fail(k, "api key revoked", apiKey, user, remote)
		return Principal{}, ErrUnauthorized
	case creds.Account == nil:
		a.fail(k, "no such account in the key's tenant", apiKey, user, remote)
		return Principal{}, ErrUnauthorized
	case creds.Account.DisabledAt != nil:
		a.fail(k, "account disabled", apiKey, user, remote)
		return Principal{}, ErrUnauthorized
	}
	verified := snapshot.verified
	if !cached || snapshot.pwHash != creds.Account.PasswordHash || now.Sub(snapshot.verified) >= a.PasswordTTL {
		// Only new password checks are limited: the key and username are in every
		// agent's desktop layout, so a lockout must not touch credentials already
		// verified and remembered.
		a.mu.RLock()
		f := a.failures[fk]
		locked := f != nil && now.Sub(f.since) < time.Minute && f.n >= MaxFailuresPerMinute
		a.mu.RUnlock()
		if locked {
			a.Logger.Warn("authentication refused", "reason", "too many failures", "apiKeyPrefix", KeyPrefix(apiKey), "username", user, "remote", remote)
			return Principal{}, ErrTooManyAttempts
		}
		if !CheckPassword(creds.Account.PasswordHash, pass) {
			a.fail(k, "wrong password", apiKey, user, remote)
			return Principal{}, ErrUnauthorized
		}
		verified = now
	}
	role := creds.Account.Role
	if role == "" {
		role = RoleAgent
	}
	p := Principal{Tenant: creds.Tenant, AccountID: creds.Account.ID, Username: creds.Account.Username, Role: role, KeyPrefix: creds.KeyPrefix}
	a.mu.Lock()
	if len(a.cache) >= a.MaxEntries {
		a.evict(now)
	}
	a.cache[k] = &authEntry{p: p, checked: now, pwHash: creds.Account.PasswordHash, verified: verified}
	a.mu.Unlock()
	return p, nil
}

func (a *Authenticator) fail(k [32]byte, reason, apiKey, user, remote string) {
	a.mu.Lock()
	delete(a.cache, k)
	a.mu.Unlock()
	a.Logger.Warn("authentication failed", "reason", reason, "apiKeyPrefix", KeyPrefix(apiKey), "username", user, "remote", remote)
}

// evict drops entries past their password TTL, or all of them if that frees nothing.
// The caller holds a.mu.
func (a *Authenticator) evict(now time.Time) {
	for k, e := range a.cache {
		if now.Sub(e.verified) >= a.PasswordTTL {
			delete(a.cache, k)
		}
	}
	if len(a.cache) >= a.MaxEntries {
		clear(a.cache)
	}
}
