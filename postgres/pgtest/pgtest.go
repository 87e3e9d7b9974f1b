// Package pgtest gives tests a PostgreSQL database of their own: a fresh schema on the
// test server, dropped when the test ends, so that tests run in parallel and leave
// nothing behind.
//
// The server is named by VELOCITY_TEST_POSTGRES (default DefaultURL). When it cannot be
// reached, tests are skipped with a message, except under CI (env CI set), where they
// fail: CI must run them.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/storetest"
	"github.com/jackc/pgx/v5"
)

// DefaultURL is the local test server used when VELOCITY_TEST_POSTGRES is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// EnvURL is the environment variable naming the test server.
const EnvURL = "VELOCITY_TEST_POSTGRES"

// BaseURL returns the test server's URL, after checking that it answers (see the package
// comment for what happens when it does not).
func BaseURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		u = DefaultURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		unreachable(t, u, err)
	}
	conn.Close(ctx)
	return u
}

func unreachable(t testing.TB, u string, err error) {
	t.Helper()
	storetest.SkipSuite(t, "PostgreSQL tests", fmt.Sprintf("PostgreSQL at %s is unreachable (start it, or set %s): %v", redact(u), EnvURL, err))
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparsable URL)"
	}
	return p.Redacted()
}

// URL creates a fresh, empty schema named t_<random> on the test server and returns a URL
// whose search_path points at it. The schema is dropped (CASCADE) when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	base := BaseURL(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	exec(t, base, `CREATE SCHEMA `+schema)
	t.Cleanup(func() { exec(t, base, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`) })
	return WithSearchPath(t, base, schema)
}

// WithSearchPath returns u with its search_path set to schema.
func WithSearchPath(t testing.TB, u, schema string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	q := p.Query()
	q.Set("search_path", schema)
	p.RawQuery = q.Encode()
	return p.String()
}

func exec(t testing.TB, u, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("pgtest: %s: %v", sql, err)
	}
}

// Open returns a migrated store on a fresh schema (see URL), closed when the test ends.
func Open(t testing.TB, opts postgres.Options) *postgres.Store {
	t.Helper()
	u := URL(t)
	s, err := postgres.Open(context.Background(), u, opts)
	if err != nil {
		t.Fatalf("pgtest: open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
