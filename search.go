package velocity

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// SearchSort is what a search orders callbacks by; ties are broken by id.
type SearchSort string

const (
	SortWindowStart SearchSort = "windowStart"
	SortCreatedAt   SearchSort = "createdAt"
	SortAttempts    SearchSort = "attempts"
)

// Assignment filters personal callbacks (of an agent) or team ones (of no agent).
const (
	AssignedPersonal = "personal"
	AssignedTeam     = "team"
)

// Search limits.
const (
	MaxSearchTeams   = 50  // team filters in one query
	MaxSearchAgents  = 50  // agent filters in one query
	MaxSearchTextLen = 200 // characters of the text filter
)

// TimeRange is [From, To); a zero bound is open.
type TimeRange struct {
	From, To time.Time
}

// IsZero reports whether neither bound is set.
func (r TimeRange) IsZero() bool { return r.From.IsZero() && r.To.IsZero() }

// SearchQuery selects a tenant's callbacks for the supervisor console. Every filter that
// is set must hold (filters combine with AND); the values of a list filter are
// alternatives (team=a&team=b is either team). The zero query is every callback of the
// tenant, by window start.
type SearchQuery struct {
	Teams    []string // the callback's team
	Agents   []string // the agent whose personal callback it is
	Assigned string   // AssignedPersonal or AssignedTeam
	Statuses []Status
	Window   TimeRange // the window's start
	End      TimeRange // the window's end
	// Overdue: open and its window ended (end <= Now); DueNow: open and its window is
	// running (start <= Now < end). As in the agent's widget.
	Overdue     bool
	DueNow      bool
	MinAttempts int
	CreatedBy   string
	Created     TimeRange
	// Text matches a case-insensitive substring of the customer's name or the notes, and,
	// when it looks like a phone number (digits, spaces and + - ( ) . only), its digits
	// in the number.
	Text      string
	ClaimedBy string // claimed now by this agent

	// The report facts (see Facts): when and why it ended, and by whom; its first dial;
	// its fall back to the team.
	Closed        TimeRange
	CloseReasons  []CloseReason
	ClosedBy      string
	FirstDial     TimeRange
	FirstOutcomes []Outcome
	FirstInWindow *bool
	FirstDialBy   string
	FellBack      bool
	FellBackAt    TimeRange
	FellBackAgent string

	Sort  SearchSort // default SortWindowStart
	Desc  bool
	Limit int
	After *SearchCursor
	// Now is the instant Overdue and DueNow are judged at; the service sets it.
	Now time.Time
}

// SearchCursor marks a position in a search's order: the sort key of the last callback
// of a page (Time for window start and created, N for attempts) and its id.
type SearchCursor struct {
	Sort SearchSort
	Desc bool
	Time time.Time
	N    int
	ID   string
}

// CursorAfter returns the cursor that continues q's order after cb.
func (q SearchQuery) CursorAfter(cb Callback) SearchCursor {
	c := SearchCursor{Sort: q.sort(), Desc: q.Desc, ID: cb.ID}
	switch c.Sort {
	case SortCreatedAt:
		c.Time = cb.CreatedAt
	case SortAttempts:
		c.N = cb.Attempts
	default:
		c.Time = cb.WindowStart
	}
	return c
}

func (q SearchQuery) sort() SearchSort {
	if q.Sort == "" {
		return SortWindowStart
	}
	return q.Sort
}

// Encode returns the opaque text form of c.
func (c SearchCursor) Encode() string {
	key := strconv.Itoa(c.N)
	if c.Sort != SortAttempts {
		key = c.Time.UTC().Format(time.RFC3339Nano)
	}
	dir := "asc"
	if c.Desc {
		dir = "desc"
	}
	return base64.RawURLEncoding.EncodeToString([]byte("s1|" + string(c.Sort) + "|" + dir + "|" + key + "|" + c.ID))
}

