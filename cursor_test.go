package velocity_test

import (
	"encoding/base64"
	"testing"
	"time"

	"github.com/customerdynamics/velocity"
)

func TestDecodeCursorRefusesGarbage(t *testing.T) {
	t.Parallel()
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	cases := map[string]string{
		"empty":                 "",
		"not base64":            "*&^%",
		"padded base64":         base64.URLEncoding.EncodeToString([]byte("2026-03-02T15:00:00Z|cb_1")),
		"standard alphabet":     base64.RawStdEncoding.EncodeToString([]byte("2026-03-02T15:00:00Z|cb_??>")),
		"no separator":          enc("2026-03-02T15:00:00Z cb_1"),
		"no id":                 enc("2026-03-02T15:00:00Z|"),
		"no time":               enc("|cb_1"),
		"not a time":            enc("yesterday|cb_1"),
		"a date without a time": enc("2026-03-02|cb_1"),
		"a control character":   enc("2026-03-02T15:00:00Z|cb\x001"),
		"invalid UTF-8":         enc("2026-03-02T15:00:00Z|cb\xff"),
	}
	for name, s := range cases {
		_, err := velocity.DecodeCursor(s)
		e, ok := velocity.AsError(err)
		if !ok || e.Code != "invalid_cursor" || e.Kind != velocity.KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "cursor" {
			t.Errorf("%s (%q): %v", name, s, err)
		}
	}
}

func TestCursorKeepsTheInstant(t *testing.T) {
	t.Parallel()
	ny := velocity.Location("America/New_York")
	c := velocity.Cursor{WindowStart: time.Date(2026, 3, 2, 10, 0, 0, 123456000, ny), ID: "cb_01|with a bar"}
	got, err := velocity.DecodeCursor(velocity.EncodeCursor(c))
	if err != nil || !got.WindowStart.Equal(c.WindowStart) || got.ID != c.ID {
		t.Fatalf("%+v %v", got, err)
	}
	// The same instant in any zone makes the same cursor.
	if velocity.EncodeCursor(c) != velocity.EncodeCursor(velocity.Cursor{WindowStart: c.WindowStart.UTC(), ID: c.ID}) {
		t.Fatal("cursor depends on the zone")
	}
}
