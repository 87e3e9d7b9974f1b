package httpapi

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// consoleView is a callback as the console's search shows it: as everywhere, plus the
// facts the reports count (velocity.Facts).
type consoleView struct {
	callbackView
	Facts factsView `json:"facts"`
}

type factsView struct {
	velocity.Facts
	FirstDelaySeconds *float64 `json:"firstDelaySeconds"`
}

type searchResponse struct {
	Items      []consoleView `json:"items"`
	NextCursor *string       `json:"nextCursor"`
}

// searchCallbacks serves the console's list: every callback of the tenant, filtered,
// sorted and paged (velocity.ParseSearch).
func (s *Server) searchCallbacks(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	q, err := velocity.ParseSearch(r.URL.Query(), p.Tenant.DefaultTimezone)
	if err != nil {
		return err
	}
	items, next, err := s.cfg.Service.Search(r.Context(), p, q)
	if err != nil {
		return err
	}
	v := s.viewer(r.Context(), p.Tenant.ID)
	resp := searchResponse{Items: make([]consoleView, len(items))}
	for i, cb := range items {
		resp.Items[i] = consoleView{callbackView: v.callback(cb), Facts: factsView{Facts: cb.Facts, FirstDelaySeconds: cb.Facts.FirstDelaySeconds()}}
	}
	if next != "" {
		resp.NextCursor = &next
	}
	s.writeJSON(w, r, http.StatusOK, resp)
	return nil
}

// ExportColumns are the columns of GET /api/v1/callbacks/export.csv, in order: a stable
// set (new columns are only ever added at the end).
var ExportColumns = []string{"id", "status", "teamId", "agentId", "customerName", "phoneNumber", "timezone",
	"windowStart", "windowEnd", "attempts", "maxAttempts", "lastOutcome", "claimedBy", "createdBy", "createdAt", "updatedAt",
	"firstAttemptAt", "firstAttemptBy", "firstOutcome", "firstDelaySeconds", "firstInWindow", "fellBackAt", "fellBackFrom",
	"closedAt", "closedBy", "closeReason", "notes", "reason", "sourceInteractionId", "version"}

// exportRow returns cb's cells in ExportColumns order. Text a person or a client wrote is
// kept from being read as a formula by spreadsheets (csvText).
func exportRow(cb velocity.Callback) []string {
	f := cb.Facts
	tm := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return csvText(*s)
	}
	out := func(o *velocity.Outcome) string {
		if o == nil {
			return ""
		}
		return string(*o)
	}
	claimed := ""
	if cb.Status == velocity.StatusClaimed {
		claimed = str(cb.ClaimedBy)
	}
	delay, in := "", ""
	if d := f.FirstDelaySeconds(); d != nil {
		delay = strconv.FormatFloat(*d, 'f', -1, 64)
	}
	if f.FirstInWindow != nil {
		in = strconv.FormatBool(*f.FirstInWindow)
	}
	return []string{csvText(cb.ID), string(cb.Status), csvText(cb.TeamID), str(cb.AgentID), csvText(cb.CustomerName), cb.PhoneNumber, cb.Timezone,
		tm(&cb.WindowStart), tm(&cb.WindowEnd), strconv.Itoa(cb.Attempts), strconv.Itoa(cb.MaxAttempts), out(cb.LastOutcome), claimed,
		csvText(cb.CreatedBy), tm(&cb.CreatedAt), tm(&cb.UpdatedAt),
		tm(f.FirstAttemptAt), csvText(f.FirstAttemptBy), out(f.FirstOutcome), delay, in, tm(f.FellBackAt), csvText(f.FellBackFrom),
		tm(f.ClosedAt), csvText(f.ClosedBy), string(f.CloseReason), csvText(cb.Notes), csvText(cb.Reason), csvText(cb.SourceInteractionID),
		strconv.FormatInt(cb.Version, 10)}
}

// csvText keeps a cell from being read as a formula by a spreadsheet (OWASP's CSV
// injection advice): text starting with = + - @ or a tab or carriage return gets a
// leading apostrophe.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// exportCallbacks streams every callback matching the search's filters as CSV: a header
// row (ExportColumns), then the rows in the search's order, at most
// velocity.MaxExportRows. The trailer X-Export-Truncated says whether more matched. An
// error after the first row breaks the response off, so that a partial file is never
// taken for a whole one.
func (s *Server) exportCallbacks(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	v := r.URL.Query()
	if v.Has("limit") || v.Has("cursor") {
		return badParam("limit", "and cursor are not parameters of an export, which lists every match")
	}
	q, err := velocity.ParseSearch(v, p.Tenant.DefaultTimezone)
	if err != nil {
		return err
	}
	if err := p.Require(velocity.PermReadAll); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="callbacks-`+s.clock.Now().UTC().Format("20060102-150405")+`.csv"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Trailer", "X-Export-Truncated")
	cw := csv.NewWriter(w)
	rc := http.NewResponseController(w)
	started := false
	_, more, err := s.cfg.Service.Export(r.Context(), p, q, 0, func(cb velocity.Callback) error {
		if !started {
			started = true
			w.WriteHeader(http.StatusOK)
			if err := cw.Write(ExportColumns); err != nil {
				return err
			}
		}
		if err := cw.Write(exportRow(cb)); err != nil {
			return err
		}
		if cw.Flush(); cw.Error() != nil {
			return cw.Error()
		}
		return nil
	})
	if err != nil && !started {
		h.Del("Trailer")
		h.Del("Content-Disposition")
		return err
	}
	if err != nil {
		s.logger.Error("export broken off", "error", err)
		panic(http.ErrAbortHandler)
	}
	if !started {
		w.WriteHeader(http.StatusOK)
		_ = cw.Write(ExportColumns)
	}
	cw.Flush()
	_ = rc.Flush()
	h.Set("X-Export-Truncated", fmt.Sprint(more))
	return nil
}

