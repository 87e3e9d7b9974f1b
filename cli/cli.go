// Package cli is the velocity command line: serve, migrate, and the admin commands for
// tenants, API keys and accounts. Each command is a type with Run(ctx, args) so that
// tests call it directly.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/app"
	"github.com/customerdynamics/velocity/postgres"
)

// Env is what commands read and write besides their arguments.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// Command is one subcommand.
type Command interface {
	Run(ctx context.Context, args []string) error
}

// ErrUsage marks an error in the command line; Main prints it with the usage and exits 2.
var ErrUsage = errors.New("usage")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, a...))
}

const usage = `velocity: callbacks for Webex Contact Center agents.

Usage:
  velocity serve    [--addr HOST:PORT] [--db PATH|URL] [--demo] [--log-level LEVEL] [--log-format text|json] [--cors-origins LIST] [--debug-addr 127.0.0.1:PORT]
  velocity migrate  [--db PATH|URL] [--from-sqlite FILE --tenant TENANT] [--json]
  velocity tenant   create --name NAME [--country US] [--timezone ZONE] [--json] | list [--json]
  velocity tenant   set --tenant TENANT [--webex-org ORG] [--agent-identity webex|off] [--json]
  velocity apikey   create|list|revoke --tenant TENANT [--name LABEL] [KEY-ID|PREFIX] [--json]
  velocity account  create|role|disable|enable|passwd --tenant TENANT --username USER [--role ROLE] [--password-stdin] [--json]
  velocity account  list --tenant TENANT [--json]
  velocity audit    list --tenant TENANT [--actor A] [--kind K] [--since 24h | --from T] [--to T] [--before ID] [--limit N] [--json]
  velocity policy   show|set --tenant TENANT [--file POLICY.json] [--json]
  velocity dnc      add|remove|list|import --tenant TENANT [NUMBER...] [--reason R] [--file NUMBERS.csv] [--json]
  velocity customer erase --tenant TENANT --phone NUMBER [--country CC] [--json]
  velocity webhook  create --tenant TENANT --url URL --events TYPES [--description D] [--allow-private] [--json]
  velocity webhook  list|show|update|delete|rotate|test|deliveries|resend --tenant TENANT [ID [DELIVERY]] [--json]
  velocity backup   --db PATH --to FILE [--json]
  velocity restore  --db PATH --from FILE [--force] [--json]
  velocity bench    [--callbacks N] [--clients N] [--duration D] [--db PATH|URL] [--json]
  velocity bench    --streams N [--stream-teams T] [--rate R] [--duration D] [--servers K] [--db PATH|URL] [--json]
  velocity bench    --soak D [--rate R] [--streams N] [--churn F] [--warmup W] [--tolerance P] [--db PATH|URL] [--json]
  velocity version  [--json]

TENANT is a tenant's name or its id (tenant create prints both). Every command takes --db
(env VELOCITY_DB, default velocity.db). serve also reads VELOCITY_ADDR (default
127.0.0.1:8080). Run "velocity COMMAND -h" for a command's flags.
`

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	commands := map[string]Command{
		"serve":    &Serve{Env: env},
		"migrate":  &Migrate{Env: env},
		"tenant":   &TenantCmd{Env: env},
		"apikey":   &APIKeyCmd{Env: env},
		"account":  &AccountCmd{Env: env},
		"bench":    &Bench{Env: env},
		"policy":   &PolicyCmd{Env: env},
		"dnc":      &DNCCmd{Env: env},
		"customer": &CustomerCmd{Env: env},
		"backup":   &Backup{Env: env},
		"audit":    &AuditCmd{Env: env},
		"webhook":  &WebhookCmd{Env: env},
		"restore":  &Restore{Env: env},
		"version":  versionCmd{env},
	}
	cmd, ok := commands[args[0]]
	if !ok {
		names := make([]string, 0, len(commands))
		for n := range commands {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(env.Stderr, "velocity: unknown command %q; commands: %s\n", args[0], strings.Join(names, ", "))
		return 2
	}
	err := cmd.Run(ctx, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, ErrUsage):
		fmt.Fprintf(env.Stderr, "velocity %s: %v\n", args[0], strings.TrimPrefix(err.Error(), "usage: "))
		return 2
	}
	fmt.Fprintf(env.Stderr, "velocity %s: %s\n", args[0], describe(err))
	return 1
}

