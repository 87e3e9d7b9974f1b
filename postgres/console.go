package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SearchCallbacks returns a page of the console's search (sqlstore.Dialect.SearchCallbacks).
func (s *Store) SearchCallbacks(ctx context.Context, tenantID string, q velocity.SearchQuery) ([]velocity.Callback, error) {
	query, args := dialect.SearchCallbacks(tenantID, q)
	return queryAll(ctx, s, make([]velocity.Callback, 0, q.Limit), dialect.ScanCallback, query, args...)
}

// Report counts a report (sqlstore.Dialect.Report) on one pooled connection.
func (s *Store) Report(ctx context.Context, tenantID string, q velocity.ReportQuery) ([]velocity.ReportCounts, error) {
	var out []velocity.ReportCounts
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		var err error
		out, err = dialect.Report(ctx, func(ctx context.Context, query string, args []any, fn func(sqlstore.Scanner) error) error {
			rows, err := c.Query(ctx, query, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := fn(rows); err != nil {
					return err
				}
			}
			return rows.Err()
		}, tenantID, q)
		return err
	})
	return out, err
}

// Dialect returns the SQL dialect the store builds its statements in (for tools that
// show plans).
func (s *Store) Dialect() sqlstore.Dialect { return dialect }

// Explain returns EXPLAIN (ANALYZE, BUFFERS) of query run with args as a pgx connection
// settles on running it: prepared, with its generic plan (plan_cache_mode =
// force_generic_plan), in a transaction that is rolled back.
func (s *Store) Explain(ctx context.Context, query string, args []any) (string, error) {
	var plan []string
	err := s.with(ctx, func(ctx context.Context, c *pgxpool.Conn) error {
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		defer rollback(ctx, tx)
		if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `PREPARE velocity_explain AS `+query); err != nil {
			return err
		}
		lits := make([]string, len(args))
		for i, a := range args {
			lits[i] = literal(a)
		}
		run := `EXPLAIN (ANALYZE, BUFFERS) EXECUTE velocity_explain`
		if len(lits) > 0 {
			run += `(` + strings.Join(lits, ", ") + `)`
		}
		rows, err := tx.Query(ctx, run, pgx.QueryExecModeSimpleProtocol)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l string
			if err := rows.Scan(&l); err != nil {
				return err
			}
			plan = append(plan, l)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DEALLOCATE velocity_explain`)
		return err
	})
	return strings.Join(plan, "\n"), err
}

// literal writes a statement argument as an SQL literal, for EXECUTE.
func literal(a any) string {
	switch v := a.(type) {
	case nil:
		return "NULL"
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case time.Time:
		return "'" + v.UTC().Format(time.RFC3339Nano) + "'"
	default:
		return fmt.Sprint(v)
	}
}

// EnsureSchema creates the schema a database URL names with ?search_path=NAME (its first
// one) when it does not exist, so that a scratch data set can live in a schema of its
// own. A URL without search_path needs nothing.
func EnsureSchema(ctx context.Context, url string) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	schema, _, _ := strings.Cut(cfg.RuntimeParams["search_path"], ",")
	schema = strings.TrimSpace(schema)
	if schema == "" {
		return nil
	}
	delete(cfg.RuntimeParams, "search_path")
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return sqlstore.Unavailable(err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{schema}.Sanitize())
	return err
}
