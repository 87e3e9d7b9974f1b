package sqlstore

import "context"

// Scanner is one result row: *sql.Row and *sql.Rows of database/sql, pgx.Row and
// pgx.Rows of pgx.
type Scanner interface {
	Scan(dest ...any) error
}

// Rows is a query's result: *sql.Rows of database/sql, pgx.Rows of pgx. The caller
// closes it.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// AppendAll reads every row of rows with scan and appends the values to dst. It stops
// at the first error, from scan or from rows, and returns it unchanged; it does not
// close rows.
func AppendAll[T any](dst []T, rows Rows, scan func(Scanner) (T, error)) ([]T, error) {
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return dst, err
		}
		dst = append(dst, v)
	}
	return dst, rows.Err()
}

// EachRow calls each on every row of rows, stopping at the first error, from each or
// from rows, and returns it unchanged; it does not close rows.
func EachRow(rows Rows, each func(Scanner) error) error {
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// QueryRows calls each on every row of rows, as opened with err, then closes them with
// close (not called when err is set); every error, from opening, from each or from rows,
// passes through mapErr, the store's error mapping.
func QueryRows(rows Rows, err error, close func(), mapErr func(error) error, each func(Scanner) error) error {
	if err != nil {
		return mapErr(err)
	}
	defer close()
	return mapErr(EachRow(rows, each))
}

// MapRow returns row with its Scan error passed through mapErr (so that "no row" is the
// store's velocity.ErrNotFound).
func MapRow(row Scanner, mapErr func(error) error) Scanner { return mappedRow{row, mapErr} }

type mappedRow struct {
	row    Scanner
	mapErr func(error) error
}

func (m mappedRow) Scan(dest ...any) error { return m.mapErr(m.row.Scan(dest...)) }

// Exec runs one statement on a store's connection or in its transaction and returns how
// many rows the statement changed. Called with no arguments it may run a script of
// several statements (a migration file).
type Exec func(ctx context.Context, query string, args ...any) (rows int64, err error)
