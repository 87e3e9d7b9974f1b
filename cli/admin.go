package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/transfer"
	"github.com/customerdynamics/velocity/tzdb"
)

func basicAuth(user, pass string) string { return velocity.BasicAuth(user, pass) }

// Migrate is "velocity migrate": apply pending database migrations.
type Migrate struct{ Env }

// Run applies the migrations of the database named by --db; with --from-sqlite it then
// copies one tenant's data (history included) from a SQLite file into that PostgreSQL
// database.
func (c *Migrate) Run(ctx context.Context, args []string) error {
	fs := c.flags("migrate")
	db := c.dbFlag(fs)
	from := fs.String("from-sqlite", "", "copy a tenant from this SQLite file into the PostgreSQL --db")
	tenant := fs.String("tenant", "", "with --from-sqlite: the tenant to copy (its name or id)")
	asJSON := fs.Bool("json", false, "print one JSON object (the copy always prints its report as JSON)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from != "" {
		return c.copyTenant(ctx, *from, *db, *tenant)
	}
	a, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer a.Close()
	if *asJSON {
		return c.printJSON(map[string]any{"database": redactDB(*db), "upToDate": true})
	}
	fmt.Fprintf(c.Stdout, "database %s is up to date\n", redactDB(*db))
	return nil
}

// TenantCmd is "velocity tenant create|list".
type TenantCmd struct{ Env }

// Run creates a tenant with its first API key, or lists tenants.
func (c *TenantCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("tenant", args, "create", "list", "set")
	if err != nil {
		return err
	}
	if sub == "set" {
		return c.set(ctx, args)
	}
	fs := c.flags("tenant " + sub)
	db := c.dbFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	var name, country, zone *string
	switch sub {
	case "create":
		name = fs.String("name", "", "the tenant's name (required, unique)")
		country = fs.String("country", "US", "default country for numbers written without +country")
		zone = fs.String("timezone", "America/New_York", "default IANA time zone for customers")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if sub == "create" { // checked before the database is opened (or created)
		*name = strings.TrimSpace(*name)
		if *name == "" || len(*name) > 100 {
			return usageErr("--name is required (at most 100 characters)")
		}
		if !velocity.ValidRegion(*country) {
			return usageErr("--country %q is not an ISO 3166 two-letter code such as US", *country)
		}
		if _, err := tzdb.Load(*zone); err != nil || *zone == "" {
			return usageErr("--timezone %q is not an IANA time zone such as America/New_York", *zone)
		}
	}
	a, err := c.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "list" {
		ts, err := a.Store.ListTenants(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if ts == nil {
				ts = []velocity.Tenant{}
			}
			return c.printJSON(map[string]any{"tenants": ts})
		}
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tID\tCOUNTRY\tTIMEZONE\tCREATED")
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.Name, t.ID, t.DefaultCountry, t.DefaultTimezone, t.CreatedAt.Format(time.RFC3339))
		}
		return tw.Flush()
	}
	now := velocity.SystemClock{}.Now()
	t := velocity.Tenant{ID: velocity.NewID("tn_"), Name: *name, DefaultCountry: strings.ToUpper(*country), DefaultTimezone: *zone, CreatedAt: now}
	if err := a.Store.CreateTenant(ctx, t); err != nil {
		return err
	}
	key, rec := velocity.NewAPIKey()
	rec.ID, rec.TenantID, rec.Name, rec.CreatedAt = velocity.NewID("ak_"), t.ID, "initial", now
	if err := a.Store.CreateAPIKey(ctx, rec); err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(map[string]any{"tenantId": t.ID, "name": t.Name, "apiKey": key, "apiKeyId": rec.ID})
	}
	fmt.Fprintf(c.Stdout, "tenant %s created (id %s)\nAPI key (shown once; use it as velocityApiKey): %s\nNext: velocity account create --tenant %s --username USER\n", t.Name, t.ID, key, t.Name)
	return nil
}

