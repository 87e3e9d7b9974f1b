package velocity

import "slices"

// Code is a problem's stable, machine-readable code: the `code` member of every error
// response. Clients may branch on it: a published code keeps its meaning and its HTTP
// status. Every code is listed, with its Kind and meaning, in ProblemCodes; the Kind
// decides the status.
type Code string

// The problem codes, by kind. Build errors of them with NewError.
const (
	CodeInvalidJSON           Code = "invalid_json"
	CodeEmptyBody             Code = "empty_body"
	CodeUnreadableBody        Code = "unreadable_body"
	CodeUnknownField          Code = "unknown_field"
	CodeInvalidFieldType      Code = "invalid_field_type"
	CodeInvalidFieldValue     Code = "invalid_field_value"
	CodeInvalidParameter      Code = "invalid_parameter"
	CodeInvalidHeader         Code = "invalid_header"
	CodeInvalidIdempotencyKey Code = "invalid_idempotency_key"
	CodeInvalidIfMatch        Code = "invalid_if_match"
	CodeInvalidCursor         Code = "invalid_cursor"
	CodeInvalidText           Code = "invalid_text"

	CodeUnauthorized       Code = "unauthorized"
	CodeInvalidStreamToken Code = "invalid_stream_token"
	CodeTooManyAttempts    Code = "too_many_attempts"
	CodeRateLimited        Code = "rate_limited"
	CodeTooManyStreams     Code = "too_many_streams"
	CodeInvalidWebexToken  Code = "invalid_webex_token"

	CodeForbidden     Code = "forbidden"
	CodeWrongWebexOrg Code = "wrong_webex_org"

	CodeNotFound         Code = "not_found"
	CodeRouteNotFound    Code = "route_not_found"
	CodeMethodNotAllowed Code = "method_not_allowed"

	CodeInvalidTransition     Code = "invalid_transition"
	CodeDuplicateOpenCallback Code = "duplicate_open_callback"
	CodeAlreadyClaimed        Code = "already_claimed"
	CodePersonalCallback      Code = "personal_callback"
	CodeNotClaimHolder        Code = "not_claim_holder"
	CodeConcurrentUpdate      Code = "concurrent_update"
	CodeOutsideCallingHours   Code = "outside_calling_hours"
	CodeDoNotCall             Code = "do_not_call"
	CodeTenantExists          Code = "tenant_exists"
	CodeAccountExists         Code = "account_exists"

	CodeVersionMismatch      Code = "version_mismatch"
	CodeBodyTooLarge         Code = "body_too_large"
	CodeValidationFailed     Code = "validation_failed"
	CodeIdempotencyKeyReused Code = "idempotency_key_reused"

	CodeInternal            Code = "internal"
	CodeTimeout             Code = "timeout"
	CodeDatabaseUnavailable Code = "database_unavailable"
	CodeIdentityUnavailable Code = "identity_unavailable"
	CodeOverloaded          Code = "overloaded"
)

// CodeInfo describes one problem code: its Kind (which decides the HTTP status) and a
// one-line meaning for people.
type CodeInfo struct {
	Code    Code
	Kind    Kind
	Meaning string
}

