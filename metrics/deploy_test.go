package metrics_test

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/metrics"
)

// fakeStore answers the metrics' database queries.
type fakeStore struct{}

func (fakeStore) OpenCallbackCounts(context.Context, time.Time) ([]velocity.OpenCount, error) {
	return []velocity.OpenCount{{TenantID: "tn_1", Status: velocity.StatusScheduled, Count: 3, Overdue: 1}}, nil
}

func (fakeStore) WebhookQueue(context.Context, time.Time) (velocity.WebhookQueueStats, error) {
	return velocity.WebhookQueueStats{Pending: 1}, nil
}

func (fakeStore) ListTenants(context.Context) ([]velocity.Tenant, error) {
	return []velocity.Tenant{{ID: "tn_1", Name: "acme"}}, nil
}

// TestDeployFilesNameRealMetrics holds the example Grafana dashboard and alert rules to
// the metrics the server exports: every velocity_ name they use exists.
func TestDeployFilesNameRealMetrics(t *testing.T) {
	m := metrics.New(metrics.Options{Store: fakeStore{}, Clock: velocity.SystemClock{}, Streams: func() int64 { return 0 },
		Pools: func() []metrics.Pool { return []metrics.Pool{{Name: "main"}} }})
	m.Observe("GET /healthz", 200, time.Millisecond)
	m.Published([]velocity.Event{{Type: velocity.EventCreated}})
	m.SchedulerPass(velocity.PassResult{}, nil)
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	for _, f := range fams {
		exported[f.GetName()] = true
	}
	name := regexp.MustCompile(`velocity_[a-z_]+`)
	var dash struct {
		Panels []struct {
			Targets []struct{ Expr string } `json:"targets"`
		} `json:"panels"`
	}
	raw, err := os.ReadFile("../deploy/grafana/velocity-dashboard.json")
	if err != nil || json.Unmarshal(raw, &dash) != nil {
		t.Fatalf("dashboard: %v", err)
	}
	var exprs []string
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			exprs = append(exprs, tg.Expr)
		}
	}
	rules, err := os.ReadFile("../deploy/prometheus/velocity-alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	exprs = append(exprs, string(rules))
	used := 0
	for _, e := range exprs {
		for _, n := range name.FindAllString(e, -1) {
			base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(n, "_bucket"), "_count"), "_sum")
			if !exported[base] {
				t.Errorf("%s is not a metric the server exports (in %q)", n, e)
			}
			used++
		}
	}
	if used < 20 {
		t.Fatalf("only %d metric names found in deploy/", used)
	}
}
