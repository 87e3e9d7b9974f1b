package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/customerdynamics/velocity"
)

// ProblemType is the base of every problem's "type" URI; the code follows it.
const ProblemType = "https://velocity.customerdynamics.com/problems/"

// statusOf maps a domain error kind to its HTTP status. This is the one place where
// errors become status codes; a code's kind comes from the catalogue
// (velocity.ProblemCodes).
func statusOf(k velocity.Kind) int {
	switch k {
	case velocity.KindInvalid:
		return http.StatusBadRequest
	case velocity.KindUnauthorized:
		return http.StatusUnauthorized
	case velocity.KindForbidden:
		return http.StatusForbidden
	case velocity.KindNotFound:
		return http.StatusNotFound
	case velocity.KindMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case velocity.KindConflict:
		return http.StatusConflict
	case velocity.KindPrecondition:
		return http.StatusPreconditionFailed
	case velocity.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case velocity.KindUnprocessable:
		return http.StatusUnprocessableEntity
	case velocity.KindUnavailable:
		return http.StatusServiceUnavailable
	case velocity.KindTooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// writeError writes err as an RFC 9457 problem; it is the one writer of every error
// response the server sends, and the status is always statusOf the kind the catalogue
// gives the error's code. Errors that are not *velocity.Error are internal: logged in
// full, shown to the client only as a generic problem. A cancelled or timed-out request
// context reports 503. Every 5xx is logged with its cause.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := velocity.AsError(err)
	if !ok {
		switch {
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
			e = velocity.NewError(velocity.CodeTimeout, "The request took too long; retry shortly.").Wrap(err)
		default:
			e = velocity.NewError(velocity.CodeInternal, "Something went wrong on our side; it has been logged. Retry, and contact support if it persists.").Wrap(err)
		}
	}
	status := statusOf(e.Code.Kind())
	if status >= 500 {
		s.logger.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.String("code", string(e.Code)), slog.Any("error", err))
	}
	h := w.Header()
	switch status {
	case http.StatusUnauthorized:
		h.Set("WWW-Authenticate", challenge(r))
	case http.StatusServiceUnavailable:
		h.Set("Retry-After", "2")
	case http.StatusTooManyRequests:
		h.Set("Retry-After", "60")
	}
	// An error that knows how long to wait says so (rate limits, Webex's own Retry-After).
	if secs, ok := e.Extra["retryAfterSeconds"].(int); ok && secs > 0 && (status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests) {
		h.Set("Retry-After", strconv.Itoa(secs))
	}
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(problemBody(status, e))
}

// problemBody is the JSON object of e's problem: the RFC 9457 members, code and fields,
// and e's extra members (renamed when they would shadow one of those).
func problemBody(status int, e *velocity.Error) map[string]any {
	body := map[string]any{}
	for k, v := range e.Extra {
		switch k {
		case "type", "title", "status", "detail", "code", "fields", "instance":
			body["extra_"+k] = v // never shadow a problem member
		default:
			body[k] = v
		}
	}
	body["type"] = ProblemType + string(e.Code)
	body["title"] = http.StatusText(status)
	body["status"] = status
	body["detail"] = e.Message
	body["code"] = e.Code
	if len(e.Fields) > 0 {
		body["fields"] = e.Fields
	}
	return body
}

// writeJSON encodes v before committing to status, so that a value that cannot be
// encoded becomes a logged 500 problem rather than an empty success.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.writeError(w, r, velocity.NewError(velocity.CodeInternal, "The response could not be encoded; it has been logged.").Wrap(fmt.Errorf("encode response: %w", err)))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// challenge names how a request should authenticate: with the API's Basic credentials,
// except for the console's sign-in and the pages of this server (Sec-Fetch-Site:
// same-origin, which browsers send and pages cannot forge), where a Basic challenge
// would make the browser ask for a password in a dialog of its own instead of letting
// the console show its sign-in.
func challenge(r *http.Request) string {
	if r.URL.Path == "/api/v1/session" || r.Header.Get("Sec-Fetch-Site") == "same-origin" {
		return `Session realm="velocity console"`
	}
	return `Basic realm="velocity"`
}
