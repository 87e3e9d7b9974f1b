import { ApiError, Problem, Callback, CallbackEvent, Lookup, Outcome } from '../../src/lib/api.js';
import type { Report, ReportKind } from './reports.js';

export { ApiError };
export type { Callback, CallbackEvent, Outcome };

/** Role is an account's role. */
export type Role = 'agent' | 'supervisor' | 'admin' | 'integration';

/** Session is what GET/POST /session say of the signed-in account. */
export interface Session {
  tenant: string;
  tenantId: string;
  username: string;
  role: Role;
  csrfToken: string;
  expiresAt: string;
  idleTimeoutSeconds: number;
}

/** Facts are what the reports count about a callback (GET /callbacks/search). */
export interface Facts {
  firstAttemptAt: string | null;
  firstAttemptBy: string;
  firstOutcome: Outcome | null;
  firstDelaySeconds: number | null;
  firstInWindow: boolean | null;
  fellBackAt: string | null;
  fellBackFrom: string;
  closedAt: string | null;
  closedBy: string;
  closeReason: string;
}

/** Row is a callback as the console's search returns it. */
export interface Row extends Callback {
  facts?: Facts;
}

/** Page is one page of a search. */
export interface Page {
  items: Row[];
  nextCursor: string | null;
}

/** BulkAction is the change a bulk request makes. */
export type BulkAction = 'reassign' | 'reschedule' | 'shift' | 'cancel';

/** BulkBody is POST /callbacks/bulk: ids or a filter (the search's parameters), and the change. */
export interface BulkBody {
  ids?: string[];
  filter?: Record<string, string | string[]>;
  action: BulkAction;
  agentId?: string;
  toTeam?: boolean;
  teamId?: string;
  windowStart?: string;
  windowEnd?: string;
  hours?: number;
  reason?: string;
}

/** BulkItem is one callback's result. */
export interface BulkItem {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
}

export interface BulkResult {
  action: BulkAction;
  total: number;
  succeeded: number;
  failed: number;
  items: BulkItem[];
}

/** HoursDoc is one day's calling hours; null is a closed day. */
export interface HoursDoc {
  start: string;
  end: string;
}

/** PolicyDoc is the tenant's scheduling policy as the API reads and writes it. */
export interface PolicyDoc {
  callingHours: Record<string, HoursDoc | null>;
  holidays: string[];
  maxDaysAhead: number;
  claimLeaseMinutes: number;
  retryDelayMinutes: Record<string, number>;
  maxAttempts: number;
  teamFallbackMinutes: number;
}

export interface DoNotCall {
  phoneNumber: string;
  reason: string;
  addedBy: string;
  addedAt: string;
}

export interface ImportReport {
  lines: number;
  added: number;
  alreadyListed: number;
  cancelled: string[];
  errors: { line: number; value: string; message: string }[] | null;
}

