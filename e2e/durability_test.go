package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/customerdynamics/velocity/postgres/pgtest"
	"github.com/customerdynamics/velocity/storetest"
)

// TestAcknowledgedWritesSurviveKill: clients create callbacks concurrently while the
// server is killed with SIGKILL mid-stream; after a restart every callback whose create
// was acknowledged (201) is there, on SQLite (default durability) and on PostgreSQL.
func TestAcknowledgedWritesSurviveKill(t *testing.T) {
	bin := build(t)
	for name, db := range map[string]string{
		"sqlite":   filepath.Join(t.TempDir(), "v.db"),
		"postgres": pgtest.URL(t),
	} {
		t.Run(name, func(t *testing.T) {
			var created struct {
				APIKey string `json:"apiKey"`
			}
			cli(t, bin, db, "", &created, "tenant", "create", "--name", "acme", "--json")
			cli(t, bin, db, "s3cret-pass-word\n", nil, "account", "create", "--tenant", "acme", "--username", "crm", "--role", "integration", "--password-stdin")
			c := &client{key: created.APIKey, user: "crm", pass: "s3cret-pass-word", http: &http.Client{Timeout: 5 * time.Second}}
			p := start(t, bin, db)

			phones := storetest.NewPhones()
			var mu sync.Mutex
			var acked []string
			var wg sync.WaitGroup
			stop := make(chan struct{})
			for w := 0; w < 8; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
						}
						mu.Lock()
						phone := phones.Next()
						mu.Unlock()
						status, body, err := c.try("POST", p.base+"/api/v1/callbacks", map[string]any{"teamId": "team-1", "phoneNumber": phone})
						if err != nil {
							return // the server is gone: this create's outcome is unknown, and not counted
						}
						if status != 201 {
							continue
						}
						var cb struct{ ID string }
						if json.Unmarshal([]byte(body), &cb) == nil && cb.ID != "" {
							mu.Lock()
							acked = append(acked, cb.ID)
							mu.Unlock()
						}
					}
				}()
			}
			// Kill it once writes are flowing, without warning.
			deadline := time.Now().Add(10 * time.Second)
			for {
				mu.Lock()
				n := len(acked)
				mu.Unlock()
				if n >= 200 || time.Now().After(deadline) {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond)
			close(stop)
			wg.Wait()
			if len(acked) < 100 {
				t.Fatalf("only %d writes were acknowledged before the kill", len(acked))
			}
			p = start(t, bin, db)
			var missing []string
			for _, id := range acked {
				if status, _ := c.call(t, "GET", p.base+"/api/v1/callbacks/"+id, nil); status != 200 {
					missing = append(missing, fmt.Sprintf("%s (%d)", id, status))
				}
			}
			if len(missing) > 0 {
				t.Fatalf("%d of %d acknowledged writes are missing after SIGKILL: %v", len(missing), len(acked), missing)
			}
			t.Logf("%s: all %d acknowledged creates are there after SIGKILL and restart", name, len(acked))
		})
	}
}
