package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/customerdynamics/velocity"
)

// PolicyCmd is "velocity policy show|set": a tenant's scheduling rules.
type PolicyCmd struct{ Env }

// Run shows the policy as JSON, or changes the fields a JSON document sets (from --file
// or stdin), printing the whole policy after.
func (c *PolicyCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("policy", args, "show", "set")
	if err != nil {
		return err
	}
	fs := c.flags("policy " + sub)
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	file := fs.String("file", "", `set: a JSON file of the fields to change, e.g. {"callingHours":{"sun":null},"teamFallbackMinutes":30} ("-" or empty: stdin)`)
	fs.Bool("json", true, "print JSON (the policy is always printed as JSON)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.AdminService()
	p := velocity.Principal{Tenant: t, Username: "cli"}
	if sub == "show" {
		pol, err := svc.Policy(ctx, t.ID)
		if err != nil {
			return err
		}
		return c.printJSON(pol.Doc())
	}
	in, done, err := c.input(*file)
	if err != nil {
		return err
	}
	defer done()
	raw, err := io.ReadAll(io.LimitReader(in, 1<<20))
	if err != nil {
		return err
	}
	var doc velocity.PolicyDoc
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return usageErr("the policy document is not valid: %v", err)
	}
	pol, err := svc.UpdatePolicy(ctx, p, doc)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.Stderr, "policy updated; servers apply it within 5 seconds")
	return c.printJSON(pol.Doc())
}

// DNCCmd is "velocity dnc add|remove|list|import": a tenant's do-not-call list.
type DNCCmd struct{ Env }

// Run manages the do-not-call list. add and import cancel the open callbacks of the
// numbers they list.
func (c *DNCCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("dnc", args, "add", "remove", "list", "import")
	if err != nil {
		return err
	}
	fs := c.flags("dnc " + sub)
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	reason := fs.String("reason", "", "add: why the numbers are listed")
	country := fs.String("country", "", "add, remove: the country of numbers written without +country")
	file := fs.String("file", "", "import: a CSV file (phoneNumber[,reason[,country]] per line; - or empty: stdin)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (sub == "add" || sub == "remove") && fs.NArg() == 0 {
		return usageErr("dnc %s needs one or more phone numbers as arguments", sub)
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.AdminService()
	p := velocity.Principal{Tenant: t, Username: "cli"}
	switch sub {
	case "add":
		var ins []velocity.DoNotCallInput
		for _, n := range fs.Args() {
			ins = append(ins, velocity.DoNotCallInput{PhoneNumber: n, Country: *country, Reason: *reason})
		}
		res, err := svc.AddDoNotCall(ctx, p, ins)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(res)
		}
		fmt.Fprintf(c.Stdout, "%d number(s) added; %d open callback(s) cancelled\n", res.Added, len(res.Cancelled))
	case "remove":
		for _, n := range fs.Args() {
			if err := svc.RemoveDoNotCall(ctx, p, n, *country); err != nil {
				return fmt.Errorf("%s: %s", n, describe(err))
			}
		}
		if *asJSON {
			return c.printJSON(map[string]any{"removed": fs.NArg()})
		}
		fmt.Fprintf(c.Stdout, "%d number(s) removed\n", fs.NArg())
	case "list":
		after := ""
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		var all []velocity.DoNotCall
		if !*asJSON {
			fmt.Fprintln(tw, "NUMBER\tADDED\tBY\tREASON")
		}
		for {
			page, err := svc.ListDoNotCall(ctx, p, after, 1000)
			if err != nil {
				return err
			}
			for _, e := range page {
				if *asJSON {
					all = append(all, e)
				} else {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.PhoneNumber, e.AddedAt.Format(time.RFC3339), e.AddedBy, e.Reason)
				}
			}
			if len(page) < 1000 {
				break
			}
			after = page[len(page)-1].PhoneNumber
		}
		if *asJSON {
			if all == nil {
				all = []velocity.DoNotCall{}
			}
			return c.printJSON(map[string]any{"items": all})
		}
		return tw.Flush()
	case "import":
		in, done, err := c.input(*file)
		if err != nil {
			return err
		}
		defer done()
		rep, err := svc.ImportDoNotCall(ctx, p, in)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(rep)
		}
		fmt.Fprintf(c.Stdout, "%d line(s): %d added, %d already listed, %d bad; %d open callback(s) cancelled\n",
			rep.Lines, rep.Added, rep.AlreadyListed, len(rep.Errors), len(rep.Cancelled))
		for _, e := range rep.Errors {
			fmt.Fprintf(c.Stdout, "  line %d: %s (%q)\n", e.Line, e.Message, e.Value)
		}
	}
	return nil
}
