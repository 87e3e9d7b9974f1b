package sqlstore

import "github.com/customerdynamics/velocity"

// Conflicts that a store reports when a unique constraint of its schema is violated.
// Compare with errors.Is; a store returns a copy with the driver's error as the cause
// (WithCause).
var (
	// ErrTenantExists: a tenant has the name already (copying a tenant: the id or the name).
	ErrTenantExists = velocity.NewError(velocity.CodeTenantExists, "A tenant with this name exists already.")
	// ErrAccountExists: the tenant has an account with the username already.
	ErrAccountExists = velocity.NewError(velocity.CodeAccountExists, "An account with this username exists already in the tenant.")
)

// WithCause returns a copy of e with err as its cause.
func WithCause(e *velocity.Error, err error) error {
	c := *e
	c.Err = err
	return &c
}

// Unavailable returns velocity.ErrUnavailable with err, the driver's error, as its
// cause: the database cannot be reached or cannot serve the request right now.
func Unavailable(err error) error {
	return WithCause(velocity.ErrUnavailable, err)
}
