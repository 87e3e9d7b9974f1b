package httpapi

import (
	"encoding/csv"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// report serves one of the console's reports, grouped by by: JSON, or CSV with
// ?format=csv or Accept: text/csv.
func (s *Server) report(by velocity.ReportGroup) apiFunc {
	return func(w http.ResponseWriter, r *http.Request, p velocity.Principal) error {
		v := r.URL.Query()
		q, err := velocity.ParseReport(v, p.Tenant.DefaultTimezone, s.clock.Now(), "format")
		if err != nil {
			return err
		}
		asCSV := false
		switch v.Get("format") {
		case "csv":
			asCSV = true
		case "json":
		case "":
			asCSV = strings.Contains(r.Header.Get("Accept"), "text/csv")
		default:
			return badParam("format", "must be json or csv")
		}
		q.By = by
		res, err := s.cfg.Service.Report(r.Context(), p, q)
		if err != nil {
			return err
		}
		if !asCSV {
			s.writeJSON(w, r, http.StatusOK, res)
			return nil
		}
		return writeReportCSV(w, by, res)
	}
}

// cell is one figure of a report as CSV flattens it: its name (the JSON path, dotted),
// its value, and the search that lists its callbacks ("" for values that are not counts).
type cell struct{ name, value, search string }

// flatten appends the figures of v (a Figures, walked by its JSON names) to out.
func flatten(prefix string, v reflect.Value, out []cell) []cell {
	switch x := v.Interface().(type) {
	case velocity.Figure:
		return append(out, cell{prefix, strconv.Itoa(x.Count), x.Search})
	case *float64:
		s := ""
		if x != nil {
			s = strconv.FormatFloat(*x, 'f', -1, 64)
		}
		return append(out, cell{prefix, s, ""})
	case *time.Time:
		s := ""
		if x != nil {
			s = x.UTC().Format(time.RFC3339Nano)
		}
		return append(out, cell{prefix, s, ""})
	case int:
		return append(out, cell{prefix, strconv.Itoa(x), ""})
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return out
		}
		return flatten(prefix, v.Elem(), out)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			if prefix != "" {
				name = prefix + "." + name
			}
			out = flatten(name, v.Field(i), out)
		}
	}
	return out
}

// writeReportCSV writes a report as CSV: the summary as one line per figure (figure,
// value, search); a report by team, agent or day as one line per row, its key column
// first, then one column per figure (named as in the summary).
func writeReportCSV(w http.ResponseWriter, by velocity.ReportGroup, res velocity.ReportResult) error {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	name := map[velocity.ReportGroup]string{velocity.GroupNone: "summary", velocity.GroupTeam: "teams", velocity.GroupAgent: "agents", velocity.GroupDay: "daily"}[by]
	h.Set("Content-Disposition", `attachment; filename="report-`+name+`-`+res.From+`-`+res.To+`.csv"`)
	w.WriteHeader(http.StatusOK)
	cw := csv.NewWriter(w)
	if by == velocity.GroupNone {
		_ = cw.Write([]string{"figure", "value", "search"})
		for _, c := range flatten("", reflect.ValueOf(*res.Figures), nil) {
			_ = cw.Write([]string{c.name, c.value, c.search})
		}
		cw.Flush()
		return cw.Error()
	}
	key := map[velocity.ReportGroup]string{velocity.GroupTeam: "teamId", velocity.GroupAgent: "agentId", velocity.GroupDay: "date"}[by]
	var header []string
	for i, row := range res.Rows {
		cells := flatten("", reflect.ValueOf(row.Figures), nil)
		if i == 0 {
			header = []string{key}
			for _, c := range cells {
				header = append(header, c.name)
			}
			_ = cw.Write(header)
		}
		line := []string{csvText(row.TeamID + row.AgentID + row.Date)}
		for _, c := range cells {
			line = append(line, c.value)
		}
		_ = cw.Write(line)
	}
	if len(res.Rows) == 0 {
		_ = cw.Write([]string{key})
	}
	cw.Flush()
	return cw.Error()
}
