package velocity

import (
	"errors"
	"fmt"
)

// Kind classifies an Error by what the caller can do about it. Every Code has one Kind
// (see ProblemCodes); the HTTP adapter maps each kind to one status code, in one place.
type Kind int

const (
	KindInternal         Kind = iota // a fault of ours; the caller can only retry later
	KindInvalid                      // the request is malformed (bad JSON, unknown field, bad parameter)
	KindUnauthorized                 // credentials are missing, wrong, revoked or disabled
	KindNotFound                     // no such resource in the caller's tenant
	KindConflict                     // the resource's state forbids the change
	KindPrecondition                 // the caller's version is stale (If-Match)
	KindTooLarge                     // the request body is over the limit
	KindUnprocessable                // well-formed values that are not acceptable
	KindUnavailable                  // a dependency (the database) is unreachable; retry later
	KindTooMany                      // the caller must slow down
	KindMethodNotAllowed             // the resource exists but does not take this method
	KindForbidden                    // the caller is known but may not do this (role, proven identity, organization)
)

// FieldError names one input field at fault and why.
type FieldError struct {
	Field   string    `json:"field"`
	Code    FieldCode `json:"code"`
	Message string    `json:"message"`
}

// Error is the domain's error: a stable machine-readable Code from the catalogue, its
// Kind, a Message a person can act on, and optionally the fields at fault and extra
// members for the problem body. The code decides the HTTP status (through its catalogued
// kind); Kind repeats that kind for callers that branch on it, and NewError sets it so.
// Two Errors match with errors.Is when their codes are equal.
type Error struct {
	Kind    Kind
	Code    Code
	Message string
	Fields  []FieldError
	Extra   map[string]any
	Err     error // the underlying cause, never shown to clients
}

// NewError returns an error of code, with the code's Kind, the message and the fields
// at fault.
func NewError(code Code, msg string, fields ...FieldError) *Error {
	return &Error{Kind: code.Kind(), Code: code, Message: msg, Fields: fields}
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return string(e.Code) + ": " + e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// With returns a copy of e with the message replaced and extra members added.
func (e *Error) With(msg string, extra map[string]any) *Error {
	c := *e
	if msg != "" {
		c.Message = msg
	}
	if extra != nil {
		c.Extra = extra
	}
	return &c
}

// Wrap returns a copy of e whose underlying cause is err.
func (e *Error) Wrap(err error) *Error {
	c := *e
	c.Err = err
	return &c
}

// Sentinel errors. Compare with errors.Is; add detail with With, a cause with Wrap.
var (
	ErrNotFound            = NewError(CodeNotFound, "No such callback in this tenant.")
	ErrInvalidTransition   = NewError(CodeInvalidTransition, "The callback's status does not allow this change.")
	ErrDuplicateOpen       = NewError(CodeDuplicateOpenCallback, "This number already has an open callback; edit or cancel that one instead.")
	ErrAlreadyClaimed      = NewError(CodeAlreadyClaimed, "Another agent holds the claim on this callback.")
	ErrNotOwner            = NewError(CodePersonalCallback, "This is another agent's personal callback; only its owner may claim it.")
	ErrNotClaimHolder      = NewError(CodeNotClaimHolder, "Only the agent holding the claim may do this; claim the callback first.")
	ErrVersionMismatch     = NewError(CodeVersionMismatch, "The callback changed since you read it; reload it and try again.")
	ErrIdempotencyMismatch = NewError(CodeIdempotencyKeyReused, "This Idempotency-Key was used before with a different request body; use a new key.")
	ErrUnauthorized        = NewError(CodeUnauthorized, "Send a valid X-Api-Key header and Authorization: Basic credentials of an active account of the same tenant.")
	ErrUnavailable         = NewError(CodeDatabaseUnavailable, "The database cannot be reached right now; retry shortly.")
	// ErrStaleWrite is returned by a Store when an update's expected version no longer
	// matches; the service turns it into a conflict the caller can retry.
	ErrStaleWrite = NewError(CodeConcurrentUpdate, "The callback was changed concurrently; retry.")
	// Errors of the scheduling rules.
	ErrOutsideHours = NewError(CodeOutsideCallingHours, "It is outside the customer's calling hours; dial when they open.")
	ErrDoNotCall    = NewError(CodeDoNotCall, "This number is on the do-not-call list.")
)

// ValidationError returns an unprocessable-entity error listing the fields at fault.
func ValidationError(fields ...FieldError) *Error {
	msg := "Some values are not acceptable: "
	for i, f := range fields {
		if i > 0 {
			msg += "; "
		}
		msg += f.Field + ": " + f.Message
	}
	return NewError(CodeValidationFailed, msg, fields...)
}

// AsError returns err as a *Error when it is one (or wraps one).
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
