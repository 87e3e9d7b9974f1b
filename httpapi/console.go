package httpapi

import (
	"encoding/csv"
	"fmt"
	"net/http"
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
