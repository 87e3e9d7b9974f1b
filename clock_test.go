package velocity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestShiftedClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 1, 6, 30, 0, 0, velocity.Location("America/New_York"))
	c := velocity.NewShiftedClock(start)
	first := c.Now()
	if first.Before(start) || first.Sub(start) > time.Second {
		t.Fatalf("a new shifted clock reads %v, want about %v", first, start)
	}
	if first.Location() != time.UTC || first.Nanosecond()%1000 != 0 {
		t.Fatalf("%v is not UTC to the microsecond", first)
	}
	time.Sleep(20 * time.Millisecond)
	if d := c.Now().Sub(first); d < 20*time.Millisecond || d > 10*time.Second {
		t.Fatalf("the clock moved %v in 20ms of wall time", d)
	}
	var sys velocity.SystemClock
	if now := sys.Now(); now.Location() != time.UTC || now.Nanosecond()%1000 != 0 || time.Since(now) > time.Second {
		t.Fatalf("system clock %v", now)
	}
}

func TestNewIDAlphabet(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := velocity.NewID("tn_")
		body := strings.TrimPrefix(id, "tn_")
		if len(body) != 26 || strings.Trim(body, "0123456789abcdefghjkmnpqrstvwxyz") != "" || seen[id] {
			t.Fatalf("id %q", id)
		}
		seen[id] = true
	}
}
