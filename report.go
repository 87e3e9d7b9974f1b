package velocity

import (
	"net/url"
	"slices"
	"strconv"
	"time"
)

// ReportGroup is how a report splits its figures: not at all (the summary), by team, by
// agent, or by day of the period.
type ReportGroup string

const (
	GroupNone  ReportGroup = ""
	GroupTeam  ReportGroup = "team"
	GroupAgent ReportGroup = "agent"
	GroupDay   ReportGroup = "day"
)

// MaxReportDays is the longest period a report covers; DefaultReportDays the period when
// the request names none (ending today).
const (
	MaxReportDays     = 92
	DefaultReportDays = 30
)

// OverdueBuckets are the upper bounds of how long open callbacks have been overdue (since
// their window ended), for NowFigures.OverdueBy: up to 1 h, up to 4 h, up to 24 h, and
// more.
var OverdueBuckets = []time.Duration{time.Hour, 4 * time.Hour, 24 * time.Hour}

// ReportQuery is what a report covers: the tenant's callbacks of Teams (all when empty),
// the period [Days[0], Days[len-1]) of whole days in Location (Days are its local
// midnights), figures of the open callbacks as at Now, grouped by By.
type ReportQuery struct {
	Days     []time.Time
	Location *time.Location
	Teams    []string
	By       ReportGroup
	Now      time.Time
}

// Period returns the report's period.
func (q ReportQuery) Period() TimeRange { return TimeRange{From: q.Days[0], To: q.Days[len(q.Days)-1]} }

// ReportCounts are what a store counts for a report, for one group (Key: a team id, an
// agent id, the index of a day in ReportQuery.Days, or "" for the whole report). Each
// cohort is grouped by its own column when By is GroupAgent: the open callbacks by
// their agent (personal ones only; Claimed by the agent holding the claim), Created by
// created_by, Closed by closed_by, the first dials by first_attempt_by, FellBack by
// fell_back_from. The open callbacks are not counted by day.
type ReportCounts struct {
	Key string
	// The open callbacks at Now: all, whose window is running, overdue (its window ended)
	// by how long (OverdueBuckets), the earliest end of an overdue window, claimed,
	// personal ones.
	Open, DueNow, Claimed, Personal int
	Overdue                         [4]int
	OldestOverdue                   *time.Time
	// Created in the period.
	Created int
	// Closed in the period, by reason (reasons with none left out); of them those dialed
	// at least once, the attempts made on the completed ones, those that had fallen back
	// to their team.
	Closed            map[CloseReason]int
	CompletedAttempts int
	ClosedDialed      int
	ClosedFellBack    int
	// First dialed in the period: how many, with a connecting outcome, inside the window;
	// their delays (window start to first dial), sorted.
	FirstDialed, FirstConnected, FirstInWindow int
	Delays                                     []time.Duration
	// Fell back to their team in the period.
	FellBack int
}

// Figure is a count of callbacks and the search (the query string of GET
// /api/v1/callbacks/search) that lists exactly them, as of the report's instant.
type Figure struct {
	Count  int    `json:"count"`
	Search string `json:"search"`
}

// Rate is Part of Of; Rate is null when Of counts none.
type Rate struct {
	Rate *float64 `json:"rate"`
	Part Figure   `json:"part"`
	Of   Figure   `json:"of"`
}

func rate(part, of Figure) Rate {
	r := Rate{Part: part, Of: of}
	if of.Count > 0 {
		v := float64(part.Count) / float64(of.Count)
		r.Rate = &v
	}
	return r
}

// NowFigures are the open callbacks as at the report's instant.
type NowFigures struct {
	Open      Figure `json:"open"`
	DueNow    Figure `json:"dueNow"`
	Overdue   Figure `json:"overdue"`
	OverdueBy struct {
		UpTo1h  Figure `json:"upTo1h"`
		UpTo4h  Figure `json:"upTo4h"`
		UpTo24h Figure `json:"upTo24h"`
		Over24h Figure `json:"over24h"`
	} `json:"overdueBy"`
	// OldestOverdueSince is when the window of the longest overdue callback ended.
	OldestOverdueSince *time.Time `json:"oldestOverdueSince"`
	Claimed            Figure     `json:"claimed"`
	Personal           Figure     `json:"personal"`
	Team               Figure     `json:"team"`
}

