package sqlstore

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// Conn runs statements on a store's connection or in one of its transactions, with the
// store's errors mapped: Exec returns how many rows changed; Query calls each for every
// row and closes the rows; QueryRow's Scan returns velocity.ErrNotFound for no row.
type Conn interface {
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	Query(ctx context.Context, query string, args []any, each func(Scanner) error) error
	QueryRow(ctx context.Context, query string, args ...any) Scanner
}

// Webhooks implements velocity.WebhookStore and velocity.StatsStore for both engines: a
// store embeds the Webhooks that NewWebhooks makes for it.
type Webhooks struct {
	d     Dialect
	read  Conn
	write func(ctx context.Context, fn func(c Conn) error) error
}

// NewWebhooks returns Webhooks that read with read and run each change in a transaction
// that write begins (committed when fn returns nil). With d.SkipLocked, claims lock the
// rows they lease and skip those other transactions hold.
func NewWebhooks(d Dialect, read Conn, write func(ctx context.Context, fn func(c Conn) error) error) Webhooks {
	return Webhooks{d: d, read: read, write: write}
}

// WebhookCols is the webhook_endpoints column list ScanWebhook reads and WebhookArgs
// writes.
const WebhookCols = `id, tenant_id, url, description, events, secret, previous_secret, previous_secret_until,
	created_at, updated_at, disabled_at, disabled_reason, failing_since, consecutive_failures`

// ScanWebhook reads a row of WebhookCols.
func (d Dialect) ScanWebhook(row Scanner) (velocity.Webhook, error) {
	var w velocity.Webhook
	var events string
	err := row.Scan(&w.ID, &w.TenantID, &w.URL, &w.Description, &events, &w.Secret, &w.PreviousSecret,
		d.ScanNullTime(&w.PreviousSecretUntil), d.ScanTime(&w.CreatedAt), d.ScanTime(&w.UpdatedAt),
		d.ScanNullTime(&w.DisabledAt), &w.DisabledReason, d.ScanNullTime(&w.FailingSince), &w.ConsecutiveFailures)
	if err != nil {
		return w, err
	}
	return w, json.Unmarshal([]byte(events), &w.Events)
}

// WebhookArgs returns w's values in WebhookCols order.
func (d Dialect) WebhookArgs(w velocity.Webhook) ([]any, error) {
	events, err := json.Marshal(w.Events)
	if err != nil {
		return nil, err
	}
	return []any{w.ID, w.TenantID, w.URL, w.Description, string(events), w.Secret, w.PreviousSecret,
		d.NullTimeArg(w.PreviousSecretUntil), d.TimeArg(w.CreatedAt), d.TimeArg(w.UpdatedAt),
		d.NullTimeArg(w.DisabledAt), w.DisabledReason, d.NullTimeArg(w.FailingSince), w.ConsecutiveFailures}, nil
}

// DeliveryCols is the webhook_deliveries column list ScanDelivery reads.
const DeliveryCols = `id, tenant_id, endpoint_id, message_id, event_id, callback_id, event_type, payload, status,
	attempts, created_at, next_attempt_at, expires_at, last_attempt_at, last_status_code, last_error, delivered_at`

// deliveryInsertCols are the columns a new delivery is written to, in deliveryArgs order.
const deliveryInsertCols = `id, tenant_id, endpoint_id, message_id, event_id, callback_id, event_type, payload, status,
	attempts, created_at, next_attempt_at, expires_at`

// ScanDelivery reads a row of DeliveryCols.
func (d Dialect) ScanDelivery(row Scanner) (velocity.WebhookDelivery, error) {
	var w velocity.WebhookDelivery
	var eventID *int64
	var code *int64
	var typ, status string
	var payload []byte
	err := row.Scan(&w.ID, &w.TenantID, &w.WebhookID, &w.MessageID, &eventID, &w.CallbackID, &typ, &payload, &status,
		&w.Attempts, d.ScanTime(&w.CreatedAt), d.ScanTime(&w.NextAttemptAt), d.ScanTime(&w.ExpiresAt),
		d.ScanNullTime(&w.LastAttemptAt), &code, &w.LastError, d.ScanNullTime(&w.DeliveredAt))
	if eventID != nil {
		w.EventID = *eventID
	}
	if code != nil {
		c := int(*code)
		w.LastStatusCode = &c
	}
	w.Type, w.Status, w.Payload = velocity.WebhookEventType(typ), velocity.DeliveryStatus(status), payload
	return w, err
}