export interface Account {
  username: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Tenant {
  tenantId: string;
  name: string;
  defaultCountry: string;
  defaultTimezone: string;
  createdAt: string;
  webexOrgId: string;
  agentIdentity: 'off' | 'webex';
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorRole: string;
  actorKey: string;
  agentId?: string;
  remote: string;
  kind: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** SESSION_ENDED is the event the client dispatches on window when the server answers 401. */
export const SESSION_ENDED = 'vel-session-ended';

interface ReqOptions {
  body?: unknown;
  /** A body sent as is (CSV), with this content type. */
  raw?: { body: string; type: string };
  headers?: Record<string, string>;
  /** A 401 is an answer to this request (sign-in), not the end of the session. */
  own401?: boolean;
}

/**
 * Client talks to the API under /api/v1 of the server that served the console, with the
 * session cookie; every change carries the session's CSRF token. A 401 on any request
 * but sign-in means the session ended: the client dispatches SESSION_ENDED on window
 * (the app then asks to sign in again) and throws.
 */
export class Client {
  readonly root: string;
  /** The session's CSRF token, sent as X-CSRF-Token with every change. */
  csrf = '';

  constructor(base = '') {
    this.root = base + '/api/v1';
  }

  async req<T>(method: string, path: string, o: ReqOptions = {}): Promise<T> {
    const h: Record<string, string> = { Accept: 'application/json', ...o.headers };
    if (method !== 'GET' && method !== 'HEAD' && this.csrf) h['X-CSRF-Token'] = this.csrf;
    let body: string | undefined;
    if (o.raw) {
      h['Content-Type'] = o.raw.type;
      body = o.raw.body;
    } else if (o.body !== undefined) {
      h['Content-Type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    let res: Response;
    try {
      res = await fetch(this.root + path, { method, headers: h, body, credentials: 'same-origin' });
    } catch {
      throw new ApiError({ status: 0, code: 'network', detail: 'Cannot reach the Velocity server.' });
    }
    const text = await res.text();
    let data: unknown;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    if (!res.ok) {
      const p = (data && typeof data === 'object' ? data : {}) as Problem;
      const err = new ApiError({ ...p, status: res.status, code: p.code || 'http_' + res.status, detail: p.detail || p.title || res.statusText });
      if (res.status === 401 && !o.own401) window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: { message: err.message } }));
      return Promise.reject(err);
    }
    return data as T;
  }

  // Session.
  session() {
    return this.req<Session>('GET', '/session', { own401: true });
  }
  signIn(tenant: string, username: string, password: string) {
    return this.req<Session>('POST', '/session', { body: { tenant, username, password }, own401: true });
  }
  signOut() {
    return this.req<void>('DELETE', '/session', { own401: true });
  }

  // Callbacks.
  search(q: URLSearchParams) {
    return this.req<Page>('GET', '/callbacks/search?' + q);
  }
  /** exportURL is the CSV of every callback the filter q matches (the cookie authenticates a plain link). */
  exportURL(q: URLSearchParams) {
    return this.root + '/callbacks/export.csv' + (q.toString() ? '?' + q : '');
  }
  callback(id: string) {
    return this.req<Row>('GET', '/callbacks/' + encodeURIComponent(id));
  }
  history(id: string) {
    return this.req<{ items: CallbackEvent[] }>('GET', '/callbacks/' + encodeURIComponent(id) + '/history');
  }
  bulk(b: BulkBody) {
    return this.req<BulkResult>('POST', '/callbacks/bulk', { body: b });
  }
  /** eventToken opens the whole tenant's stream (a supervisor's token names no agent or team). */
  eventToken(agentId = '', teamId = '') {
    return this.req<{ token: string; expiresAt: string }>('POST', '/events/token', { body: { agentId, teamId } });
  }

  // Policy and do-not-call.
  policy() {
    return this.req<PolicyDoc>('GET', '/policy');
  }
  setPolicy(doc: Partial<PolicyDoc>) {
    return this.req<PolicyDoc>('PATCH', '/policy', { body: doc });
  }
  doNotCall(after: string, limit: number) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (after) q.set('after', after);
    return this.req<{ items: DoNotCall[] | null; nextAfter: string | null }>('GET', '/do-not-call?' + q);
  }
  addDoNotCall(phoneNumber: string, reason: string) {
    return this.req<{ added: number; cancelled: string[] | null }>('POST', '/do-not-call', { body: { phoneNumber, reason } });
  }
  importDoNotCall(csv: string) {
    return this.req<ImportReport>('POST', '/do-not-call/import', { raw: { body: csv, type: 'text/csv' } });
  }
  removeDoNotCall(phone: string) {
    return this.req<void>('DELETE', '/do-not-call/' + encodeURIComponent(phone));
  }
  lookup(number: string) {
    return this.req<Lookup>('GET', '/phone-numbers/lookup?' + new URLSearchParams({ number }));
  }

  // Accounts, keys, tenant, audit.
  accounts() {
    return this.req<{ items: Account[] }>('GET', '/accounts');
  }
  createAccount(username: string, role: Role, password?: string) {
    return this.req<{ account: Account; password?: string; velocityAuth: string }>('POST', '/accounts', { body: password ? { username, role, password } : { username, role } });
  }
  updateAccount(username: string, patch: { role?: Role; disabled?: boolean }) {
    return this.req<Account>('PATCH', '/accounts/' + encodeURIComponent(username), { body: patch });
  }
  resetPassword(username: string) {
    return this.req<{ username: string; password: string; velocityAuth: string }>('POST', '/accounts/' + encodeURIComponent(username) + '/password');
  }
  apiKeys() {
    return this.req<{ items: ApiKey[] }>('GET', '/api-keys');
  }
  createApiKey(name: string) {
    return this.req<{ apiKey: ApiKey; key: string }>('POST', '/api-keys', { body: { name } });
  }
  revokeApiKey(id: string) {
    return this.req<ApiKey>('DELETE', '/api-keys/' + encodeURIComponent(id));
  }
  tenant() {
    return this.req<Tenant>('GET', '/tenant');
  }
  setIdentity(agentIdentity: 'off' | 'webex', webexOrgId: string) {
    return this.req<Tenant>('PATCH', '/tenant/identity', { body: { agentIdentity, webexOrgId } });
  }
  /** report reads one of the reports for the period, zone and teams of q (from, to, tz, team). */
  report(kind: ReportKind, q: URLSearchParams) {
    return this.req<Report>('GET', '/reports/' + kind + '?' + q);
  }
  /** reportCSV is the link to a report as CSV. */
  reportCSV(kind: ReportKind, q: URLSearchParams) {
    const c = new URLSearchParams(q);
    c.set('format', 'csv');
    return this.root + '/reports/' + kind + '?' + c;
  }
  audit(q: URLSearchParams) {
    return this.req<{ items: AuditEntry[]; nextBefore: number | null }>('GET', '/audit?' + q);
  }
}

/** explain turns an error into a sentence, with the fields a validation problem names. */
export function explain(e: unknown): string {
  if (e instanceof ApiError) {
    const f = e.problem.fields;
    if (f && f.length) return e.message + ' ' + f.map((x) => x.field + ': ' + x.message).join('; ');
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** fieldErrors maps a validation problem's fields to their messages. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) for (const f of e.problem.fields || []) out[f.field] = f.message;
  return out;
}