// DecodeSearchCursor parses a cursor made by Encode for a query ordered by sort, desc.
func DecodeSearchCursor(s string, sort SearchSort, desc bool) (SearchCursor, error) {
	bad := func(why string) error {
		return NewError(CodeInvalidCursor, "The cursor is not one this server issued for this order ("+why+"); start again without it.",
			FieldError{Field: "cursor", Code: FieldInvalid, Message: why})
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return SearchCursor{}, bad("it is malformed")
	}
	f := strings.SplitN(string(b), "|", 5)
	if len(f) != 5 || f[0] != "s1" || f[4] == "" || !CleanText(f[4], false) {
		return SearchCursor{}, bad("it is malformed")
	}
	c := SearchCursor{Sort: SearchSort(f[1]), Desc: f[2] == "desc", ID: f[4]}
	if c.Sort != sort || c.Desc != desc {
		return SearchCursor{}, bad("it belongs to another sort or order")
	}
	if c.Sort == SortAttempts {
		c.N, err = strconv.Atoi(f[3])
	} else {
		c.Time, err = time.Parse(time.RFC3339Nano, f[3])
	}
	if err != nil {
		return SearchCursor{}, bad("it is malformed")
	}
	return c, nil
}

// searchParam is one query parameter of a search: its name, whether it may be repeated,
// and how it is read into and written from a SearchQuery.
type searchParam struct {
	name   string
	repeat bool
	read   func(q *SearchQuery, v string, p *searchParser) error
	write  func(q *SearchQuery) []string
}

// searchParser reads dates in a time zone.
type searchParser struct{ loc *time.Location }

