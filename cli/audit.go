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
	from := fs.String("from", "", "only entries at or after this instant (RFC 3339)")
	to := fs.String("to", "", "only entries before this instant (RFC 3339)")
	before := fs.Int64("before", 0, "only entries older than the entry with this id (the next page: the id printed at the end)")
	limit := fs.Int("limit", 100, "at most this many entries (1 to 500)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *limit < 1 || *limit > velocity.MaxAuditLimit {
		return usageErr("--limit must be from 1 to %d", velocity.MaxAuditLimit)
	}
	q := velocity.AuditQuery{Actor: *actor, Kind: *kind, Limit: *limit, Before: *before}
	if *before < 0 {
		return usageErr("--before must be an entry's id")
	}
	for _, b := range []struct {
		flag, v string
		at      *time.Time
	}{{"--from", *from, &q.From}, {"--to", *to, &q.To}} {
		if b.v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, b.v)
		if err != nil {
			return usageErr("%s must be an instant in RFC 3339, e.g. 2026-11-30T09:00:00Z", b.flag)
		}
		*b.at = t
	}
	if *since > 0 && *from != "" {
		return usageErr("give --since or --from, not both")
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
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
	fmt.Fprintln(tw, "ID\tAT\tACTOR\tROLE\tFROM\tKIND\tTARGET\tAFTER")
	for _, e := range items {
		after, _ := json.Marshal(e.After)
		if len(after) > 80 {
			after = append(after[:77], "..."...)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.At.Format(time.RFC3339), e.Actor, e.ActorRole, e.Remote, e.Kind, e.Target, after)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(items) == *limit {
		fmt.Fprintf(c.Stdout, "(more may be older: add --before %d)\n", items[len(items)-1].ID)
	}
	return nil
}
