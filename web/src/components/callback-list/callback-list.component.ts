import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { base } from '../../styles/theme.js';
import { Api, ApiError, Callback, CallbackEvent, explain } from '../../lib/api.js';
import { Live, LiveState } from '../../lib/live.js';
import { inDesktop, onOutdialFailed, startOutdial } from '../../lib/desktop.js';
import { relative, sameOffset, span, zoneName } from '../../lib/time.js';
import { OUTCOMES } from '../outcome/outcome.component.js';
import '../outcome/outcome.js';
import '../editor/editor.js';
import styles from './callback-list.styles.js';

type Group = 'due' | 'overdue' | 'upcoming';

const GROUPS: [Group, string][] = [
  ['due', 'Due now'],
  ['overdue', 'Overdue'],
  ['upcoming', 'Upcoming'],
];

const OUTCOME_LABEL = new Map(OUTCOMES);

/** A fresh list renders this many rows at once (more than a screenful), then CHUNK_ROWS at a time. */
const FIRST_ROWS = 40;
const CHUNK_ROWS = 120;

interface Notice {
  kind: 'ok' | 'warn' | 'error';
  text: string;
}

/**
 * @summary The Callbacks page: the agent's personal callbacks and the team's open ones,
 * grouped as due now, overdue and upcoming, kept live from the server's event stream.
 * Dial claims a callback and asks the Desktop to call; the agent then records the outcome.
 *
 * @event vel-rendered - The list was rendered after new data; detail is { count, ms } where ms is the time from data received to rendered.
 */
