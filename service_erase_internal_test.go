package velocity

import "testing"

func TestReplaceNumber(t *testing.T) {
	t.Parallel()
	const n = "+12125550100"
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{n, ErasedText},
		{"call " + n + " after 5", "call " + ErasedText + " after 5"},
		{n + "," + n, ErasedText + "," + ErasedText},
		{n + "7", n + "7"}, // a longer number that starts with it stays
		{"+121255501007," + n, "+121255501007," + ErasedText},
		{"12125550100", "12125550100"}, // without the +, not E.164: not this number's form
	} {
		if got := replaceNumber(c.in, n); got != c.want {
			t.Errorf("replaceNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScrubberText(t *testing.T) {
	t.Parallel()
	sc := newScrubber("+12125550100")
	sc.secret("Ann Lee")
	sc.secret("Al")
	for _, c := range []struct{ key, in, want string }{
		{"customerName", "Ann Lee", ErasedText},
		{"customerName", " Ann Lee ", ErasedText},
		{"reason", "Ann Lee moved away", ErasedText + " moved away"},
		{"timezone", "America/Ann Lee", "America/Ann Lee"}, // not free text: only whole values
		{"notes", "Also", "Also"},                          // too short a secret to look for within text
		{"notes", "Al", ErasedText},
		{"teamId", "team-1", "team-1"},
	} {
		if got := sc.text(c.key, c.in); got != c.want {
			t.Errorf("text(%q, %q) = %q, want %q", c.key, c.in, got, c.want)
		}
	}
}