// OutcomeFigures are the callbacks that ended in the period.
type OutcomeFigures struct {
	Closed      Figure `json:"closed"`
	Completed   Figure `json:"completed"`
	CompletedBy struct {
		Connected      Figure `json:"connected"`
		Declined       Figure `json:"declined"`
		ReachedInbound Figure `json:"reachedInbound"`
	} `json:"completedBy"`
	Failed   Figure `json:"failed"`
	FailedBy struct {
		MaxAttempts   Figure `json:"maxAttempts"`
		InvalidNumber Figure `json:"invalidNumber"`
	} `json:"failedBy"`
	Cancelled   Figure `json:"cancelled"`
	CancelledBy struct {
		Customer   Figure `json:"customer"`
		DoNotCall  Figure `json:"doNotCall"`
		Supervisor Figure `json:"supervisor"`
	} `json:"cancelledBy"`
	// ConnectRateFirst: of the callbacks first dialed in the period, those whose first
	// dial connected (connected or declined: the customer answered).
	ConnectRateFirst Rate `json:"connectRateFirst"`
	// ConnectRate: of the callbacks closed in the period that were dialed, those closed by
	// a dial that connected.
	ConnectRate Rate `json:"connectRate"`
	// AttemptsPerCompleted: the attempts made on the callbacks completed in the period,
	// per callback.
	AttemptsPerCompleted struct {
		Value     *float64 `json:"value"`
		Attempts  int      `json:"attempts"`
		Completed Figure   `json:"completed"`
	} `json:"attemptsPerCompleted"`
}

// PunctualityFigures are how soon and how punctually callbacks were first dialed, and
// how many fell back to their team.
type PunctualityFigures struct {
	FirstDialed Figure `json:"firstDialed"`
	// FirstDelay: of the callbacks first dialed in the period, the time from the start
	// of the window in effect to the first dial (negative: dialed early), median and 90th
	// percentile (nearest rank: the value at rank ceil(p*n) of n in order).
	FirstDelay struct {
		MedianSeconds *float64 `json:"medianSeconds"`
		P90Seconds    *float64 `json:"p90Seconds"`
		Of            Figure   `json:"of"`
	} `json:"firstDelay"`
	// FirstDialedInWindow: of those, the ones first dialed inside that window.
	FirstDialedInWindow Rate `json:"firstDialedInWindow"`
	// FellBack: of the callbacks closed in the period, those that had fallen back to
	// their team; FellBackInPeriod: callbacks that fell back in the period.
	FellBack         Rate   `json:"fellBack"`
	FellBackInPeriod Figure `json:"fellBackInPeriod"`
}

// Figures are one report's figures for one group.
type Figures struct {
	Now         *NowFigures        `json:"now,omitempty"`
	Created     Figure             `json:"created"`
	Outcomes    OutcomeFigures     `json:"outcomes"`
	Punctuality PunctualityFigures `json:"punctuality"`
}

// percentile returns the nearest-rank p-th percentile of sorted ds, in seconds.
func percentile(ds []time.Duration, p float64) *float64 {
	if len(ds) == 0 {
		return nil
	}
	rank := int(float64(len(ds))*p + 0.999999999)
	v := ds[min(max(rank, 1), len(ds))-1].Seconds()
	return &v
}

// rowFilters are the search filters that select one group's callbacks in each cohort.
type rowFilters struct {
	open, claimed, created, closed, first, fellBack func(*SearchQuery)
	// period narrows a cohort's time range to the group's (a day's); nil for the period.
	period *TimeRange
}

// filtersFor returns the filters of group key under q.By.
func filtersFor(q ReportQuery, key string) rowFilters {
	none := func(*SearchQuery) {}
	f := rowFilters{open: none, claimed: none, created: none, closed: none, first: none, fellBack: none}
	switch q.By {
	case GroupTeam:
		team := func(s *SearchQuery) { s.Teams = []string{key} }
		f.open, f.claimed, f.created, f.closed, f.first, f.fellBack = team, team, team, team, team, team
	case GroupAgent:
		f.open = func(s *SearchQuery) { s.Agents = []string{key} }
		f.claimed = func(s *SearchQuery) { s.ClaimedBy = key }
		f.created = func(s *SearchQuery) { s.CreatedBy = key }
		f.closed = func(s *SearchQuery) { s.ClosedBy = key }
		f.first = func(s *SearchQuery) { s.FirstDialBy = key }
		f.fellBack = func(s *SearchQuery) { s.FellBackAgent = key }
	case GroupDay:
		i, _ := strconv.Atoi(key)
		f.period = &TimeRange{From: q.Days[i], To: q.Days[i+1]}
	}
	return f
}

