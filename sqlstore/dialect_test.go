package sqlstore

import (
	"testing"
	"time"
)

// Two dialects shaped like the stores' (the stores' own are tested through their
// behaviour suites): question marks with SQLite's hints and subquery unions, and numbered
// parameters.
var (
	questionMarks = Dialect{Name: "q", IndexHints: true, WrapUnion: true,
		ScanTime: func(t *time.Time) any { return t }, ScanNullTime: func(t **time.Time) any { return t },
		TimeArg: func(t time.Time) any { return t.UnixMicro() }}
	numbered = Dialect{Name: "n", Numbered: true,
		ScanTime: func(t *time.Time) any { return t }, ScanNullTime: func(t **time.Time) any { return t },
		TimeArg: func(t time.Time) any { return t }}
)

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, q, n string }{
		{"SELECT 1", "SELECT 1", "SELECT 1"},
		{"a = ?", "a = ?", "a = $1"},
		{"(?, ?, ?)", "(?, ?, ?)", "($1, $2, $3)"},
		{"a = ? AND b IN (?,?) LIMIT ?", "a = ? AND b IN (?,?) LIMIT ?", "a = $1 AND b IN ($2,$3) LIMIT $4"},
	} {
		if got := questionMarks.Rebind(tc.in); got != tc.q {
			t.Errorf("? Rebind(%q) = %q, want %q", tc.in, got, tc.q)
		}
		if got := numbered.Rebind(tc.in); got != tc.n {
			t.Errorf("$n Rebind(%q) = %q, want %q", tc.in, got, tc.n)
		}
	}
}

func TestListAndContainsArgs(t *testing.T) {
	if got := ListArg(questionMarks, []string{"a", `b"c`}); got != `["a","b\"c"]` {
		t.Errorf("JSON list %v", got)
	}
	if got := ListArg[int64](questionMarks, nil); got != `[]` {
		t.Errorf("empty JSON list %v", got)
	}
	arrays := Dialect{Arrays: true}
	if got, ok := ListArg(arrays, []int64{1, 2}).([]int64); !ok || len(got) != 2 {
		t.Errorf("array %v", got)
	}
	if got, ok := ListArg[string](arrays, nil).([]string); !ok || got == nil {
		t.Errorf("empty array %#v", got)
	}
	for in, want := range map[string]string{"+12125550100": "%+12125550100%", `50%_off\`: `%50\%\_off\\%`} {
		if got := ContainsArg(in); got != want {
			t.Errorf("ContainsArg(%q) = %q, want %q", in, got, want)
		}
	}
}