func (d Dialect) deliveryArgs(w velocity.WebhookDelivery) []any {
	var eventID any
	if w.EventID != 0 {
		eventID = w.EventID
	}
	return []any{w.ID, w.TenantID, w.WebhookID, w.MessageID, eventID, w.CallbackID, string(w.Type), string(w.Payload),
		string(w.Status), w.Attempts, d.TimeArg(w.CreatedAt), d.TimeArg(w.NextAttemptAt), d.TimeArg(w.ExpiresAt)}
}

// AttemptCols is the webhook_attempts column list ScanAttempt reads.
const AttemptCols = `id, tenant_id, delivery_id, endpoint_id, attempt, at, status_code, duration_us, error, response`

// ScanAttempt reads a row of AttemptCols.
func (d Dialect) ScanAttempt(row Scanner) (velocity.WebhookAttempt, error) {
	var a velocity.WebhookAttempt
	var code *int64
	var us int64
	err := row.Scan(&a.ID, &a.TenantID, &a.DeliveryID, &a.WebhookID, &a.Attempt, d.ScanTime(&a.At), &code, &us, &a.Error, &a.Response)
	if code != nil {
		c := int(*code)
		a.StatusCode = &c
	}
	a.Duration = time.Duration(us) * time.Microsecond
	a.DurationMS = float64(us) / 1000
	return a, err
}

// FanOutCols is WebhookCols and the endpoint's tenant's policy document (NULL when none
// is stored): what the events' transaction reads to plan their deliveries, the
// callability in the messages under the policy of that moment.
const FanOutCols = WebhookCols + `, (SELECT policy FROM tenant_policies p WHERE p.tenant_id = webhook_endpoints.tenant_id)`

// EnabledWebhooks is the statement that reads a tenant's enabled endpoints (tenant;
// FanOutCols, read with ScanFanOut): what Tx.AppendEvents plans deliveries for.
func (d Dialect) EnabledWebhooks() string {
	return d.Rebind(`SELECT ` + FanOutCols + ` FROM webhook_endpoints WHERE tenant_id = ? AND disabled_at IS NULL`)
}

// Targets are the enabled endpoints an events' transaction read, and their tenants'
// policies: velocity.PlanDeliveries's arguments.
type Targets struct {
	Endpoints []velocity.Webhook
	Policies  map[string]velocity.Policy
}

// ScanFanOut reads a row of FanOutCols into t.
func (d Dialect) ScanFanOut(t *Targets, row Scanner) error {
	var doc []byte
	w, err := d.ScanWebhook(withExtra{row, []any{&doc}})
	if err != nil {
		return err
	}
	t.Endpoints = append(t.Endpoints, w)
	if _, ok := t.Policies[w.TenantID]; ok {
		return nil
	}
	if t.Policies == nil {
		t.Policies = map[string]velocity.Policy{}
	}
	var readErr error
	if doc == nil {
		readErr = velocity.ErrNotFound
	}
	p, ok, err := ReadPolicy(doc, readErr)
	if err != nil {
		return err
	}
	if !ok {
		p = velocity.DefaultPolicy()
	}
	t.Policies[w.TenantID] = p
	return nil
}

// InsertDeliveries records deliveries with exec, in statements of up to 100 rows.
func (d Dialect) InsertDeliveries(ctx context.Context, exec Exec, ds []velocity.WebhookDelivery) error {
	const chunk = 100
	const row = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	for len(ds) > 0 {
		n := min(chunk, len(ds))
		var b strings.Builder
		b.WriteString(`INSERT INTO webhook_deliveries (` + deliveryInsertCols + `) VALUES `)
		args := make([]any, 0, n*13)
		for i, w := range ds[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(row)
			args = append(args, d.deliveryArgs(w)...)
		}
		b.WriteString(` ON CONFLICT (endpoint_id, event_id, event_type) DO NOTHING`)
		if _, err := exec(ctx, d.Rebind(b.String()), args...); err != nil {
			return err
		}
		ds = ds[n:]
	}
	return nil
}

