package sqlstore

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// fakeDB records the statements Migrate runs; versions in recorded count as applied.
type fakeDB struct {
	recorded map[int]bool
	ran      []string
	fail     string // a script that fails
	txs      int
}

func (db *fakeDB) inTx(ctx context.Context, fn func(Exec) error) error {
	db.txs++
	return fn(func(ctx context.Context, query string, args ...any) (int64, error) {
		if len(args) == 0 {
			if query == db.fail {
				return 0, errors.New("syntax error")
			}
			db.ran = append(db.ran, query)
			return 0, nil
		}
		if !strings.HasPrefix(query, "INSERT INTO schema_migrations") || len(args) != 3 {
			return 0, errors.New("unexpected statement " + query)
		}
		v := args[0].(int)
		if db.recorded[v] {
			return 0, nil
		}
		db.recorded[v] = true
		return 1, nil
	})
}

func TestMigrate(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/0002_rules.sql": {Data: []byte("-- 2")},
		"migrations/0001_init.sql":  {Data: []byte("-- 1")},
		"migrations/0010_more.sql":  {Data: []byte("-- 10")},
		"migrations/README":         {Data: []byte("not a migration")},
	}
	db := &fakeDB{recorded: map[int]bool{2: true}}
	applied, err := numbered.Migrate(context.Background(), fsys, db.inTx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"0001_init.sql", "0010_more.sql"}; !reflect.DeepEqual(applied, want) {
		t.Errorf("applied %v, want %v", applied, want)
	}
	if want := []string{"-- 1", "-- 10"}; !reflect.DeepEqual(db.ran, want) {
		t.Errorf("ran %v, want %v", db.ran, want)
	}
	if db.txs != 3 {
		t.Errorf("%d transactions, want one per migration", db.txs)
	}

	// Run again: nothing left to apply.
	db.ran = nil
	if applied, err := numbered.Migrate(context.Background(), fsys, db.inTx); err != nil || len(applied) != 0 || len(db.ran) != 0 {
		t.Errorf("second run applied %v, ran %v, %v", applied, db.ran, err)
	}
}

func TestMigrateErrors(t *testing.T) {
	bad := fstest.MapFS{"migrations/init.sql": {Data: []byte("-- ?")}}
	_, err := numbered.Migrate(context.Background(), bad, (&fakeDB{recorded: map[int]bool{}}).inTx)
	if err == nil || !strings.Contains(err.Error(), "n: migration init.sql: name must start with a 4-digit number") {
		t.Errorf("unnumbered file: %v", err)
	}

	fsys := fstest.MapFS{"migrations/0001_init.sql": {Data: []byte("CREATE oops")}}
	db := &fakeDB{recorded: map[int]bool{}, fail: "CREATE oops"}
	_, err = numbered.Migrate(context.Background(), fsys, db.inTx)
	if err == nil || !strings.Contains(err.Error(), "n: migration 0001_init.sql: syntax error") {
		t.Errorf("failing script: %v", err)
	}
}