// problemCodes is the catalogue of problem codes; README.md and the OpenAPI document
// list the same codes, and a test holds them to it.
var problemCodes = []CodeInfo{
	{CodeInvalidJSON, KindInvalid, "The body is not one well-formed JSON object."},
	{CodeEmptyBody, KindInvalid, "The request needs a JSON object body and has none."},
	{CodeUnreadableBody, KindInvalid, "The request body could not be read to its end."},
	{CodeUnknownField, KindInvalid, "The body has a field the endpoint does not know."},
	{CodeInvalidFieldType, KindInvalid, "A field has the wrong JSON type, such as a number for a string."},
	{CodeInvalidFieldValue, KindInvalid, "A field's value cannot be read, such as a timestamp that is not RFC 3339."},
	{CodeInvalidParameter, KindInvalid, "A query parameter is unknown, repeated, malformed or not valid text."},
	{CodeInvalidHeader, KindInvalid, "A request header (X-Agent-Id, Last-Event-ID) is too long or not valid text."},
	{CodeInvalidIdempotencyKey, KindInvalid, "Idempotency-Key is over 255 characters or not valid text."},
	{CodeInvalidIfMatch, KindInvalid, "If-Match is not a callback version such as \"3\"."},
	{CodeInvalidCursor, KindInvalid, "The cursor is not one this server issued."},
	{CodeInvalidText, KindInvalid, "A value is not text the database can store (a backstop: the API refuses such text first)."},

	{CodeUnauthorized, KindUnauthorized, "The API key or account credentials are missing, wrong, revoked or disabled."},
	{CodeInvalidStreamToken, KindUnauthorized, "The event-stream token is malformed, forged or expired."},
	{CodeTooManyAttempts, KindTooMany, "Too many failed sign-ins with this API key and account; wait a minute."},
	{CodeRateLimited, KindTooMany, "Too many requests from these credentials or this tenant; wait Retry-After seconds."},
	{CodeTooManyStreams, KindTooMany, "The tenant has as many open event streams as this server allows; close some or raise the limit."},
	{CodeInvalidWebexToken, KindUnauthorized, "The agent's Webex access token (X-Webex-Token) is missing, malformed, expired or revoked, or cannot read the agent's identity."},

	{CodeForbidden, KindForbidden, "The account's role or the proven agent may not do this; the message names what is needed."},
	{CodeWrongWebexOrg, KindForbidden, "The Webex access token belongs to a person of another Webex organization than the tenant's."},

	{CodeNotFound, KindNotFound, "No such resource in the caller's tenant."},
	{CodeRouteNotFound, KindNotFound, "No such API endpoint."},
	{CodeMethodNotAllowed, KindMethodNotAllowed, "The endpoint does not take this method; see the Allow header."},

	{CodeInvalidTransition, KindConflict, "The callback's status does not allow this change."},
	{CodeDuplicateOpenCallback, KindConflict, "The number already has an open callback."},
	{CodeAlreadyClaimed, KindConflict, "Another agent holds the claim on the callback."},
	{CodePersonalCallback, KindConflict, "The callback is another agent's personal callback."},
	{CodeNotClaimHolder, KindConflict, "Only the agent holding the claim may do this."},
	{CodeConcurrentUpdate, KindConflict, "The callback was changed concurrently; retry."},
	{CodeOutsideCallingHours, KindConflict, "It is outside the customer's calling hours; dial when they open."},
	{CodeDoNotCall, KindConflict, "The number is on the do-not-call list."},
	{CodeTenantExists, KindConflict, "A tenant with this name or id exists already (command line)."},
	{CodeAccountExists, KindConflict, "An account with this username exists already in the tenant (command line)."},

	{CodeVersionMismatch, KindPrecondition, "If-Match names a version that is no longer current."},
	{CodeBodyTooLarge, KindTooLarge, "The body is over the limit: 64 KiB, 1 MiB for a bulk change, or 8 MiB for a do-not-call import."},
	{CodeValidationFailed, KindUnprocessable, "Values parse but are not acceptable; `fields` names each one."},
	{CodeIdempotencyKeyReused, KindUnprocessable, "The Idempotency-Key was used before with a different body."},

	{CodeInternal, KindInternal, "A fault on the server's side; it is logged. Retry, and contact support if it persists."},
	{CodeTimeout, KindUnavailable, "The request took too long to serve; retry shortly."},
	{CodeDatabaseUnavailable, KindUnavailable, "The database cannot be reached right now; retry shortly."},
	{CodeIdentityUnavailable, KindUnavailable, "Webex cannot confirm the agent's identity right now; retry shortly (after retryAfterSeconds when given)."},
	{CodeOverloaded, KindUnavailable, "The server is serving as many requests as it allows at once; retry after Retry-After seconds."},
}

var problemCodeIndex = func() map[Code]CodeInfo {
	m := make(map[Code]CodeInfo, len(problemCodes))
	for _, c := range problemCodes {
		m[c.Code] = c
	}
	return m
}()

// ProblemCodes returns the catalogue of problem codes, a copy in a fixed order.
func ProblemCodes() []CodeInfo { return slices.Clone(problemCodes) }

// LookupCode returns the catalogue's entry for c; ok is false for a code it does not
// list.
func LookupCode(c Code) (info CodeInfo, ok bool) {
	info, ok = problemCodeIndex[c]
	return info, ok
}

// Kind returns the code's kind from the catalogue; a code it does not list is
// KindInternal.
func (c Code) Kind() Kind {
	if info, ok := problemCodeIndex[c]; ok {
		return info.Kind
	}
	return KindInternal
}

// FieldCode says why one input field is at fault: the `code` of an entry of a problem's
// `fields`. Field codes have no HTTP status of their own; they ride inside a 400 or 422
// problem. Every field code is listed in FieldCodes.
type FieldCode string