// searchParams lists the console's search parameters; ParseSearch reads them and
// SearchQuery.Values writes them.
var searchParams = []searchParam{
	{"team", true, func(q *SearchQuery, v string, _ *searchParser) error {
		return appendID(&q.Teams, "team", v, MaxSearchTeams)
	}, func(q *SearchQuery) []string { return q.Teams }},
	{"agent", true, func(q *SearchQuery, v string, _ *searchParser) error {
		return appendID(&q.Agents, "agent", v, MaxSearchAgents)
	}, func(q *SearchQuery) []string { return q.Agents }},
	{"assigned", false, func(q *SearchQuery, v string, _ *searchParser) error {
		if v != AssignedPersonal && v != AssignedTeam {
			return searchParamError("assigned", "must be personal or team")
		}
		q.Assigned = v
		return nil
	}, func(q *SearchQuery) []string { return one(q.Assigned) }},
	{"status", false, func(q *SearchQuery, v string, _ *searchParser) error {
		for _, s := range strings.Split(v, ",") {
			st := Status(strings.TrimSpace(s))
			if !st.Valid() {
				return searchParamError("status", "must be a comma-separated list of scheduled, claimed, completed, failed, cancelled")
			}
			q.Statuses = append(q.Statuses, st)
		}
		return nil
	}, func(q *SearchQuery) []string { return joined(q.Statuses) }},
	timeParam("windowFrom", func(q *SearchQuery) *time.Time { return &q.Window.From }),
	timeParam("windowTo", func(q *SearchQuery) *time.Time { return &q.Window.To }),
	timeParam("endFrom", func(q *SearchQuery) *time.Time { return &q.End.From }),
	timeParam("endTo", func(q *SearchQuery) *time.Time { return &q.End.To }),
	boolParam("overdue", func(q *SearchQuery) *bool { return &q.Overdue }),
	boolParam("dueNow", func(q *SearchQuery) *bool { return &q.DueNow }),
	{"minAttempts", false, func(q *SearchQuery, v string, _ *searchParser) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > MaxAttemptsLimit {
			return searchParamError("minAttempts", "must be a whole number from 0 to "+strconv.Itoa(MaxAttemptsLimit))
		}
		q.MinAttempts = n
		return nil
	}, func(q *SearchQuery) []string {
		if q.MinAttempts == 0 {
			return nil
		}
		return []string{strconv.Itoa(q.MinAttempts)}
	}},
	idParam("createdBy", func(q *SearchQuery) *string { return &q.CreatedBy }),
	timeParam("createdFrom", func(q *SearchQuery) *time.Time { return &q.Created.From }),
	timeParam("createdTo", func(q *SearchQuery) *time.Time { return &q.Created.To }),
	{"q", false, func(q *SearchQuery, v string, _ *searchParser) error {
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) > MaxSearchTextLen {
			return searchParamError("q", "must be at most "+strconv.Itoa(MaxSearchTextLen)+" characters")
		}
		q.Text = v
		return nil
	}, func(q *SearchQuery) []string { return one(q.Text) }},
	idParam("claimedBy", func(q *SearchQuery) *string { return &q.ClaimedBy }),
	timeParam("closedFrom", func(q *SearchQuery) *time.Time { return &q.Closed.From }),
	timeParam("closedTo", func(q *SearchQuery) *time.Time { return &q.Closed.To }),
	{"closeReason", false, func(q *SearchQuery, v string, _ *searchParser) error {
		for _, s := range strings.Split(v, ",") {
			r := CloseReason(strings.TrimSpace(s))
			if !r.Valid() {
				return searchParamError("closeReason", "must be a comma-separated list of "+joinAll(CloseReasons))
			}
			q.CloseReasons = append(q.CloseReasons, r)
		}
		return nil
	}, func(q *SearchQuery) []string { return joined(q.CloseReasons) }},
	idParam("closedBy", func(q *SearchQuery) *string { return &q.ClosedBy }),
	timeParam("firstDialFrom", func(q *SearchQuery) *time.Time { return &q.FirstDial.From }),
	timeParam("firstDialTo", func(q *SearchQuery) *time.Time { return &q.FirstDial.To }),
	{"firstOutcome", false, func(q *SearchQuery, v string, _ *searchParser) error {
		for _, s := range strings.Split(v, ",") {
			o := Outcome(strings.TrimSpace(s))
			if !o.Valid() {
				return searchParamError("firstOutcome", "must be a comma-separated list of "+joinAll(Outcomes))
			}
			q.FirstOutcomes = append(q.FirstOutcomes, o)
		}
		return nil
	}, func(q *SearchQuery) []string { return joined(q.FirstOutcomes) }},
	{"firstInWindow", false, func(q *SearchQuery, v string, _ *searchParser) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return searchParamError("firstInWindow", "must be true or false")
		}
		q.FirstInWindow = &b
		return nil
	}, func(q *SearchQuery) []string {
		if q.FirstInWindow == nil {
			return nil
		}
		return []string{strconv.FormatBool(*q.FirstInWindow)}
	}},
	idParam("firstDialBy", func(q *SearchQuery) *string { return &q.FirstDialBy }),
	boolParam("fellBack", func(q *SearchQuery) *bool { return &q.FellBack }),
	timeParam("fellBackFrom", func(q *SearchQuery) *time.Time { return &q.FellBackAt.From }),
	timeParam("fellBackTo", func(q *SearchQuery) *time.Time { return &q.FellBackAt.To }),
	idParam("fellBackAgent", func(q *SearchQuery) *string { return &q.FellBackAgent }),
	{"sort", false, func(q *SearchQuery, v string, _ *searchParser) error {
		switch s := SearchSort(v); s {
		case SortWindowStart, SortCreatedAt, SortAttempts:
			q.Sort = s
			return nil
		}
		return searchParamError("sort", "must be windowStart, createdAt or attempts")
	}, func(q *SearchQuery) []string {
		if q.Sort == SortWindowStart {
			return nil
		}
		return one(string(q.Sort))
	}},
	{"order", false, func(q *SearchQuery, v string, _ *searchParser) error {
		if v != "asc" && v != "desc" {
			return searchParamError("order", "must be asc or desc")
		}
		q.Desc = v == "desc"
		return nil
	}, func(q *SearchQuery) []string {
		if !q.Desc {
			return nil
		}
		return []string{"desc"}
	}},
	{"limit", false, func(q *SearchQuery, v string, _ *searchParser) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxListLimit {
			return searchParamError("limit", "must be a whole number from 1 to "+strconv.Itoa(MaxListLimit))
		}
		q.Limit = n
		return nil
	}, func(q *SearchQuery) []string {
		if q.Limit == 0 {
			return nil
		}
		return []string{strconv.Itoa(q.Limit)}
	}},
}

