package velocity_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
)

// isListed reports whether acme's do-not-call list holds the E.164 number.
func (b *testBundle) isListed(t *testing.T, phone string) bool {
	t.Helper()
	on, err := b.svc.IsDoNotCall(context.Background(), b.p, phone)
	if err != nil {
		t.Fatal(err)
	}
	return on
}

func TestAddDoNotCall(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("one bad number refuses the whole request", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		good := b.phones.Next()
		_, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{
			{PhoneNumber: good},
			{PhoneNumber: "not a number"},
			{PhoneNumber: b.phones.Next(), Country: "ZZ"},
			{PhoneNumber: b.phones.Next(), Reason: "rang the bell\a"},
		})
		wantFields(t, err, "phoneNumber:invalid_phone_number", "country:invalid_country", "reason:invalid_text")
		if b.isListed(t, good) {
			t.Fatal("a refused request listed a number")
		}
	})

	t.Run("numbers in any format, each listed once, open callbacks cancelled", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		scheduled := b.create(t, velocity.CreateInput{})
		claimed := b.create(t, velocity.CreateInput{})
		b.claim(t, claimed.ID, "agent-1")
		done := b.create(t, velocity.CreateInput{})
		if _, err := b.svc.Cancel(ctx, b.p, done.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		res, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{
			{PhoneNumber: scheduled.PhoneNumber[2:], Reason: "  asked twice  "}, // national format, tenant's country
			{PhoneNumber: scheduled.PhoneNumber},                                // the same number again
			{PhoneNumber: claimed.PhoneNumber},
			{PhoneNumber: done.PhoneNumber},
			{PhoneNumber: "020 7946 0018", Country: "gb"},
		})
		if err != nil || res.Added != 4 {
			t.Fatalf("add: %+v %v", res, err)
		}
		if fmt.Sprint(res.Cancelled) != fmt.Sprint([]string{scheduled.ID, claimed.ID}) {
			t.Fatalf("cancelled %v, want the two open callbacks", res.Cancelled)
		}
		for _, id := range []string{scheduled.ID, claimed.ID} {
			h := b.history(t, id)
			last := h[len(h)-1]
			if last.Type != velocity.EventCancelled || last.Data["reason"] != "do_not_call" || last.Actor.Account != "system" || last.Callback.ClaimedBy != nil {
				t.Errorf("%s: %+v", id, last)
			}
		}
		if h := b.history(t, scheduled.ID); h[len(h)-1].Data["detail"] != "asked twice" {
			t.Errorf("detail %v", h[len(h)-1].Data)
		}
		if n := len(b.history(t, done.ID)); n != 2 {
			t.Errorf("a closed callback was cancelled again: %d events", n)
		}
		if !b.isListed(t, "+442079460018") {
			t.Error("the British number is not listed")
		}
		page, err := b.svc.ListDoNotCall(ctx, b.p, "", 10)
		if err != nil || len(page) != 4 {
			t.Fatalf("list: %+v %v", page, err)
		}
		for i := 1; i < len(page); i++ {
			if page[i-1].PhoneNumber >= page[i].PhoneNumber {
				t.Fatalf("list not ordered by number: %+v", page)
			}
		}
		for _, e := range page {
			if e.PhoneNumber == scheduled.PhoneNumber && (e.Reason != "asked twice" || e.AddedBy != "system" || !e.AddedAt.Equal(monday10)) {
				t.Errorf("entry %+v", e)
			}
		}
		again, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: claimed.PhoneNumber}})
		if err != nil || again.Added != 0 || len(again.Cancelled) != 0 {
			t.Fatalf("listing again: %+v %v", again, err)
		}
	})

	t.Run("more numbers than one transaction takes", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		first := b.create(t, velocity.CreateInput{PhoneNumber: b.phones.N(0)})
		late := b.create(t, velocity.CreateInput{PhoneNumber: b.phones.N(650)})
		var in []velocity.DoNotCallInput
		for i := 0; i < 700; i++ {
			in = append(in, velocity.DoNotCallInput{PhoneNumber: b.phones.N(i)})
		}
		res, err := b.svc.AddDoNotCall(ctx, b.p, in)
		if err != nil || res.Added != 700 || fmt.Sprint(res.Cancelled) != fmt.Sprint([]string{first.ID, late.ID}) {
			t.Fatalf("add 700: added %d cancelled %v %v", res.Added, res.Cancelled, err)
		}
		if !b.isListed(t, b.phones.N(699)) {
			t.Fatal("the last number is not listed")
		}
	})
}

func TestRemoveDoNotCall(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	n := b.phones.Next()
	if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: n}}); err != nil {
		t.Fatal(err)
	}
	err := b.svc.RemoveDoNotCall(ctx, b.p, "one two three", "")
	wantFields(t, err, "phoneNumber:invalid_phone_number")
	if err := b.svc.RemoveDoNotCall(ctx, b.p, n[2:], ""); err != nil { // national format
		t.Fatal(err)
	}
	if b.isListed(t, n) {
		t.Fatal("still listed")
	}
	err = b.svc.RemoveDoNotCall(ctx, b.p, n, "US")
	if e := wantCode(t, err, "not_found"); e.Kind != velocity.KindNotFound || !errors.Is(err, velocity.ErrNotFound) {
		t.Fatalf("remove twice: %v", err)
	}
	b.create(t, velocity.CreateInput{PhoneNumber: n}) // may be called again
}