// FanOut records the webhook deliveries that recorded events make (see
// velocity.PlanDeliveries), reading each of their tenants' enabled endpoints on c: the
// part of Tx.AppendEvents that SQLite runs this way (PostgreSQL reads the endpoints in
// the events' own round trip).
func (d Dialect) FanOut(ctx context.Context, c Conn, events []velocity.Event) error {
	var targets Targets
	seen := map[string]bool{}
	for _, e := range events {
		if seen[e.TenantID] {
			continue
		}
		seen[e.TenantID] = true
		err := c.Query(ctx, d.EnabledWebhooks(), []any{e.TenantID}, func(row Scanner) error { return d.ScanFanOut(&targets, row) })
		if err != nil {
			return err
		}
	}
	if len(targets.Endpoints) == 0 {
		return nil
	}
	ds, err := velocity.PlanDeliveries(events, targets.Endpoints, targets.Policies)
	if err != nil || len(ds) == 0 {
		return err
	}
	return d.InsertDeliveries(ctx, c.Exec, ds)
}

func one[T any](scan func(Scanner) (T, error), row Scanner) (T, error) { return scan(row) }

func allOf[T any](ctx context.Context, c Conn, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	out := []T{}
	err := c.Query(ctx, query, args, func(row Scanner) error {
		v, err := scan(row)
		out = append(out, v)
		return err
	})
	return out, err
}

// CreateWebhook stores a new endpoint.
func (wh Webhooks) CreateWebhook(ctx context.Context, w velocity.Webhook) error {
	args, err := wh.d.WebhookArgs(w)
	if err != nil {
		return err
	}
	return wh.write(ctx, func(c Conn) error {
		_, err := c.Exec(ctx, wh.d.Rebind(`INSERT INTO webhook_endpoints (`+WebhookCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), args...)
		return err
	})
}

// GetWebhook returns one of the tenant's endpoints.
func (wh Webhooks) GetWebhook(ctx context.Context, tenantID, id string) (velocity.Webhook, error) {
	return one(wh.d.ScanWebhook, wh.read.QueryRow(ctx, wh.d.Rebind(`SELECT `+WebhookCols+` FROM webhook_endpoints WHERE tenant_id = ? AND id = ?`), tenantID, id))
}

// ListWebhooks returns the tenant's endpoints, oldest first.
func (wh Webhooks) ListWebhooks(ctx context.Context, tenantID string) ([]velocity.Webhook, error) {
	return allOf(ctx, wh.read, wh.d.ScanWebhook, wh.d.Rebind(`SELECT `+WebhookCols+` FROM webhook_endpoints WHERE tenant_id = ? ORDER BY created_at, id`), tenantID)
}