// searchParamNames are the names ParseSearch knows besides tz and cursor.
var searchParamIndex = func() map[string]int {
	m := map[string]int{}
	for i, sp := range searchParams {
		m[sp.name] = i
	}
	return m
}()

// SearchParamNames returns the query parameters of a search, in a fixed order (besides
// these, ParseSearch reads tz and cursor).
func SearchParamNames() []string {
	out := make([]string, len(searchParams))
	for i, sp := range searchParams {
		out[i] = sp.name
	}
	return out
}

// ParseSearch reads a search from query parameters (see SearchParamNames, plus cursor
// and tz). Times are RFC 3339 instants, or dates (2026-11-30) meaning midnight in tz
// (an IANA zone; default defaultTZ). Only team and agent may be repeated. An unknown,
// repeated or malformed parameter is an invalid_parameter problem naming it; a cursor of
// another order is invalid_cursor.
func ParseSearch(v url.Values, defaultTZ string) (SearchQuery, error) {
	var q SearchQuery
	p := &searchParser{loc: Location(defaultTZ)}
	if tz := v["tz"]; len(tz) > 0 {
		if len(tz) > 1 {
			return q, searchParamError("tz", "is given more than once")
		}
		var c checker
		if c.zone("tz", tz[0]); c.err() != nil || tz[0] == "" {
			return q, searchParamError("tz", "must be an IANA time zone such as America/New_York")
		}
		p.loc = Location(tz[0])
	}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		vals := v[name]
		if name == "tz" || name == "cursor" {
			if len(vals) > 1 {
				return q, searchParamError(name, "is given more than once")
			}
			continue
		}
		i, ok := searchParamIndex[name]
		if !ok {
			return q, searchParamError(name, "is not a parameter of this endpoint")
		}
		sp := searchParams[i]
		if len(vals) > 1 && !sp.repeat {
			return q, searchParamError(name, "is given more than once")
		}
		for _, val := range vals {
			if !CleanText(val, false) {
				return q, searchParamError(name, "must be valid UTF-8 text without control characters")
			}
			if err := sp.read(&q, val, p); err != nil {
				return q, err
			}
		}
	}
	if c := v.Get("cursor"); c != "" {
		cur, err := DecodeSearchCursor(c, q.sort(), q.Desc)
		if err != nil {
			return q, err
		}
		q.After = &cur
	}
	return q, nil
}

// Values returns q as the query parameters ParseSearch reads (times as RFC 3339 instants
// in UTC), without the cursor.
func (q SearchQuery) Values() url.Values {
	v := url.Values{}
	for _, sp := range searchParams {
		for _, s := range sp.write(&q) {
			v.Add(sp.name, s)
		}
	}
	return v
}

// Encode returns q's query string (Values, in the order of SearchParamNames), which
// lists the same callbacks through GET /api/v1/callbacks/search. Reports write one per
// figure, so it is written directly.
func (q SearchQuery) Encode() string {
	var b strings.Builder
	for _, sp := range searchParams {
		for _, s := range sp.write(&q) {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(sp.name)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(s))
		}
	}
	return b.String()
}

func searchParamError(name, msg string) error {
	return NewError(CodeInvalidParameter, "Query parameter "+name+" "+msg+".", FieldError{Field: name, Code: FieldInvalid, Message: msg})
}

