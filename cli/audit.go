package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/customerdynamics/velocity"
)

// AuditCmd is "velocity audit list": a tenant's audit trail, newest first.
type AuditCmd struct{ Env }

// Run prints the audit entries matching the flags.
func (c *AuditCmd) Run(ctx context.Context, args []string) error {
	_, args, err := subcommand("audit", args, "list")
	if err != nil {
		return err
	}
	fs := c.flags("audit list")
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	actor := fs.String("actor", "", "only this actor's entries (an account's username, or cli)")
	kind := fs.String("kind", "", "only entries of this kind, e.g. policy.update")
	since := fs.Duration("since", 0, "only entries of the last duration, e.g. 24h")
	limit := fs.Int("limit", 100, "at most this many entries (1 to 500)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *limit < 1 || *limit > velocity.MaxAuditLimit {
		return usageErr("--limit must be from 1 to %d", velocity.MaxAuditLimit)
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	q := velocity.AuditQuery{Actor: *actor, Kind: *kind, Limit: *limit}
	if *since > 0 {
		q.From = time.Now().Add(-*since)
	}
	items, err := a.AdminService().Audit(ctx, velocity.CLIPrincipal(t), q)
	if err != nil {
		return err
	}
	if *asJSON {
		if items == nil {
			items = []velocity.AuditEntry{}
		}
		return c.printJSON(map[string]any{"items": items})
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AT\tACTOR\tROLE\tFROM\tKIND\tTARGET\tAFTER")
	for _, e := range items {
		after, _ := json.Marshal(e.After)
		if len(after) > 80 {
			after = append(after[:77], "..."...)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.At.Format(time.RFC3339), e.Actor, e.ActorRole, e.Remote, e.Kind, e.Target, after)
	}
	return tw.Flush()
}
