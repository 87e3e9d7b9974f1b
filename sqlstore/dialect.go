// Package sqlstore holds what the two SQL stores, package sqlite and package postgres,
// share: the statements both run (Queries), the column lists and the scans that read
// them, the worklist query builder, the event payload codec, the migration runner, the
// store methods that are one write statement (Writes) and the conflict errors. A store
// describes its engine with a Dialect and keeps its own connections, transactions and
// driver error mapping: this package imports no database driver, not even database/sql,
// and the velocity domain package does not import it.
package sqlstore

import (
	"strconv"
	"strings"
	"time"
)

// Dialect is how one engine spells and stores what the stores share.
type Dialect struct {
	// Name prefixes the errors this package makes for the store ("sqlite", "postgres").
	Name string
	// Numbered reports parameters written $1, $2, ... (PostgreSQL), which a statement
	// may use more than once; otherwise each ? takes the next argument (SQLite).
	Numbered bool
	// IndexHints reports that FROM takes INDEXED BY (SQLite): the statements written for
	// a partial index then name it, so that the planner cannot choose another.
	IndexHints bool
	// WrapUnion reports that the members of a UNION ALL that have their own ORDER BY and
	// LIMIT must be subqueries, SELECT * FROM (...) (SQLite); otherwise they are
	// parenthesised, (...) (PostgreSQL, which merges the two ordered halves).
	WrapUnion bool
	// SkipLocked reports that a locking read may pass over rows other transactions
	// hold (PostgreSQL's FOR UPDATE SKIP LOCKED); SQLite's one writer holds them all.
	SkipLocked bool
	// Lower names the function that lower-cases text for a case-insensitive search; ""
	// is SQL's lower (PostgreSQL's, which folds all of Unicode).
	Lower string
	// ScanTime returns the scan destination that reads a NOT NULL timestamp column into t,
	// in UTC.
	ScanTime func(t *time.Time) any
	// ScanNullTime returns the scan destination that reads a nullable timestamp column
	// into t, in UTC, setting it to nil for NULL.
	ScanNullTime func(t **time.Time) any
	// TimeArg returns the argument that writes t to a timestamp column.
	TimeArg func(t time.Time) any
}

// Rebind returns query with its ? placeholders written $1, $2, ... in order when d
// numbers parameters, and query itself otherwise. query must hold no ? other than its
// placeholders (none in a string literal).
func (d Dialect) Rebind(query string) string {
	if !d.Numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}

// skipLocked returns the clause that makes a locking read pass over rows other
// transactions hold (PostgreSQL), or "" where one writer holds all (SQLite).
func (d Dialect) skipLocked() string {
	if !d.SkipLocked {
		return ""
	}
	return ` FOR UPDATE SKIP LOCKED`
}

// indexedBy returns the FROM hint that makes the engine read through index, or "" when
// the engine takes no hints.
func (d Dialect) indexedBy(index string) string {
	if !d.IndexHints {
		return ""
	}
	return " INDEXED BY " + index
}

// NullTimeArg returns the argument that writes t to a nullable timestamp column: nil
// writes NULL.
func (d Dialect) NullTimeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return d.TimeArg(*t)
}
