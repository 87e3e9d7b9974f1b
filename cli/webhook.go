package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/customerdynamics/velocity"
)

// WebhookCmd is "velocity webhook create|list|show|update|delete|rotate|test|deliveries|resend".
type WebhookCmd struct{ Env }

// Run manages a tenant's webhook endpoints on the database, as the API's admin does;
// running servers send the deliveries. Changes go to the audit trail as made by "cli".
func (c *WebhookCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("webhook", args, "create", "list", "show", "update", "delete", "rotate", "test", "deliveries", "resend")
	if err != nil {
		return err
	}
	fs := c.flags("webhook " + sub)
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	url := fs.String("url", "", "the endpoint's https URL (create, update)")
	events := fs.String("events", "", "comma-separated event types, or * for all (create, update): "+eventNames())
	desc := fs.String("description", "", "a note for people (create, update)")
	enable := fs.Bool("enable", false, "enable the endpoint again (update)")
	disable := fs.Bool("disable", false, "disable the endpoint (update)")
	allowPrivate := fs.Bool("allow-private", false, "accept plain http and loopback, private or link-local addresses, for servers run with --webhook-allow-private (create, update)")
	status := fs.String("status", "", "only deliveries of this status: pending, delivered, failed, paused (deliveries)")
	limit := fs.Int("limit", 20, "how many deliveries (deliveries)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	wantArgs := map[string]int{"create": 0, "list": 0, "resend": 2}[sub]
	if sub != "create" && sub != "list" && sub != "resend" {
		wantArgs = 1
	}
	if fs.NArg() != wantArgs {
		return usageErr("webhook %s takes %d argument(s): %s", sub, wantArgs, map[int]string{0: "none", 1: "the endpoint's id", 2: "the endpoint's id and the delivery's id"}[wantArgs])
	}
	if *enable && *disable {
		return usageErr("--enable and --disable exclude each other")
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.AdminService()
	svc.AllowPrivateWebhooks = *allowPrivate
	p := velocity.CLIPrincipal(t)
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch sub {
	case "create":
		w, secret, err := svc.CreateWebhook(ctx, p, velocity.WebhookCreate{URL: *url, Events: splitEvents(*events), Description: *desc})
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(map[string]any{"webhook": w, "secret": secret})
		}
		fmt.Fprintf(c.Stdout, "webhook %s created for %s (%s)\nsigning secret (shown once): %s\n", w.ID, w.URL, strings.Join(eventStrings(w.Events), ","), secret)
	case "list":
		ws, err := svc.ListWebhooks(ctx, p)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(map[string]any{"webhooks": ws})
		}
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tURL\tEVENTS\tSTATE")
		for _, w := range ws {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", w.ID, w.URL, strings.Join(eventStrings(w.Events), ","), state(w))
		}
		return tw.Flush()
	case "show":
		w, err := svc.GetWebhook(ctx, p, fs.Arg(0))
		if err != nil {
			return err
		}
		return c.show(w, *asJSON)
	case "update":
		var in velocity.WebhookUpdate
		if set["url"] {
			in.URL = url
		}
		if set["events"] {
			ev := splitEvents(*events)
			in.Events = &ev
		}
		if set["description"] {
			in.Description = desc
		}
		if *enable || *disable {
			on := *enable
			in.Enabled = &on
		}
		w, err := svc.UpdateWebhook(ctx, p, fs.Arg(0), in)
		if err != nil {
			return err
		}
		return c.show(w, *asJSON)
	case "delete":
		if err := svc.DeleteWebhook(ctx, p, fs.Arg(0)); err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(map[string]any{"deleted": fs.Arg(0)})
		}
		fmt.Fprintf(c.Stdout, "webhook %s deleted with its deliveries\n", fs.Arg(0))
	case "rotate":
		w, secret, err := svc.RotateWebhookSecret(ctx, p, fs.Arg(0))
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(map[string]any{"webhook": w, "secret": secret, "previousSecretValidUntil": w.PreviousSecretUntil})
		}
		fmt.Fprintf(c.Stdout, "new signing secret for %s (shown once): %s\nthe previous one signs too until %s\n", w.ID, secret, w.PreviousSecretUntil.Format(time.RFC3339))
	case "test":
		d, err := svc.TestWebhook(ctx, p, fs.Arg(0))
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(d)
		}
		fmt.Fprintf(c.Stdout, "test message %s queued as delivery %s; a running server sends it (velocity webhook deliveries --tenant %s %s)\n", d.MessageID, d.ID, t.Name, d.WebhookID)
	case "deliveries":
		ds, err := svc.ListWebhookDeliveries(ctx, p, fs.Arg(0), velocity.DeliveryQuery{Status: velocity.DeliveryStatus(*status), Limit: *limit})
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(map[string]any{"deliveries": ds})
		}
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTYPE\tSTATUS\tATTEMPTS\tLAST\tCREATED")
		for _, d := range ds {
			last := d.LastError
			if d.LastStatusCode != nil && last == "" {
				last = fmt.Sprintf("HTTP %d", *d.LastStatusCode)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.Type, d.Status, d.Attempts, last, d.CreatedAt.Format(time.RFC3339))
		}
		return tw.Flush()
	case "resend":
		d, err := svc.ResendWebhookDelivery(ctx, p, fs.Arg(0), fs.Arg(1))
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(d)
		}
		fmt.Fprintf(c.Stdout, "delivery %s queued again (webhook-id %s)\n", d.ID, d.MessageID)
	}
	return nil
}

func (c *WebhookCmd) show(w velocity.Webhook, asJSON bool) error {
	if asJSON {
		return c.printJSON(w)
	}
	fmt.Fprintf(c.Stdout, "id           %s\nurl          %s\nevents       %s\ndescription  %s\nstate        %s\n", w.ID, w.URL,
		strings.Join(eventStrings(w.Events), ","), w.Description, state(w))
	if w.ConsecutiveFailures > 0 {
		fmt.Fprintf(c.Stdout, "failing      %d attempts since %s\n", w.ConsecutiveFailures, w.FailingSince.Format(time.RFC3339))
	}
	return nil
}

func state(w velocity.Webhook) string {
	if w.DisabledAt != nil {
		return "disabled: " + w.DisabledReason
	}
	return "enabled"
}

func splitEvents(s string) []velocity.WebhookEventType {
	var out []velocity.WebhookEventType
	for _, e := range splitList(s) {
		out = append(out, velocity.WebhookEventType(e))
	}
	return out
}

func eventStrings(ts []velocity.WebhookEventType) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

func eventNames() string {
	return strings.Join(eventStrings(velocity.WebhookEventTypes), ", ")
}