// set changes a tenant's identity setting: velocity tenant set --tenant T --webex-org ORG
// --agent-identity webex|off.
func (c *TenantCmd) set(ctx context.Context, args []string) error {
	fs := c.flags("tenant set")
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	org := fs.String("webex-org", "", "the tenant's Webex organization id (a UUID, or Webex's base64 id); kept when not given")
	mode := fs.String("agent-identity", "", "webex: agent requests must carry the agent's Webex token; off: trust the agent id they name")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if m := velocity.IdentityMode(*mode); *mode != "" && m != velocity.IdentityWebex && m != velocity.IdentityOff {
		return usageErr("--agent-identity must be %s or %s", velocity.IdentityWebex, velocity.IdentityOff)
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	id := t.TenantIdentity
	if *org != "" {
		id.WebexOrgID = *org
	}
	if *mode != "" {
		id.AgentIdentity = velocity.IdentityMode(*mode)
	}
	t, err = a.AdminService().SetIdentity(ctx, velocity.CLIPrincipal(t), id)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(t)
	}
	fmt.Fprintf(c.Stdout, "tenant %s: agent identity %s, Webex org %q; servers apply it within seconds\n", t.Name, t.AgentIdentity, t.WebexOrgID)
	return nil
}

// resolveTenant finds the tenant that --tenant names: by id (what tenant create prints)
// or by name.
func resolveTenant(ctx context.Context, s velocity.AdminStore, ref string) (velocity.Tenant, error) {
	t, err := s.GetTenant(ctx, ref)
	if errors.Is(err, velocity.ErrNotFound) {
		t, err = s.GetTenantByName(ctx, ref)
	}
	if errors.Is(err, velocity.ErrNotFound) {
		return t, fmt.Errorf("no tenant with the id or name %q (see velocity tenant list)", ref)
	}
	return t, err
}

// APIKeyCmd is "velocity apikey create|list|revoke".
type APIKeyCmd struct{ Env }

// Run manages a tenant's API keys.
func (c *APIKeyCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("apikey", args, "create", "list", "revoke")
	if err != nil {
		return err
	}
	fs := c.flags("apikey " + sub)
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	label := fs.String("name", "", "a label for the key (create)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if sub == "revoke" && fs.NArg() != 1 {
		return usageErr("apikey revoke needs the key's id or prefix as its argument")
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	switch sub {
	case "create":
		rec, key, err := a.AdminService().CreateAPIKey(ctx, velocity.CLIPrincipal(t), *label)
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(map[string]any{"tenantId": t.ID, "apiKeyId": rec.ID, "apiKey": key, "prefix": rec.Prefix})
		}
		fmt.Fprintf(c.Stdout, "API key %s created for tenant %s (shown once): %s\n", rec.ID, t.Name, key)
	case "list":
		keys, err := a.Store.ListAPIKeys(ctx, t.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			if keys == nil {
				keys = []velocity.APIKey{}
			}
			return c.printJSON(map[string]any{"apiKeys": keys})
		}
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPREFIX\tNAME\tCREATED\tREVOKED")
		for _, k := range keys {
			rev := "-"
			if k.RevokedAt != nil {
				rev = k.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Prefix, k.Name, k.CreatedAt.Format(time.RFC3339), rev)
		}
		return tw.Flush()
	case "revoke":
		k, err := a.AdminService().RevokeAPIKey(ctx, velocity.CLIPrincipal(t), fs.Arg(0))
		if errors.Is(err, velocity.ErrNotFound) {
			return fmt.Errorf("tenant %s has no API key with id or prefix %q (see velocity apikey list)", t.Name, fs.Arg(0))
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return c.printJSON(k)
		}
		fmt.Fprintf(c.Stdout, "API key %s (%s...) revoked; servers refuse it within seconds\n", k.ID, k.Prefix)
	}
	return nil
}

// AccountCmd is "velocity account create|list|role|disable|enable|passwd".
type AccountCmd struct{ Env }