// The field codes.
const (
	FieldRequired       FieldCode = "required"
	FieldTooLong        FieldCode = "too_long"
	FieldInvalidText    FieldCode = "invalid_text"
	FieldNullNotAllowed FieldCode = "null_not_allowed"
	FieldInvalid        FieldCode = "invalid"
	FieldUnknownField   FieldCode = "unknown_field"
	FieldInvalidType    FieldCode = "invalid_type"
	FieldInvalidValue   FieldCode = "invalid_value"

	FieldInvalidPhoneNumber FieldCode = "invalid_phone_number"
	FieldInvalidCountry     FieldCode = "invalid_country"
	FieldInvalidTimezone    FieldCode = "invalid_timezone"
	FieldDoNotCall          FieldCode = "do_not_call"

	FieldWindowOrder         FieldCode = "window_order"
	FieldWindowEnded         FieldCode = "window_ended"
	FieldWindowTooLong       FieldCode = "window_too_long"
	FieldTooFarAhead         FieldCode = "too_far_ahead"
	FieldTooFarPast          FieldCode = "too_far_past"
	FieldOutsideCallingHours FieldCode = "outside_calling_hours"
	FieldInPast              FieldCode = "in_past"

	FieldOutOfRange     FieldCode = "out_of_range"
	FieldBelowAttempts  FieldCode = "below_attempts"
	FieldInvalidOutcome FieldCode = "invalid_outcome"

	FieldTooMany      FieldCode = "too_many"
	FieldTooManyLines FieldCode = "too_many_lines"
	FieldLineTooLong  FieldCode = "line_too_long"

	FieldInvalidDay    FieldCode = "invalid_day"
	FieldInvalidTime   FieldCode = "invalid_time"
	FieldInvalidRange  FieldCode = "invalid_range"
	FieldInvalidDate   FieldCode = "invalid_date"
	FieldNoCallingTime FieldCode = "no_calling_time"
	FieldInvalidRole   FieldCode = "invalid_role"
)

// FieldCodeInfo describes one field code with a one-line meaning for people.
type FieldCodeInfo struct {
	Code    FieldCode
	Meaning string
}

// fieldCodes is the catalogue of field codes; README.md and the OpenAPI document list
// the same codes, and a test holds them to it.
var fieldCodes = []FieldCodeInfo{
	{FieldRequired, "The value is missing or blank."},
	{FieldTooLong, "The text is over its length limit."},
	{FieldInvalidText, "The text is not valid UTF-8 or holds control characters."},
	{FieldNullNotAllowed, "The field is null; leave it out to keep its value."},
	{FieldInvalid, "The query parameter or cursor is not acceptable; the message says why."},
	{FieldUnknownField, "The field is not part of this request."},
	{FieldInvalidType, "The value has the wrong JSON type."},
	{FieldInvalidValue, "The value cannot be read, such as a timestamp that is not RFC 3339."},

	{FieldInvalidPhoneNumber, "The number does not parse or is not a dialable number."},
	{FieldInvalidCountry, "Not an ISO 3166 two-letter country code."},
	{FieldInvalidTimezone, "Not an IANA time zone such as America/New_York."},
	{FieldDoNotCall, "The number is on the do-not-call list."},

	{FieldWindowOrder, "The window ends before it starts."},
	{FieldWindowEnded, "The window has already ended."},
	{FieldWindowTooLong, "The window lasts over 7 days."},
	{FieldTooFarAhead, "The time is further ahead than the policy allows."},
	{FieldTooFarPast, "The window starts over a day in the past."},
	{FieldOutsideCallingHours, "The window lies wholly outside the customer's calling hours."},
	{FieldInPast, "The time is not in the future."},

	{FieldOutOfRange, "The number is outside its allowed range."},
	{FieldBelowAttempts, "maxAttempts is not above the attempts already made."},
	{FieldInvalidOutcome, "Not an outcome this field takes."},

	{FieldTooMany, "Too many items for one request."},
	{FieldTooManyLines, "The import has over 100,000 lines."},
	{FieldLineTooLong, "An import line is over 64 KiB."},

	{FieldInvalidDay, "Not a weekday key (sun, mon, tue, wed, thu, fri, sat)."},
	{FieldInvalidTime, "Not a time of day such as 08:00."},
	{FieldInvalidRange, "The hours end before they start."},
	{FieldInvalidDate, "Not a date such as 2026-12-25."},
	{FieldNoCallingTime, "The calling hours leave no day open."},
	{FieldInvalidRole, "Not a role (agent, supervisor, admin, integration)."},
}

var fieldCodeIndex = func() map[FieldCode]FieldCodeInfo {
	m := make(map[FieldCode]FieldCodeInfo, len(fieldCodes))
	for _, c := range fieldCodes {
		m[c.Code] = c
	}
	return m
}()

// FieldCodes returns the catalogue of field codes, a copy in a fixed order.
func FieldCodes() []FieldCodeInfo { return slices.Clone(fieldCodes) }

// LookupFieldCode returns the catalogue's entry for c; ok is false for a code it does
// not list.
func LookupFieldCode(c FieldCode) (info FieldCodeInfo, ok bool) {
	info, ok = fieldCodeIndex[c]
	return info, ok
}