func TestImportDoNotCall(t *testing.T) {
	t.Parallel()
	type errLine struct {
		line   int
		prefix string // the start of the message: the field at fault, or the CSV problem
	}
	long := "+1212" + strings.Repeat("9", 100)
	cases := []struct {
		name          string
		csv           func(b *testBundle) string
		lines         int
		added         int
		alreadyListed int
		errors        []errLine
		listed        func(b *testBundle) []string
	}{
		{
			name: "a header is skipped, with a country column",
			csv: func(b *testBundle) string {
				return "Phone Number,Reason,Country\n" + b.phones.N(1) + ",asked\n020 7946 0018,,GB\n"
			},
			lines: 2, added: 2,
			listed: func(b *testBundle) []string { return []string{b.phones.N(1), "+442079460018"} },
		},
		{
			name:  "only the first line may be a header",
			csv:   func(b *testBundle) string { return b.phones.N(1) + "\nphone,reason\n" },
			lines: 2, added: 1, errors: []errLine{{2, "phoneNumber "}},
		},
		{
			name:  "blank lines are not counted, line numbers stay exact",
			csv:   func(b *testBundle) string { return "\n" + b.phones.N(1) + "\n   \n\nnope\n" },
			lines: 2, added: 1, errors: []errLine{{5, "phoneNumber "}},
		},
		{
			name: "a stray quote spoils only its line",
			csv: func(b *testBundle) string {
				return b.phones.N(1) + "\n\"" + b.phones.N(2) + ",unterminated\n" + b.phones.N(3) + "\n"
			},
			lines: 3, added: 2, errors: []errLine{{2, "not valid CSV: "}},
			listed: func(b *testBundle) []string { return []string{b.phones.N(1), b.phones.N(3)} },
		},
		{
			name:  "a bad country is the line's error",
			csv:   func(b *testBundle) string { return "020 7946 0018,,XX\n020 7946 0018,,gb\n" },
			lines: 2, added: 1, errors: []errLine{{1, "country "}},
		},
		{
			name: "duplicates in the file and on the list are counted as already listed",
			csv: func(b *testBundle) string {
				return b.phones.N(1) + "\n" + b.phones.N(1)[2:] + "\n" + b.phones.N(9) + "\n" + b.phones.N(2) + "\n"
			},
			lines: 4, added: 2, alreadyListed: 2, // N(9) was listed before the import
		},
		{
			name: "Windows line ends, spaces, quoted fields",
			csv: func(b *testBundle) string {
				return "phone,reason\r\n  " + b.phones.N(1) + ",  \"said \"\"stop\"\"\"\r\n"
			},
			lines: 1, added: 1,
		},
		{
			name:  "a long bad value is cut in the report",
			csv:   func(b *testBundle) string { return long + "\n" },
			lines: 1, errors: []errLine{{1, "phoneNumber "}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			ctx := context.Background()
			if _, err := b.svc.AddDoNotCall(ctx, b.p, []velocity.DoNotCallInput{{PhoneNumber: b.phones.N(9)}}); err != nil {
				t.Fatal(err)
			}
			rep, err := b.svc.ImportDoNotCall(ctx, b.p, strings.NewReader(c.csv(b)))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Lines != c.lines || rep.Added != c.added || rep.AlreadyListed != c.alreadyListed || len(rep.Errors) != len(c.errors) {
				t.Fatalf("report %+v", rep)
			}
			if rep.Lines != rep.Added+rep.AlreadyListed+len(rep.Errors) {
				t.Fatalf("lines not each counted once: %+v", rep)
			}
			for i, want := range c.errors {
				got := rep.Errors[i]
				if got.Line != want.line || !strings.HasPrefix(got.Message, want.prefix) || len(got.Value) > 64 || got.Value == "" {
					t.Errorf("error %d = %+v, want line %d, message %q...", i, got, want.line, want.prefix)
				}
			}
			if c.listed != nil {
				for _, n := range c.listed(b) {
					if !b.isListed(t, n) {
						t.Errorf("%s not listed", n)
					}
				}
			}
		})
	}

	t.Run("the reason of a quoted field is kept", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		ctx := context.Background()
		n := b.phones.Next()
		if _, err := b.svc.ImportDoNotCall(ctx, b.p, strings.NewReader(n+",\"said \"\"stop\"\", twice\"\n")); err != nil {
			t.Fatal(err)
		}
		page, _ := b.svc.ListDoNotCall(ctx, b.p, "", 10)
		if len(page) != 1 || page[0].Reason != `said "stop", twice` {
			t.Fatalf("entries %+v", page)
		}
	})

	t.Run("a line over 64 KiB refuses the file", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		csv := b.phones.N(1) + "\n" + strings.Repeat("x", 70_000) + "\n"
		_, err := b.svc.ImportDoNotCall(context.Background(), b.p, strings.NewReader(csv))
		e := wantCode(t, err, "validation_failed")
		if e.Fields[0].Code != "line_too_long" || !strings.Contains(e.Fields[0].Message, "line 2 ") {
			t.Fatalf("fields %+v", e.Fields)
		}
		if b.isListed(t, b.phones.N(1)) {
			t.Fatal("a refused file listed a number")
		}
	})

	t.Run("more than MaxImportLines refuses the file", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		csv := b.phones.N(1) + "\n" + strings.Repeat("\"\n", velocity.MaxImportLines)
		_, err := b.svc.ImportDoNotCall(context.Background(), b.p, strings.NewReader(csv))
		wantFields(t, err, "body:too_many_lines")
		if b.isListed(t, b.phones.N(1)) {
			t.Fatal("a refused file listed a number")
		}
	})
}