func appendID(dst *[]string, name, v string, max int) error {
	if v == "" || utf8.RuneCountInString(v) > MaxIDLen {
		return searchParamError(name, "must be an id of 1 to "+strconv.Itoa(MaxIDLen)+" characters")
	}
	if slices.Contains(*dst, v) {
		return nil // one read per value: a value given twice would list its callbacks twice
	}
	if len(*dst) >= max {
		return searchParamError(name, "is given more than "+strconv.Itoa(max)+" times")
	}
	*dst = append(*dst, v)
	return nil
}

func idParam(name string, field func(q *SearchQuery) *string) searchParam {
	return searchParam{name, false, func(q *SearchQuery, v string, _ *searchParser) error {
		if v == "" || utf8.RuneCountInString(v) > MaxIDLen {
			return searchParamError(name, "must be an id of 1 to "+strconv.Itoa(MaxIDLen)+" characters")
		}
		*field(q) = v
		return nil
	}, func(q *SearchQuery) []string { return one(*field(q)) }}
}

func boolParam(name string, field func(q *SearchQuery) *bool) searchParam {
	return searchParam{name, false, func(q *SearchQuery, v string, _ *searchParser) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return searchParamError(name, "must be true or false")
		}
		*field(q) = b
		return nil
	}, func(q *SearchQuery) []string {
		if !*field(q) {
			return nil
		}
		return []string{"true"}
	}}
}

func timeParam(name string, field func(q *SearchQuery) *time.Time) searchParam {
	return searchParam{name, false, func(q *SearchQuery, v string, p *searchParser) error {
		t, err := parseInstantOrDate(v, p.loc)
		if err != nil {
			return searchParamError(name, "must be an RFC 3339 time such as 2026-11-30T14:00:00Z or a date such as 2026-11-30")
		}
		*field(q) = t
		return nil
	}, func(q *SearchQuery) []string {
		t := *field(q)
		if t.IsZero() {
			return nil
		}
		return []string{t.UTC().Format(time.RFC3339Nano)}
	}}
}

// parseInstantOrDate reads an RFC 3339 instant, or a date meaning its midnight in loc.
func parseInstantOrDate(v string, loc *time.Location) (time.Time, error) {
	if len(v) == len(time.DateOnly) {
		d, err := time.ParseInLocation(time.DateOnly, v, loc)
		return d.UTC(), err
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	return t.UTC().Truncate(time.Microsecond), err
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func joined[T ~string](vs []T) []string {
	if len(vs) == 0 {
		return nil
	}
	return []string{joinAll(vs)}
}

func joinAll[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ",")
}

// PhoneDigits returns the digits of a search text that looks like a phone number (only
// digits, spaces and + - ( ) .), or "" when it does not, or has no digits.
func PhoneDigits(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(" +-().", r):
		default:
			return ""
		}
	}
	return b.String()
}

// EffectiveStatuses returns the statuses q can match, in Status order: its Statuses (all
// when none), narrowed to the open ones by Overdue, DueNow and ClaimedBy (claimed
// only), and to the closed ones by the closing facts; nil when none can match.
func (q SearchQuery) EffectiveStatuses() []Status {
	all := []Status{StatusScheduled, StatusClaimed, StatusCompleted, StatusFailed, StatusCancelled}
	var out []Status
	for _, s := range all {
		if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, s) {
			continue
		}
		if (q.Overdue || q.DueNow) && !s.Open() {
			continue
		}
		if q.ClaimedBy != "" && s != StatusClaimed {
			continue
		}
		if (!q.Closed.IsZero() || q.ClosedBy != "") && s.Open() {
			continue
		}
		if len(q.CloseReasons) > 0 && !slices.ContainsFunc(q.CloseReasons, func(r CloseReason) bool { return r.Status() == s }) {
			continue
		}
		out = append(out, s)
	}
	return out
}
