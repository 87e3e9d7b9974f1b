package bench_test

import (
	"context"
	"log/slog"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/bench"
)

// TestStreams runs the stream fan-out mode at a tiny size against a real `velocity
// serve` process on SQLite: every created team callback must reach every stream of its
// team, and the report must be filled.
func TestStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and drives a velocity serve process; make test runs it")
	}
	bin := filepath.Join(t.TempDir(), "velocity")
	build := exec.Command("go", "build", "-o", bin, "./cmd/velocity")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var logs strings.Builder
	rep, err := bench.RunStreams(ctx, bench.StreamOptions{Binary: bin, Servers: 1, Streams: 50, Teams: 5,
		Rate: 20, Duration: 2 * time.Second, Drain: 5 * time.Second, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	var table strings.Builder
	rep.Print(&table)
	t.Logf("\n%s", table.String())
	if !rep.OK() {
		t.Fatalf("problems: %q", rep.Problems)
	}
	if rep.StreamsConnected != 50 || rep.ChangesMade != rep.ChangesPlanned || rep.ChangesPlanned != 40 {
		t.Errorf("streams %d of 50, changes %d of %d planned; want 50 and 40 of 40", rep.StreamsConnected, rep.ChangesMade, rep.ChangesPlanned)
	}
	if rep.DeliveriesExpected != 40*10 || rep.DeliveriesReceived != rep.DeliveriesExpected || rep.DeliveriesMissing != 0 || rep.DeliveriesUnexpected != 0 {
		t.Errorf("deliveries: %d expected (want 400), %d received, %d missing, %d unexpected",
			rep.DeliveriesExpected, rep.DeliveriesReceived, rep.DeliveriesMissing, rep.DeliveriesUnexpected)
	}
	if rep.DelayP50Ms <= 0 || rep.DelayP99Ms < rep.DelayP50Ms || rep.DelayMaxMs < rep.DelayP99Ms {
		t.Errorf("delays p50 %v, p99 %v, max %v ms: want 0 < p50 <= p99 <= max", rep.DelayP50Ms, rep.DelayP99Ms, rep.DelayMaxMs)
	}
	if rep.RSSBeforeMB <= 0 || rep.RSSIdleMB <= 0 || rep.CreateP50Ms <= 0 || rep.ProductionSeconds < 1.9 || rep.CPUs < 1 {
		t.Errorf("report not filled: %+v", rep)
	}
}
