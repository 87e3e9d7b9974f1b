package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/sqlite"
)

// pgDumpHint is what backup and restore say for a PostgreSQL database.
const pgDumpHint = "PostgreSQL is backed up with its own tools: pg_dump --format=custom --file=velocity.dump 'postgres://...' (consistent while servers run), and restored with pg_restore --clean --if-exists --dbname='postgres://...' velocity.dump"

// Backup is "velocity backup": a consistent, verified copy of a live SQLite database.
type Backup struct{ Env }

// Run copies --db to --to while servers keep running, verifies the copy and reports it.
func (c *Backup) Run(ctx context.Context, args []string) error {
	fs := c.flags("backup")
	db := c.dbFlag(fs)
	to := fs.String("to", "", "the new file to write the backup to (required)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if postgres.IsURL(*db) {
		return usageErr("%s", pgDumpHint)
	}
	if *to == "" {
		return usageErr("--to FILE is required")
	}
	rep, err := sqlite.Backup(ctx, *db, *to)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(rep)
	}
	fmt.Fprintf(c.Stdout, "backup of %s written to %s (%d bytes); integrity check: %s; schema version %d\n", *db, rep.File, rep.Bytes, rep.Integrity, rep.Schema)
	c.printRows(rep.Rows)
	return nil
}

// Restore is "velocity restore": put a backup back as the database.
type Restore struct{ Env }

// Run verifies --from and puts it in place of --db; the servers must be stopped.
func (c *Restore) Run(ctx context.Context, args []string) error {
	fs := c.flags("restore")
	db := c.dbFlag(fs)
	from := fs.String("from", "", "the backup file to restore (required)")
	force := fs.Bool("force", false, "replace an existing database")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if postgres.IsURL(*db) {
		return usageErr("%s", pgDumpHint)
	}
	if *from == "" {
		return usageErr("--from FILE is required")
	}
	rep, err := sqlite.Restore(ctx, *from, *db, *force)
	if errors.Is(err, sqlite.ErrInUse) {
		return fmt.Errorf("%s: %w", *db, err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(rep)
	}
	fmt.Fprintf(c.Stdout, "restored %s from %s; integrity check: %s; schema version %d (newer migrations apply when a server starts)\n", *db, *from, rep.Integrity, rep.Schema)
	c.printRows(rep.Rows)
	return nil
}

func (e Env) printRows(rows map[string]int64) {
	names := make([]string, 0, len(rows))
	for n := range rows {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.Stdout, "  %-20s %d rows\n", n, rows[n])
	}
}
