package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/customerdynamics/velocity"
	"github.com/customerdynamics/velocity/sqlstore"
	"github.com/jackc/pgx/v5"
)

// Import writes a whole tenant's data in one transaction: either all of it is there
// afterwards or none of it (package transfer copies a tenant from SQLite with it).
type Import struct {
	tx pgx.Tx
}

// Import runs fn in one transaction that commits when fn returns nil. Statements may run
// up to a minute each (bulk COPYs), not the store's usual StatementTimeout.
func (s *Store) Import(ctx context.Context, fn func(ctx context.Context, im *Import) error) error {
	return s.inWriteTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = '60s'`); err != nil {
			return mapErr(err)
		}
		return fn(ctx, &Import{tx: tx})
	})
}

// TenantExists is returned by Import.Tenant when the target has the tenant already: a
// sqlstore.ErrTenantExists (code tenant_exists) that says so.
var TenantExists = sqlstore.ErrTenantExists.With("The tenant exists already in the target database.", nil)

// Tenant adds the tenant, refusing (TenantExists) when one with its id or name exists.
func (im *Import) Tenant(ctx context.Context, t velocity.Tenant) error {
	var id, name string
	err := im.tx.QueryRow(ctx, `SELECT id, name FROM tenants WHERE id = $1 OR name = $2 LIMIT 1`, t.ID, t.Name).Scan(&id, &name)
	if err == nil {
		return TenantExists.With(fmt.Sprintf("The target database has a tenant %q (id %s) already; nothing was copied.", name, id),
			map[string]any{"tenantId": id, "name": name})
	}
	if mapped := mapErr(err); mapped != velocity.ErrNotFound {
		return mapped
	}
	mode := t.AgentIdentity
	if mode == "" {
		mode = velocity.IdentityOff
	}
	_, err = im.tx.Exec(ctx, queries.InsertTenant, t.ID, t.Name, t.DefaultCountry, t.DefaultTimezone, t.CreatedAt, t.WebexOrgID, string(mode))
	return mapErr(err)
}

func (im *Import) copy(ctx context.Context, table string, cols []string, n int, row func(i int) ([]any, error)) error {
	_, err := im.tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(n, row))
	return mapErr(err)
}

// APIKeys adds keys with their hashes.
func (im *Import) APIKeys(ctx context.Context, keys []velocity.APIKey) error {
	return im.copy(ctx, "api_keys", []string{"id", "tenant_id", "name", "prefix", "hash", "created_at", "revoked_at"}, len(keys),
		func(i int) ([]any, error) {
			k := keys[i]
			return []any{k.ID, k.TenantID, k.Name, k.Prefix, k.Hash, k.CreatedAt, k.RevokedAt}, nil
		})
}

// Accounts adds accounts with their password hashes.
func (im *Import) Accounts(ctx context.Context, accounts []velocity.Account) error {
	return im.copy(ctx, "accounts", []string{"id", "tenant_id", "username", "password_hash", "created_at", "disabled_at", "role"}, len(accounts),
		func(i int) ([]any, error) {
			a := accounts[i]
			if a.Role == "" {
				a.Role = velocity.RoleAgent
			}
			return []any{a.ID, a.TenantID, a.Username, a.PasswordHash, a.CreatedAt, a.DisabledAt, string(a.Role)}, nil
		})
}

// Callbacks adds callbacks as they are (ids, versions and times kept).
func (im *Import) Callbacks(ctx context.Context, cbs []velocity.Callback) error {
	return im.copy(ctx, "callbacks", sqlstore.CallbackColumns, len(cbs), func(i int) ([]any, error) { return dialect.CallbackArgs(cbs[i]), nil })
}

// Events appends events in the order given; they get new ids, increasing in that order,
// so each callback's history keeps its order. It returns the first and last new id.
func (im *Import) Events(ctx context.Context, events []velocity.Event) (first, last int64, err error) {
	if len(events) == 0 {
		return 0, 0, nil
	}
	err = im.copy(ctx, "callback_events", sqlstore.EventInsertColumns, len(events),
		func(i int) ([]any, error) {
			payload, err := sqlstore.EncodePayload(events[i])
			if err != nil {
				return nil, err
			}
			return dialect.EventArgs(events[i], payload), nil
		})
	if err != nil {
		return 0, 0, err
	}
	// COPY takes identity values row by row, so the rows' ids increase in the given order;
	// other servers' events may take ids in between. The tenant is new and this
	// transaction alone writes its events, so its newest len(events) are these.
	err = im.tx.QueryRow(ctx, `SELECT min(id), max(id) FROM (SELECT id FROM callback_events WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2) t`,
		events[0].TenantID, len(events)).Scan(&first, &last)
	return first, last, mapErr(err)
}

// IdempotencyKeys adds idempotency records.
func (im *Import) IdempotencyKeys(ctx context.Context, recs []velocity.Idempotency) error {
	return im.copy(ctx, "idempotency_keys", []string{"tenant_id", "key", "request_hash", "callback_id", "created_at"}, len(recs),
		func(i int) ([]any, error) {
			r := recs[i]
			return []any{r.TenantID, r.Key, r.RequestHash, r.CallbackID, r.CreatedAt}, nil
		})
}

// Policy stores the tenant's policy document (JSON, as velocity.PolicyDoc).
func (im *Import) Policy(ctx context.Context, tenantID string, doc []byte, at time.Time) error {
	_, err := im.tx.Exec(ctx, `INSERT INTO tenant_policies (tenant_id, policy, updated_at) VALUES ($1, $2, $3)`, tenantID, string(doc), at)
	return mapErr(err)
}

// DoNotCall adds do-not-call entries.
func (im *Import) DoNotCall(ctx context.Context, entries []velocity.DoNotCall) error {
	return im.copy(ctx, "do_not_call", []string{"tenant_id", "phone_number", "reason", "added_by", "added_at"}, len(entries),
		func(i int) ([]any, error) {
			e := entries[i]
			return []any{e.TenantID, e.PhoneNumber, e.Reason, e.AddedBy, e.AddedAt}, nil
		})
}

// Webhooks adds webhook endpoints as they are (ids, signing secrets, state and times kept).
func (im *Import) Webhooks(ctx context.Context, hooks []velocity.Webhook) error {
	for _, w := range hooks {
		args, err := dialect.WebhookArgs(w)
		if err != nil {
			return err
		}
		if _, err := im.tx.Exec(ctx, dialect.Rebind(`INSERT INTO webhook_endpoints (`+sqlstore.WebhookCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), args...); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// Audit appends audit entries in the order given; they get new ids, increasing in that
// order, so the trail keeps its order.
func (im *Import) Audit(ctx context.Context, entries []velocity.AuditEntry) error {
	return im.copy(ctx, "audit_log", sqlstore.AuditInsertColumns, len(entries),
		func(i int) ([]any, error) { return dialect.AuditArgs(entries[i]) })
}
