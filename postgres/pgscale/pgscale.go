// Package pgscale seeds a PostgreSQL schema with a large, realistic data set (by default
// 1,000,000 callbacks across 100 tenants, 2,000 teams and 20,000 agents) for query plans
// and benchmarks. Rows are generated inside the database (generate_series), so seeding
// takes about a minute, not an hour.
package pgscale

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/jackc/pgx/v5"
)

// DefaultSchema is the scratch schema benchmarks and the plans program share. It is kept
// between runs (seeding takes a while); drop it with DROP SCHEMA velocity_scale CASCADE.
const DefaultSchema = "velocity_scale"

// Sizes is the shape of the data set.
type Sizes struct {
	Tenants         int
	TeamsPerTenant  int
	AgentsPerTeam   int
	Callbacks       int
	OpenPercent     int // share of callbacks still scheduled or claimed
	PersonalPercent int // share of callbacks owned by one agent rather than a team
}

// Default is the data set the issue names.
var Default = Sizes{Tenants: 100, TeamsPerTenant: 20, AgentsPerTeam: 10, Callbacks: 1_000_000, OpenPercent: 30, PersonalPercent: 50}

// Password is the password of every seeded tenant's "system" account.
const Password = "scale-password"

// TenantID, TenantName, TeamID and AgentID name the seeded entities (i counts from 0;
// teams and agents are numbered across all tenants).
func TenantID(i int) string   { return fmt.Sprintf("tn_scale_%03d", i) }
func TenantName(i int) string { return fmt.Sprintf("scale-%03d", i) }
func TeamID(i int) string     { return fmt.Sprintf("team-%04d", i) }
func AgentID(i int) string    { return fmt.Sprintf("agent-%05d", i) }

// APIKey returns the seeded tenant's API key (deterministic, so that load generators
// can use it; a scratch data set only).
func APIKey(i int) string { return fmt.Sprintf("vel_scale%03d%s", i, strings.Repeat("k", 44)) }

// Dataset describes a seeded schema.
type Dataset struct {
	URL   string // the database URL with search_path set to the schema
	Sizes Sizes
}

// TeamOfAgent returns the team an agent belongs to, and TenantOfTeam the tenant of a team.
func (d Dataset) TeamOfAgent(agent int) int { return agent / d.Sizes.AgentsPerTeam }
func (d Dataset) TenantOfTeam(team int) int { return team / d.Sizes.TeamsPerTenant }

// Teams and Agents are the totals.
func (d Dataset) Teams() int  { return d.Sizes.Tenants * d.Sizes.TeamsPerTenant }
func (d Dataset) Agents() int { return d.Teams() * d.Sizes.AgentsPerTeam }

// Principal returns the service principal of tenant i's system account.
func (d Dataset) Principal(i int) velocity.Principal {
	return velocity.Principal{Tenant: velocity.Tenant{ID: TenantID(i), Name: TenantName(i), DefaultCountry: "US", DefaultTimezone: "America/New_York"},
		AccountID: fmt.Sprintf("ac_scale_%03d", i), Username: "system"}
}