// MaxBulkBodyBytes is the largest body of a bulk change: room for MaxBulkItems ids.
const MaxBulkBodyBytes = 1 << 20

// bulkBody is the body of POST /api/v1/callbacks/bulk (velocity.BulkInput). Its filter
// is an object whose members are the search's query parameters: strings, numbers and
// booleans as their text, arrays for a repeated team or agent.
type bulkBody struct {
	IDs         []string        `json:"ids"`
	Filter      json.RawMessage `json:"filter"`
	Action      string          `json:"action"`
	AgentID     *string         `json:"agentId"`
	ToTeam      bool            `json:"toTeam"`
	TeamID      *string         `json:"teamId"`
	WindowStart *time.Time      `json:"windowStart"`
	WindowEnd   *time.Time      `json:"windowEnd"`
	Hours       *float64        `json:"hours"`
	Reason      string          `json:"reason"`
}

// bulkCallbacks changes many callbacks at once and reports each one's result.
func (s *Server) bulkCallbacks(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
	raw, err := readBodyUpTo(r, MaxBulkBodyBytes)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return velocity.NewError(velocity.CodeEmptyBody, "The request needs a JSON object body.")
	}
	var b bulkBody
	if err := decodeBytes(raw, &b); err != nil {
		return err
	}
	in := velocity.BulkInput{IDs: b.IDs, Action: velocity.BulkAction(b.Action), AgentID: b.AgentID, ToTeam: b.ToTeam, TeamID: b.TeamID,
		WindowStart: b.WindowStart, WindowEnd: b.WindowEnd, Hours: b.Hours, Reason: b.Reason}
	if len(b.Filter) > 0 && string(b.Filter) != "null" {
		q, err := bulkFilter(b.Filter, p.Tenant.DefaultTimezone)
		if err != nil {
			return err
		}
		in.Filter = &q
	}
	res, err := s.cfg.Service.Bulk(r.Context(), p, in)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}

// bulkFilter reads a bulk request's filter object as the search's query parameters.
func bulkFilter(raw json.RawMessage, tz string) (velocity.SearchQuery, error) {
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return velocity.SearchQuery{}, velocity.NewError(velocity.CodeInvalidFieldType, "filter must be a JSON object of search parameters.",
			velocity.FieldError{Field: "filter", Code: velocity.FieldInvalidType, Message: "must be a JSON object"})
	}
	v := url.Values{}
	for name, val := range obj {
		field := "filter." + name
		if name == "limit" || name == "cursor" {
			return velocity.SearchQuery{}, velocity.NewError(velocity.CodeUnknownField, field+" is not used by a bulk change, which takes every match.",
				velocity.FieldError{Field: field, Code: velocity.FieldUnknownField, Message: "is not used by a bulk change"})
		}
		var vals []any
		if list, ok := val.([]any); ok {
			vals = list
		} else {
			vals = []any{val}
		}
		for _, x := range vals {
			switch x := x.(type) {
			case string:
				v.Add(name, x)
			case bool:
				v.Add(name, strconv.FormatBool(x))
			case float64:
				v.Add(name, strconv.FormatFloat(x, 'f', -1, 64))
			default:
				return velocity.SearchQuery{}, velocity.NewError(velocity.CodeInvalidFieldType, field+" must be a string, number, boolean or an array of strings.",
					velocity.FieldError{Field: field, Code: velocity.FieldInvalidType, Message: "must be a string, number, boolean or an array of strings"})
			}
		}
	}
	q, err := velocity.ParseSearch(v, tz)
	if e, ok := velocity.AsError(err); ok {
		// The search's problem names a query parameter; here it is a member of filter.
		fields := make([]velocity.FieldError, len(e.Fields))
		for i, f := range e.Fields {
			fields[i] = velocity.FieldError{Field: "filter." + f.Field, Code: f.Code, Message: f.Message}
		}
		msg := "The filter is not a search: " + strings.TrimPrefix(e.Message, "Query parameter ")
		return q, velocity.NewError(velocity.CodeInvalidFieldValue, msg, fields...)
	}
	return q, err
}
