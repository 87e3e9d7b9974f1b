import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { base } from '../../styles/theme.js';
import { Api, ApiError, Callback, CallbackEvent, explain } from '../../lib/api.js';
import type { LiveState } from '../../lib/live.js';
import { inDesktop, onTasks, onTelephony, outboundOff, sdkFailure } from '../../lib/desktop.js';
import { Dial, dial, dialOf, finish, onDials, seen } from '../../lib/dialing.js';
import { Feed, Reminder, askPermission, notificationState, subscribe } from '../../lib/feed.js';
import { callerMatch, onCaller } from '../../lib/caller.js';
import { clock, relative, sameOffset, span, zoneName } from '../../lib/time.js';
import { CallState, callState } from '../../lib/callable.js';
import { bell } from '../../lib/icons.js';
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

/**
 * The list is windowed: each group renders only the rows that intersect the visible area
 * plus BUFFER_PX above and below, with padding standing in for the rest. Row heights are
 * measured once rendered; rows not yet seen count as the average.
 */
const BUFFER_PX = 700;
/** The space under each row (the rows' margin), counted in their measured height. */
const GAP = 8;
/** A row kept rendered for its open panel or the focus, unless it is further than this from the window. */
const PIN_ROWS = 80;

type Ranges = Record<Group, [number, number]>;

interface Notice {
  kind: 'ok' | 'warn' | 'error';
  text: string;
}

/**
 * @summary The Callbacks page: the agent's personal callbacks and the team's open ones,
 * grouped as due now, overdue and upcoming, kept live from the server's event stream.
 * Dial claims a callback and asks the Desktop to call (lib/dialing, which keeps the claim
 * while the call lasts, even when this element is dropped); the agent then records the
 * outcome. Dial is off, with the reason, outside the customer's calling hours (from the
 * server's `callable`, followed as time passes), while the agent is on a telephony task,
 * and when outbound calls are off for the agent. The header counts the reminders of the
 * agent's shared feed (lib/feed: due callbacks, overdue ones handed to the team). The row
 * of the callback of a customer calling in now is marked (lib/caller).
 *
 * @event vel-rendered - The list was rendered after new data; detail is { count, ms } where ms is the time from data received to the list laid out.
 */
