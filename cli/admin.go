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
	sub, args, err := subcommand("tenant", args, "create", "list")
	if err != nil {
		return err
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
	now := velocity.SystemClock{}.Now()
	switch sub {
	case "create":
		key, rec := velocity.NewAPIKey()
		rec.ID, rec.TenantID, rec.Name, rec.CreatedAt = velocity.NewID("ak_"), t.ID, *label, now
		if err := a.Store.CreateAPIKey(ctx, rec); err != nil {
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
		k, err := a.Store.RevokeAPIKey(ctx, t.ID, fs.Arg(0), now)
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

// AccountCmd is "velocity account create|disable|enable|passwd".
type AccountCmd struct{ Env }

// Run manages a tenant's system accounts. A password comes from stdin with
// --password-stdin, or is generated and shown once.
func (c *AccountCmd) Run(ctx context.Context, args []string) error {
	sub, args, err := subcommand("account", args, "create", "disable", "enable", "passwd")
	if err != nil {
		return err
	}
	fs := c.flags("account " + sub)
	db := c.dbFlag(fs)
	tenant := tenantFlag(fs)
	username := fs.String("username", "", "account username (required)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin (create, passwd)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	*username = strings.TrimSpace(*username)
	if *username == "" || len(*username) > 128 || strings.Contains(*username, ":") || !velocity.CleanText(*username, false) {
		return usageErr("--username is required: at most 128 characters of text, without a colon")
	}
	a, t, err := c.openTenant(ctx, *db, *tenant)
	if err != nil {
		return err
	}
	defer a.Close()
	now := velocity.SystemClock{}.Now()
	out := map[string]any{"tenantId": t.ID, "username": *username}
	switch sub {
	case "create", "passwd":
		password, generated, err := c.password(*fromStdin)
		if err != nil {
			return err
		}
		hash, err := velocity.HashPassword(password)
		if err != nil {
			return err
		}
		if sub == "create" {
			acc := velocity.Account{ID: velocity.NewID("ac_"), TenantID: t.ID, Username: *username, PasswordHash: hash, CreatedAt: now}
			if err := a.Store.CreateAccount(ctx, acc); err != nil {
				return err
			}
			out["accountId"] = acc.ID
		} else if err := a.Store.SetAccountPassword(ctx, t.ID, *username, hash); err != nil {
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
	case "disable", "enable":
		var at *time.Time
		if sub == "disable" {
			at = &now
		}
		if err := a.Store.SetAccountDisabled(ctx, t.ID, *username, at); err != nil {
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
