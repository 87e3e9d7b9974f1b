package tzdb

import (
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	ny, err := Load("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-03-08 07:00 UTC is 03:00 EDT: the spring-forward rule comes from the embedded data.
	if got := time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC).In(ny).Format("15:04 MST"); got != "03:00 EDT" {
		t.Fatalf("got %s", got)
	}
	for _, bad := range []string{"Local", "Mars/Olympus", "", "../etc/passwd"} {
		if _, err := Load(bad); err == nil {
			t.Errorf("%q loaded", bad)
		}
	}
	if l, err := Load("UTC"); err != nil || l != time.UTC {
		t.Fatal("UTC")
	}
}