// figures turns one group's counts into its figures, each with the search that lists it.
func figures(q ReportQuery, c ReportCounts) Figures {
	f := filtersFor(q, c.Key)
	period := q.Period()
	if f.period != nil {
		period = *f.period
	}
	search := func(row func(*SearchQuery), set func(*SearchQuery)) string {
		s := SearchQuery{Teams: slices.Clone(q.Teams)}
		row(&s)
		set(&s)
		return s.Encode()
	}
	fig := func(n int, row func(*SearchQuery), set func(*SearchQuery)) Figure {
		return Figure{Count: n, Search: search(row, set)}
	}
	closed := func(reasons ...CloseReason) func(*SearchQuery) {
		return func(s *SearchQuery) { s.Closed, s.CloseReasons = period, reasons }
	}
	sum := func(m map[CloseReason]int, reasons ...CloseReason) int {
		n := 0
		for _, r := range reasons {
			n += m[r]
		}
		return n
	}
	var out Figures
	if q.By != GroupDay {
		var now NowFigures
		open := func(set func(*SearchQuery)) func(*SearchQuery) {
			return func(s *SearchQuery) { s.Statuses = OpenStatuses; set(s) }
		}
		now.Open = fig(c.Open, f.open, open(func(*SearchQuery) {}))
		now.DueNow = fig(c.DueNow, f.open, func(s *SearchQuery) { s.DueNow = true })
		overdue := c.Overdue[0] + c.Overdue[1] + c.Overdue[2] + c.Overdue[3]
		now.Overdue = fig(overdue, f.open, func(s *SearchQuery) { s.Overdue = true })
		// Overdue by up to d: the window ended at or after now-d; by more: before it.
		bucket := func(i int) func(*SearchQuery) {
			return func(s *SearchQuery) {
				s.Overdue = true
				if i < len(OverdueBuckets) {
					s.End.From = q.Now.Add(-OverdueBuckets[i])
				}
				if i > 0 {
					s.End.To = q.Now.Add(-OverdueBuckets[i-1])
				}
			}
		}
		now.OverdueBy.UpTo1h = fig(c.Overdue[0], f.open, bucket(0))
		now.OverdueBy.UpTo4h = fig(c.Overdue[1], f.open, bucket(1))
		now.OverdueBy.UpTo24h = fig(c.Overdue[2], f.open, bucket(2))
		now.OverdueBy.Over24h = fig(c.Overdue[3], f.open, bucket(3))
		now.OldestOverdueSince = c.OldestOverdue
		now.Claimed = fig(c.Claimed, f.claimed, func(s *SearchQuery) { s.Statuses = []Status{StatusClaimed} })
		now.Personal = fig(c.Personal, f.open, open(func(s *SearchQuery) { s.Assigned = AssignedPersonal }))
		now.Team = fig(c.Open-c.Personal, f.open, open(func(s *SearchQuery) { s.Assigned = AssignedTeam }))
		out.Now = &now
	}
	out.Created = fig(c.Created, f.created, func(s *SearchQuery) { s.Created = period })

	o := &out.Outcomes
	completed := []CloseReason{CloseConnected, CloseDeclined, CloseReachedInbound}
	failed := []CloseReason{CloseMaxAttempts, CloseInvalidNumber}
	cancelled := []CloseReason{CloseCustomer, CloseDoNotCall, CloseSupervisor}
	o.Closed = fig(sum(c.Closed, CloseReasons...), f.closed, closed())
	o.Completed = fig(sum(c.Closed, completed...), f.closed, closed(completed...))
	o.CompletedBy.Connected = fig(c.Closed[CloseConnected], f.closed, closed(CloseConnected))
	o.CompletedBy.Declined = fig(c.Closed[CloseDeclined], f.closed, closed(CloseDeclined))
	o.CompletedBy.ReachedInbound = fig(c.Closed[CloseReachedInbound], f.closed, closed(CloseReachedInbound))
	o.Failed = fig(sum(c.Closed, failed...), f.closed, closed(failed...))
	o.FailedBy.MaxAttempts = fig(c.Closed[CloseMaxAttempts], f.closed, closed(CloseMaxAttempts))
	o.FailedBy.InvalidNumber = fig(c.Closed[CloseInvalidNumber], f.closed, closed(CloseInvalidNumber))
	o.Cancelled = fig(sum(c.Closed, cancelled...), f.closed, closed(cancelled...))
	o.CancelledBy.Customer = fig(c.Closed[CloseCustomer], f.closed, closed(CloseCustomer))
	o.CancelledBy.DoNotCall = fig(c.Closed[CloseDoNotCall], f.closed, closed(CloseDoNotCall))
	o.CancelledBy.Supervisor = fig(c.Closed[CloseSupervisor], f.closed, closed(CloseSupervisor))

	firstDialed := fig(c.FirstDialed, f.first, func(s *SearchQuery) { s.FirstDial = period })
	o.ConnectRateFirst = rate(fig(c.FirstConnected, f.first, func(s *SearchQuery) {
		s.FirstDial, s.FirstOutcomes = period, []Outcome{OutcomeConnected, OutcomeDeclined}
	}), firstDialed)
	o.ConnectRate = rate(fig(sum(c.Closed, CloseConnected, CloseDeclined), f.closed, closed(CloseConnected, CloseDeclined)),
		fig(c.ClosedDialed, f.closed, func(s *SearchQuery) { s.Closed, s.MinAttempts = period, 1 }))
	o.AttemptsPerCompleted.Attempts = c.CompletedAttempts
	o.AttemptsPerCompleted.Completed = o.Completed
	if o.Completed.Count > 0 {
		v := float64(o.AttemptsPerCompleted.Attempts) / float64(o.Completed.Count)
		o.AttemptsPerCompleted.Value = &v
	}

	p := &out.Punctuality
	p.FirstDialed = firstDialed
	p.FirstDelay.MedianSeconds = percentile(c.Delays, 0.5)
	p.FirstDelay.P90Seconds = percentile(c.Delays, 0.9)
	p.FirstDelay.Of = firstDialed
	yes := true
	p.FirstDialedInWindow = rate(fig(c.FirstInWindow, f.first, func(s *SearchQuery) { s.FirstDial, s.FirstInWindow = period, &yes }), firstDialed)
	p.FellBack = rate(fig(c.ClosedFellBack, f.closed, func(s *SearchQuery) { s.Closed, s.FellBack = period, true }), o.Closed)
	p.FellBackInPeriod = fig(c.FellBack, f.fellBack, func(s *SearchQuery) { s.FellBackAt = period })
	return out
}

