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

// TestSoak runs the soak mode for 5 s against a real `velocity serve` process on SQLite:
// the mixed traffic must reach every operation without an error, the streams must be
// churned, and every series must be read and summarised. (Five seconds say nothing of
// flatness; `make soak-ci` judges a minute.)
func TestSoak(t *testing.T) {
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
	rep, err := bench.RunSoak(ctx, bench.SoakOptions{Binary: bin, Duration: 5 * time.Second, Warmup: time.Second,
		Every: 200 * time.Millisecond, Rate: 40, Streams: 40, Teams: 4, Churn: 0.1, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	var table strings.Builder
	rep.Print(&table)
	t.Logf("\n%s", table.String())
	if rep.Errors > 0 || rep.StreamsDropped > 0 || rep.StreamOpenFailures > 0 || rep.ServerLogLines > 0 {
		t.Errorf("errors %d, drops %d, failed openings %d, server log lines %d: want none", rep.Errors, rep.StreamsDropped,
			rep.StreamOpenFailures, rep.ServerLogLines)
	}
	for _, op := range rep.Ops {
		if op.Requests == 0 || op.P50Ms <= 0 {
			t.Errorf("%s: %d requests, p50 %v ms: want some", op.Op, op.Requests, op.P50Ms)
		}
	}
	if len(rep.Ops) != len(bench.SoakOps) || rep.Requests < 100 || rep.CallbacksCreated == 0 {
		t.Errorf("%d operations, %d requests, %d callbacks created: want %d operations, about 200 requests",
			len(rep.Ops), rep.Requests, rep.CallbacksCreated, len(bench.SoakOps))
	}
	// 4 churn rounds of 4 streams each; half the reopenings resume with Last-Event-ID.
	if rep.StreamOpens < 40+8 || rep.StreamsChurned < 8 || rep.StreamsResumed == 0 || rep.StreamEvents == 0 {
		t.Errorf("streams: %d openings, %d churned, %d resumed, %d events: want the 40 and reopenings, some resumed, events",
			rep.StreamOpens, rep.StreamsChurned, rep.StreamsResumed, rep.StreamEvents)
	}
	if rep.Judged < 15 || len(rep.Samples) <= rep.Judged {
		t.Errorf("%d samples, %d judged: want about 25, 20 of them after the warm-up", len(rep.Samples), rep.Judged)
	}
	for _, s := range []bench.SoakSeries{rep.RSS, rep.GoMem, rep.OutsideGo, rep.Heap, rep.Goroutines, rep.FDs} {
		if !s.Known || s.First <= 0 || s.Last <= 0 || s.Min > s.Max || s.Min > s.First || s.Max < s.Last || s.SecondQuarter <= 0 || s.LastQuarter <= 0 {
			t.Errorf("%s series not filled: %+v", s.Name, s)
		}
	}
	// On SQLite, resident memory holds SQLite's page caches, which fill as the database
	// grows: the verdict counts the memory Go holds instead.
	if rep.RSS.Judged || rep.OutsideGo.Judged || !rep.GoMem.Judged || !rep.Heap.Judged || !rep.Goroutines.Judged || !rep.FDs.Judged {
		t.Errorf("judged on SQLite: rss %v, outside Go %v, Go %v, heap %v, goroutines %v, fds %v; want all but rss and outside Go",
			rep.RSS.Judged, rep.OutsideGo.Judged, rep.GoMem.Judged, rep.Heap.Judged, rep.Goroutines.Judged, rep.FDs.Judged)
	}
	if d := rep.RSS.Last - rep.GoMem.Last - rep.OutsideGo.Last; d < -0.01 || d > 0.01 {
		t.Errorf("resident %v MB is not Go's %v MB and the rest %v MB", rep.RSS.Last, rep.GoMem.Last, rep.OutsideGo.Last)
	}
	if rep.Goroutines.Min < 40 || rep.FDs.Min < 30 {
		t.Errorf("goroutines at least %v, open files at least %v: want at least one per stream", rep.Goroutines.Min, rep.FDs.Min)
	}
}
