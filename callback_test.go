package velocity

import (
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

func sp(s string) *string { return &s }

func newCB() Callback {
	return Callback{ID: "cb_1", TeamID: "team-1", Status: StatusScheduled, MaxAttempts: 3, Version: 1,
		WindowStart: t0, WindowEnd: t0.Add(time.Hour)}
}

func TestClaimRules(t *testing.T) {
	exp := t0.Add(time.Minute)
	cases := []struct {
		name  string
		setup func(c *Callback)
		agent string
		want  error
	}{
		{"scheduled team callback", func(c *Callback) {}, "a1", nil},
		{"own personal callback", func(c *Callback) { c.AgentID = sp("a1") }, "a1", nil},
		{"someone else's personal callback", func(c *Callback) { c.AgentID = sp("a2") }, "a1", ErrNotOwner},
		{"held by another, lease active", func(c *Callback) { c.Status, c.ClaimedBy, c.ClaimExpiresAt = StatusClaimed, sp("a2"), &exp }, "a1", ErrAlreadyClaimed},
		{"held by another, lease expired", func(c *Callback) {
			past := t0.Add(-time.Second)
			c.Status, c.ClaimedBy, c.ClaimExpiresAt = StatusClaimed, sp("a2"), &past
		}, "a1", nil},
		{"held by me: renew", func(c *Callback) { c.Status, c.ClaimedBy, c.ClaimExpiresAt = StatusClaimed, sp("a1"), &exp }, "a1", nil},
		{"completed", func(c *Callback) { c.Status = StatusCompleted }, "a1", ErrInvalidTransition},
		{"failed", func(c *Callback) { c.Status = StatusFailed }, "a1", ErrInvalidTransition},
		{"cancelled", func(c *Callback) { c.Status = StatusCancelled }, "a1", ErrInvalidTransition},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cb := newCB()
			c.setup(&cb)
			before := cb
			err := cb.Claim(c.agent, t0, 5*time.Minute)
			if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if err != nil {
				if cb.Version != before.Version || cb.Status != before.Status {
					t.Fatal("a refused claim changed the callback")
				}
				return
			}
			if cb.Status != StatusClaimed || cb.Holder() != c.agent || !cb.ClaimExpiresAt.Equal(t0.Add(5*time.Minute)) || cb.Version != before.Version+1 {
				t.Fatalf("after claim: %+v", cb)
			}
		})
	}
}

func TestAttemptRules(t *testing.T) {
	retry := t0.Add(3 * time.Hour)
	cases := []struct {
		outcome      Outcome
		attempts     int // before
		wantStatus   Status
		wantStart    time.Time
		wantAttempts int
	}{
		{OutcomeConnected, 0, StatusCompleted, t0, 1},
		{OutcomeDeclined, 0, StatusCompleted, t0, 1},
		{OutcomeInvalidNumber, 0, StatusFailed, t0, 1},
		{OutcomeNoAnswer, 0, StatusScheduled, retry, 1},
		{OutcomeBusy, 1, StatusScheduled, retry, 2},
		{OutcomeVoicemail, 2, StatusFailed, t0, 3}, // the third of three attempts
	}
	for _, c := range cases {
		t.Run(string(c.outcome), func(t *testing.T) {
			cb := newCB()
			cb.Attempts = c.attempts
			if err := cb.Claim("a1", t0, time.Minute); err != nil {
				t.Fatal(err)
			}
			if err := cb.Attempt("a1", c.outcome, retry, t0); err != nil {
				t.Fatal(err)
			}
			if cb.Status != c.wantStatus || !cb.WindowStart.Equal(c.wantStart) || cb.Attempts != c.wantAttempts || cb.ClaimedBy != nil || *cb.LastOutcome != c.outcome {
				t.Fatalf("got %+v", cb)
			}
			if cb.Status == StatusScheduled && !cb.WindowEnd.Equal(retry.Add(time.Hour)) {
				t.Fatal("retry window lost its length")
			}
		})
	}
	cb := newCB()
	if err := cb.Attempt("a1", OutcomeBusy, retry, t0); !errors.Is(err, ErrInvalidTransition) {
		t.Fatalf("attempt without claim: %v", err)
	}
	_ = cb.Claim("a1", t0, time.Minute)
	if err := cb.Attempt("a2", OutcomeBusy, retry, t0); !errors.Is(err, ErrNotClaimHolder) {
		t.Fatalf("attempt by non-holder: %v", err)
	}
}

func TestStatusMoves(t *testing.T) {
	// Every move the rules allow, and every other refused with a conflict.
	for _, from := range []Status{StatusScheduled, StatusClaimed, StatusCompleted, StatusFailed, StatusCancelled} {
		cb := newCB()
		cb.Status = from
		if from == StatusClaimed {
			cb.ClaimedBy = sp("a1")
			exp := t0.Add(time.Minute)
			cb.ClaimExpiresAt = &exp
		}
		c1 := cb
		err := c1.Cancel(t0, "", CloseCustomer)
		if from.Open() != (err == nil) {
			t.Errorf("cancel from %s: %v", from, err)
		}
		c2 := cb
		err = c2.Release("a1", t0)
		if (from == StatusClaimed) != (err == nil) {
			t.Errorf("release from %s: %v", from, err)
		}
		if err != nil {
			if e, ok := AsError(err); !ok || e.Kind != KindConflict {
				t.Errorf("release from %s: not a conflict: %v", from, err)
			}
		}
	}
}

