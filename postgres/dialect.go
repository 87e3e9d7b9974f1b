package postgres

import (
	"errors"
	"time"

	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5/pgtype"
)

// dialect is PostgreSQL for the statements and scans the SQL stores share: $n
// parameters, timestamptz columns that pgx writes from time.Time and reads into utcTime.
var dialect = sqlstore.Dialect{
	Name:         "postgres",
	Numbered:     true,
	Arrays:       true,
	JSONText:     "::text",
	RowLocks:     true,
	ScanTime:     func(t *time.Time) any { return utcTime{t} },
	ScanNullTime: func(t **time.Time) any { return nullUTCTime{t} },
	TimeArg:      func(t time.Time) any { return t },
}

// queries are the shared statements in PostgreSQL's spelling.
var queries = dialect.Queries()

// Statements PostgreSQL runs its own way, built on the shared ones.
var (
	// getForUpdate locks the row it reads until the transaction ends.
	getForUpdate = queries.GetCallback + ` FOR UPDATE`
	// insertCallback reports a concurrent open callback for the number as no row
	// inserted, without an error that would end the transaction.
	insertCallback = queries.InsertCallback + ` ON CONFLICT (tenant_id, phone_number) WHERE status IN (` + sqlstore.OpenStatuses + `) DO NOTHING`
	// insertEvent returns the new event's id.
	insertEvent = queries.InsertEvent + ` RETURNING id`
	// enabledWebhooksOf reads the endpoints that take deliveries of the tenants in $1
	// (the events of one transaction may be of many: a scheduler batch), with their
	// tenants' policies (sqlstore.FanOutCols).
	enabledWebhooksOf = `SELECT ` + sqlstore.FanOutCols + ` FROM webhook_endpoints WHERE tenant_id = ANY($1) AND disabled_at IS NULL ORDER BY created_at, id`
)

// utcTime is the scan destination of a NOT NULL timestamptz column. pgx gives a
// timestamptz in time.Local; the stores hand out times in UTC.
type utcTime struct{ t *time.Time }

// ScanTimestamptz sets the time to v in UTC.
func (u utcTime) ScanTimestamptz(v pgtype.Timestamptz) error {
	if !v.Valid {
		return errors.New("postgres: cannot scan NULL into a NOT NULL time")
	}
	*u.t = v.Time.UTC()
	return nil
}

// nullUTCTime is the scan destination of a nullable timestamptz column.
type nullUTCTime struct{ t **time.Time }

// ScanTimestamptz sets the time to nil for NULL, else to v in UTC.
func (u nullUTCTime) ScanTimestamptz(v pgtype.Timestamptz) error {
	if !v.Valid {
		*u.t = nil
		return nil
	}
	t := v.Time.UTC()
	*u.t = &t
	return nil
}
