package cli

import (
	"context"
	"fmt"

	"github.com/customerdynamics/velocity"
)

// CustomerCmd is "velocity customer erase": a customer's personal data.
type CustomerCmd struct{ Env }

// Run erases the personal data of the customer at --phone (see
// velocity.Service.EraseCustomer), recorded in the audit trail as cli, and prints what
// was done.
func (c *CustomerCmd) Run(ctx context.Context, args []string) error {
	_, args, err := subcommand("customer", args, "erase")
	if err != nil {
		return err
	}
	fs := c.flags("customer erase")
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	phone := fs.String("phone", "", "the customer's phone number, in any common format (required)")
	country := fs.String("country", "", "the country of a number written without +country (default: the tenant's)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *phone == "" {
		return usageErr("customer erase needs --phone NUMBER")
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.AdminService().EraseCustomer(ctx, velocity.CLIPrincipal(t), *phone, *country)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(res)
	}
	fmt.Fprintf(c.Stdout, "%d callback(s) erased (%d open one(s) cancelled); the number removed from %d other callback(s); %d history and %d audit entries rewritten; %d webhook deliveries deleted\n",
		len(res.Callbacks), len(res.Cancelled), res.Mentioning, res.Events, res.AuditEntries, res.WebhookDeliveries)
	if res.DoNotCall {
		fmt.Fprintln(c.Stdout, "the number stays on the do-not-call list")
	}
	return nil
}
