package storetest

import (
	"fmt"
	"os"
	"testing"

	"github.com/customerdynamics/velocity/sqlstore"
)

// SkippedEnv names the environment variable that holds the path of a file where
// SkipSuite records the suites that did not run; the Makefile's test targets set it and
// end the run with a loud list of them.
const SkippedEnv = "VELOCITY_SKIPPED_FILE"

// SkipSuite skips a test whose suite cannot run on this machine (no PostgreSQL, no
// Chromium). Under CI (the CI variable set) it fails the test instead, since CI must run
// every suite. Outside CI it also records "suite: reason" for the run's closing warning.
func SkipSuite(t testing.TB, suite, reason string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: %s, and CI is set, so this suite must run", suite, reason)
	}
	if path := os.Getenv(SkippedEnv); path != "" {
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s: %s\n", suite, reason)
			f.Close()
		}
	}
	t.Skipf("%s did not run: %s", suite, reason)
}

// ReadStrings reads the one text column of every row of a query's result (tests that
// list a database's tables); a query error or a scan error fails the test.
func ReadStrings(t testing.TB, rows sqlstore.Rows, err error) []string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sqlstore.AppendAll(nil, rows, sqlstore.ScanString)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
