package sqlstore

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/customerdynamics/velocity"
)

// AuditCols is the audit_log column list ScanAudit reads.
const AuditCols = `id, tenant_id, at, actor, actor_role, actor_key, agent_id, remote, kind, target, detail`

// AuditInsertColumns are the columns a new entry is written to, in AuditArgs order; the
// id is the database's.
var AuditInsertColumns = []string{"tenant_id", "at", "actor", "actor_role", "actor_key", "agent_id", "remote", "kind", "target", "detail"}

// auditInsertCols is AuditInsertColumns as a column list.
var auditInsertCols = strings.Join(AuditInsertColumns, ", ")

// insertAudit records one entry (AuditArgs).
var insertAudit = `INSERT INTO audit_log (` + auditInsertCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// auditDetail is the detail column: what changed, as JSON {"before":..., "after":...}.
type auditDetail struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// AuditArgs returns the arguments of Queries.InsertAudit for e.
func (d Dialect) AuditArgs(e velocity.AuditEntry) ([]any, error) {
	detail, err := json.Marshal(auditDetail{Before: e.Before, After: e.After})
	if err != nil {
		return nil, err
	}
	return []any{e.TenantID, d.TimeArg(e.At), e.Actor, string(e.ActorRole), e.ActorKey, e.AgentID, e.Remote, e.Kind, e.Target, string(detail)}, nil
}

// ScanAudit reads a row of AuditCols.
func (d Dialect) ScanAudit(row Scanner) (velocity.AuditEntry, error) {
	var e velocity.AuditEntry
	var detail []byte
	if err := row.Scan(&e.ID, &e.TenantID, d.ScanTime(&e.At), &e.Actor, &e.ActorRole, &e.ActorKey, &e.AgentID, &e.Remote, &e.Kind, &e.Target, &detail); err != nil {
		return e, err
	}
	var dt auditDetail
	if err := json.Unmarshal(detail, &dt); err != nil {
		return e, err
	}
	e.Before, e.After = dt.Before, dt.After
	return e, nil
}

// AuditList returns the statement and arguments that list a tenant's audit entries
// matching q, newest first (by id, so entries recorded in one instant keep their order).
func (d Dialect) AuditList(tenantID string, q velocity.AuditQuery) (string, []any) {
	var b strings.Builder
	b.WriteString(`SELECT ` + AuditCols + ` FROM audit_log WHERE tenant_id = ?`)
	args := []any{tenantID}
	if q.Actor != "" {
		b.WriteString(` AND actor = ?`)
		args = append(args, q.Actor)
	}
	if q.Kind != "" {
		b.WriteString(` AND kind = ?`)
		args = append(args, q.Kind)
	}
	if !q.From.IsZero() {
		b.WriteString(` AND at >= ?`)
		args = append(args, d.TimeArg(q.From))
	}
	if !q.To.IsZero() {
		b.WriteString(` AND at < ?`)
		args = append(args, d.TimeArg(q.To))
	}
	if q.Before > 0 {
		b.WriteString(` AND id < ?`)
		args = append(args, q.Before)
	}
	b.WriteString(` ORDER BY id DESC LIMIT ` + strconv.Itoa(max(1, q.Limit)))
	return d.Rebind(b.String()), args
}

// SessionCols is the console_sessions column list ScanSession reads and SessionArgs
// writes.
const SessionCols = `id_hash, tenant_id, account_id, csrf_token, remote, created_at, last_seen_at, expires_at`

// SessionArgs returns the arguments of Queries.CreateSession for s.
func (d Dialect) SessionArgs(s velocity.Session) []any {
	return []any{s.IDHash, s.TenantID, s.AccountID, s.CSRFToken, s.Remote, d.TimeArg(s.CreatedAt), d.TimeArg(s.LastSeenAt), d.TimeArg(s.ExpiresAt)}
}

// ScanSession reads a row of SessionCols.
func (d Dialect) ScanSession(row Scanner) (velocity.Session, error) {
	var s velocity.Session
	var created, seen, expires time.Time
	err := row.Scan(&s.IDHash, &s.TenantID, &s.AccountID, &s.CSRFToken, &s.Remote, d.ScanTime(&created), d.ScanTime(&seen), d.ScanTime(&expires))
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = created, seen, expires
	return s, err
}