func TestBuildValidation(t *testing.T) {
	tn := Tenant{ID: "t", DefaultCountry: "US", DefaultTimezone: "America/Chicago"}
	p := DefaultPolicy()
	at := func(d time.Duration) *time.Time { v := t0.Add(d); return &v }
	cases := []struct {
		name   string
		in     CreateInput
		fields []string
		zone   string
		phone  string
	}{
		{"minimal", CreateInput{TeamID: "t", PhoneNumber: "+1 (212) 555-0100"}, nil, "America/New_York", "+12125550100"},
		{"national format with tenant region", CreateInput{TeamID: "t", PhoneNumber: "212.555.0100"}, nil, "America/New_York", "+12125550100"},
		{"country given", CreateInput{TeamID: "t", PhoneNumber: "030 901820", Country: "DE"}, nil, "Europe/Berlin", "+4930901820"},
		{"zone given wins", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", Timezone: "America/Denver"}, nil, "America/Denver", "+12125550100"},
		{"toll-free falls back to tenant zone", CreateInput{TeamID: "t", PhoneNumber: "+1 800 555 0199"}, nil, "America/Chicago", "+18005550199"},
		{"no team, no number", CreateInput{}, []string{"teamId", "phoneNumber"}, "", ""},
		{"invalid number", CreateInput{TeamID: "t", PhoneNumber: "+1 212 555"}, []string{"phoneNumber"}, "", ""},
		{"unknown zone", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", Timezone: "Local"}, []string{"timezone"}, "", ""},
		{"bad region", CreateInput{TeamID: "t", PhoneNumber: "2125550100", Country: "ZZ"}, []string{"country"}, "", ""},
		{"end before start", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", WindowStart: at(time.Hour), WindowEnd: at(time.Minute)}, []string{"windowEnd"}, "", ""},
		{"ended", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", WindowStart: at(-2 * time.Hour), WindowEnd: at(-time.Hour)}, []string{"windowEnd"}, "", ""},
		{"31 days ahead is fine", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", WindowStart: at(31 * 24 * time.Hour)}, nil, "America/New_York", "+12125550100"},
		{"32 days ahead", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", WindowStart: at(32 * 24 * time.Hour)}, []string{"windowStart"}, "", ""},
		{"empty agent", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", AgentID: sp(" ")}, []string{"agentId"}, "", ""},
		{"invalid utf-8", CreateInput{TeamID: "t", PhoneNumber: "+12125550100", Notes: "\xff"}, []string{"notes"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cb, err := c.in.Build(tn, p, t0)
			if c.fields == nil {
				if err != nil {
					t.Fatal(err)
				}
				if cb.Timezone != c.zone || cb.PhoneNumber != c.phone || cb.Status != StatusScheduled || cb.MaxAttempts != 3 {
					t.Fatalf("got %+v", cb)
				}
				return
			}
			e, ok := AsError(err)
			if !ok || e.Kind != KindUnprocessable {
				t.Fatalf("err = %v", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if len(got) != len(c.fields) {
				t.Fatalf("fields %v, want %v", got, c.fields)
			}
			for i := range got {
				if got[i] != c.fields[i] {
					t.Fatalf("fields %v, want %v", got, c.fields)
				}
			}
		})
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := Cursor{WindowStart: t0.Add(123456 * time.Microsecond), ID: "cb_x|y"}
	got, err := DecodeCursor(EncodeCursor(c))
	if err != nil || !got.WindowStart.Equal(c.WindowStart) || got.ID != c.ID {
		t.Fatalf("%+v %v", got, err)
	}
	for _, bad := range []string{"", "!!", "bm9waXBl", EncodeCursor(c)[:5]} {
		if _, err := DecodeCursor(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestPasswordsAndTokens(t *testing.T) {
	h, err := HashPasswordCost("s3cret-password", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "s3cret-password") || CheckPassword(h, "s3cret-passwore") || CheckPassword("garbage", "x") || CheckPassword("pbkdf2-sha256$0$$", "") {
		t.Fatal("password check")
	}
	secret := []byte("k")
	tok := StreamToken{TenantID: "t", AgentID: "a", TeamID: "team", Expires: 100}
	text := tok.Sign(secret)
	if got, err := ParseStreamToken(text, secret, 99); err != nil || got != tok {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := ParseStreamToken(text, secret, 101); err == nil {
		t.Fatal("expired token accepted")
	}
	if _, err := ParseStreamToken(text, []byte("other"), 99); err == nil {
		t.Fatal("token signed with another secret accepted")
	}
	if _, err := ParseStreamToken("x"+text, secret, 99); err == nil {
		t.Fatal("tampered token accepted")
	}
}

func TestNewIDSortsByTime(t *testing.T) {
	a := NewID("cb_")
	time.Sleep(2 * time.Millisecond)
	b := NewID("cb_")
	if len(a) != 29 || a >= b {
		t.Fatalf("%s %s", a, b)
	}
}
