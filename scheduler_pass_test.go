package velocity_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

// TestSchedulerPass: one pass announces opened windows, expires leases and announces
// ended windows, but leaves team fallback to its own loop (RunOnce runs it).
func TestSchedulerPass(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	if _, err := b.svc.UpdatePolicy(ctx, b.p, velocity.PolicyDoc{TeamFallbackMinutes: ptr(15)}); err != nil {
		t.Fatal(err)
	}
	now := b.clock.Now()
	start, end := now.Add(time.Hour), now.Add(2*time.Hour)
	later := b.create(t, velocity.CreateInput{WindowStart: &start, WindowEnd: &end})
	personal := b.create(t, velocity.CreateInput{AgentID: ptr("agent-1")}) // window now to an hour from now
	dialed := b.create(t, velocity.CreateInput{})
	b.claim(t, dialed.ID, "agent-2")

	sched := newScheduler(b, b.store)
	var mu sync.Mutex
	var told []velocity.PassResult
	sched.OnPass = func(res velocity.PassResult, err error) {
		mu.Lock()
		told = append(told, res)
		mu.Unlock()
		if err != nil {
			t.Errorf("OnPass: %v", err)
		}
	}

	// Now: the open window is announced (not the one being dialed); nothing else is due.
	res, err := sched.Pass(ctx)
	if err != nil || res.Due != 1 || res.Expired != 0 || res.Overdue != 0 || res.FellBack != 0 {
		t.Fatalf("first pass %+v %v", res, err)
	}
	if len(b.dueFor(personal.ID)) != 1 || len(b.dueFor(dialed.ID)) != 0 || len(b.dueFor(later.ID)) != 0 {
		t.Fatal("due events for the wrong callbacks")
	}
	// Again at once: each window is announced once.
	if res, _ := sched.Pass(ctx); res.Due != 0 {
		t.Fatalf("second pass %+v", res)
	}

	// 90 minutes on: the later window opened; the lease ran out, so the callback waits
	// again (announced in the same pass); the personal window and that one ended 30
	// minutes ago (past the 15-minute fallback, which Pass does not run).
	b.clock.Advance(90 * time.Minute)
	res, err = sched.Pass(ctx)
	if err != nil || res.Due != 2 || res.Expired != 1 || res.Overdue != 2 || res.FellBack != 0 {
		t.Fatalf("later pass %+v %v", res, err)
	}
	if len(b.dueFor(later.ID)) != 1 || len(b.dueFor(dialed.ID)) != 1 || len(b.dueFor(personal.ID)) != 1 {
		t.Fatal("due events for the wrong callbacks")
	}
	if got := b.get(t, dialed.ID); got.Status != velocity.StatusScheduled || got.LapsedHolder() != "agent-2" {
		t.Fatalf("lease not expired: %+v", got)
	}
	if got := b.get(t, personal.ID); got.Owner() != "agent-1" {
		t.Fatalf("Pass handed the callback to its team: %+v", got)
	}
	types := map[velocity.EventType]int{}
	for _, e := range b.history(t, personal.ID) {
		types[e.Type]++
	}
	if types[velocity.EventOverdue] != 1 || types[velocity.EventFallback] != 0 {
		t.Fatalf("personal history %v", types)
	}

	// RunOnce does the fallback.
	res, err = sched.RunOnce(ctx)
	if err != nil || res.FellBack != 1 || res.Due != 0 || res.Overdue != 0 {
		t.Fatalf("RunOnce %+v %v", res, err)
	}
	if got := b.get(t, personal.ID); got.Owner() != "" {
		t.Fatalf("not handed back: %+v", got)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(told) != 4 || told[0].Due != 1 || told[2].Expired != 1 || told[3].FellBack != 1 {
		t.Fatalf("OnPass told %+v", told)
	}
}

// TestSchedulerPassWorkers: with several workers marking opened windows side by side,
// each window is still announced once.
func TestSchedulerPassWorkers(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	var ids []string
	for range 7 {
		ids = append(ids, b.create(t, velocity.CreateInput{}).ID)
	}
	sched := newScheduler(b, b.store)
	sched.Workers, sched.Batch = 3, 2
	res, err := sched.Pass(ctx)
	if err != nil || res.Due != 7 {
		t.Fatalf("pass %+v %v", res, err)
	}
	for _, id := range ids {
		if n := len(b.dueFor(id)); n != 1 {
			t.Errorf("%s announced %d times", id, n)
		}
	}
	// A pass after the request ended tells nobody.
	told := false
	sched.OnPass = func(velocity.PassResult, error) { told = true }
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := sched.Pass(cctx); err == nil {
		t.Fatal("a pass with an ended context succeeded")
	}
	if told {
		t.Fatal("OnPass told about a pass cut short")
	}
}
