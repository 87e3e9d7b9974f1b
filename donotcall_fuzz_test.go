package velocity_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// FuzzImportDoNotCall: any CSV body is accounted for line by line (every non-blank,
// non-header line is added, already listed, or reported bad with its number) and never
// fails the import as a whole unless it is over a limit.
func FuzzImportDoNotCall(f *testing.F) {
	for _, s := range []string{"phone,reason\n+12125550100,x\n", "\"unterminated\n+12125550101\n", "2125550102,,US\n2125550102\n", "\n\n", ",,,,\n", "+44 20 7946 0018,\"a,b\",GB\n"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(f.TempDir(), "v.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	p := storetest.NewTenant(f, s, "acme")
	svc := &velocity.Service{Store: s, Clock: storetest.NewClock(storetest.Epoch)}
	f.Fuzz(func(t *testing.T, body string) {
		rep, err := svc.ImportDoNotCall(ctx, p, strings.NewReader(body))
		if err != nil {
			if e, ok := velocity.AsError(err); ok && e.Kind == velocity.KindUnprocessable {
				return // over a limit (a line over 64 KiB)
			}
			t.Fatalf("import of %q: %v", body, err)
		}
		if rep.Added+rep.AlreadyListed+len(rep.Errors) != rep.Lines {
			t.Fatalf("import of %q: %d lines but %d added, %d already listed, %d bad", body, rep.Lines, rep.Added, rep.AlreadyListed, len(rep.Errors))
		}
		for _, e := range rep.Errors {
			if e.Line < 1 || e.Message == "" {
				t.Fatalf("import of %q: error %+v", body, e)
			}
		}
	})
}