// ParseReport reads a report's period and teams from query parameters: from and to
// (dates, both included; default the DefaultReportDays days ending today), tz (an IANA
// zone; default defaultTZ), team (repeatable). Other parameters are refused, except
// those named in also (which the caller reads).
func ParseReport(v url.Values, defaultTZ string, now time.Time, also ...string) (ReportQuery, error) {
	q := ReportQuery{Location: Location(defaultTZ), Now: now}
	for name, vals := range v {
		switch {
		case name == "team":
			for _, t := range vals {
				if err := appendID(&q.Teams, "team", t, MaxSearchTeams); err != nil {
					return q, err
				}
			}
			continue
		case name != "from" && name != "to" && name != "tz" && !slices.Contains(also, name):
			return q, searchParamError(name, "is not a parameter of this endpoint")
		}
		if len(vals) > 1 {
			return q, searchParamError(name, "is given more than once")
		}
	}
	if tz := v.Get("tz"); tz != "" {
		var c checker
		if c.zone("tz", tz); c.err() != nil {
			return q, searchParamError("tz", "must be an IANA time zone such as America/New_York")
		}
		q.Location = Location(tz)
	}
	date := func(name string, def time.Time) (time.Time, error) {
		s := v.Get(name)
		if s == "" {
			return def, nil
		}
		d, err := time.ParseInLocation(time.DateOnly, s, q.Location)
		if err != nil {
			return d, searchParamError(name, "must be a date such as 2026-11-30")
		}
		return d, nil
	}
	local := now.In(q.Location)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, q.Location)
	to, err := date("to", today)
	if err != nil {
		return q, err
	}
	from, err := date("from", to.AddDate(0, 0, 1-DefaultReportDays))
	if err != nil {
		return q, err
	}
	if from.After(to) {
		return q, searchParamError("from", "must not be after to")
	}
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if len(q.Days) == MaxReportDays {
			return q, searchParamError("from", "must be at most "+strconv.Itoa(MaxReportDays)+" days before to")
		}
		q.Days = append(q.Days, d.UTC())
	}
	q.Days = append(q.Days, to.AddDate(0, 0, 1).UTC())
	return q, nil
}
