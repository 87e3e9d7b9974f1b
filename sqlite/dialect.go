package sqlite

import (
	"fmt"
	"time"

	"github.com/customerdynamics/velocity/sqlstore"
)

// dialect is SQLite for the statements and scans the SQL stores share: ? parameters,
// INDEXED BY hints, and times stored as integer Unix microseconds (UTC).
var dialect = sqlstore.Dialect{
	Name:         "sqlite",
	IndexHints:   true,
	WrapUnion:    true,
	Lower:        foldFunc,
	ScanTime:     func(t *time.Time) any { return micros{t} },
	ScanNullTime: func(t **time.Time) any { return nullMicros{t} },
	TimeArg:      func(t time.Time) any { return t.UnixMicro() },
}

// queries are the shared statements in SQLite's spelling.
var queries = dialect.Queries()

// micros is the scan destination of a NOT NULL timestamp column: Unix microseconds.
type micros struct{ t *time.Time }

// Scan sets the time to the column's microseconds, in UTC.
func (m micros) Scan(src any) error {
	v, ok := src.(int64)
	if !ok {
		return fmt.Errorf("sqlite: a timestamp column holds %T, not integer microseconds", src)
	}
	*m.t = time.UnixMicro(v).UTC()
	return nil
}

// nullMicros is the scan destination of a nullable timestamp column.
type nullMicros struct{ t **time.Time }

// Scan sets the time to nil for NULL, else as micros does.
func (m nullMicros) Scan(src any) error {
	if src == nil {
		*m.t = nil
		return nil
	}
	var t time.Time
	if err := (micros{&t}).Scan(src); err != nil {
		return err
	}
	*m.t = &t
	return nil
}