// Run manages a tenant's accounts and their roles. A password comes from stdin with
// --password-stdin, or is generated and shown once. Changes go to the audit trail as
// made by "cli".
func (c *AccountCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("account", args, "create", "list", "role", "disable", "enable", "passwd")
	if err != nil {
		return err
	}
	fs := c.flags("account " + sub)
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	username := fs.String("username", "", "account username (required, except for list)")
	role := fs.String("role", "", "create: the role (agent, supervisor, admin, integration; default agent); role: the new role")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin (create, passwd)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	*username = strings.TrimSpace(*username)
	if sub != "list" {
		if err := velocity.CheckUsername("username", *username); err != nil {
			return usageErr("--username is required: at most 128 characters of text, without a colon")
		}
	}
	if sub == "role" && *role == "" {
		return usageErr("account role needs --role agent|supervisor|admin|integration")
	}
	if *role != "" {
		if _, err := velocity.ParseRole("role", *role); err != nil {
			return usageErr("--role must be agent, supervisor, admin or integration")
		}
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.AdminService()
	p := velocity.CLIPrincipal(t)
	out := map[string]any{"tenantId": t.ID, "username": *username}
	switch sub {
	case "list":
		accs, err := svc.ListAccounts(ctx, p)
		if err != nil {
			return err
		}
		if *asJSON {
			if accs == nil {
				accs = []velocity.Account{}
			}
			return c.printJSON(map[string]any{"accounts": accs})
		}
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "USERNAME\tROLE\tCREATED\tDISABLED")
		for _, acc := range accs {
			dis := "-"
			if acc.DisabledAt != nil {
				dis = acc.DisabledAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", acc.Username, acc.Role, acc.CreatedAt.Format(time.RFC3339), dis)
		}
		return tw.Flush()
	case "create", "passwd":
		password, generated, err := c.password(*fromStdin)
		if err != nil {
			return err
		}
		if sub == "create" {
			acc, _, err := svc.CreateAccount(ctx, p, velocity.AccountInput{Username: *username, Role: velocity.Role(*role), Password: password})
			if err != nil {
				return err
			}
			out["accountId"], out["role"] = acc.ID, acc.Role
		} else if err := svc.SetPassword(ctx, p, *username, password); err != nil {
			return notFoundAccount(err, t.Name, *username)
		}
		if generated {
			out["password"] = password
		}
		out["velocityAuth"] = basicAuth(*username, password)
		if *asJSON {
			return c.printJSON(out)
		}
		verb := map[string]string{"create": "created", "passwd": "password changed"}[sub]
		fmt.Fprintf(c.Stdout, "account %s of tenant %s %s\n", *username, t.Name, verb)
		if generated {
			fmt.Fprintf(c.Stdout, "password (generated, shown once): %s\n", password)
		}
		fmt.Fprintf(c.Stdout, "velocityAuth for the desktop layout: %s\n", out["velocityAuth"])
	case "role":
		acc, err := svc.SetAccountRole(ctx, p, *username, velocity.Role(*role))
		if err != nil {
			return notFoundAccount(err, t.Name, *username)
		}
		out["role"] = acc.Role
		if *asJSON {
			return c.printJSON(out)
		}
		fmt.Fprintf(c.Stdout, "account %s of tenant %s is now %s; servers apply it within seconds\n", *username, t.Name, acc.Role)
	case "disable", "enable":
		if _, err := svc.SetAccountDisabled(ctx, p, *username, sub == "disable"); err != nil {
			return notFoundAccount(err, t.Name, *username)
		}
		out["disabled"] = sub == "disable"
		if *asJSON {
			return c.printJSON(out)
		}
		fmt.Fprintf(c.Stdout, "account %s of tenant %s %sd; servers see it within seconds\n", *username, t.Name, sub)
	}
	return nil
}

func notFoundAccount(err error, tenant, user string) error {
	if errors.Is(err, velocity.ErrNotFound) {
		return fmt.Errorf("tenant %s has no account %q", tenant, user)
	}
	return err
}

// password reads a password from stdin, or generates one.
func (c *AccountCmd) password(fromStdin bool) (string, bool, error) {
	if !fromStdin {
		return velocity.NewPassword(), true, nil
	}
	line, err := bufio.NewReader(io.LimitReader(c.Stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	line = strings.TrimRight(line, "\r\n")
	if len(line) < 12 {
		return "", false, usageErr("the password from stdin must be at least 12 characters")
	}
	return line, false, nil
}

func (c *Migrate) copyTenant(ctx context.Context, from, db, tenant string) error {
	if !postgres.IsURL(db) {
		return usageErr("--from-sqlite copies into PostgreSQL: give --db a postgres:// URL")
	}
	if tenant == "" {
		return usageErr("--from-sqlite needs --tenant NAME|ID")
	}
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("SQLite file %s: %w", from, err)
	}
	src, err := sqlite.Open(ctx, from)
	if err != nil {
		return err
	}
	defer src.Close()
	t, err := resolveTenant(ctx, src, tenant)
	if err != nil {
		return err
	}
	dst, err := postgres.Open(ctx, db, postgres.Options{})
	if err != nil {
		return err
	}
	defer dst.Close()
	log := slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	rep, err := transfer.Copy(ctx, src, dst, t.Name, log)
	if err != nil {
		return err
	}
	return c.printJSON(rep)
}
