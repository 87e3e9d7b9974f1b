package sqlstore

import "strings"

// Queries are the statements both stores run, spelled for one dialect by
// Dialect.Queries. The comment on each names its arguments in order and what it returns. A store adds its engine's own clauses where it needs them
// (PostgreSQL's FOR UPDATE, ON CONFLICT DO NOTHING, RETURNING id).
type Queries struct {
	// Callbacks and what a write transaction reads and writes with them.

	GetCallback     string // tenant, id; CallbackCols
	FindOpenByPhone string // tenant, phone: the number's open callback (at most one); CallbackCols
	InsertCallback  string // CallbackArgs
	UpdateCallback  string // UpdateCallbackArgs; changes no row when the version moved on
	InsertEvent     string // EventArgs
	GetIdempotency  string // tenant, key; IdempotencyCols
	PutIdempotency  string // tenant, key, request hash, callback id, created at
	IsDoNotCall     string // tenant, phone; one boolean

	// Events.

	History           string // tenant, callback id; EventCols, oldest first
	EventsAfter       string // after id, limit; EventCols of all tenants in id order
	TenantEventsAfter string // tenant, after id, limit; EventCols in id order
	LastEventID       string // the highest event id, NULL when there is none

	// The scheduler's reads, each written for its partial index.

	ExpiredClaims   string // now, limit: claims whose lease ended; CallbackCols
	OverduePersonal string // tenant, ended before, limit: scheduled personal callbacks whose window ended; CallbackCols
	NextDue         string // now: the earliest window start still to open and be announced, NULL when none
	MarkDue         string // now (as the mark), now, limit: marks due windows announced (locking them in a total order); CallbackCols of the marked rows
	OverdueWindows  string // now, limit: scheduled windows that ended and were not announced; CallbackCols

	// Policies and do-not-call lists.

	GetPolicy       string // tenant; the policy column
	PutPolicy       string // tenant, encodePolicy, updated at; inserts or replaces
	RemoveDoNotCall string // tenant, phone
	ListDoNotCall   string // tenant, after phone, limit; DoNotCallCols by number

	// Tenants, API keys, accounts and server secrets.

	InsertTenant       string // TenantCols
	TenantByID         string // id; TenantCols
	TenantByName       string // name; TenantCols
	ListTenants        string // TenantCols by name
	InsertAPIKey       string // id, tenant, name, prefix, hash, created at
	ListAPIKeys        string // tenant; KeyCols, oldest first
	SetTenantIdentity  string // webex org id, agent identity, tenant
	InsertAccount      string // id, tenant, username, password hash, created at, role
	GetAccount         string // tenant, username; AccountCols
	ListAccounts       string // tenant; AccountCols by username
	SetAccountRole     string // role, tenant, username
	SetAccountDisabled string // disabled at (NULL enables), tenant, username
	SetAccountPassword string // password hash, tenant, username
	Credentials        string // username, key hash; ScanCredentials
	InsertSecret       string // name, value; keeps a value stored first
	GetSecret          string // name; the value

	// The audit trail and console sessions.

	InsertAudit          string // AuditArgs
	CreateSession        string // SessionArgs
	GetSession           string // id hash; SessionCols
	TouchSession         string // last seen, id hash
	DeleteSession        string // id hash
	DeleteSessionsBefore string // expired before, idle since

	// Retention: each deletes one batch, oldest first.

	PurgeCallbacks       string // tenant, changed before, tenant, changed before, limit: closed callbacks; RETURNING id
	DeleteEventsOf       string // tenant, ListArg of callback ids: their events
	DeleteIdemOf         string // tenant, ListArg of callback ids: their idempotency keys
	PurgeIdempotency     string // tenant, tenant, created before, limit
	PurgeAudit           string // tenant, recorded before, limit
	PurgeDeliveries      string // tenant, created before, limit: finished webhook deliveries
	DeleteDeliveriesOf   string // tenant, ListArg of callback ids: their webhook deliveries
	DeliveriesOf         string // tenant, ListArg of callback ids: id, payload of their webhook deliveries
	DeleteDeliveriesByID string // tenant, ListArg of delivery ids

	// Erasure.

	CallbacksByPhone    string // tenant, phone, limit: every status, by id, locked; CallbackCols
	RewriteEvent        string // payload, tenant, id
	AuditByIDs          string // tenant, ListArg of ids; AuditCols by id
	AuditByTargets      string // tenant, ListArg of targets; AuditCols by id
	RewriteAudit        string // target, detail, tenant, id
	CallbacksMentioning string // tenant, after callback id, containsArg, limit: callback ids
	AuditMentioning     string // tenant, after id, containsArg, containsArg, limit: audit ids
}

