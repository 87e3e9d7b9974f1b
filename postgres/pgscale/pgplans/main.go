// Command pgplans seeds the scale data set (pgscale.Default, in schema velocity_scale,
// kept between runs) and prints EXPLAIN (ANALYZE, BUFFERS) of the store's hot statements
// as PostgreSQL runs them from pgx: prepared, with the generic plan a connection settles
// on after five executions. It exits with status 1 when a plan has a sequential scan.
//
//	go run ./postgres/pgscale/pgplans [-db URL] [-schema velocity_scale] [-callbacks 1000000]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/postgres/pgscale"
	"github.com/jackc/pgx/v5"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pgplans:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("pgplans", flag.ContinueOnError)
	db := fs.String("db", envOr("VELOCITY_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"), "PostgreSQL URL")
	schema := fs.String("schema", pgscale.DefaultSchema, "scratch schema for the data set")
	n := fs.Int("callbacks", pgscale.Default.Callbacks, "callbacks to seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sz := pgscale.Default
	sz.Callbacks = *n
	d, err := pgscale.Ensure(ctx, *db, *schema, sz, func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) })
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, d.URL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)

	var counts string
	if err := conn.QueryRow(ctx, `SELECT format('%s callbacks (%s open), %s events, %s tenants',
		(SELECT count(*) FROM callbacks), (SELECT count(*) FROM callbacks WHERE status IN ('scheduled', 'claimed')),
		(SELECT count(*) FROM callback_events), (SELECT count(*) FROM tenants))`).Scan(&counts); err != nil {
		return err
	}
	var version string
	_ = conn.QueryRow(ctx, `SHOW server_version`).Scan(&version)
	fmt.Printf("PostgreSQL %s; %s; %d teams, %d agents.\n\n", version, counts, d.Teams(), d.Agents())

	// A busy agent of a busy team, in the middle tenant.
	agent := d.Agents() / 2
	team := d.TeamOfAgent(agent)
	tenant := pgscale.TenantID(d.TenantOfTeam(team))
	var cbID, phone string
	var ws time.Time
	if err := conn.QueryRow(ctx, `SELECT id, phone_number, window_start FROM callbacks WHERE tenant_id = $1 AND team_id = $2
		AND agent_id IS NULL AND status IN ('scheduled', 'claimed') ORDER BY window_start, id OFFSET 50 LIMIT 1`,
		tenant, pgscale.TeamID(team)).Scan(&cbID, &phone, &ws); err != nil {
		return fmt.Errorf("pick a callback: %w", err)
	}
	var maxEvent int64
	if err := conn.QueryRow(ctx, `SELECT max(id) FROM callback_events`).Scan(&maxEvent); err != nil {
		return err
	}
	stmts := postgres.HotStatements(tenant, pgscale.AgentID(agent), pgscale.TeamID(team), cbID, phone,
		&velocity.Cursor{WindowStart: ws, ID: cbID}, maxEvent-20000)

	if _, err := conn.Exec(ctx, `SET plan_cache_mode = force_generic_plan`); err != nil {
		return err
	}
	bad := 0
	for i, st := range stmts {
		plan, err := explain(ctx, conn, fmt.Sprintf("s%d", i), st)
		if err != nil {
			return fmt.Errorf("%s: %w", st.Name, err)
		}
		fmt.Printf("### %s\n\n```sql\n%s\n```\n\n```\n%s\n```\n\n", st.Name, oneLine(st.SQL), plan)
		if strings.Contains(plan, "Seq Scan") {
			bad++
			fmt.Printf("**SEQUENTIAL SCAN in %q**\n\n", st.Name)
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d plans with a sequential scan", bad)
	}
	return nil
}

// explain prepares st (generic plan) and runs EXPLAIN (ANALYZE, BUFFERS) EXECUTE in a
// transaction that is rolled back, so FOR UPDATE locks nothing for long.
func explain(ctx context.Context, conn *pgx.Conn, name string, st postgres.Statement) (string, error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `PREPARE `+name+` AS `+st.SQL); err != nil {
		return "", err
	}
	lits := make([]string, len(st.Args))
	for i, a := range st.Args {
		lits[i] = literal(a)
	}
	rows, err := tx.Query(ctx, `EXPLAIN (ANALYZE, BUFFERS) EXECUTE `+name+`(`+strings.Join(lits, ", ")+`)`, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return "", err
	}
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return "", err
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

func literal(a any) string {
	switch v := a.(type) {
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case time.Time:
		return "'" + v.UTC().Format(time.RFC3339Nano) + "'"
	default:
		return fmt.Sprint(v)
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
