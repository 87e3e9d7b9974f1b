package bench

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/customerdynamics/velocity"
)

// ConsoleIndexes are the indexes the console's searches and reports read (migration
// 0004 of each engine); what they cost the agents' writes is measured by
// BenchIndexCost.
var ConsoleIndexes = []string{"callbacks_tenant_window", "callbacks_tenant_created", "callbacks_tenant_attempts",
	"callbacks_agent_window", "callbacks_team_open", "callbacks_closed", "callbacks_first_attempt", "callbacks_fell_back"}

// BenchIndexCost measures what the console's indexes cost the writes agents make: on a
// store of 100,000 callbacks, one op is a create and a claim of a team callback, with
// the indexes ("with") and after drop has dropped them ("without"). open makes a new,
// empty store; drop runs a statement on it.
func BenchIndexCost(b *testing.B, open func(b *testing.B) velocity.Store, drop func(b *testing.B, s velocity.Store, stmt string)) {
	for _, with := range []bool{true, false} {
		b.Run(map[bool]string{true: "with", false: "without"}[with], func(b *testing.B) {
			ctx := context.Background()
			s := open(b)
			w, err := Seed(ctx, s, Shape{Tenants: 1, Teams: 20, Agents: 200, Callbacks: 100_000}, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				b.Fatal(err)
			}
			if !with {
				for _, ix := range ConsoleIndexes {
					drop(b, s, "DROP INDEX "+ix)
				}
			}
			clock := velocity.SystemClock{}
			svc := &velocity.Service{Store: s, Clock: clock, Policies: &velocity.Policies{Store: s, Clock: clock}}
			ops := (&StoreTarget{Service: svc, World: w}).Ops(1)
			create, claim := ops["create"], ops["claim"]
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := create(ctx, 0); err != nil {
					b.Fatal(err)
				}
				if err := claim(ctx, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
