package sqlite_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// TestSearchPlans holds the console's searches to the plans sqlite/PLANS.md documents:
// every read of callbacks is an index range, never a scan of the table, and a search
// merged from several reads (teams, agents, statuses) reads only keys in them and then
// the page's rows by primary key (not, say, through a tenant's whole range). SQLite plans the
// same with or without data (the store keeps no statistics), so an empty store shows it.
func TestSearchPlans(t *testing.T) {
	s := open(t).(*sqlite.Store)
	ctx := context.Background()
	now := storetest.Epoch
	for _, c := range []struct {
		query  string
		merged bool
	}{
		{"team=t1&team=t2&team=t3&status=scheduled,claimed", true},
		{"team=t1&team=t2&status=scheduled,claimed&order=desc", true},
		{"status=scheduled,claimed", true},
		{"overdue=true", true},
		{"dueNow=true", true},
		{"agent=a1&agent=a2", true},
		{"team=t1&team=t2&sort=createdAt&order=desc", false}, // the tenant's creation order, stopped after a page
		{"team=t1&status=scheduled,claimed", false},
		{"agent=a1", false},
		{"sort=attempts&order=desc&minAttempts=2", false},
		{"windowFrom=" + url.QueryEscape(now.Add(-24*time.Hour).Format(time.RFC3339)), false},
	} {
		v, err := url.ParseQuery(c.query)
		if err != nil {
			t.Fatal(err)
		}
		q, err := velocity.ParseSearch(v, "America/New_York")
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		q.Now = now
		sql, args := s.Dialect().SearchCallbacks("tn_1", q)
		plan, err := s.Explain(ctx, sql, args)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		for _, line := range strings.Split(plan, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "SCAN callbacks") || c.merged && strings.HasSuffix(line, "(tenant_id=?)") {
				t.Errorf("%s reads more than an index range:\n%s", c.query, plan)
			}
		}
		byKey := strings.Contains(plan, "SEARCH callbacks USING PRIMARY KEY (tenant_id=? AND id=?)")
		if c.merged && (!byKey || !strings.Contains(plan, "MERGE (UNION ALL)")) {
			t.Errorf("%s: want merged reads of keys, then the page by primary key:\n%s", c.query, plan)
		}
		if !c.merged && byKey {
			t.Errorf("%s: one read needs no second lookup:\n%s", c.query, plan)
		}
	}
}
