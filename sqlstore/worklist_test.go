package sqlstore

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestListCallbacks(t *testing.T) {
	at := time.Unix(1700000000, 0).UTC()
	cursor := &velocity.Cursor{WindowStart: at, ID: "cb_1"}
	for _, tc := range []struct {
		name string
		d    Dialect
		q    velocity.ListQuery
		sql  string // C stands for CallbackCols
		args []any
	}{
		{"agent of a team, ?", questionMarks, velocity.ListQuery{AgentID: "ag", TeamID: "tm", Limit: 51, After: cursor},
			`SELECT * FROM (SELECT C FROM callbacks INDEXED BY callbacks_agent_open WHERE tenant_id = ? AND agent_id = ? AND status IN ('scheduled', 'claimed') AND (window_start, id) > (?, ?) ORDER BY window_start, id LIMIT ?)` +
				` UNION ALL SELECT * FROM (SELECT C FROM callbacks INDEXED BY callbacks_team_unassigned_open WHERE tenant_id = ? AND team_id = ? AND agent_id IS NULL AND status IN ('scheduled', 'claimed') AND (window_start, id) > (?, ?) ORDER BY window_start, id LIMIT ?)` +
				` ORDER BY window_start, id LIMIT ?`,
			[]any{"tn", "ag", at.UnixMicro(), "cb_1", 51, "tn", "tm", at.UnixMicro(), "cb_1", 51, 51}},
		{"agent of a team, $n", numbered, velocity.ListQuery{AgentID: "ag", TeamID: "tm", Limit: 51, After: cursor},
			`(SELECT C FROM callbacks WHERE tenant_id = $1 AND agent_id = $5 AND status IN ('scheduled', 'claimed') AND (window_start, id) > ($3, $4) ORDER BY window_start, id LIMIT $2)` +
				` UNION ALL (SELECT C FROM callbacks WHERE tenant_id = $1 AND team_id = $6 AND agent_id IS NULL AND status IN ('scheduled', 'claimed') AND (window_start, id) > ($3, $4) ORDER BY window_start, id LIMIT $2)` +
				` ORDER BY window_start, id LIMIT $2`,
			[]any{"tn", 51, at, "cb_1", "ag", "tm"}},
		{"agent, closed statuses: no hint", questionMarks, velocity.ListQuery{AgentID: "ag", Limit: 10, Statuses: []velocity.Status{"completed"}},
			`SELECT C FROM callbacks WHERE tenant_id = ? AND agent_id = ? AND status IN ('completed') ORDER BY window_start, id LIMIT ?`,
			[]any{"tn", "ag", 10}},
		{"team, $n", numbered, velocity.ListQuery{TeamID: "tm", Limit: 10},
			`SELECT C FROM callbacks WHERE tenant_id = $1 AND team_id = $3 AND status IN ('scheduled', 'claimed') ORDER BY window_start, id LIMIT $2`,
			[]any{"tn", 10, "tm"}},
		{"whole tenant, ?", questionMarks, velocity.ListQuery{Limit: 10},
			`SELECT C FROM callbacks WHERE tenant_id = ? AND status IN ('scheduled', 'claimed') ORDER BY window_start, id LIMIT ?`,
			[]any{"tn", 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sql, args := tc.d.ListCallbacks("tn", tc.q)
			if want := strings.ReplaceAll(tc.sql, "C FROM", CallbackCols+" FROM"); sql != want {
				t.Errorf("sql\n got %s\nwant %s", sql, want)
			}
			if !reflect.DeepEqual(args, tc.args) {
				t.Errorf("args %#v, want %#v", args, tc.args)
			}
		})
	}
}

// TestListCallbacksArgs checks every kind of query for an argument per placeholder:
// one per ? in order, one per distinct $n.
func TestListCallbacksArgs(t *testing.T) {
	for _, agent := range []string{"", "ag"} {
		for _, team := range []string{"", "tm"} {
			for _, after := range []*velocity.Cursor{nil, {WindowStart: time.Now(), ID: "cb"}} {
				q := velocity.ListQuery{AgentID: agent, TeamID: team, After: after, Limit: 5}
				sql, args := questionMarks.ListCallbacks("tn", q)
				if n := strings.Count(sql, "?"); n != len(args) {
					t.Errorf("%+v: %d ? for %d args", q, n, len(args))
				}
				sql, args = numbered.ListCallbacks("tn", q)
				used := map[string]bool{}
				for _, m := range regexp.MustCompile(`\$[0-9]+`).FindAllString(sql, -1) {
					used[m] = true
				}
				want := map[string]bool{}
				for i := 1; i <= len(args); i++ {
					want[fmt.Sprintf("$%d", i)] = true
				}
				if !reflect.DeepEqual(used, want) {
					t.Errorf("%+v: placeholders %v for %d args", q, used, len(args))
				}
			}
		}
	}
}
