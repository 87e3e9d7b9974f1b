package sqlstore

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

// migration is one file of a store's numbered migrations.
type migration struct {
	version int    // the 4-digit number the name starts with
	name    string // the file name, such as 0001_init.sql
	sql     string
}

// readMigrations returns the files migrations/*.sql of fsys in name order, which is
// version order: each name must start with a 4-digit version number.
func (d Dialect) readMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for _, name := range names {
		m := migration{name: path.Base(name)}
		if _, err := fmt.Sscanf(m.name, "%04d_", &m.version); err != nil {
			return nil, fmt.Errorf("%s: migration %s: name must start with a 4-digit number", d.Name, m.name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		m.sql = string(body)
		out = append(out, m)
	}
	return out, nil
}

// Migrate applies the migrations of fsys (its files migrations/NNNN_name.sql, in
// version order) that the table schema_migrations does not list, and returns the names
// of those it applied. Each runs in a transaction of its own that also records it in
// schema_migrations (version, name, applied_at): inTx begins the transaction, taking
// any lock the engine needs against servers migrating at the same time, makes sure
// schema_migrations exists, runs fn with the transaction's Exec, and commits when fn
// returns nil.
func (d Dialect) Migrate(ctx context.Context, fsys fs.FS, inTx func(ctx context.Context, fn func(exec Exec) error) error) ([]string, error) {
	ms, err := d.readMigrations(fsys)
	if err != nil {
		return nil, err
	}
	record := d.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING`)
	var applied []string
	for _, m := range ms {
		err := inTx(ctx, func(exec Exec) error {
			// Recording first tells whether it was applied before: then the insert
			// changes nothing.
			n, err := exec(ctx, record, m.version, m.name, d.TimeArg(time.Now()))
			if err != nil || n == 0 {
				return err
			}
			if _, err := exec(ctx, m.sql); err != nil {
				return fmt.Errorf("%s: migration %s: %w", d.Name, m.name, err)
			}
			applied = append(applied, m.name)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return applied, nil
}
