package velocity

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// FuzzParsePhone: any text, in any region, either parses to an E.164 number that parses
// again to itself, or is refused with a field error; it never panics.
func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"+12125550100", "(212) 555-0100", "020 7946 0018", "+44 20 7946 0018", "12", "", "+", "\x00", "＋１２１２５５５０１００", strings.Repeat("9", 300)} {
		f.Add(s, "US")
		f.Add(s, "GB")
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		e164, _, fe := ParsePhone("phoneNumber", raw, region)
		if fe != nil {
			if fe.Field != "phoneNumber" || fe.Code == "" || fe.Message == "" {
				t.Fatalf("%q: field error %+v", raw, fe)
			}
			return
		}
		if !strings.HasPrefix(e164, "+") {
			t.Fatalf("%q parsed to %q, not E.164", raw, e164)
		}
		again, _, fe := ParsePhone("phoneNumber", e164, "US")
		if fe != nil || again != e164 {
			t.Fatalf("%q -> %q -> %q (%v)", raw, e164, again, fe)
		}
	})
}

// FuzzPolicyDoc: any JSON document either applies to the default policy and round-trips
// through its own JSON form, or is refused with field errors; it never panics.
func FuzzPolicyDoc(f *testing.F) {
	for _, s := range []string{`{}`, `{"callingHours":{"sun":null}}`, `{"callingHours":{"mon":{"start":"08:00","end":"24:00"}}}`,
		`{"holidays":["2026-12-25","2026-02-30"]}`, `{"retryDelayMinutes":{"busy":5,"connected":1}}`, `{"maxAttempts":0}`,
		`{"callingHours":{"mon":null,"tue":null,"wed":null,"thu":null,"fri":null,"sat":null,"sun":null}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var d PolicyDoc
		if json.Unmarshal([]byte(doc), &d) != nil {
			return
		}
		p, err := d.Apply(DefaultPolicy())
		if err != nil {
			if e, ok := AsError(err); !ok || e.Kind != KindUnprocessable || len(e.Fields) == 0 {
				t.Fatalf("%s: error %v is not a validation error with fields", doc, err)
			}
			return
		}
		back, err := p.Doc().Apply(DefaultPolicy())
		if err != nil {
			t.Fatalf("%s: the applied policy's own document is refused: %v", doc, err)
		}
		a, _ := json.Marshal(p.Doc())
		b, _ := json.Marshal(back.Doc())
		if string(a) != string(b) {
			t.Fatalf("%s: round trip changed the policy:\n%s\n%s", doc, a, b)
		}
		// A policy that applied can always answer when calling is next allowed.
		if _, ok := p.NextCallable(time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC), time.UTC); !ok {
			t.Fatalf("%s: no calling time within the search horizon", doc)
		}
	})
}

// FuzzStreamToken: only a token signed with the secret and not expired opens a stream;
// any other text is refused, never accepted and never a panic.
func FuzzStreamToken(f *testing.F) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	good := StreamToken{TenantID: "tn_1", AgentID: "agent-1", TeamID: "team-1", Expires: 2_000_000_000}.Sign(secret)
	for _, s := range []string{good, good + "x", "", ".", "a.b", strings.Replace(good, "A", "B", 1), good[:len(good)/2]} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tok, err := ParseStreamToken(text, secret, 1_900_000_000)
		if err != nil {
			return
		}
		if tok.Sign(secret) != text {
			t.Fatalf("%q accepted but it is not what the secret signs for %+v", text, tok)
		}
		if tok.Expires < 1_900_000_000 {
			t.Fatalf("%q accepted although it expired", text)
		}
	})
}