// Queries returns the shared statements spelled for d.
func (d Dialect) Queries() Queries {
	selectCallbacks := `SELECT ` + CallbackCols + ` FROM callbacks`
	selectEvents := `SELECT ` + EventCols + ` FROM callback_events`
	due := ` WHERE status = 'scheduled' AND due_notified_at IS NULL`
	r := d.Rebind
	return Queries{
		GetCallback:     r(selectCallbacks + ` WHERE tenant_id = ? AND id = ?`),
		FindOpenByPhone: r(selectCallbacks + ` WHERE tenant_id = ? AND phone_number = ? AND status IN (` + OpenStatuses + `)`),
		InsertCallback:  r(`INSERT INTO callbacks (` + CallbackCols + `) VALUES (?` + strings.Repeat(`, ?`, len(CallbackColumns)-1) + `)`),
		UpdateCallback: r(`UPDATE callbacks SET team_id = ?, agent_id = ?, customer_name = ?,
		phone_number = ?, timezone = ?, window_start = ?, window_end = ?, notes = ?, reason = ?,
		status = ?, attempts = ?, max_attempts = ?, last_outcome = ?, claimed_by = ?, claim_expires_at = ?,
		updated_at = ?, version = ?, due_notified_at = ?, overdue_notified_at = ?,
		first_attempt_at = ?, first_attempt_by = ?, first_outcome = ?, first_delay_us = ?, first_in_window = ?,
		fell_back_at = ?, fell_back_from = ?, closed_at = ?, closed_by = ?, close_reason = ?
		WHERE tenant_id = ? AND id = ? AND version = ?`),
		InsertEvent:    r(`INSERT INTO callback_events (` + eventInsertCols + `) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		GetIdempotency: r(`SELECT ` + IdempotencyCols + ` FROM idempotency_keys WHERE tenant_id = ? AND key = ?`),
		PutIdempotency: r(`INSERT INTO idempotency_keys (` + IdempotencyCols + `) VALUES (?, ?, ?, ?, ?)`),
		IsDoNotCall:    r(`SELECT EXISTS (SELECT 1 FROM do_not_call WHERE tenant_id = ? AND phone_number = ?)`),

		History:           r(selectEvents + ` WHERE tenant_id = ? AND callback_id = ? ORDER BY id`),
		EventsAfter:       r(selectEvents + ` WHERE id > ? ORDER BY id LIMIT ?`),
		TenantEventsAfter: r(selectEvents + ` WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`),
		LastEventID:       r(`SELECT max(id) FROM callback_events`),

		ExpiredClaims: r(selectCallbacks + d.indexedBy("callbacks_claim_expiry") + ` WHERE status = 'claimed' AND claim_expires_at <= ? ORDER BY claim_expires_at LIMIT ?`),
		// The open-status condition matches the index's predicate; the scheduled one is
		// the query's: a live claim is an agent dialing, an expired one is released first.
		OverduePersonal: r(selectCallbacks + d.indexedBy("callbacks_personal_overdue") + ` WHERE tenant_id = ? AND status IN (` + OpenStatuses + `)
		AND status = 'scheduled' AND agent_id IS NOT NULL AND window_end < ? ORDER BY window_end LIMIT ?`),
		NextDue: r(`SELECT min(window_start) FROM callbacks` + d.indexedBy("callbacks_due") + due + ` AND window_start > ?`),
		MarkDue: r(`UPDATE callbacks SET due_notified_at = ? WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM callbacks` + d.indexedBy("callbacks_due") + due +
			` AND window_start <= ? ORDER BY window_start, tenant_id, id LIMIT ?` + d.forUpdate() + `) RETURNING ` + CallbackCols),
		OverdueWindows: r(selectCallbacks + d.indexedBy("callbacks_overdue") + ` WHERE status = 'scheduled' AND overdue_notified_at IS NULL
		AND window_end <= ? ORDER BY window_end LIMIT ?`),

		GetPolicy: r(`SELECT policy FROM tenant_policies WHERE tenant_id = ?`),
		PutPolicy: r(`INSERT INTO tenant_policies (tenant_id, policy, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (tenant_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`),
		RemoveDoNotCall: r(`DELETE FROM do_not_call WHERE tenant_id = ? AND phone_number = ?`),
		ListDoNotCall:   r(`SELECT ` + DoNotCallCols + ` FROM do_not_call WHERE tenant_id = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`),

		InsertTenant:       r(`INSERT INTO tenants (` + TenantCols + `) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		SetTenantIdentity:  r(`UPDATE tenants SET webex_org_id = ?, agent_identity = ? WHERE id = ?`),
		TenantByID:         r(`SELECT ` + TenantCols + ` FROM tenants WHERE id = ?`),
		TenantByName:       r(`SELECT ` + TenantCols + ` FROM tenants WHERE name = ?`),
		ListTenants:        r(`SELECT ` + TenantCols + ` FROM tenants ORDER BY name`),
		InsertAPIKey:       r(`INSERT INTO api_keys (id, tenant_id, name, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
		ListAPIKeys:        r(`SELECT ` + KeyCols + ` FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id`),
		InsertAccount:      r(`INSERT INTO accounts (id, tenant_id, username, password_hash, created_at, role) VALUES (?, ?, ?, ?, ?, ?)`),
		GetAccount:         r(`SELECT ` + AccountCols + ` FROM accounts WHERE tenant_id = ? AND username = ?`),
		ListAccounts:       r(`SELECT ` + AccountCols + ` FROM accounts WHERE tenant_id = ? ORDER BY username`),
		SetAccountRole:     r(`UPDATE accounts SET role = ? WHERE tenant_id = ? AND username = ?`),
		SetAccountDisabled: r(`UPDATE accounts SET disabled_at = ? WHERE tenant_id = ? AND username = ?`),
		SetAccountPassword: r(`UPDATE accounts SET password_hash = ? WHERE tenant_id = ? AND username = ?`),
		Credentials: r(`SELECT k.id, k.prefix, k.revoked_at,
			t.id, t.name, t.default_country, t.default_timezone, t.created_at, t.webex_org_id, t.agent_identity,
			a.id, a.tenant_id, a.username, a.password_hash, a.created_at, a.disabled_at, a.role
		FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
		LEFT JOIN accounts a ON a.tenant_id = k.tenant_id AND a.username = ?
		WHERE k.hash = ?`),
		InsertSecret: r(`INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`),
		GetSecret:    r(`SELECT value FROM server_secrets WHERE name = ?`),

		InsertAudit:          r(insertAudit),
		CreateSession:        r(`INSERT INTO console_sessions (` + SessionCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		GetSession:           r(`SELECT ` + SessionCols + ` FROM console_sessions WHERE id_hash = ?`),
		TouchSession:         r(`UPDATE console_sessions SET last_seen_at = ? WHERE id_hash = ?`),
		DeleteSession:        r(`DELETE FROM console_sessions WHERE id_hash = ?`),
		DeleteSessionsBefore: r(`DELETE FROM console_sessions WHERE expires_at < ? OR last_seen_at < ?`),

		// The condition is repeated outside the subquery so that PostgreSQL checks it again
		// on a row it waited for (an erasure changed it meanwhile).
		PurgeCallbacks: r(`DELETE FROM callbacks WHERE tenant_id = ? AND status IN (` + ClosedStatuses + `) AND updated_at < ?
		AND id IN (SELECT id FROM callbacks` + d.indexedBy("callbacks_closed_updated") + ` WHERE tenant_id = ? AND status IN (` + ClosedStatuses + `) AND updated_at < ?
		ORDER BY updated_at LIMIT ?) RETURNING id`),
		DeleteEventsOf:   r(`DELETE FROM callback_events WHERE tenant_id = ? AND ` + d.inList("callback_id")),
		DeleteIdemOf:     r(`DELETE FROM idempotency_keys WHERE tenant_id = ? AND ` + d.inList("callback_id")),
		PurgeIdempotency: r(`DELETE FROM idempotency_keys WHERE tenant_id = ? AND key IN (SELECT key FROM idempotency_keys WHERE tenant_id = ? AND created_at < ? ORDER BY created_at LIMIT ?)`),
		PurgeAudit:       r(`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE tenant_id = ? AND at < ? ORDER BY at LIMIT ?)`),
		// A delivery a sender holds is pending, so never deleted under it; the status is
		// checked again outside the subquery for a row PostgreSQL waited for.
		PurgeDeliveries: r(`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND id IN (SELECT id FROM webhook_deliveries` + d.indexedBy("webhook_deliveries_finished") + `
		WHERE tenant_id = ? AND status <> 'pending' AND created_at < ? ORDER BY created_at LIMIT ?)`),
		DeleteDeliveriesOf:   r(`DELETE FROM webhook_deliveries WHERE tenant_id = ? AND ` + d.inList("callback_id")),
		DeliveriesOf:         r(`SELECT id, payload FROM webhook_deliveries WHERE tenant_id = ? AND ` + d.inList("callback_id")),
		DeleteDeliveriesByID: r(`DELETE FROM webhook_deliveries WHERE tenant_id = ? AND ` + d.inList("id")),

		CallbacksByPhone: r(selectCallbacks + d.indexedBy("callbacks_phone") + ` WHERE tenant_id = ? AND phone_number = ? ORDER BY id LIMIT ?` + d.forUpdate()),
		RewriteEvent:     r(`UPDATE callback_events SET payload = ? WHERE tenant_id = ? AND id = ?`),
		AuditByIDs:       r(`SELECT ` + AuditCols + ` FROM audit_log WHERE tenant_id = ? AND ` + d.inList("id") + ` ORDER BY id`),
		AuditByTargets:   r(`SELECT ` + AuditCols + ` FROM audit_log` + d.indexedBy("audit_log_tenant_target") + ` WHERE tenant_id = ? AND ` + d.inList("target") + ` ORDER BY id`),
		RewriteAudit:     r(`UPDATE audit_log SET target = ?, detail = ? WHERE tenant_id = ? AND id = ?`),
		CallbacksMentioning: r(`SELECT DISTINCT callback_id FROM callback_events WHERE tenant_id = ? AND callback_id > ?
		AND payload` + d.JSONText + ` LIKE ? ESCAPE '\' ORDER BY callback_id LIMIT ?`),
		AuditMentioning: r(`SELECT id FROM audit_log WHERE tenant_id = ? AND id > ?
		AND (target LIKE ? ESCAPE '\' OR detail` + d.JSONText + ` LIKE ? ESCAPE '\') ORDER BY id LIMIT ?`),
	}
}