// describe renders an error for a person: a domain error's message, else the error.
func describe(err error) string {
	if e, ok := velocity.AsError(err); ok {
		return e.Message
	}
	return err.Error()
}

// Version is set at build time with -ldflags "-X .../cli.Version=...".
var Version = "dev"

type versionCmd struct{ Env }

func (v versionCmd) Run(ctx context.Context, args []string) error {
	fs := v.flags("version")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *asJSON {
		return v.printJSON(map[string]string{"version": Version})
	}
	fmt.Fprintln(v.Stdout, "velocity", Version)
	return nil
}

// flags returns a FlagSet that prints its usage to the command's stderr.
func (e Env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("velocity "+name, flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	return fs
}

// tenantFlag registers --tenant, which takes a tenant's name or its id.
func tenantFlag(fs *flag.FlagSet) *string {
	return fs.String("tenant", "", "the tenant's name or id (required)")
}

// dbFlag registers --db with its environment default.
func (e Env) dbFlag(fs *flag.FlagSet) *string {
	def := e.Getenv("VELOCITY_DB")
	if def == "" {
		def = "velocity.db"
	}
	return fs.String("db", def, "SQLite file path or postgres:// URL (env VELOCITY_DB)")
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageErr("%v", err)
	}
	return nil
}

// quietLogger discards logs below warnings, for admin commands.
func (e Env) quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// openStore opens the store of an admin command (applying migrations).
func (e Env) openStore(ctx context.Context, db string) (*app.App, error) {
	return app.OpenStoreOnly(ctx, db, e.quietLogger())
}

func (e Env) printJSON(v any) error {
	enc := json.NewEncoder(e.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// subcommand splits args into one of subs and the rest, or explains what is missing.
func subcommand(cmd string, args []string, subs ...string) (string, []string, error) {
	list := strings.Join(subs[:len(subs)-1], ", ") + " or " + subs[len(subs)-1]
	if len(subs) == 1 {
		list = subs[0]
	}
	if len(args) == 0 {
		return "", nil, usageErr("%s needs a subcommand: %s", cmd, list)
	}
	for _, s := range subs {
		if args[0] == s {
			return s, args[1:], nil
		}
	}
	return "", nil, usageErr("unknown %s subcommand %q: use %s", cmd, args[0], list)
}

// openTenant opens the store named by db and finds the tenant named name; the caller
// closes the returned App. A SQLite file that does not exist is refused, not created:
// it can hold no tenant, and a command run in the wrong directory would leave an empty
// database behind.
func (e Env) openTenant(ctx context.Context, db, name string) (*app.App, velocity.Tenant, error) {
	if name == "" {
		return nil, velocity.Tenant{}, usageErr("--tenant NAME|ID is required")
	}
	if !postgres.IsURL(db) {
		if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
			return nil, velocity.Tenant{}, fmt.Errorf("no database at %s: name it with --db or VELOCITY_DB, or create it with velocity tenant create --db %s", db, db)
		}
	}
	a, err := e.openStore(ctx, db)
	if err != nil {
		return nil, velocity.Tenant{}, err
	}
	t, err := resolveTenant(ctx, a.Store, name)
	if err != nil {
		a.Close()
		return nil, velocity.Tenant{}, err
	}
	return a, t, nil
}

// input opens a file named by a flag, or stdin for "" and "-".
func (e Env) input(file string) (io.Reader, func(), error) {
	if file == "" || file == "-" {
		return e.Stdin, func() {}, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