export default class VelCallbackList extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    api: { attribute: false },
    agentId: { attribute: false },
    teamId: { attribute: false },
    agentName: { attribute: false },
    outdialEp: { attribute: false },
    outdialAni: { attribute: false },
    outboundEnabled: { attribute: false },
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
    reminded: { state: true },
    permission: { state: true },
  };

  declare api: Api | null;
  declare agentId: string;
  declare teamId: string;
  declare agentName: string;
  declare outdialEp: string;
  /** The caller id to show ($STORE.agent.selectedOutdialANI, or a number), when the layout binds one. */
  declare outdialAni: unknown;
  /** $STORE.agent.isOutboundEnabledForAgent, when the layout binds it. */
  declare outboundEnabled: unknown;
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
  /** The callbacks the agent was reminded of and has not looked at yet. */
  declare reminded: Map<string, Reminder>;
  declare permission: NotificationPermission | 'unsupported';

  /** The time from the last data received to the list rendered and laid out, in milliseconds. */
  lastRenderMs = 0;
  /** Kept for older callers: the list is windowed, so it is the same as lastRenderMs. */
  lastFullRenderMs = 0;
  /** How many rows the last render put in the DOM (the window), and how many the list holds. */
  renderedRows = 0;

  /** The agent's shared feed (its event stream and reminders). */
  feed?: Feed;
  private leave?: () => void;
  private unwatch: (() => void)[] = [];
  private subscribed = '';
  private subApi: Api | null = null;
  private generation = 0;
  private buffered: CallbackEvent[] | null = null;
  private timer?: ReturnType<typeof setTimeout>;
  private staleReload = 0;

  // Windowing.
  private heights = new Map<string, number>();
  private est = 120;
  private measuredSum = 0;
  private measuredCount = 0;
  private ulTops: Partial<Record<Group, number>> = {};
  private bodyTop = 0;
  private clip = { top: 0, bottom: typeof innerHeight === 'number' ? innerHeight : 900 };
  private sorted: Record<Group, Callback[]> = { due: [], overdue: [], upcoming: [] };
  private ranges: Ranges = { due: [0, 0], overdue: [0, 0], upcoming: [0, 0] };
  private focusId = '';
  private scrollers: (Element | Window)[] = [];
  private frame = 0;
  private passes = 0;
  private ro?: ResizeObserver;
  private observed = new Set<Element>();
  private onScroll = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.passes = 0;
      this.measure(false);
    });
  };

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
    this.reminded = new Map();
    this.permission = notificationState();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.requestUpdate();
    const update = () => this.requestUpdate();
    this.unwatch = [onTasks(update), onCaller(update), onDials((d) => d && this.onDial(d))];
    this.ro = new ResizeObserver((entries) => {
      let size = false;
      for (const e of entries) {
        if (!e.target.isConnected) {
          this.ro?.unobserve(e.target);
          this.observed.delete(e.target);
        } else size = true;
      }
      if (size) this.onScroll();
    });
    this.ro.observe(this);
    addEventListener('resize', this.onScroll, { passive: true });
    addEventListener('scroll', this.onScroll, { passive: true, capture: true });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.leaveFeed();
    for (const f of this.unwatch) f();
    this.ro?.disconnect();
    this.observed.clear();
    removeEventListener('resize', this.onScroll);
    removeEventListener('scroll', this.onScroll, { capture: true });
    for (const s of this.scrollers) s.removeEventListener('scroll', this.onScroll);
    this.scrollers = [];
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('api') || changed.has('agentId') || changed.has('teamId') || !this.feed) this.resubscribe();
  }

  private leaveFeed() {
    this.leave?.();
    this.leave = this.feed = undefined;
    this.subApi = null;
  }

  private resubscribe() {
    if (!this.isConnected || !this.api || !this.agentId || !this.teamId) return this.leaveFeed();
    const key = this.agentId + '|' + this.teamId;
    if (this.feed && this.subApi === this.api && key === this.subscribed) return;
    this.leaveFeed();
    this.subApi = this.api;
    this.subscribed = key;
    this.items = new Map();
    this.open = null;
    this.notices = new Map();
    [this.feed, this.leave] = subscribe(this.api, this.agentId, this.teamId, {
      event: (ev) => this.onEvent(ev),
      resync: () => void this.load(),
      state: (s) => (this.live = s),
      reminders: () => (this.reminded = new Map(this.feed?.reminders)),
      reveal: (id) => void this.reveal(id),
    });
    this.live = this.feed.state;
    this.reminded = new Map(this.feed.reminders);
    // A feed already live does not reconnect: load now.
    void this.load();
  }

  /** load fetches the list again. */
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
      this.items = next;
      for (const ev of pending) this.apply(ev.callback);
      this.error = '';
      this.loading = false;
      // Settled: rendered, the window measured and rendered again if the measure moved it.
      for (let i = 0; i < 5 && !(await this.updateComplete); i++);
      this.renderRoot.querySelector('.body')?.getBoundingClientRect();
      const ms = performance.now() - received;
      this.lastRenderMs = ms;
      this.lastFullRenderMs = ms;
      try {
        performance.measure('vel-list-render', { start: received, end: received + ms, detail: { count: this.items.size, rows: this.renderedRows } });
      } catch {
        /* older browsers */
      }
      this.dispatchEvent(new CustomEvent('vel-rendered', { detail: { count: this.items.size, ms, fullMs: ms, rows: this.renderedRows }, bubbles: true, composed: true }));
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
    seen(cb);
  }

  private onEvent(ev: CallbackEvent) {
    if (!ev || !ev.callback) return;
    if (this.buffered) this.buffered.push(ev);
    const before = this.items.get(ev.callback.id);
    this.apply(ev.callback);
    const cb = ev.callback;
    const mine = ev.actor?.agentId === this.agentId;
    if (!mine && ev.type === 'created' && this.items.has(cb.id)) this.announce = 'New callback: ' + (cb.customerName || cb.phoneNumber);
    if (!mine && ev.type === 'claimed' && before && this.open?.id === cb.id && this.open.panel === 'edit') {
      this.note(cb.id, { kind: 'warn', text: (cb.claimedBy || 'Another agent') + ' is calling this customer now.' });
    }
    const r = this.feed?.reminders.get(cb.id);
    if (r && (ev.type === 'due' || ev.type === 'fallback')) this.announce = r.kind === 'due' ? `Callback due now: ${r.who}.` : `Overdue callback handed to your team: ${r.who}.`;
    if (ev.type === 'fallback' && String(ev.data?.previousAgentId || '') === this.agentId) {
      this.note(cb.id, { kind: 'warn', text: `This callback stayed overdue, so it was handed to your team (${cb.teamId}): any teammate may dial it now.` });
    }
  }

  /** onDial shows what happened to a callback this document dials (also after the page was created again). */
  private onDial(d: Dial) {
    if (d.note) this.note(d.callbackId, d.note);
    if ((d.phase === 'failed' || d.phase === 'lost') && this.open?.id === d.callbackId) this.open = null;
    this.apply(d.claim);
    this.requestUpdate();
  }

  /** reveal scrolls to a callback's row and focuses it, clearing its reminder. */
  async reveal(id: string) {
    this.feed?.forget(id);
    this.filter = '';
    this.focusId = id;
    await this.scrollToRow(id);
    const b = this.renderRoot.querySelector<HTMLElement>(`li[data-callback-id="${CSS.escape(id)}"] button`);
    b?.focus();
  }

  /** scrollToRow brings a row into the window and into view. */
  private async scrollToRow(id: string) {
    for (let i = 0; i < 4; i++) {
      await this.updateComplete;
      const li = this.renderRoot.querySelector<HTMLElement>(`li[data-callback-id="${CSS.escape(id)}"]`);
      if (li) {
        li.scrollIntoView({ block: 'center' });
        this.measure(false);
        await this.updateComplete;
        return;
      }
      // Not in the window: scroll to its estimated place, then render there.
      const g = GROUPS.find(([g]) => this.sorted[g].some((c) => c.id === id))?.[0];
      if (!g) return;
      const ul = this.renderRoot.querySelector<HTMLElement>(`ul[data-group="${g}"]`);
      const idx = this.sorted[g].findIndex((c) => c.id === id);
      const off = this.offsets(g)[idx];
      if (!ul) return;
      const target = ul.getBoundingClientRect().top + off;
      this.nudge(target - (this.clip.top + this.clip.bottom) / 2);
      this.measure(false);
    }
  }

  private nudge(dy: number) {
    for (const s of this.scrollers) {
      if (s instanceof Element && s.scrollHeight > s.clientHeight) {
        s.scrollTop += dy;
        return;
      }
    }
    window.scrollBy(0, dy);
  }

  private async openReminders() {
    const first = GROUPS.flatMap(([g]) => this.sorted[g]).find((c) => this.reminded.has(c.id));
    if (first) await this.reveal(first.id);
    else this.feed?.clear();
  }

  private async turnOnReminders() {
    this.permission = await askPermission();
    this.announce = this.permission === 'granted' ? 'Reminders are on: you get a desktop notification when a callback falls due.' : 'The browser did not allow desktop notifications.';
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

  /** claimRefused turns a 409 from a claim into a sentence for the agent. */
  private claimRefused(e: ApiError, cb: Callback) {
    const p = e.problem;
    switch (e.code) {
      case 'already_claimed':
        return `${String(p.claimedBy || '') || 'Another agent'} already took this callback. Nothing was dialed.`;
      case 'personal_callback':
        return "This is another agent's personal callback. Nothing was dialed.";
      case 'outside_calling_hours': {
        const tz = typeof p.timezone === 'string' && p.timezone ? p.timezone : cb.timezone;
        const next = typeof p.nextCallableAt === 'string' ? Date.parse(p.nextCallableAt) : NaN;
        const now = new Date();
        const when = isNaN(next) ? '' : ` Calling opens ${clock(new Date(next), tz, now)} their time (${clock(new Date(next), undefined, now)} yours).`;
        return `It is outside the customer's calling hours (${clock(now, tz, now)} for them, ${zoneName(tz)}).${when} Nothing was dialed.`;
      }
      case 'do_not_call':
        return 'This number is on the do-not-call list: it must not be called. Nothing was dialed.';
      default:
        return 'This callback cannot be dialed now (' + e.message + '). Nothing was dialed.';
    }
  }

  /** whyNoDial says why the agent cannot dial now (the Desktop's state, not the callback's), or "". */
  private whyNoDial(): string {
    if (!this.outdialEp) return 'No outdial entry point for this agent ($STORE.agent.outDialEp): dialing is off.';
    if (!inDesktop()) return 'Dialing works only inside the Webex Contact Center Desktop.';
    const sdk = sdkFailure();
    if (sdk) return sdk + ' Dialing is off.';
    if (this.outboundEnabled === false || this.outboundEnabled === 'false' || outboundOff()) return 'Outbound calls are off for you in the Desktop: ask your administrator to allow outdial.';
    const t = onTelephony();
    if (t) return t.live ? 'You are on a call: Dial is back when it ends.' : 'You are wrapping up a call: Dial is back when you finish.';
    return '';
  }

  /** origin is the caller id to show the customer, from outdialAni: a number, or the Desktop's {id, name} choice. */
  private origin(): string {
    const phone = (v: unknown) => (typeof v === 'string' && /^\+?[\d\s().-]{5,}$/.test(v.trim()) ? v.trim() : '');
    const a = this.outdialAni as Record<string, any> | string | null;
    if (!a) return '';
    if (typeof a === 'string') return a.trim();
    const list = Array.isArray(a.data) ? a.data : null;
    const one = list ? (list.length === 1 ? list[0] : null) : a;
    return one ? phone(one.id) || phone(one.name) || phone(one.number) : '';
  }

  async dial(cb: Callback) {
    if (this.dialing.has(cb.id)) return;
    const why = this.whyNoDial();
    if (why) return this.note(cb.id, { kind: 'error', text: why + ' Nothing was dialed.' });
    const api = this.api!;
    this.dialing = new Set(this.dialing).add(cb.id);
    this.note(cb.id, null);
    try {
      let claimed: Callback;
      try {
        claimed = await api.claim(cb.id, this.agentId);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) this.note(cb.id, { kind: 'warn', text: this.claimRefused(e, cb) });
        else this.note(cb.id, { kind: 'error', text: explain(e) + ' Nothing was dialed.' });
        return;
      }
      this.apply(claimed);
      this.feed?.forget(cb.id);
      const d = await dial(api, claimed, this.agentId, this.outdialEp, this.origin());
      if (d.phase === 'calling' || d.phase === 'unknown') {
        this.open = { id: cb.id, panel: 'outcome' };
        void this.updateComplete.then(() => (this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(cb.id)}"] cdyx-vel-outcome`) as HTMLElement | null)?.focus());
      } else if (this.open?.id === cb.id) this.open = null;
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

  /** The focused row stays rendered while it is near the window, so the focus is not lost. */
  private onFocusIn(e: FocusEvent) {
    const li = (e.composedPath().find((n) => n instanceof HTMLLIElement && n.dataset.callbackId) as HTMLLIElement | undefined) || null;
    this.focusId = li?.dataset.callbackId || '';
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

  // ---- Windowing -------------------------------------------------------------------

  /** offsets returns each row's top within its group's list, and the list's height last. */
  private offsets(g: Group): number[] {
    const rows = this.sorted[g];
    const off = new Array<number>(rows.length + 1);
    let y = 0;
    for (let i = 0; i < rows.length; i++) {
      off[i] = y;
      y += this.heights.get(rows[i].id) ?? this.est;
    }
    off[rows.length] = y;
    return off;
  }

  /** window computes which rows of each group intersect the visible area (plus the buffer). */
  private window(): Ranges {
    const out: Ranges = { due: [0, 0], overdue: [0, 0], upcoming: [0, 0] };
    // Groups not laid out yet are assumed to follow the previous one (heading included).
    let guess = this.bodyTop + 40;
    for (const [g] of GROUPS) {
      const rows = this.sorted[g];
      if (!rows.length) continue;
      const off = this.offsets(g);
      const top = this.ulTops[g] ?? guess;
      const lo = this.clip.top - BUFFER_PX - top;
      const hi = this.clip.bottom + BUFFER_PX - top;
      let a = 0;
      while (a < rows.length && off[a + 1] <= lo) a++;
      let b = a;
      while (b < rows.length && off[b] < hi) b++;
      for (const id of [this.open?.id, this.focusId]) {
        if (!id) continue;
        const k = rows.findIndex((c) => c.id === id);
        if (k < 0) continue;
        if (k < a && a - k <= PIN_ROWS) a = k;
        if (k >= b && k - b < PIN_ROWS) b = k + 1;
      }
      out[g] = [a, b];
      guess = top + off[rows.length] + 40;
    }
    return out;
  }

  /** scrollAncestors lists the elements (across shadow roots) that may scroll the list. */
  private findScrollers() {
    for (const s of this.scrollers) s.removeEventListener('scroll', this.onScroll);
    const out: Element[] = [];
    let n: Node | null = this;
    while (n) {
      if (n instanceof Element) {
        const o = getComputedStyle(n).overflowY;
        if (o === 'auto' || o === 'scroll' || o === 'overlay' || o === 'hidden') out.push(n);
      }
      n = n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode;
    }
    // Scroll events do not cross shadow roots: listen on each scroller itself.
    for (const s of out) s.addEventListener('scroll', this.onScroll, { passive: true });
    this.scrollers = out;
  }

  /**
   * measure reads the layout after a render or a scroll: the rows' heights, where each
   * group's list starts and the visible area; it renders again when the window moved.
   */
  private measure(afterRender: boolean) {
    if (!this.isConnected) return;
    if (!this.scrollers.length) this.findScrollers();
    let top = 0;
    let bottom = innerHeight;
    for (const s of this.scrollers) {
      if (!(s instanceof Element)) continue;
      const r = s.getBoundingClientRect();
      top = Math.max(top, r.top);
      bottom = Math.min(bottom, r.bottom);
    }
    this.clip = { top, bottom: Math.max(top, bottom) };
    const body = this.renderRoot.querySelector('.body');
    if (body) this.bodyTop = body.getBoundingClientRect().top;
    for (const li of this.renderRoot.querySelectorAll<HTMLElement>('ul > li[data-callback-id]')) {
      const id = li.dataset.callbackId!;
      const h = li.getBoundingClientRect().height + GAP;
      if (h <= GAP) continue; // hidden
      const old = this.heights.get(id);
      if (old === undefined) {
        this.measuredSum += h;
        this.measuredCount++;
      } else this.measuredSum += h - old;
      this.heights.set(id, h);
      if (this.ro && !this.observed.has(li)) {
        this.observed.add(li);
        this.ro.observe(li);
      }
    }
    if (this.measuredCount) this.est = this.measuredSum / this.measuredCount;
    const tops: Partial<Record<Group, number>> = {};
    for (const ul of this.renderRoot.querySelectorAll<HTMLElement>('ul[data-group]')) tops[ul.dataset.group as Group] = ul.getBoundingClientRect().top;
    this.ulTops = tops;
    const next = this.window();
    const moved = GROUPS.some(([g]) => next[g][0] !== this.ranges[g][0] || next[g][1] !== this.ranges[g][1]);
    if (moved && this.passes++ < (afterRender ? 4 : 6)) this.requestUpdate();
  }

  override updated() {
    this.measure(true);
    this.schedule();
  }

  /** schedule re-renders when the next row changes group or callability (or the minute turns). */
  private schedule() {
    clearTimeout(this.timer);
    const now = Date.now();
    let next = (Math.floor(now / 60000) + 1) * 60000;
    let stale = false;
    for (const cb of this.items.values()) {
      const s = Date.parse(cb.windowStart);
      const e = Date.parse(cb.windowEnd);
      if (s > now && s < next) next = s;
      if (e > now && e < next) next = e;
      const c = cb.callable;
      if (c) {
        const f = c.from ? Date.parse(c.from) : NaN;
        const u = c.until ? Date.parse(c.until) : NaN;
        if (f > now && f < next) next = f;
        if (u > now && u < next) next = u;
        if (u <= now) stale = true;
      }
    }
    // A calling interval ended: only the server knows when the next one opens.
    if (stale && !this.loading && now - this.staleReload > 60000 && this.api) {
      this.staleReload = now;
      void this.load();
    }
    this.timer = setTimeout(() => {
      this.passes = 0;
      this.now = new Date();
    }, Math.max(50, next - now + 20));
  }

  // ---- Rendering -------------------------------------------------------------------

  private row(cb: Callback, g: Group, now: Date, call: CallState, pos: number, size: number, blocked: string, d: Dial | undefined, calling: boolean) {
    const start = new Date(cb.windowStart);
    const end = new Date(cb.windowEnd);
    const heldOther = this.heldByOther(cb);
    // Ours to record: claimed by us, or dialed by us with the claim run out during the call.
    const heldMe = (cb.status === 'claimed' && cb.claimedBy === this.agentId) || (cb.status === 'scheduled' && (d?.phase === 'calling' || d?.phase === 'unknown'));
    if (!call.ok && !heldMe) blocked = call.reason;
    const open = this.open?.id === cb.id ? this.open.panel : null;
    const notice = this.notices.get(cb.id) || d?.note;
    const dialing = this.dialing.has(cb.id);
    const reminded = this.reminded.get(cb.id);
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
    const theirNow = clock(now, cb.timezone || undefined, now);
    const why = 'why-' + cb.id;
    return html`<li
      data-callback-id=${cb.id}
      data-phone=${cb.phoneNumber}
      data-group=${g}
      data-attempts=${cb.attempts}
      data-callable=${call.ok ? 'true' : 'false'}
      aria-posinset=${pos}
      aria-setsize=${size}
      class=${(open ? 'open' : '') + (reminded ? ' reminded' : '')}
    >
      <div class="top">
        <div class="main">
          <p class="name">
            ${name}<span class="badge">${owner}</span>${held ? html`<span class="badge held">${held}</span>` : nothing}${calling
              ? html`<span class="badge new caller">Calling in now</span>`
              : nothing}${reminded
              ? html`<span class="badge new">${reminded.kind === 'due' ? 'Just due' : 'Handed to team'}</span>`
              : nothing}
          </p>
          <div class="meta">${meta}</div>
          <div class="when">${cb.attempts ? 'Retry' : 'Window'} <strong class="window" data-start=${cb.windowStart}>${span(start, end, undefined, now)}</strong> · ${customer} · ${rel}</div>
          <div class="callable ${call.ok && !blocked ? 'ok' : 'no'}" id=${why}>
            ${blocked && !heldMe ? blocked : call.ok ? html`<span class="dot" aria-hidden="true"></span>Callable now · ${theirNow} for the customer` : call.reason}
          </div>
          ${cb.notes || cb.reason ? html`<div class="notes">${cb.notes}${cb.notes && cb.reason ? '\n' : ''}${cb.reason ? 'Reason: ' + cb.reason : ''}</div>` : nothing}
        </div>
        <div class="actions">
          <button
            class=${heldMe ? 'primary' : 'primary dial'}
            data-act=${heldMe ? 'outcome' : 'dial'}
            ?disabled=${!heldMe && (heldOther || dialing || !!blocked)}
            aria-expanded=${heldMe ? (open === 'outcome' ? 'true' : 'false') : nothing}
            aria-label="${primary} ${name}${heldMe ? '' : ' at ' + cb.phoneNumber}"
            aria-describedby=${!heldMe && blocked ? why : nothing}
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
            .interactionId=${dialOf(cb.id)?.interactionId || ''}
            @vel-changed=${this.onChanged}
            @vel-done=${() => (finish(cb.id), this.onDone(cb.id))}
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

  private reminderBar() {
    const n = this.reminded.size;
    const perm = this.permission;
    return html`${n
      ? html`<button class="small reminders" @click=${this.openReminders} aria-label="${n} ${n === 1 ? 'callback needs' : 'callbacks need'} you now: show">
          ${bell}<span class="n">${n}</span> due
        </button>`
      : nothing}
    ${perm === 'default' && !inDesktop() ? html`<button class="small" id="notify-on" @click=${this.turnOnReminders}>Turn on reminders</button>` : nothing}`;
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
    this.sorted = groups;
    const ranges = this.window();
    this.ranges = ranges;
    const shown = groups.due.length + groups.overdue.length + groups.upcoming.length;
    let rendered = 0;
    const blocked = this.whyNoDial();
    const caller = callerMatch()?.callback?.id;
    const liveText = this.live === 'live' ? 'Live' : this.live === 'retrying' ? 'Reconnecting…' : this.live === 'connecting' ? 'Connecting…' : 'Offline';
    const out = html`<header>
        <h1>Callbacks</h1>
        ${this.reminderBar()}
        <span class="live" data-state=${this.live}><span class="dot" aria-hidden="true"></span>${liveText}</span>
        <div class="filter">
          <label class="sr-only" for="filter">Filter callbacks</label>
          <input id="filter" type="search" placeholder="Filter by name, number, notes" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        </div>
        <button class="small" @click=${() => this.load()} ?disabled=${this.loading}>Refresh</button>
      </header>
      <div class="sr-only" role="status" aria-live="polite">${this.announce}</div>
      <div class="body" @click=${this.onClick} @focusin=${this.onFocusIn}>
        ${this.error ? html`<div class="msg error" role="alert">${this.error}</div>` : nothing}
        ${blocked ? html`<div class="msg warn blocked">${blocked}</div>` : nothing}
        ${GROUPS.map(([g, label]) => {
          const rows = groups[g];
          if (!rows.length) return nothing;
          const [a, b] = ranges[g];
          const off = this.offsets(g);
          rendered += b - a;
          return html`<section aria-labelledby="h-${g}" data-group=${g}>
            <h2 id="h-${g}" class=${g} tabindex="-1">${label}<span class="count">${rows.length}</span></h2>
            <ul data-group=${g} style="padding-top:${off[a]}px;padding-bottom:${off[rows.length] - off[b]}px">
              ${repeat(
                rows.slice(a, b),
                (cb) => cb.id,
                (cb, i) => {
                  const call = callState(cb, now);
                  const d = dialOf(cb.id);
                  const calling = cb.id === caller;
                  return guard(
                    [cb, g, minute, call.ok, this.open?.id === cb.id ? this.open.panel : '', this.notices.get(cb.id), this.dialing.has(cb.id), this.reminded.get(cb.id), this.agentId, a + i, blocked, d?.phase, d?.note, calling],
                    () => this.row(cb, g, nowDate, call, a + i + 1, rows.length, blocked, d, calling),
                  );
                },
              )}
            </ul>
          </section>`;
        })}
        ${!shown && !this.error
          ? html`<p class="empty">${this.loading ? 'Loading callbacks…' : total ? 'No callback matches the filter.' : 'No open callbacks for you or your team.'}</p>`
          : nothing}
      </div>`;
    this.renderedRows = rendered;
    return out;
  }
}
