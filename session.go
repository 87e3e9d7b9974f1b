package velocity

import (
	"context"
	"time"
)

// Session is a supervisor's or admin's sign-in to the console. Only a hash of the
// cookie's secret is kept; CSRFToken must accompany every state change.
type Session struct {
	IDHash     []byte
	TenantID   string
	AccountID  string
	CSRFToken  string
	Remote     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // the absolute timeout
}

// SessionStore keeps console sessions, shared by every server on the database.
type SessionStore interface {
	CreateSession(ctx context.Context, s Session) error
	// GetSession returns the session with this hash, or ErrNotFound.
	GetSession(ctx context.Context, idHash []byte) (Session, error)
	// TouchSession records activity; ErrNotFound when the session is gone.
	TouchSession(ctx context.Context, idHash []byte, at time.Time) error
	// DeleteSession ends a session (signing out); no error when it is gone already.
	DeleteSession(ctx context.Context, idHash []byte) error
	// DeleteSessionsBefore removes sessions that expired, or were idle since, before the
	// given instants, and returns how many.
	DeleteSessionsBefore(ctx context.Context, expired, idleSince time.Time) (int64, error)
}
