package app_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// TestDemoDialableAtAnyHour seeds the demo at every half hour of two days from the suite's
// instant: each time four callbacks may be dialed now (two of them due) and one waits for
// its customer's calling hours.
func TestDemoDialableAtAnyHour(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pol := velocity.DefaultPolicy()
	for i := 0; i < 96; i++ {
		now := storetest.Epoch.Add(time.Duration(i) * 30 * time.Minute)
		clock := storetest.NewClock(now)
		// A tenant of its own each time: the demo seeds callbacks only when it creates the tenant.
		if err := app.SeedDemoAs(ctx, s, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), 1000, "demo-"+now.Format("0102T1504")); err != nil {
			t.Fatalf("%s: %v", now, err)
		}
		tn, err := s.GetTenantByName(ctx, "demo-"+now.Format("0102T1504"))
		if err != nil {
			t.Fatal(err)
		}
		cbs, err := s.ListCallbacks(ctx, tn.ID, velocity.ListQuery{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var callable, dueNow, waiting int
		for _, cb := range cbs {
			c := pol.Callability(&cb, now)
			switch {
			case c.Now && !cb.WindowStart.After(now):
				callable++
				dueNow++
			case c.Now:
				callable++
			default:
				waiting++
			}
		}
		if callable != 4 || dueNow != 2 || waiting != 1 {
			t.Errorf("at %s: %d callable now (%d due), %d waiting; want 4 (2), 1", now.Format(time.RFC3339), callable, dueNow, waiting)
		}
	}
}