// UpdateWebhook writes an endpoint's changeable fields; disabling pauses its pending
// deliveries, enabling resumes its paused ones and forgets its failures; enabling it or
// changing its URL ends its backoff.
func (wh Webhooks) UpdateWebhook(ctx context.Context, w velocity.Webhook, now time.Time) error {
	d := wh.d
	return wh.write(ctx, func(c Conn) error {
		prev, err := one(d.ScanWebhook, c.QueryRow(ctx, d.Rebind(`SELECT `+WebhookCols+` FROM webhook_endpoints WHERE tenant_id = ? AND id = ?`+d.forUpdate()), w.TenantID, w.ID))
		if err != nil {
			return err
		}
		enabled := prev.DisabledAt != nil && w.DisabledAt == nil
		if enabled {
			w.FailingSince, w.ConsecutiveFailures, w.DisabledReason = nil, 0, ""
			if _, err := c.Exec(ctx, d.Rebind(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, expires_at = ?
				WHERE endpoint_id = ? AND status = 'paused'`), d.TimeArg(now), d.TimeArg(now.Add(velocity.DeliveryLifetime)), w.ID); err != nil {
				return err
			}
		}
		if enabled || prev.URL != w.URL {
			// Enabled again, or sent elsewhere: the next attempt goes out at once.
			if err := wh.endBackoff(ctx, c, w.ID, nil); err != nil {
				return err
			}
		}
		if prev.DisabledAt == nil && w.DisabledAt != nil {
			if err := wh.pause(ctx, c, w.ID); err != nil {
				return err
			}
		}
		events, err := json.Marshal(w.Events)
		if err != nil {
			return err
		}
		_, err = c.Exec(ctx, d.Rebind(`UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, secret = ?, previous_secret = ?,
			previous_secret_until = ?, updated_at = ?, disabled_at = ?, disabled_reason = ?, failing_since = ?, consecutive_failures = ?
			WHERE tenant_id = ? AND id = ?`), w.URL, w.Description, string(events), w.Secret, w.PreviousSecret, d.NullTimeArg(w.PreviousSecretUntil),
			d.TimeArg(w.UpdatedAt), d.NullTimeArg(w.DisabledAt), w.DisabledReason, d.NullTimeArg(w.FailingSince), w.ConsecutiveFailures, w.TenantID, w.ID)
		return err
	})
}

// endBackoff ends an endpoint's backoff: NULL, or when at is set, at at the latest (its
// next attempt a probe, due then).
func (wh Webhooks) endBackoff(ctx context.Context, c Conn, id string, at *time.Time) error {
	if at == nil {
		_, err := c.Exec(ctx, wh.d.Rebind(`UPDATE webhook_endpoints SET backoff_until = NULL WHERE id = ? AND backoff_until IS NOT NULL`), id)
		return err
	}
	_, err := c.Exec(ctx, wh.d.Rebind(`UPDATE webhook_endpoints SET backoff_until = ? WHERE id = ? AND backoff_until > ?`),
		wh.d.TimeArg(*at), id, wh.d.TimeArg(*at))
	return err
}

func (wh Webhooks) pause(ctx context.Context, c Conn, id string) error {
	_, err := c.Exec(ctx, wh.d.Rebind(`UPDATE webhook_deliveries SET status = 'paused' WHERE endpoint_id = ? AND status = 'pending'`), id)
	return err
}

// DisableWebhook disables an enabled endpoint, pauses its pending deliveries and
// records audit (when not nil), all in one transaction.
func (wh Webhooks) DisableWebhook(ctx context.Context, tenantID, id, reason string, at time.Time, audit *velocity.AuditEntry) (bool, error) {
	var done bool
	err := wh.write(ctx, func(c Conn) error {
		done = false
		n, err := c.Exec(ctx, wh.d.Rebind(`UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ?, updated_at = ?
			WHERE tenant_id = ? AND id = ? AND disabled_at IS NULL`), wh.d.TimeArg(at), reason, wh.d.TimeArg(at), tenantID, id)
		if err != nil || n == 0 {
			return err
		}
		done = true
		if err := wh.pause(ctx, c, id); err != nil {
			return err
		}
		if audit == nil {
			return nil
		}
		return wh.d.AppendAudit(ctx, c.Exec, []velocity.AuditEntry{*audit})
	})
	return done, err
}

// DeleteWebhook removes an endpoint, its deliveries and their attempts.
func (wh Webhooks) DeleteWebhook(ctx context.Context, tenantID, id string) error {
	return wh.write(ctx, func(c Conn) error {
		// Their attempts go with the deliveries (ON DELETE CASCADE).
		if _, err := c.Exec(ctx, wh.d.Rebind(`DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND tenant_id = ?`), id, tenantID); err != nil {
			return err
		}
		n, err := c.Exec(ctx, wh.d.Rebind(`DELETE FROM webhook_endpoints WHERE tenant_id = ? AND id = ?`), tenantID, id)
		if err == nil && n == 0 {
			return velocity.ErrNotFound
		}
		return err
	})
}

// EnqueueDelivery records one delivery and ends its endpoint's backoff at the
// delivery's due time.
func (wh Webhooks) EnqueueDelivery(ctx context.Context, w velocity.WebhookDelivery) error {
	return wh.write(ctx, func(c Conn) error {
		if err := wh.d.InsertDeliveries(ctx, c.Exec, []velocity.WebhookDelivery{w}); err != nil {
			return err
		}
		return wh.endBackoff(ctx, c, w.WebhookID, &w.NextAttemptAt)
	})
}

// ClaimDeliveries leases due deliveries in one transaction, shared fairly among
// endpoints. It reads the endpoints that have due deliveries and are not in backoff,
// those whose oldest due delivery waited longest first (at most q.Limit of them, one
// index probe each: the cost follows the number of endpoints, never the size of a
// backlog), and each one's allowance: q.PerWebhook less the caller's deliveries in
// flight, and one (a probe) for an endpoint whose backoff has passed. It reads each
// endpoint's oldest due deliveries up to its allowance (locking them and skipping rows
// other claimers hold, where the engine can), then takes them in turns, one of each
// endpoint before a second of any, up to q.Limit. An endpoint probed keeps its backoff
// until the lease ends, so that no other claim probes it meanwhile. Each delivery taken
// has its next attempt moved to the end of the lease and its attempt counted.
func (wh Webhooks) ClaimDeliveries(ctx context.Context, q velocity.DeliveryClaim) ([]velocity.ClaimedDelivery, error) {
	d := wh.d
	if q.Limit <= 0 {
		return nil, nil
	}
	allowance := func(endpoint string) int {
		if q.PerWebhook <= 0 {
			return q.Limit
		}
		return min(q.Limit, q.PerWebhook-q.InFlight[endpoint])
	}
	var full []string // endpoints the caller sends its share to already
	for id := range q.InFlight {
		if allowance(id) <= 0 {
			full = append(full, id)
		}
	}
	var out []velocity.ClaimedDelivery
	err := wh.write(ctx, func(c Conn) error {
		out = nil
		ready, err := wh.readyEndpoints(ctx, c, q.Now, full, q.Limit)
		if err != nil || len(ready) == 0 {
			return err
		}
		var ids []string
		var limits []int64
		probing := map[string]bool{}
		for _, r := range ready {
			n := allowance(r.ID)
			if r.backedOff {
				if q.InFlight[r.ID] > 0 {
					continue // its probe is still out
				}
				n = 1
				probing[r.ID] = true
			}
			if n > 0 {
				ids, limits = append(ids, r.ID), append(limits, int64(n))
			}
		}
		due, err := wh.dueOf(ctx, c, q.Now, ids, limits)
		if err != nil {
			return err
		}
		if len(probing) > 0 {
			// Probe only the endpoints this claim holds back until its lease ends; another
			// claim that got there first (or holds the row) probes it.
			var probe []string
			for _, id := range ids {
				if probing[id] && len(due[id]) > 0 {
					probe = append(probe, id)
				}
			}
			won := map[string]bool{}
			if len(probe) > 0 {
				err := c.Query(ctx, d.Rebind(`UPDATE webhook_endpoints SET backoff_until = ? WHERE id IN (SELECT id FROM webhook_endpoints
					WHERE `+d.inList("id")+` AND backoff_until <= ?`+d.skipLocked()+`) RETURNING id`),
					[]any{d.TimeArg(q.LeaseUntil), ListArg(d, probe), d.TimeArg(q.Now)}, func(row Scanner) error {
						var id string
						err := row.Scan(&id)
						won[id] = true
						return err
					})
				if err != nil {
					return err
				}
			}
			for id := range probing {
				if !won[id] {
					delete(due, id)
				}
			}
		}
		// In turns: each endpoint's oldest, then each one's second, and so on.
		var take []string
		for turn := 0; len(take) < q.Limit; turn++ {
			more := false
			for _, id := range ids {
				if turn < len(due[id]) && len(take) < q.Limit {
					take, more = append(take, due[id][turn]), true
				}
			}
			if !more {
				break
			}
		}
		if len(take) == 0 {
			return nil
		}
		endpoints := map[string]velocity.Webhook{}
		for _, r := range ready {
			endpoints[r.ID] = r.Webhook
		}
		return c.Query(ctx, d.Rebind(`UPDATE webhook_deliveries SET next_attempt_at = ?, attempts = attempts + 1 WHERE `+d.inList("id")+
			` RETURNING `+DeliveryCols), []any{d.TimeArg(q.LeaseUntil), ListArg(d, take)}, func(row Scanner) error {
			w, err := d.ScanDelivery(row)
			out = append(out, velocity.ClaimedDelivery{WebhookDelivery: w, Endpoint: endpoints[w.WebhookID]})
			return err
		})
	})
	slices.SortFunc(out, func(a, b velocity.ClaimedDelivery) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, err
}

// readyEndpoint is an endpoint with due deliveries, and whether it is in backoff (its
// backoff has passed, or it would not be ready: it gets a probe).
type readyEndpoint struct {
	velocity.Webhook
	backedOff bool
}

// readyEndpoints returns the enabled endpoints, other than skip, that have deliveries
// due at now and no backoff beyond now: those whose oldest due delivery waited longest
// first, at most limit.
func (wh Webhooks) readyEndpoints(ctx context.Context, c Conn, now time.Time, skip []string, limit int) ([]readyEndpoint, error) {
	d := wh.d
	query := `SELECT ` + WebhookCols + `, CASE WHEN backoff_until IS NULL THEN 0 ELSE 1 END FROM (
		SELECT e.*, (SELECT next_attempt_at FROM webhook_deliveries` + d.indexedBy("webhook_deliveries_endpoint_due") + `
			WHERE endpoint_id = e.id AND status = 'pending' ORDER BY next_attempt_at LIMIT 1) AS oldest
		FROM webhook_endpoints e WHERE e.disabled_at IS NULL AND (e.backoff_until IS NULL OR e.backoff_until <= ?)`
	args := []any{d.TimeArg(now)}
	if len(skip) > 0 {
		query += ` AND NOT (` + d.inList("e.id") + `)`
		args = append(args, ListArg(d, skip))
	}
	query += `) ready WHERE oldest <= ? ORDER BY oldest, id LIMIT ` + strconv.Itoa(limit)
	args = append(args, d.TimeArg(now))
	var out []readyEndpoint
	err := c.Query(ctx, d.Rebind(query), args, func(row Scanner) error {
		var r readyEndpoint
		var backedOff int
		w, err := d.ScanWebhook(withExtra{row, []any{&backedOff}})
		r.Webhook, r.backedOff = w, backedOff == 1
		out = append(out, r)
		return err
	})
	return out, err
}

// dueOf returns the ids of the oldest deliveries due at now of each endpoint ids[i], at
// most limits[i] of each, locking them and skipping those other claimers hold where the
// engine can. PostgreSQL reads them in one statement; SQLite, in process, in one per
// endpoint.
func (wh Webhooks) dueOf(ctx context.Context, c Conn, now time.Time, ids []string, limits []int64) (map[string][]string, error) {
	d := wh.d
	out := map[string][]string{}
	each := func(row Scanner) error {
		var id, endpoint string
		err := row.Scan(&id, &endpoint)
		out[endpoint] = append(out[endpoint], id)
		return err
	}
	if len(ids) == 0 {
		return out, nil
	}
	if d.Arrays {
		err := c.Query(ctx, d.Rebind(`SELECT x.id, x.endpoint_id FROM unnest(?::text[], ?::int[]) WITH ORDINALITY AS w(endpoint_id, n, i)
			CROSS JOIN LATERAL (SELECT id, endpoint_id, next_attempt_at FROM webhook_deliveries
				WHERE endpoint_id = w.endpoint_id AND status = 'pending' AND next_attempt_at <= ?
				ORDER BY next_attempt_at LIMIT w.n`+d.skipLocked()+`) x
			ORDER BY w.i, x.next_attempt_at`), []any{ids, limits, d.TimeArg(now)}, each)
		return out, err
	}
	for i, id := range ids {
		err := c.Query(ctx, d.Rebind(`SELECT id, endpoint_id FROM webhook_deliveries`+d.indexedBy("webhook_deliveries_endpoint_due")+`
			WHERE endpoint_id = ? AND status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`+d.skipLocked()),
			[]any{id, d.TimeArg(now), limits[i]}, each)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// withExtra is a row whose Scan reads extra columns after those its caller names.
type withExtra struct {
	Scanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.Scanner.Scan(append(dest, w.extra...)...) }

// RecordAttempt records one attempt of a leased delivery, its outcome, and the
// endpoint's run of failures and backoff (ended by a success, set by a failure to
// r.EndpointBackoffUntil when that is set), unless the lease was lost (the delivery's attempts moved on,
// or it is no longer pending).
func (wh Webhooks) RecordAttempt(ctx context.Context, r velocity.AttemptRecord) (velocity.FailureRun, bool, error) {
	d := wh.d
	a := r.Attempt
	var run velocity.FailureRun
	var ok bool
	err := wh.write(ctx, func(c Conn) error {
		run, ok = velocity.FailureRun{}, false
		status, next := velocity.DeliveryPending, a.At
		var deliveredAt *time.Time
		switch {
		case r.Delivered:
			status, deliveredAt = velocity.DeliveryDelivered, &a.At
		case r.NextAttemptAt != nil:
			next = *r.NextAttemptAt
		default:
			status = velocity.DeliveryFailed
		}
		var code any
		if a.StatusCode != nil {
			code = *a.StatusCode
		}
		n, err := c.Exec(ctx, d.Rebind(`UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, last_attempt_at = ?, last_status_code = ?,
			last_error = ?, delivered_at = ? WHERE id = ? AND attempts = ? AND status = 'pending'`),
			string(status), d.TimeArg(next), d.TimeArg(a.At), code, a.Error, d.NullTimeArg(deliveredAt), r.Delivery.ID, r.Delivery.Attempts)
		if err != nil || n == 0 {
			return err
		}
		ok = true
		if _, err := c.Exec(ctx, d.Rebind(`INSERT INTO webhook_attempts (tenant_id, delivery_id, endpoint_id, attempt, at, status_code, duration_us, error, response)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), r.Delivery.TenantID, r.Delivery.ID, r.Delivery.WebhookID, r.Delivery.Attempts, d.TimeArg(a.At),
			code, a.Duration.Microseconds(), a.Error, a.Response); err != nil {
			return err
		}
		if r.Delivered {
			// No write (and no row lock) when the endpoint had no failures to forget.
			_, err := c.Exec(ctx, d.Rebind(`UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL, backoff_until = NULL
				WHERE id = ? AND (consecutive_failures > 0 OR backoff_until IS NOT NULL)`), r.Delivery.WebhookID)
			return err
		}
		return c.QueryRow(ctx, d.Rebind(`UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
			failing_since = COALESCE(failing_since, ?), backoff_until = COALESCE(?, backoff_until) WHERE id = ? RETURNING consecutive_failures, failing_since`),
			d.TimeArg(a.At), d.NullTimeArg(r.EndpointBackoffUntil), r.Delivery.WebhookID).Scan(&run.Failures, d.ScanNullTime(&run.Since))
	})
	return run, ok, err
}

// ListDeliveries returns a page of an endpoint's deliveries, newest first.
func (wh Webhooks) ListDeliveries(ctx context.Context, tenantID, webhookID string, q velocity.DeliveryQuery) ([]velocity.WebhookDelivery, error) {
	query := `SELECT ` + DeliveryCols + ` FROM webhook_deliveries WHERE endpoint_id = ? AND tenant_id = ?`
	args := []any{webhookID, tenantID}
	if q.Status != "" {
		query += ` AND status = ?`
		args = append(args, string(q.Status))
	}
	if q.Before != "" {
		query += ` AND id < ?`
		args = append(args, q.Before)
	}
	query += ` ORDER BY id DESC LIMIT ` + strconv.Itoa(max(1, q.Limit))
	return allOf(ctx, wh.read, wh.d.ScanDelivery, wh.d.Rebind(query), args...)
}

// GetDelivery returns one of the tenant's deliveries.
func (wh Webhooks) GetDelivery(ctx context.Context, tenantID, id string) (velocity.WebhookDelivery, error) {
	return one(wh.d.ScanDelivery, wh.read.QueryRow(ctx, wh.d.Rebind(`SELECT `+DeliveryCols+` FROM webhook_deliveries WHERE tenant_id = ? AND id = ?`), tenantID, id))
}

// ListAttempts returns a delivery's attempts, oldest first.
func (wh Webhooks) ListAttempts(ctx context.Context, tenantID, deliveryID string) ([]velocity.WebhookAttempt, error) {
	return allOf(ctx, wh.read, wh.d.ScanAttempt, wh.d.Rebind(`SELECT `+AttemptCols+` FROM webhook_attempts WHERE delivery_id = ? AND tenant_id = ? ORDER BY id`), deliveryID, tenantID)
}

// ResendDelivery makes a delivered or failed delivery pending again, due at now, and
// ends its endpoint's backoff at now.
func (wh Webhooks) ResendDelivery(ctx context.Context, tenantID, id string, now time.Time) (velocity.WebhookDelivery, error) {
	d := wh.d
	var out velocity.WebhookDelivery
	err := wh.write(ctx, func(c Conn) error {
		w, err := one(d.ScanDelivery, c.QueryRow(ctx, d.Rebind(`SELECT `+DeliveryCols+` FROM webhook_deliveries WHERE tenant_id = ? AND id = ?`+d.forUpdate()), tenantID, id))
		if err != nil {
			return err
		}
		if w.Status != velocity.DeliveryDelivered && w.Status != velocity.DeliveryFailed {
			return velocity.ErrInvalidTransition.With("A "+string(w.Status)+" delivery is still to be sent; only a delivered or failed one is re-sent.",
				map[string]any{"currentStatus": w.Status})
		}
		w.Status, w.NextAttemptAt, w.ExpiresAt = velocity.DeliveryPending, now, now.Add(velocity.DeliveryLifetime)
		out = w
		if _, err = c.Exec(ctx, d.Rebind(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, expires_at = ? WHERE id = ?`),
			d.TimeArg(now), d.TimeArg(w.ExpiresAt), id); err != nil {
			return err
		}
		return wh.endBackoff(ctx, c, w.WebhookID, &now)
	})
	return out, err
}

// OpenCallbackCounts counts open callbacks by tenant and status, with those past their
// window's end.
func (wh Webhooks) OpenCallbackCounts(ctx context.Context, now time.Time) ([]velocity.OpenCount, error) {
	return allOf(ctx, wh.read, func(row Scanner) (velocity.OpenCount, error) {
		var c velocity.OpenCount
		var status string
		err := row.Scan(&c.TenantID, &status, &c.Count, &c.Overdue)
		c.Status = velocity.Status(status)
		return c, err
	}, wh.d.Rebind(`SELECT tenant_id, status, count(*), COALESCE(sum(CASE WHEN window_end < ? THEN 1 ELSE 0 END), 0)
		FROM callbacks WHERE status IN (`+OpenStatuses+`) GROUP BY tenant_id, status`), wh.d.TimeArg(now))
}

// WebhookQueue describes the pending deliveries at now.
func (wh Webhooks) WebhookQueue(ctx context.Context, now time.Time) (velocity.WebhookQueueStats, error) {
	var s velocity.WebhookQueueStats
	err := wh.read.QueryRow(ctx, wh.d.Rebind(`SELECT count(*), COALESCE(sum(CASE WHEN next_attempt_at <= ? THEN 1 ELSE 0 END), 0)
		FROM webhook_deliveries`+wh.d.indexedBy("webhook_deliveries_due")+` WHERE status = 'pending'`), wh.d.TimeArg(now)).Scan(&s.Pending, &s.Due)
	if err != nil || s.Due == 0 {
		return s, err
	}
	err = wh.read.QueryRow(ctx, wh.d.Rebind(`SELECT min(next_attempt_at) FROM webhook_deliveries`+wh.d.indexedBy("webhook_deliveries_due")+`
		WHERE status = 'pending'`)).Scan(wh.d.ScanNullTime(&s.OldestDue))
	return s, err
}
