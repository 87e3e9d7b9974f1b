package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/customerdynamics/velocity"
)

// ProblemType is the base of every problem's "type" URI; the code follows it.
const ProblemType = "https://velocity.customerdynamics.com/problems/"

// statusOf maps a domain error kind to its HTTP status. This is the one place where
// errors become status codes.
func statusOf(k velocity.Kind) int {
	switch k {
	case velocity.KindInvalid:
		return http.StatusBadRequest
	case velocity.KindUnauthorized:
		return http.StatusUnauthorized
	case velocity.KindNotFound:
		return http.StatusNotFound
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

// writeError writes err as an RFC 9457 problem. Errors that are not *velocity.Error are
// internal: logged in full, shown to the client only as a generic problem. A cancelled
// or timed-out request context reports 503.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := velocity.AsError(err)
	if !ok {
		switch {
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
			e = &velocity.Error{Kind: velocity.KindUnavailable, Code: "timeout", Message: "The request took too long; retry shortly.", Err: err}
		default:
			e = &velocity.Error{Kind: velocity.KindInternal, Code: "internal", Message: "Something went wrong on our side; it has been logged. Retry, and contact support if it persists.", Err: err}
		}
	}
	status := statusOf(e.Kind)
	if status >= 500 {
		s.logger.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.String("code", e.Code), slog.Any("error", err))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="velocity"`)
	}
	switch status {
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "2")
	case http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "60")
	}
	writeProblem(w, status, e)
}

func writeProblem(w http.ResponseWriter, status int, e *velocity.Error) {
	body := map[string]any{}
	for k, v := range e.Extra {
		switch k {
		case "type", "title", "status", "detail", "code", "fields", "instance":
			body["extra_"+k] = v // never shadow a problem member
		default:
			body[k] = v
		}
	}
	body["type"] = ProblemType + e.Code
	body["title"] = http.StatusText(status)
	body["status"] = status
	body["detail"] = e.Message
	body["code"] = e.Code
	if len(e.Fields) > 0 {
		body["fields"] = e.Fields
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeJSON encodes v before committing to status, so that a value that cannot be
// encoded becomes a 500 problem rather than an empty success.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeProblem(w, http.StatusInternalServerError, &velocity.Error{Code: "internal", Message: "The response could not be encoded; it has been logged."})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
