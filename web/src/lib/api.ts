/** Status is where a callback stands in its life. */
export type Status = 'scheduled' | 'claimed' | 'completed' | 'failed' | 'cancelled';

/** Outcome is the result of one dial attempt. */
export type Outcome = 'connected' | 'no_answer' | 'busy' | 'voicemail' | 'invalid_number' | 'declined';

/** Callback is the server's callback object (camelCase JSON). */
export interface Callback {
  id: string;
  teamId: string;
  agentId: string | null;
  customerName: string;
  phoneNumber: string;
  timezone: string;
  windowStart: string;
  windowEnd: string;
  notes: string;
  reason: string;
  sourceInteractionId: string;
  createdBy: string;
  status: Status;
  attempts: number;
  maxAttempts: number;
  lastOutcome: Outcome | null;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Open callbacks: whether the customer's calling hours allow dialing now, and the current (or next) calling interval. */
  callable?: Callable;
}

/** Callable is the server's view of the customer's calling hours at response time. */
export interface Callable {
  now: boolean;
  /** Start of the current (when now) or next calling interval, RFC 3339. */
  from?: string;
  /** End of that interval, RFC 3339. */
  until?: string;
  reason?: string;
}

/** Lookup is GET /phone-numbers/lookup: a number as a create would read it. */
export interface Lookup {
  phoneNumber: string;
  /** The number's zone, or null when its country or area spans several zones. */
  timezone: string | null;
  /** The tenant's zone, used when the number gives none. */
  defaultTimezone: string;
  doNotCall: boolean;
  /** The number's open callback, or null: a customer calling in may be marked reached. */
  openCallback?: Callback | null;
}

/** CallbackEvent is one change delivered by the live event stream. */
export interface CallbackEvent {
  id: number;
  callbackId: string;
  type: string;
  actor: { account?: string; agentId?: string };
  at: string;
  data?: Record<string, unknown>;
  before?: { teamId: string; agentId: string | null };
  callback: Callback;
}

/** FieldProblem is one entry of a problem's fields[]. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Problem is an application/problem+json error body. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  fields?: FieldProblem[];
  [extra: string]: unknown;
}

/** ApiError is thrown for every failed request; problem holds the server's answer. */
export class ApiError extends Error {
  constructor(public problem: Problem) {
    super(problem.detail || problem.title || problem.code || 'HTTP ' + problem.status);
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
}

/** CreateInput is the body of POST /callbacks. */
export interface CreateInput {
  teamId: string;
  agentId?: string | null;
  customerName?: string;
  phoneNumber: string;
  timezone?: string;
  windowStart?: string;
  windowEnd?: string;
  notes?: string;
  reason?: string;
  sourceInteractionId?: string;
  createdBy?: string;
}

/** Credentials are what every request carries. */
export interface Credentials {
  apiKey: string;
  /** base64 of "user:pass" */
  auth: string;
}

/** Api talks to the Velocity REST API under base + "/api/v1". */
export class Api {
  readonly root: string;
  /** The server's clock minus ours (ms), from the last response's Date header. */
  skew = 0;
  /** The agent's Webex access token, sent as X-Webex-Token for tenants that require proven agent identity. */
  webexToken = '';
  constructor(
    readonly base: string,
    private creds: Credentials,
    private agentId: string,
  ) {
    this.root = base + '/api/v1';
  }

  private async req<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const h: Record<string, string> = {
      Accept: 'application/json',
      'X-Api-Key': this.creds.apiKey,
      Authorization: 'Basic ' + this.creds.auth,
      ...headers,
    };
    if (this.agentId) h['X-Agent-Id'] = this.agentId;
    if (this.webexToken) h['X-Webex-Token'] = this.webexToken;
    if (body !== undefined) h['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.root + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), mode: 'cors', credentials: 'omit' });
    } catch (e) {
      throw new ApiError({ status: 0, code: 'network', detail: 'Cannot reach the Velocity server at ' + this.base + '.' });
    }
    const date = Date.parse(res.headers.get('Date') || '');
    if (date) this.skew = date - Date.now();
    const text = await res.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    if (!res.ok) {
      const p = (data && typeof data === 'object' ? data : {}) as Problem;
      throw new ApiError({ ...p, status: res.status, code: p.code || 'http_' + res.status, detail: p.detail || p.title || res.statusText });
    }
    return data as T;
  }

