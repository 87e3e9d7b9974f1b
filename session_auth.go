package velocity

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"time"
)

// Console session timeouts: a session ends after IdleTimeout without a request, and
// AbsoluteTimeout after sign-in whatever happens.
const (
	DefaultIdleTimeout     = 30 * time.Minute
	DefaultAbsoluteTimeout = 12 * time.Hour
	// touchEvery bounds how often a session's activity is written.
	touchEvery = time.Minute
)

// ErrSessionEnded is the answer to a session cookie that is unknown, signed out, idle
// too long or past its absolute timeout.
var ErrSessionEnded = NewError(CodeUnauthorized, "Your console session has ended (signed out, idle for too long, or too old); sign in again.")

// ErrNotConsoleRole refuses a console sign-in by an agent or integration account.
var ErrNotConsoleRole = NewError(CodeForbidden, "Only supervisor and admin accounts sign in to the console; agents use the widgets in the Webex Contact Center Desktop.")

// SignIn checks a console sign-in (the tenant's name or id, a username and password)
// with the same limit on failed password checks as the API, and starts a session for a
// supervisor or admin account. It returns the session's secret (for the cookie; only
// its hash is kept) and the session.
func (a *Authenticator) SignIn(ctx context.Context, tenantRef, user, pass, remote string) (string, Session, Principal, error) {
	a.init()
	if tenantRef == "" || user == "" || !CleanText(tenantRef, false) || !CleanText(user, false) || len(tenantRef) > 256 || len(user) > 256 || len(pass) > 1024 {
		return "", Session{}, Principal{}, ErrUnauthorized
	}
	now := a.Clock.Now()
	fk := a.cacheKey("console\x00"+tenantRef, user, "")
	a.mu.RLock()
	f := a.failures[fk]
	locked := f != nil && now.Sub(f.since) < time.Minute && f.n >= MaxFailuresPerMinute
	a.mu.RUnlock()
	if locked {
		a.Logger.Warn("console sign-in refused", "reason", "too many failures", "tenant", tenantRef, "username", user, "remote", remote)
		return "", Session{}, Principal{}, ErrTooManyAttempts
	}
	t, acc, err := a.consoleAccount(ctx, tenantRef, user)
	if err == nil && !CheckPassword(acc.PasswordHash, pass) {
		err = ErrUnauthorized
	}
	if errors.Is(err, ErrUnauthorized) {
		a.mu.Lock()
		if f = a.failures[fk]; f == nil || now.Sub(f.since) >= time.Minute {
			f = &failCount{since: now}
			a.failures[fk] = f
		}
		f.n++
		a.mu.Unlock()
		a.Logger.Warn("console sign-in failed", "tenant", tenantRef, "username", user, "remote", remote)
		return "", Session{}, Principal{}, err
	}
	if err != nil {
		return "", Session{}, Principal{}, err
	}
	if acc.Role != RoleSupervisor && acc.Role != RoleAdmin {
		return "", Session{}, Principal{}, ErrNotConsoleRole
	}
	secret := base64.RawURLEncoding.EncodeToString(NewSecret(32))
	s := Session{IDHash: sessionHash(secret), TenantID: t.ID, AccountID: acc.ID, CSRFToken: base64.RawURLEncoding.EncodeToString(NewSecret(24)),
		Remote: remote, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(DefaultAbsoluteTimeout)}
	if _, err := a.Sessions.DeleteSessionsBefore(ctx, now, now.Add(-DefaultIdleTimeout)); err != nil {
		return "", Session{}, Principal{}, err
	}
	if err := a.Sessions.CreateSession(ctx, s); err != nil {
		return "", Session{}, Principal{}, err
	}
	return secret, s, sessionPrincipal(t, acc, remote), nil
}

// consoleAccount finds the tenant (by id or name) and its account; any miss is
// ErrUnauthorized, so a sign-in does not tell which part was wrong.
func (a *Authenticator) consoleAccount(ctx context.Context, tenantRef, user string) (Tenant, Account, error) {
	t, err := a.Store.GetTenant(ctx, tenantRef)
	if errors.Is(err, ErrNotFound) {
		t, err = a.Store.GetTenantByName(ctx, tenantRef)
	}
	if errors.Is(err, ErrNotFound) {
		return t, Account{}, ErrUnauthorized
	} else if err != nil {
		return t, Account{}, err
	}
	acc, err := a.Store.GetAccount(ctx, t.ID, user)
	switch {
	case errors.Is(err, ErrNotFound):
		return t, acc, ErrUnauthorized
	case err != nil:
		return t, acc, err
	case acc.DisabledAt != nil:
		return t, acc, ErrUnauthorized
	}
	return t, acc, nil
}

// Resume returns the principal of a session cookie's secret, checking the timeouts, the
// account (still enabled, still a console role) and, for a request that changes state,
// the CSRF token. It records the activity at most once a minute.
func (a *Authenticator) Resume(ctx context.Context, secret, csrf string, changes bool, remote string) (Principal, Session, error) {
	a.init()
	if secret == "" || len(secret) > 128 {
		return Principal{}, Session{}, ErrSessionEnded
	}
	now := a.Clock.Now()
	s, err := a.Sessions.GetSession(ctx, sessionHash(secret))
	if errors.Is(err, ErrNotFound) {
		return Principal{}, Session{}, ErrSessionEnded
	} else if err != nil {
		return Principal{}, Session{}, err
	}
	if !now.Before(s.ExpiresAt) || now.Sub(s.LastSeenAt) >= DefaultIdleTimeout {
		_ = a.Sessions.DeleteSession(ctx, s.IDHash)
		return Principal{}, Session{}, ErrSessionEnded
	}
	if changes && subtle.ConstantTimeCompare([]byte(csrf), []byte(s.CSRFToken)) != 1 {
		return Principal{}, Session{}, NewError(CodeForbidden, "This change lacks the session's CSRF token (X-CSRF-Token); reload the console.").With("", map[string]any{"reason": "csrf"})
	}
	t, err := a.Store.GetTenant(ctx, s.TenantID)
	if err != nil {
		return Principal{}, Session{}, err
	}
	var acc Account
	accs, err := a.Store.ListAccounts(ctx, s.TenantID)
	if err != nil {
		return Principal{}, Session{}, err
	}
	for _, x := range accs {
		if x.ID == s.AccountID {
			acc = x
		}
	}
	if acc.ID == "" || acc.DisabledAt != nil || (acc.Role != RoleSupervisor && acc.Role != RoleAdmin) {
		_ = a.Sessions.DeleteSession(ctx, s.IDHash)
		return Principal{}, Session{}, ErrSessionEnded
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		if err := a.Sessions.TouchSession(ctx, s.IDHash, now); err != nil && !errors.Is(err, ErrNotFound) {
			return Principal{}, Session{}, err
		}
		s.LastSeenAt = now
	}
	return sessionPrincipal(t, acc, remote), s, nil
}

// SignOut ends the session of a cookie's secret.
func (a *Authenticator) SignOut(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	return a.Sessions.DeleteSession(ctx, sessionHash(secret))
}

func sessionHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func sessionPrincipal(t Tenant, acc Account, remote string) Principal {
	return Principal{Tenant: t, AccountID: acc.ID, Username: acc.Username, Role: acc.Role, KeyPrefix: "session", Remote: remote}
}
