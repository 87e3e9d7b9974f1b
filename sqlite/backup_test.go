package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlite"
	"github.com/customerdynamics/velocity/storetest"
)

// TestBackupWhileWriting backs up a database while a writer keeps creating callbacks:
// the copy passes its integrity check and holds every callback created before the backup
// began; restoring it gives a working database, and a database in use is not replaced.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "v.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := storetest.NewTenant(t, s, "acme")
	if err := s.PutPolicy(ctx, p.Tenant.ID, storetest.AllDay(), storetest.Epoch); err != nil {
		t.Fatal(err)
	}
	svc := &velocity.Service{Store: s, Clock: storetest.NewClock(storetest.Epoch)}
	phones := storetest.NewPhones()
	create := func() error {
		_, _, err := svc.Create(ctx, p, "", velocity.CreateInput{TeamID: "team-1", PhoneNumber: phones.Next()}, "")
		return err
	}
	for i := 0; i < 50; i++ {
		if err := create(); err != nil {
			t.Fatal(err)
		}
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := create(); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	backup := filepath.Join(dir, "backup.db")
	rep, err := sqlite.Backup(ctx, path, backup)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Integrity != "ok" || rep.Schema < 2 || rep.Rows["callbacks"] < 50 || rep.Rows["tenants"] != 1 || rep.Rows["callbacks"] != rep.Rows["callback_events"] {
		t.Fatalf("backup report %+v", rep)
	}
	if _, err := sqlite.Backup(ctx, path, backup); err == nil {
		t.Fatal("a backup overwrote an existing file")
	}

	// The source is open (its WAL is not empty): restoring over it is refused.
	if _, err := sqlite.Restore(ctx, backup, path, true); !errors.Is(err, sqlite.ErrInUse) {
		t.Fatalf("restore over a database in use: %v", err)
	}
	restored := filepath.Join(dir, "restored.db")
	if _, err := sqlite.Restore(ctx, backup, restored, false); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Restore(ctx, backup, restored, false); err == nil {
		t.Fatal("restore replaced a database without --force")
	}
	r, err := sqlite.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cbs, err := r.ListCallbacks(ctx, p.Tenant.ID, velocity.ListQuery{Limit: 10_000, Statuses: velocity.OpenStatuses})
	if err != nil || int64(len(cbs)) != rep.Rows["callbacks"] {
		t.Fatalf("restored %d callbacks, the backup reported %d: %v", len(cbs), rep.Rows["callbacks"], err)
	}
	// A file that is not a database is refused.
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Restore(ctx, junk, filepath.Join(dir, "x.db"), false); err == nil {
		t.Fatal("restored a file that is not a database")
	}
	t.Logf("backup of %d callbacks while %d more were written: %d bytes", rep.Rows["callbacks"], written.Load(), rep.Bytes)
}
