package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
)

// BackupReport says what a backup or restore holds: the integrity check's verdict, the
// schema version, and the rows of each table.
type BackupReport struct {
	File      string           `json:"file"`
	Bytes     int64            `json:"bytes"`
	Integrity string           `json:"integrity"` // "ok", or what PRAGMA integrity_check found
	Schema    int              `json:"schemaVersion"`
	Rows      map[string]int64 `json:"rows"`
}

// Backup writes a consistent copy of the database at path to the new file to, with
// VACUUM INTO on a connection of its own: servers using the database go on reading and
// writing meanwhile (WAL), and the copy is the database as of one instant. It then
// verifies the copy (see Verify). An existing file at to is refused.
func Backup(ctx context.Context, path, to string) (BackupReport, error) {
	if _, err := os.Stat(path); err != nil {
		return BackupReport{}, fmt.Errorf("sqlite backup: %w", err)
	}
	if _, err := os.Stat(to); err == nil {
		return BackupReport{}, fmt.Errorf("sqlite backup: %s exists already; choose a new file", to)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": {"busy_timeout(10000)"}}.Encode())
	if err != nil {
		return BackupReport{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, to); err != nil {
		os.Remove(to)
		return BackupReport{}, fmt.Errorf("sqlite backup: %w", err)
	}
	if err := syncFile(to); err != nil {
		return BackupReport{}, err
	}
	rep, err := Verify(ctx, to)
	if err != nil {
		return rep, err
	}
	if rep.Integrity != "ok" {
		return rep, fmt.Errorf("sqlite backup: the copy fails its integrity check: %s", rep.Integrity)
	}
	return rep, nil
}

// Verify opens a database file read-only and reports its integrity check, schema version
// and row counts. It fails when the file is not a Velocity database.
func Verify(ctx context.Context, file string) (BackupReport, error) {
	rep := BackupReport{File: file, Rows: map[string]int64{}}
	st, err := os.Stat(file)
	if err != nil {
		return rep, err
	}
	rep.Bytes = st.Size()
	db, err := sql.Open("sqlite", "file:"+file+"?"+url.Values{"mode": {"ro"}, "_pragma": {"query_only(1)"}}.Encode())
	if err != nil {
		return rep, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&rep.Integrity); err != nil {
		return rep, fmt.Errorf("sqlite: %s is not a readable SQLite database: %w", file, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&rep.Schema); err != nil {
		return rep, fmt.Errorf("sqlite: %s is not a Velocity database (no schema_migrations): %w", file, err)
	}
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return rep, err
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return rep, err
		}
		tables = append(tables, n)
	}
	rows.Close()
	sort.Strings(tables)
	for _, t := range tables {
		var n int64
		// The names come from sqlite_master of a file we opened read-only; quoted all the same.
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`"`).Scan(&n); err != nil {
			return rep, err
		}
		rep.Rows[t] = n
	}
	return rep, nil
}

// ErrInUse is returned by Restore when the target database seems open by a server.
var ErrInUse = errors.New("sqlite: the database has a write-ahead log, so a server may have it open; stop every server using it first")

// Restore puts the backup from back as the database at path: it verifies the backup,
// copies it beside path and renames it into place (so a failure leaves the old database
// as it was), and removes the old database's WAL files. The servers must be stopped: a
// non-empty WAL file beside path is taken as a server having it open (ErrInUse). An
// existing database is replaced only with replace set.
func Restore(ctx context.Context, from, path string, replace bool) (BackupReport, error) {
	rep, err := Verify(ctx, from)
	if err != nil {
		return rep, err
	}
	if rep.Integrity != "ok" {
		return rep, fmt.Errorf("sqlite restore: %s fails its integrity check: %s", from, rep.Integrity)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return rep, ErrInUse
	}
	if _, err := os.Stat(path); err == nil && !replace {
		return rep, fmt.Errorf("sqlite restore: %s exists; pass --force to replace it", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".restore-*")
	if err != nil {
		return rep, err
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(from)
	if err != nil {
		tmp.Close()
		return rep, err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rep, fmt.Errorf("sqlite restore: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return rep, err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return rep, fmt.Errorf("sqlite restore: %w", err)
	}
	rep.File = path
	return rep, syncDir(filepath.Dir(path))
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