export default class VelCallbackList extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    api: { attribute: false },
    agentId: { attribute: false },
    teamId: { attribute: false },
    agentName: { attribute: false },
    outdialEp: { attribute: false },
    items: { state: true },
    loading: { state: true },
    error: { state: true },
    live: { state: true },
    filter: { state: true },
    open: { state: true },
    notices: { state: true },
    dialing: { state: true },
    now: { state: true },
    announce: { state: true },
    limit: { state: true },
  };

  declare api: Api | null;
  declare agentId: string;
  declare teamId: string;
  declare agentName: string;
  declare outdialEp: string;
  declare items: Map<string, Callback>;
  declare loading: boolean;
  declare error: string;
  declare live: LiveState;
  declare filter: string;
  /** The row whose panel is open and which panel. */
  declare open: { id: string; panel: 'outcome' | 'edit' } | null;
  declare notices: Map<string, Notice>;
  declare dialing: Set<string>;
  declare now: Date;
  declare announce: string;
  /** How many rows are rendered: a fresh list renders a screenful first, then the rest in chunks. */
  declare limit: number;

  /** The time from the last data received to its first screen of rows rendered, in milliseconds. */
  lastRenderMs = 0;
  /** The time from the last data received to every row rendered, in milliseconds. */
  lastFullRenderMs = 0;

  private stream?: Live;
  private subscribed = '';
  private subApi: Api | null = null;
  private generation = 0;
  private buffered: CallbackEvent[] | null = null;
  private calls = new Map<string, string>();
  private tick?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    this.api = null;
    this.agentId = '';
    this.teamId = '';
    this.agentName = '';
    this.outdialEp = '';
    this.items = new Map();
    this.loading = false;
    this.error = '';
    this.live = 'stopped';
    this.filter = '';
    this.open = null;
    this.notices = new Map();
    this.dialing = new Set();
    this.now = new Date();
    this.announce = '';
    this.limit = Infinity;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.tick = setInterval(() => (this.now = new Date()), 30000);
    this.requestUpdate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.tick);
    this.stream?.stop();
    this.stream = undefined;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('api') || changed.has('agentId') || changed.has('teamId') || !this.stream) this.resubscribe();
  }

  private resubscribe() {
    if (!this.isConnected || !this.api || !this.agentId || !this.teamId) {
      this.stream?.stop();
      this.stream = undefined;
      this.subApi = null;
      return;
    }
    const key = this.agentId + '|' + this.teamId;
    if (this.stream && this.subApi === this.api && key === this.subscribed) return;
    this.subApi = this.api;
    this.subscribed = key;
    this.stream?.stop();
    this.items = new Map();
    this.open = null;
    this.notices = new Map();
    void this.load();
    const api = this.api;
    this.stream = new Live(api, this.agentId, this.teamId, {
      event: (ev) => this.onEvent(ev),
      resync: () => void this.load(),
      state: (s) => (this.live = s),
    });
    this.stream.start();
  }

  /** reload fetches the list again. */
  async load() {
    const api = this.api;
    if (!api) return;
    const gen = ++this.generation;
    this.loading = true;
    this.buffered = [];
    try {
      const list = await api.list(this.teamId, this.agentId);
      if (gen !== this.generation) return;
      const received = performance.now();
      const next = new Map<string, Callback>();
      for (const cb of list) if (this.visible(cb)) next.set(cb.id, cb);
      const pending = this.buffered || [];
      this.buffered = null;
      const fresh = this.items.size === 0;
      this.items = next;
      if (fresh && next.size > FIRST_ROWS) this.limit = FIRST_ROWS;
      for (const ev of pending) this.apply(ev.callback);
      this.error = '';
      this.loading = false;
      await this.updateComplete;
      this.renderRoot.querySelector('.body')?.getBoundingClientRect();
      const ms = performance.now() - received;
      this.lastRenderMs = ms;
      // The rest of a long list follows in chunks, so the page never freezes.
      while (this.limit < this.items.size && gen === this.generation) {
        await new Promise((r) => setTimeout(r, 0));
        this.limit += CHUNK_ROWS;
        await this.updateComplete;
      }
      this.limit = Infinity;
      await this.updateComplete;
      this.renderRoot.querySelector('.body')?.getBoundingClientRect();
      const full = performance.now() - received;
      this.lastFullRenderMs = full;
      try {
        performance.measure('vel-list-render', { start: received, end: received + full, detail: { count: this.items.size, firstScreenMs: ms } });
      } catch {
        /* older browsers */
      }
      this.dispatchEvent(new CustomEvent('vel-rendered', { detail: { count: this.items.size, ms, fullMs: full }, bubbles: true, composed: true }));
    } catch (e) {
      if (gen !== this.generation) return;
      this.buffered = null;
      this.loading = false;
      this.error = explain(e);
    }
  }

  private visible(cb: Callback) {
    if (cb.status !== 'scheduled' && cb.status !== 'claimed') return false;
    return cb.agentId === this.agentId || (cb.agentId === null && cb.teamId === this.teamId);
  }

  private apply(cb: Callback) {
    const cur = this.items.get(cb.id);
    if (cur && cur.version > cb.version) return;
    const next = new Map(this.items);
    if (this.visible(cb)) next.set(cb.id, cb);
    else {
      next.delete(cb.id);
      if (this.open?.id === cb.id) this.open = null;
    }
    this.items = next;
  }

  private onEvent(ev: CallbackEvent) {
    if (!ev || !ev.callback) return;
    if (this.buffered) this.buffered.push(ev);
    const before = this.items.get(ev.callback.id);
    this.apply(ev.callback);
    const mine = ev.actor?.agentId === this.agentId;
    if (!mine && ev.type === 'created' && this.items.has(ev.callback.id)) this.announce = 'New callback: ' + (ev.callback.customerName || ev.callback.phoneNumber);
    if (!mine && ev.type === 'claimed' && before && this.open?.id === ev.callback.id && this.open.panel === 'edit') {
      this.note(ev.callback.id, { kind: 'warn', text: (ev.callback.claimedBy || 'Another agent') + ' is calling this customer now.' });
    }
  }

  private note(id: string, n: Notice | null) {
    const m = new Map(this.notices);
    if (n) m.set(id, n);
    else m.delete(id);
    this.notices = m;
    if (n) this.announce = n.text;
  }

  private group(cb: Callback, now: number): Group {
    const s = Date.parse(cb.windowStart);
    const e = Date.parse(cb.windowEnd);
    if (e <= now) return 'overdue';
    if (s <= now) return 'due';
    return 'upcoming';
  }

  private heldByOther(cb: Callback) {
    return cb.status === 'claimed' && !!cb.claimedBy && cb.claimedBy !== this.agentId && (!cb.claimExpiresAt || Date.parse(cb.claimExpiresAt) > Date.now());
  }

  private async dial(cb: Callback) {
    if (this.dialing.has(cb.id)) return;
    if (!this.outdialEp) {
      this.note(cb.id, { kind: 'error', text: 'No outdial entry point: the layout must pass $STORE.agent.outDialEp as outdialEp. Nothing was dialed.' });
      return;
    }
    if (!inDesktop()) {
      this.note(cb.id, { kind: 'error', text: 'Dialing works only inside the Webex Contact Center Desktop. Nothing was dialed.' });
      return;
    }
    const api = this.api!;
    this.dialing = new Set(this.dialing).add(cb.id);
    this.note(cb.id, null);
    try {
      let claimed: Callback;
      try {
        claimed = await api.claim(cb.id, this.agentId);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          const who = String(e.problem.claimedBy || '') || 'Another agent';
          const text =
            e.code === 'already_claimed'
              ? `${who} already took this callback. Nothing was dialed.`
              : e.code === 'personal_callback'
                ? "This is another agent's personal callback. Nothing was dialed."
                : e.code === 'outside_calling_hours'
                  ? "It is outside the customer's calling hours now. Nothing was dialed."
                : 'This callback cannot be dialed now (' + e.message + '). Nothing was dialed.';
          this.note(cb.id, { kind: 'warn', text });
        } else this.note(cb.id, { kind: 'error', text: explain(e) + ' Nothing was dialed.' });
        return;
      }
      this.apply(claimed);
      let interactionId = '';
      let gaveUp = false;
      const failed = async (why: string) => {
        if (gaveUp) return;
        gaveUp = true;
        this.note(cb.id, { kind: 'error', text: 'The Desktop could not dial: ' + why + ' The callback was released.' });
        if (this.open?.id === cb.id) this.open = null;
        try {
          this.apply(await api.release(cb.id, this.agentId));
        } catch {
          /* the claim expires by itself */
        }
      };
      // A failure the Desktop reports later, as the dialer's eOutdialFailed event.
      const stop = onOutdialFailed((why) => {
        stop();
        void failed(why);
      });
      setTimeout(stop, 30000);
      try {
        interactionId = await startOutdial(this.outdialEp, claimed.phoneNumber, claimed.customerName);
      } catch (e) {
        stop();
        await failed(explain(e));
        return;
      }
      if (gaveUp) return;
      this.calls.set(cb.id, interactionId);
      this.note(cb.id, { kind: 'ok', text: 'Calling ' + claimed.phoneNumber + '. Record the outcome when the call ends.' });
      this.open = { id: cb.id, panel: 'outcome' };
      void this.updateComplete.then(() => (this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(cb.id)}"] cdyx-vel-outcome`) as HTMLElement | null)?.focus());
    } finally {
      const d = new Set(this.dialing);
      d.delete(cb.id);
      this.dialing = d;
    }
  }

  private toggle(id: string, panel: 'outcome' | 'edit') {
    this.open = this.open?.id === id && this.open.panel === panel ? null : { id, panel };
    if (this.open) void this.updateComplete.then(() => (this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(id)}"] .panel > *`) as HTMLElement | null)?.focus());
  }

  /** onClick handles the rows' buttons (one listener for the whole list). */
  private onClick(e: Event) {
    const b = (e.target as Element | null)?.closest?.('button[data-act]') as HTMLButtonElement | null;
    const id = b?.closest('li')?.dataset.callbackId;
    if (!b || !id || b.disabled) return;
    const cb = this.items.get(id);
    if (!cb) return;
    const act = b.dataset.act;
    if (act === 'dial') void this.dial(cb);
    else if (act === 'outcome') this.toggle(id, 'outcome');
    else if (act === 'edit') this.toggle(id, 'edit');
  }

  private onChanged(e: CustomEvent) {
    const cb = e.detail.callback as Callback;
    this.apply(cb);
    if (cb.status === 'completed') this.note(cb.id, null), (this.announce = 'Callback completed.');
    else if (cb.status === 'failed') this.announce = 'Callback failed: no attempts left.';
    else if (cb.status === 'cancelled') this.announce = 'Callback cancelled.';
    else if (cb.lastOutcome && cb.attempts) this.note(cb.id, { kind: 'ok', text: `Saved. Retry ${relative(new Date(cb.windowStart))}.` });
  }

  private onDone(id: string) {
    if (this.open?.id === id) this.open = null;
  }

  private matchesFilter(cb: Callback, q: string) {
    if (!q) return true;
    return [cb.customerName, cb.phoneNumber, cb.notes, cb.reason, cb.agentId || '', cb.claimedBy || '', cb.teamId].some((s) => s && s.toLowerCase().includes(q));
  }

  private row(cb: Callback, g: Group, now: Date) {
    const start = new Date(cb.windowStart);
    const end = new Date(cb.windowEnd);
    const heldOther = this.heldByOther(cb);
    const heldMe = cb.status === 'claimed' && cb.claimedBy === this.agentId;
    const open = this.open?.id === cb.id ? this.open.panel : null;
    const notice = this.notices.get(cb.id);
    const dialing = this.dialing.has(cb.id);
    const name = cb.customerName || 'Unknown customer';
    const owner = cb.agentId === null ? 'Team' : cb.agentId === this.agentId ? 'Mine' : cb.agentId;
    const held = heldOther ? 'Held by ' + cb.claimedBy : heldMe ? 'You are calling' : '';
    const meta =
      cb.phoneNumber +
      ' · ' +
      cb.attempts +
      (cb.attempts === 1 ? ' attempt of ' : ' attempts of ') +
      cb.maxAttempts +
      (cb.lastOutcome ? ' · last: ' + (OUTCOME_LABEL.get(cb.lastOutcome) || cb.lastOutcome) : '');
    const customer = cb.timezone && !sameOffset(cb.timezone, undefined, start) ? `customer ${span(start, end, cb.timezone, now)} (${zoneName(cb.timezone)})` : `same time for the customer (${zoneName(cb.timezone)})`;
    const rel = g === 'upcoming' ? relative(start, now) : g === 'overdue' ? 'ended ' + relative(end, now) : 'ends ' + relative(end, now);
    const primary = heldMe ? 'Record outcome' : dialing ? 'Dialing…' : 'Dial';
    return html`<li data-callback-id=${cb.id} data-phone=${cb.phoneNumber} data-group=${g} data-attempts=${cb.attempts} class=${open ? 'open' : ''}>
      <div class="top">
        <div class="main">
          <p class="name">${name}<span class="badge">${owner}</span>${held ? html`<span class="badge held">${held}</span>` : nothing}</p>
          <div class="meta">${meta}</div>
          <div class="when">${cb.attempts ? 'Retry' : 'Window'} <strong class="window" data-start=${cb.windowStart}>${span(start, end, undefined, now)}</strong> · ${customer} · ${rel}</div>
          ${cb.notes || cb.reason ? html`<div class="notes">${cb.notes}${cb.notes && cb.reason ? '\n' : ''}${cb.reason ? 'Reason: ' + cb.reason : ''}</div>` : nothing}
        </div>
        <div class="actions">
          <button
            class=${heldMe ? 'primary' : 'primary dial'}
            data-act=${heldMe ? 'outcome' : 'dial'}
            ?disabled=${!heldMe && (heldOther || dialing)}
            aria-expanded=${heldMe ? (open === 'outcome' ? 'true' : 'false') : nothing}
            aria-label="${primary} ${name}${heldMe ? '' : ' at ' + cb.phoneNumber}"
          >
            ${primary}
          </button>
          <button class="more" data-act="edit" aria-expanded=${open === 'edit' ? 'true' : 'false'} aria-label="Change callback for ${name}">Change</button>
        </div>
      </div>
      ${notice ? html`<div class="msg notice ${notice.kind}">${notice.text}</div>` : nothing}
      ${open ? this.panel(cb, open) : nothing}
    </li>`;
  }

  private panel(cb: Callback, open: 'outcome' | 'edit') {
    return open === 'outcome'
      ? html`<div class="panel">
          <cdyx-vel-outcome
            .api=${this.api}
            .callback=${cb}
            .agentId=${this.agentId}
            .interactionId=${this.calls.get(cb.id) || ''}
            @vel-changed=${this.onChanged}
            @vel-done=${() => this.onDone(cb.id)}
          ></cdyx-vel-outcome>
        </div>`
      : html`<div class="panel">
          <cdyx-vel-editor
            .api=${this.api}
            .callback=${cb}
            .agentId=${this.agentId}
            .teamId=${this.teamId}
            @vel-changed=${this.onChanged}
            @vel-done=${() => this.onDone(cb.id)}
          ></cdyx-vel-editor>
        </div>`;
  }

  override render() {
    const q = this.filter.trim().toLowerCase();
    // this.now only ticks to re-render; group by the real time of this render.
    const nowDate = new Date();
    const now = nowDate.getTime();
    const minute = Math.floor(now / 60000);
    const groups: Record<Group, Callback[]> = { due: [], overdue: [], upcoming: [] };
    let total = 0;
    for (const cb of this.items.values()) {
      total++;
      if (this.matchesFilter(cb, q)) groups[this.group(cb, now)].push(cb);
    }
    for (const g of Object.values(groups)) g.sort((a, b) => (a.windowStart < b.windowStart ? -1 : a.windowStart > b.windowStart ? 1 : a.id < b.id ? -1 : 1));
    const shown = groups.due.length + groups.overdue.length + groups.upcoming.length;
    let budget = this.limit;
    const visibleRows: Record<Group, Callback[]> = { due: [], overdue: [], upcoming: [] };
    for (const [g] of GROUPS) {
      visibleRows[g] = budget >= groups[g].length ? groups[g] : groups[g].slice(0, Math.max(0, budget));
      budget -= visibleRows[g].length;
    }
    const liveText = this.live === 'live' ? 'Live' : this.live === 'retrying' ? 'Reconnecting…' : this.live === 'connecting' ? 'Connecting…' : 'Offline';
    return html`<header>
        <h1>Callbacks</h1>
        <span class="live" data-state=${this.live}><span class="dot" aria-hidden="true"></span>${liveText}</span>
        <div class="filter">
          <label class="sr-only" for="filter">Filter callbacks</label>
          <input id="filter" type="search" placeholder="Filter by name, number, notes" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        </div>
        <button class="small" @click=${() => this.load()} ?disabled=${this.loading}>Refresh</button>
      </header>
      <div class="sr-only" role="status" aria-live="polite">${this.announce}</div>
      <div class="body" @click=${this.onClick}>
        ${this.error ? html`<div class="msg error" role="alert">${this.error}</div>` : nothing}
        ${!this.outdialEp ? html`<div class="msg warn">No outdial entry point for this agent ($STORE.agent.outDialEp): dialing is off.</div>` : nothing}
        ${GROUPS.map(([g, label]) =>
          groups[g].length
            ? html`<section aria-labelledby="h-${g}" data-group=${g}>
                <h2 id="h-${g}" class=${g}>${label}<span class="count">${groups[g].length}</span></h2>
                <ul>
                  ${repeat(
                    visibleRows[g],
                    (cb) => cb.id,
                    (cb) =>
                      guard([cb, g, minute, this.open?.id === cb.id ? this.open.panel : '', this.notices.get(cb.id), this.dialing.has(cb.id), this.agentId], () =>
                        this.row(cb, g, nowDate),
                      ),
                  )}
                </ul>
              </section>`
            : nothing,
        )}
        ${!shown && !this.error
          ? html`<p class="empty">${this.loading ? 'Loading callbacks…' : total ? 'No callback matches the filter.' : 'No open callbacks for you or your team.'}</p>`
          : nothing}
      </div>`;
  }
}