  /** key names the server, credentials and agent: widgets with the same key share one event stream. */
  get key() {
    return [this.base, this.creds.apiKey, this.creds.auth, this.agentId].join('\n');
  }

  /** list returns every open callback the agent sees (its own and its team's), following cursors. */
  async list(teamId: string, agentId: string): Promise<Callback[]> {
    const out: Callback[] = [];
    let cursor = '';
    for (let page = 0; page < 20; page++) {
      const q = new URLSearchParams({ agentId, teamId, limit: '500' });
      if (cursor) q.set('cursor', cursor);
      const r = await this.req<{ items: Callback[]; nextCursor?: string | null }>('GET', '/callbacks?' + q);
      out.push(...(r.items || []));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    return out;
  }

  create(input: CreateInput, idempotencyKey: string) {
    return this.req<Callback>('POST', '/callbacks', input, { 'Idempotency-Key': idempotencyKey });
  }

  update(id: string, patch: Record<string, unknown>, version?: number) {
    return this.req<Callback>('PATCH', '/callbacks/' + encodeURIComponent(id), patch, version ? { 'If-Match': String(version) } : {});
  }

  claim(id: string, agentId: string) {
    return this.req<Callback>('POST', '/callbacks/' + encodeURIComponent(id) + '/claim', { agentId });
  }

  release(id: string, agentId: string) {
    return this.req<Callback>('POST', '/callbacks/' + encodeURIComponent(id) + '/release', { agentId });
  }

  attempt(id: string, body: { agentId: string; outcome: Outcome; notes?: string; interactionId?: string; retryAt?: string }) {
    return this.req<Callback>('POST', '/callbacks/' + encodeURIComponent(id) + '/attempts', body);
  }

  cancel(id: string, agentId: string, reason: string) {
    return this.req<Callback>('POST', '/callbacks/' + encodeURIComponent(id) + '/cancel', { agentId, reason });
  }

  /** reached completes a callback because the customer was reached on the inbound call interactionId. */
  reached(id: string, interactionId: string, agentId: string) {
    return this.req<Callback>('POST', '/callbacks/' + encodeURIComponent(id) + '/reached', { interactionId, agentId });
  }

  history(id: string) {
    return this.req<{ items: CallbackEvent[] }>('GET', '/callbacks/' + encodeURIComponent(id) + '/history');
  }

  /** lookup reads a number as a create would (E.164, zone, do-not-call); 422 for an invalid number. */
  lookup(number: string, country?: string) {
    const q = new URLSearchParams({ number });
    if (country) q.set('country', country);
    return this.req<Lookup>('GET', '/phone-numbers/lookup?' + q);
  }

  eventToken(agentId: string, teamId: string) {
    return this.req<{ token: string; expiresAt: string }>('POST', '/events/token', { agentId, teamId });
  }
}

/** credentialProblem says what is wrong with the configured credentials, or "" when they look usable. */
export function credentialProblem(apiKey: string | undefined, auth: string | undefined): string {
  const missing: string[] = [];
  if (!apiKey) missing.push('velocityApiKey');
  if (!auth) missing.push('velocityAuth');
  if (missing.length) return 'Velocity is not configured: set ' + missing.join(' and ') + ' in the desktop layout (see the Velocity setup guide).';
  let decoded = '';
  try {
    decoded = atob(String(auth).trim());
  } catch {
    return 'velocityAuth is not valid Base64. Encode "username:password" in Base64 and put the result in the desktop layout.';
  }
  if (!decoded.includes(':')) return 'velocityAuth must be the Base64 encoding of "username:password" (with the colon).';
  return '';
}

/** newKey returns a random key for Idempotency-Key headers. */
export function newKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** explain turns an API error into a sentence for the agent. */
export function explain(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'Velocity rejected the API key or account (velocityApiKey / velocityAuth). Ask your administrator to check the desktop layout.';
    if (e.status === 0) return e.message;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
