package postgres

import (
	"errors"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Unique constraints whose violations are the caller's conflicts, by name (see
// migrations/0001_init.sql).
const (
	constraintOpenPhone       = "callbacks_open_phone"
	constraintTenantName      = "tenants_name_key"
	constraintAccountUsername = "accounts_tenant_username_key"
)

// mapErr turns driver errors into domain errors: no rows is ErrNotFound; a violated
// unique index is the conflict it stands for; a serialization failure or deadlock is
// ErrStaleWrite; an unreachable, restarting, overloaded or timed-out database, and any
// failure of the connection itself, is a KindUnavailable error (code
// database_unavailable). Other server errors (a bug of ours) pass through unchanged.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := velocity.AsError(err); ok {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return velocity.ErrNotFound
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			switch pe.ConstraintName {
			case constraintOpenPhone:
				return velocity.ErrDuplicateOpen
			case constraintTenantName:
				return sqlstore.WithCause(sqlstore.ErrTenantExists, err)
			case constraintAccountUsername:
				return sqlstore.WithCause(sqlstore.ErrAccountExists, err)
			}
			return err
		case "22021", "22P05", "22P02": // invalid byte sequence, untranslatable character, invalid text representation
			// A backstop: the HTTP layer refuses such text before it gets here.
			return &velocity.Error{Kind: velocity.KindInvalid, Code: velocity.CodeInvalidText, Message: "A value is not valid text for the database (a NUL byte or invalid UTF-8).", Err: err}
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return sqlstore.WithCause(velocity.ErrStaleWrite, err)
		case "55P03", // lock_not_available: lock_timeout
			"25006": // read_only_sql_transaction: connected to a standby after a failover
			return sqlstore.Unavailable(err)
		}
		switch pe.Code[:2] {
		case "08", // connection exception
			"53", // insufficient resources (too many connections, disk full)
			"57", // operator intervention: query_canceled (statement_timeout), admin_shutdown, crash_shutdown, cannot_connect_now
			"58": // system error
			return sqlstore.Unavailable(err)
		}
		return err
	}
	var sa pgx.ScanArgError
	if errors.As(err, &sa) {
		return err
	}
	// Anything else from pgx is about the connection: dialling, I/O, a time limit, a
	// connection closed under us.
	return sqlstore.Unavailable(err)
}