// Ensure makes sure schema on the server at baseURL holds the data set of the given sizes,
// seeding it (after dropping whatever the schema held) when it does not. logf reports
// progress.
func Ensure(ctx context.Context, baseURL, schema string, sz Sizes, logf func(format string, args ...any)) (Dataset, error) {
	u, err := withSearchPath(baseURL, schema)
	if err != nil {
		return Dataset{}, err
	}
	d := Dataset{URL: u, Sizes: sz}
	conn, err := pgx.Connect(ctx, baseURL)
	if err != nil {
		return d, err
	}
	defer conn.Close(ctx)
	marker := fmt.Sprintf("v2 %+v", sz)
	var have string
	err = conn.QueryRow(ctx, `SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = $1`, schema).Scan(&have)
	if err == nil && have == marker {
		logf("schema %s already holds %s", schema, marker)
		s, err := postgres.Open(ctx, u, postgres.Options{}) // apply newer migrations
		if err != nil {
			return d, err
		}
		return d, s.Close()
	}
	began := time.Now()
	ident := pgx.Identifier{schema}.Sanitize()
	for _, q := range []string{`DROP SCHEMA IF EXISTS ` + ident + ` CASCADE`, `CREATE SCHEMA ` + ident} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return d, err
		}
	}
	s, err := postgres.Open(ctx, u, postgres.Options{})
	if err != nil {
		return d, err
	}
	s.Close()
	pw, err := velocity.HashPassword(Password)
	if err != nil {
		return d, err
	}
	if _, err := conn.Exec(ctx, `SET search_path = `+ident); err != nil {
		return d, err
	}
	if _, err := conn.Exec(ctx, `SET statement_timeout = 0`); err != nil {
		return d, err
	}
	for i := 0; i < sz.Tenants; i++ {
		t := TenantID(i)
		if _, err := conn.Exec(ctx, `INSERT INTO tenants VALUES ($1, $2, 'US', 'America/New_York', now())`, t, TenantName(i)); err != nil {
			return d, err
		}
		if _, err := conn.Exec(ctx, `INSERT INTO accounts (id, tenant_id, username, password_hash, created_at) VALUES ($1, $2, 'system', $3, now())`,
			fmt.Sprintf("ac_scale_%03d", i), t, pw); err != nil {
			return d, err
		}
		key := APIKey(i)
		if _, err := conn.Exec(ctx, `INSERT INTO api_keys (id, tenant_id, name, prefix, hash, created_at) VALUES ($1, $2, 'scale', $3, $4, now())`,
			fmt.Sprintf("ak_scale_%03d", i), t, velocity.KeyPrefix(key), velocity.HashAPIKey(key)); err != nil {
			return d, err
		}
	}
	logf("seeding %d callbacks into %s ...", sz.Callbacks, schema)
	// Callback n belongs to team n % teams (so each team's rows spread over time), to that
	// team's agent (n / teams) % agentsPerTeam when personal; windows spread over two weeks
	// around now. A hash of n decides, independently of the team, whether it is open (one
	// in ten of those claimed) and whether it is personal.
	teams := sz.Tenants * sz.TeamsPerTenant
	_, err = conn.Exec(ctx, `
		INSERT INTO callbacks (tenant_id, id, team_id, agent_id, customer_name, phone_number, timezone,
			window_start, window_end, notes, reason, source_interaction_id, created_by, status, attempts,
			max_attempts, last_outcome, claimed_by, claim_expires_at, created_at, updated_at, version)
		SELECT format('tn_scale_%s', lpad((team / $2)::text, 3, '0')),
			format('cb_%s', lpad(n::text, 10, '0')),
			format('team-%s', lpad(team::text, 4, '0')),
			CASE WHEN personal THEN format('agent-%s', lpad((team * $3 + (n / $1) % $3)::text, 5, '0')) END,
			'Customer ' || n, format('+1%s', lpad(n::text, 10, '0')), 'America/New_York',
			ws, ws + interval '1 hour', '', 'seed', '', 'seed',
			CASE WHEN NOT open THEN (ARRAY['completed','failed','cancelled'])[1 + n % 3]
			     WHEN claimed THEN 'claimed' ELSE 'scheduled' END,
			0, 3, NULL,
			CASE WHEN open AND claimed THEN 'agent-x' END,
			CASE WHEN open AND claimed THEN now() + interval '5 minutes' END,
			now() - interval '14 days', now() - interval '14 days', 1
		FROM (SELECT n, n % $1 AS team, (h % 100) < $4 AS open, ((h / 100) % 100) < $5 AS personal, (h / 10000) % 10 = 0 AS claimed,
				now() - interval '7 days' + (n * 1.2096 * interval '1 second') AS ws
			FROM (SELECT n, hashint4(n) & 2147483647 AS h FROM generate_series(0, $6 - 1) AS n) r) g`,
		teams, sz.TeamsPerTenant, sz.AgentsPerTeam, sz.OpenPercent, sz.PersonalPercent, sz.Callbacks)
	if err != nil {
		return d, fmt.Errorf("pgscale: seed callbacks: %w", err)
	}
	logf("callbacks seeded after %s; seeding one event per callback ...", time.Since(began).Round(time.Second))
	_, err = conn.Exec(ctx, `
		INSERT INTO callback_events (tenant_id, callback_id, type, actor_account, actor_agent, at, payload)
		SELECT tenant_id, id, 'created', 'system', '', created_at,
			jsonb_build_object('callback', jsonb_build_object('id', id, 'teamId', team_id, 'agentId', agent_id, 'status', status, 'phoneNumber', phone_number))
		FROM callbacks ORDER BY id`)
	if err != nil {
		return d, fmt.Errorf("pgscale: seed events: %w", err)
	}
	for _, q := range []string{`VACUUM (ANALYZE) callbacks`, `VACUUM (ANALYZE) callback_events`, `ANALYZE`,
		`COMMENT ON SCHEMA ` + ident + ` IS '` + marker + `'`} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return d, err
		}
	}
	logf("seeded %s in %s", schema, time.Since(began).Round(time.Second))
	return d, nil
}

func withSearchPath(u, schema string) (string, error) {
	if _, err := pgx.ParseConfig(u); err != nil {
		return "", err
	}
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "search_path=" + schema, nil
}
