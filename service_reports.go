package velocity

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// ReportResult is a report: its period (From and To are dates, both included, in
// Timezone), its teams (all when empty), the instant At of its open-callback figures
// and searches, and its figures: the whole report's (Figures), or one Row per team,
// agent or day.
type ReportResult struct {
	From     string      `json:"from"`
	To       string      `json:"to"`
	Timezone string      `json:"timezone"`
	Teams    []string    `json:"teams"`
	At       time.Time   `json:"at"`
	Figures  *Figures    `json:"figures,omitempty"`
	Rows     []ReportRow `json:"rows,omitempty"`
}

// ReportRow is one team's, agent's or day's figures.
type ReportRow struct {
	TeamID  string `json:"teamId,omitempty"`
	AgentID string `json:"agentId,omitempty"`
	// Date is the day (in the report's zone), From and To the instants it spans.
	Date    string     `json:"date,omitempty"`
	From    *time.Time `json:"from,omitempty"`
	To      *time.Time `json:"to,omitempty"`
	Figures Figures    `json:"figures"`
}

// Report counts a report of the tenant's callbacks (see ReportQuery; q.Now is set to the
// service's now) and returns its figures: the whole report's when q.By is GroupNone;
// else a row per team (each team of q.Teams, and any other with callbacks), per agent
// (any that appears in a cohort, by id) or per day of the period (every day, in order).
// It needs PermReports.
func (s *Service) Report(ctx context.Context, p Principal, q ReportQuery) (ReportResult, error) {
	if err := p.Require(PermReports); err != nil {
		return ReportResult{}, err
	}
	q.Now = s.now()
	counts, err := s.Store.Report(ctx, p.Tenant.ID, q)
	if err != nil {
		return ReportResult{}, err
	}
	byKey := map[string]ReportCounts{}
	for _, c := range counts {
		byKey[c.Key] = c
	}
	period := q.Period()
	res := ReportResult{From: period.From.In(q.Location).Format(time.DateOnly), To: period.To.In(q.Location).AddDate(0, 0, -1).Format(time.DateOnly),
		Timezone: q.Location.String(), Teams: q.Teams, At: q.Now}
	if res.Teams == nil {
		res.Teams = []string{}
	}
	row := func(key string) Figures {
		c, ok := byKey[key]
		if !ok {
			c = ReportCounts{Key: key}
		}
		return figures(q, c)
	}
	switch q.By {
	case GroupNone:
		f := row("")
		res.Figures = &f
	case GroupDay:
		for i := 0; i+1 < len(q.Days); i++ {
			from, to := q.Days[i], q.Days[i+1]
			res.Rows = append(res.Rows, ReportRow{Date: from.In(q.Location).Format(time.DateOnly), From: &from, To: &to, Figures: row(strconv.Itoa(i))})
		}
	default:
		keys := map[string]bool{}
		if q.By == GroupTeam {
			for _, t := range q.Teams {
				keys[t] = true
			}
		}
		for k := range byKey {
			if k != "" {
				keys[k] = true
			}
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		slices.Sort(sorted)
		res.Rows = make([]ReportRow, 0, len(sorted))
		for _, k := range sorted {
			r := ReportRow{Figures: row(k)}
			if q.By == GroupTeam {
				r.TeamID = k
			} else {
				r.AgentID = k
			}
			res.Rows = append(res.Rows, r)
		}
	}
	return res, nil
}
