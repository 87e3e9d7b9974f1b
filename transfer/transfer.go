// Package transfer copies a tenant's data from a SQLite store file into PostgreSQL, so
// that a team that started on the embedded default can move to several servers without
// losing history.
package transfer

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/postgres"
	"github.com/customerdynamics/velocity/sqlite"
)

// PageSize is how many rows Copy reads and writes at a time.
const PageSize = 5000

// Report says what Copy copied.
type Report struct {
	TenantID        string        `json:"tenantId"`
	TenantName      string        `json:"tenantName"`
	APIKeys         int           `json:"apiKeys"`
	Accounts        int           `json:"accounts"`
	Callbacks       int           `json:"callbacks"`
	Events          int           `json:"events"`
	IdempotencyKeys int           `json:"idempotencyKeys"`
	Policy          bool          `json:"policy"`       // the tenant's scheduling policy was copied
	DoNotCall       int           `json:"doNotCall"`    // do-not-call entries
	Webhooks        int           `json:"webhooks"`     // webhook endpoints, with their signing secrets
	AuditEntries    int           `json:"auditEntries"` // the audit trail, in order
	FirstEventID    int64         `json:"firstEventId"` // the copied events' new ids in PostgreSQL
	LastEventID     int64         `json:"lastEventId"`
	Duration        time.Duration `json:"duration"`
}

// ErrTenantExists is returned when the target has the tenant (same id or name) already;
// nothing is copied then, so running Copy twice is safe.
var ErrTenantExists = postgres.TenantExists

// Copy copies the tenant named tenantName (the tenant, its API keys, accounts, callbacks,
// their events in history order, idempotency keys, scheduling policy, do-not-call list,
// webhook endpoints and audit trail) from one consistent snapshot of from into to, in
// one PostgreSQL transaction: all of it arrives or nothing does. Callback ids, versions
// and times are kept; events and audit entries get new ids in the target, in the same
// order. Not copied: server secrets (each database has its own), console sessions
// (supervisors sign in again) and webhook deliveries (the record of messages sent; a
// message still waiting to be sent is not sent from the target). It logs progress to log.
func Copy(ctx context.Context, from *sqlite.Store, to *postgres.Store, tenantName string, log *slog.Logger) (Report, error) {
	return copyTenant(ctx, from, to, tenantName, log, PageSize)
}

func copyTenant(ctx context.Context, from *sqlite.Store, to *postgres.Store, tenantName string, log *slog.Logger, pageSize int) (Report, error) {
	if log == nil {
		log = slog.Default()
	}
	began := time.Now()
	var rep Report
	err := from.Export(ctx, func(x *sqlite.Export) error {
		t, err := x.Tenant(ctx, tenantName)
		if err != nil {
			if e, ok := velocity.AsError(err); ok && e.Kind == velocity.KindNotFound {
				return fmt.Errorf("transfer: the SQLite file has no tenant named %q", tenantName)
			}
			return fmt.Errorf("transfer: read tenant: %w", err)
		}
		return to.Import(ctx, func(ctx context.Context, im *postgres.Import) error {
			rep = Report{TenantID: t.ID, TenantName: t.Name}
			if err := im.Tenant(ctx, t); err != nil {
				return err
			}
			log.Info("copying tenant", "tenant", t.Name, "tenantId", t.ID)
			keys, err := x.APIKeys(ctx, t.ID)
			if err != nil {
				return err
			}
			if err := im.APIKeys(ctx, keys); err != nil {
				return fmt.Errorf("transfer: api keys: %w", err)
			}
			accounts, err := x.Accounts(ctx, t.ID)
			if err != nil {
				return err
			}
			if err := im.Accounts(ctx, accounts); err != nil {
				return fmt.Errorf("transfer: accounts: %w", err)
			}
			rep.APIKeys, rep.Accounts = len(keys), len(accounts)
			log.Info("copied credentials", "apiKeys", rep.APIKeys, "accounts", rep.Accounts)

			err = copyPages(log, "callbacks", &rep.Callbacks, func(after string) ([]velocity.Callback, error) { return x.Callbacks(ctx, t.ID, after, pageSize) },
				func(c velocity.Callback) string { return c.ID }, func(page []velocity.Callback) error { return im.Callbacks(ctx, page) })
			if err != nil {
				return err
			}
			err = copyPages(log, "events", &rep.Events, func(after int64) ([]velocity.Event, error) { return x.Events(ctx, t.ID, after, pageSize) },
				func(e velocity.Event) int64 { return e.ID }, func(page []velocity.Event) error {
					first, last, err := im.Events(ctx, page)
					if err != nil {
						return err
					}
					if rep.FirstEventID == 0 {
						rep.FirstEventID = first
					}
					rep.LastEventID = last
					return nil
				})
			if err != nil {
				return err
			}
			err = copyPages(log, "idempotency keys", &rep.IdempotencyKeys, func(after string) ([]velocity.Idempotency, error) {
				return x.IdempotencyKeys(ctx, t.ID, after, pageSize)
			},
				func(r velocity.Idempotency) string { return r.Key }, func(page []velocity.Idempotency) error { return im.IdempotencyKeys(ctx, page) })
			if err != nil {
				return err
			}
			doc, err := x.Policy(ctx, t.ID)
			if err != nil {
				return err
			}
			if doc != nil {
				if err := im.Policy(ctx, t.ID, doc, time.Now().UTC()); err != nil {
					return fmt.Errorf("transfer: policy: %w", err)
				}
				rep.Policy = true
			}
			err = copyPages(log, "do-not-call list", &rep.DoNotCall, func(after string) ([]velocity.DoNotCall, error) { return x.DoNotCall(ctx, t.ID, after, pageSize) },
				func(e velocity.DoNotCall) string { return e.PhoneNumber }, func(page []velocity.DoNotCall) error { return im.DoNotCall(ctx, page) })
			if err != nil {
				return err
			}
			hooks, err := x.Webhooks(ctx, t.ID)
			if err != nil {
				return err
			}
			if err := im.Webhooks(ctx, hooks); err != nil {
				return fmt.Errorf("transfer: webhook endpoints: %w", err)
			}
			rep.Webhooks = len(hooks)
			err = copyPages(log, "audit trail", &rep.AuditEntries, func(after int64) ([]velocity.AuditEntry, error) { return x.Audit(ctx, t.ID, after, pageSize) },
				func(e velocity.AuditEntry) int64 { return e.ID }, func(page []velocity.AuditEntry) error { return im.Audit(ctx, page) })
			if err != nil {
				return err
			}
			log.Info("committing", "callbacks", rep.Callbacks, "events", rep.Events, "idempotencyKeys", rep.IdempotencyKeys,
				"webhooks", rep.Webhooks, "auditEntries", rep.AuditEntries)
			return nil
		})
	})
	rep.Duration = time.Since(began)
	if err != nil {
		return Report{}, err
	}
	log.Info("tenant copied", "tenant", rep.TenantName, "callbacks", rep.Callbacks, "events", rep.Events, "took", rep.Duration.Round(time.Millisecond))
	return rep, nil
}

// copyPages copies what in pages: read returns the page after a key (K's zero value
// first, an empty page at the end), write writes it; n counts the rows copied.
func copyPages[T, K any](log *slog.Logger, what string, n *int, read func(after K) ([]T, error), key func(T) K, write func([]T) error) error {
	var after K
	for {
		page, err := read(after)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		if err := write(page); err != nil {
			return fmt.Errorf("transfer: %s: %w", what, err)
		}
		*n += len(page)
		after = key(page[len(page)-1])
		log.Info("copying "+what, "copied", *n)
	}
}
