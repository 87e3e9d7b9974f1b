package velocity

import (
	"net/url"
	"reflect"
	"testing"
	"time"
)

func TestParseSearch(t *testing.T) {
	ny := Location("America/New_York")
	yes := true
	for _, tc := range []struct {
		query string
		want  SearchQuery
		code  Code // of the error, when one is expected
	}{
		{"", SearchQuery{}, ""},
		{"team=a&team=b%2Cc&agent=x", SearchQuery{Teams: []string{"a", "b,c"}, Agents: []string{"x"}}, ""},
		{"team=a&team=b&team=a&agent=x&agent=x", SearchQuery{Teams: []string{"a", "b"}, Agents: []string{"x"}}, ""}, // a value given twice is one
		{"status=scheduled,claimed&assigned=team&overdue=true&dueNow=1", SearchQuery{Statuses: OpenStatuses, Assigned: AssignedTeam, Overdue: true, DueNow: true}, ""},
		{"windowFrom=2026-11-30&windowTo=2026-12-01T05:00:00Z", SearchQuery{Window: TimeRange{From: time.Date(2026, 11, 30, 0, 0, 0, 0, ny).UTC(), To: time.Date(2026, 12, 1, 5, 0, 0, 0, time.UTC)}}, ""},
		{"windowFrom=2026-11-30&tz=Europe/London", SearchQuery{Window: TimeRange{From: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}}, ""},
		{"minAttempts=2&createdBy=ag&q=+maria+&claimedBy=ag-2", SearchQuery{MinAttempts: 2, CreatedBy: "ag", Text: "maria", ClaimedBy: "ag-2"}, ""},
		{"closeReason=supervisor,do_not_call&closedBy=ag&firstOutcome=busy&firstInWindow=true&firstDialBy=ag&fellBack=true&fellBackAgent=ag",
			SearchQuery{CloseReasons: []CloseReason{CloseSupervisor, CloseDoNotCall}, ClosedBy: "ag", FirstOutcomes: []Outcome{OutcomeBusy},
				FirstInWindow: &yes, FirstDialBy: "ag", FellBack: true, FellBackAgent: "ag"}, ""},
		{"sort=attempts&order=desc&limit=10", SearchQuery{Sort: SortAttempts, Desc: true, Limit: 10}, ""},
		{"teamId=a", SearchQuery{}, CodeInvalidParameter},
		{"status=open", SearchQuery{}, CodeInvalidParameter},
		{"closeReason=nope", SearchQuery{}, CodeInvalidParameter},
		{"assigned=me", SearchQuery{}, CodeInvalidParameter},
		{"sort=name", SearchQuery{}, CodeInvalidParameter},
		{"order=up", SearchQuery{}, CodeInvalidParameter},
		{"limit=0", SearchQuery{}, CodeInvalidParameter},
		{"minAttempts=-1", SearchQuery{}, CodeInvalidParameter},
		{"overdue=yes", SearchQuery{}, CodeInvalidParameter},
		{"windowFrom=30/11/2026", SearchQuery{}, CodeInvalidParameter},
		{"tz=Mars/Olympus", SearchQuery{}, CodeInvalidParameter},
		{"team=", SearchQuery{}, CodeInvalidParameter},
		{"q=a%00b", SearchQuery{}, CodeInvalidParameter},
		{"sort=attempts&sort=attempts", SearchQuery{}, CodeInvalidParameter},
		{"cursor=%21%21", SearchQuery{}, CodeInvalidCursor},
	} {
		v, _ := url.ParseQuery(tc.query)
		got, err := ParseSearch(v, "America/New_York")
		if tc.code != "" {
			if e, ok := AsError(err); !ok || e.Code != tc.code {
				t.Errorf("%q: error %v, want %s", tc.query, err, tc.code)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v %v\nwant %+v", tc.query, got, err, tc.want)
			continue
		}
		// Values writes what ParseSearch reads.
		again, err := ParseSearch(got.Values(), "Asia/Tokyo")
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("%q: round trip %+v %v", tc.query, again, err)
		}
	}
}

func TestSearchCursor(t *testing.T) {
	at := time.Date(2026, 11, 30, 14, 0, 0, 123456000, time.UTC)
	for _, q := range []SearchQuery{{}, {Sort: SortCreatedAt, Desc: true}, {Sort: SortAttempts}} {
		cb := Callback{ID: "cb_1|x", WindowStart: at, CreatedAt: at.Add(time.Hour), Attempts: 2}
		c := q.CursorAfter(cb)
		got, err := DecodeSearchCursor(c.Encode(), q.sort(), q.Desc)
		if err != nil || got != c {
			t.Errorf("%+v: %+v %v, want %+v", q, got, err, c)
		}
		if _, err := DecodeSearchCursor(c.Encode(), q.sort(), !q.Desc); err == nil {
			t.Errorf("%+v: a cursor of the other direction was taken", q)
		}
	}
	if _, err := DecodeSearchCursor(EncodeCursor(Cursor{WindowStart: at, ID: "cb_1"}), SortWindowStart, false); err == nil {
		t.Error("a worklist cursor was taken for a search's")
	}
}

func TestPhoneDigits(t *testing.T) {
	for in, want := range map[string]string{"(212) 555-0142": "2125550142", "+1 212.555": "1212555", "maria": "", "212 x": "", "": "", "- ()": ""} {
		if got := PhoneDigits(in); got != want {
			t.Errorf("PhoneDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEffectiveStatuses(t *testing.T) {
	for _, tc := range []struct {
		q    SearchQuery
		want []Status
	}{
		{SearchQuery{}, []Status{StatusScheduled, StatusClaimed, StatusCompleted, StatusFailed, StatusCancelled}},
		{SearchQuery{Overdue: true}, OpenStatuses},
		{SearchQuery{ClaimedBy: "a"}, []Status{StatusClaimed}},
		{SearchQuery{Statuses: []Status{StatusCompleted}, DueNow: true}, nil},
		{SearchQuery{CloseReasons: []CloseReason{CloseSupervisor, CloseMaxAttempts}}, []Status{StatusFailed, StatusCancelled}},
		{SearchQuery{Closed: TimeRange{From: time.Unix(1, 0)}}, []Status{StatusCompleted, StatusFailed, StatusCancelled}},
	} {
		if got := tc.q.EffectiveStatuses(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestSearchEncode(t *testing.T) {
	yes := true
	q := SearchQuery{Teams: []string{"a b", "c&d"}, Statuses: OpenStatuses, Overdue: true, Text: "50% off", FirstInWindow: &yes,
		Closed: TimeRange{From: time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)}, Sort: SortAttempts, Desc: true}
	want := "team=a+b&team=c%26d&status=scheduled%2Cclaimed&overdue=true&q=50%25+off&closedFrom=2026-11-30T05%3A00%3A00Z&firstInWindow=true&sort=attempts&order=desc"
	if got := q.Encode(); got != want {
		t.Fatalf("Encode\n got %s\nwant %s", got, want)
	}
	v, _ := url.ParseQuery(q.Encode())
	if !reflect.DeepEqual(v, q.Values()) {
		t.Fatalf("Encode and Values differ: %v %v", v, q.Values())
	}
}
