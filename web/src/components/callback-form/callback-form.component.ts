import { LitElement, html, nothing } from 'lit';
import { base } from '../../styles/theme.js';
import { Api, ApiError, Callback, CreateInput, Lookup, explain, newKey } from '../../lib/api.js';
import { Feed, subscribe } from '../../lib/feed.js';
import { Call, callOf, latestCall, onTasks } from '../../lib/desktop.js';
import { dialByInteraction } from '../../lib/dialing.js';
import { setCaller } from '../../lib/caller.js';
import { agentZone, clock, sameOffset, span, zoneName } from '../../lib/time.js';
import { bell } from '../../lib/icons.js';
import '../when/when.js';
import styles from './callback-form.styles.js';

const WINDOWS: [number, string][] = [
  [30, '30 minutes'],
  [60, '1 hour'],
  [120, '2 hours'],
  [240, '4 hours'],
];

/** Where each API field's error is shown. */
const FIELD_OF: Record<string, string> = {
  phoneNumber: 'phone',
  country: 'phone',
  customerName: 'name',
  timezone: 'zone',
  windowStart: 'when',
  windowEnd: 'when',
  notes: 'notes',
  reason: 'notes',
  agentId: 'owner',
  teamId: 'owner',
  sourceInteractionId: 'form',
  createdBy: 'form',
  maxAttempts: 'form',
};

let zones: string[] | undefined;
let zoneOptions: unknown[] | undefined;
function allZones(): string[] {
  if (!zones) {
    try {
      zones = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Sydney'];
    }
  }
  return zones;
}

/**
 * @summary The Callback panel: schedules a callback, prefilled from the agent's active
 * call (number, customer name, interaction id). Errors from the API appear beside the
 * field they concern.
 *
 * @event vel-created - A callback was scheduled; detail is { callback }.
 */
export default class VelCallbackForm extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    api: { attribute: false },
    agentId: { attribute: false },
    teamId: { attribute: false },
    agentName: { attribute: false },
    selected: { attribute: false },
    name: { state: true },
    phone: { state: true },
    zone: { state: true },
    when: { state: true },
    length: { state: true },
    owner: { state: true },
    notes: { state: true },
    call: { state: true },
    errors: { state: true },
    busy: { state: true },
    created: { state: true },
    suggestion: { state: true },
    lookup: { state: true },
    lookupError: { state: true },
    due: { state: true },
    match: { state: true },
    matchNote: { state: true },
  };

  declare api: Api | null;
  declare agentId: string;
  declare teamId: string;
  declare agentName: string;
  /** The Desktop's selected task ($STORE.agentContact.taskSelected); undefined when the layout does not bind it. */
  declare selected: unknown;
  declare name: string;
  declare phone: string;
  declare zone: string;
  declare when: Date | null;
  declare length: number;
  declare owner: 'team' | 'me';
  declare notes: string;
  declare call: Call | null;
  declare errors: Record<string, string>;
  declare busy: boolean;
  declare created: Callback | null;
  /** The next start the API allows, offered after an outside_calling_hours error. */
  declare suggestion: Date | null;
  /** The API's reading of the number typed (E.164, zone, do-not-call), or null. */
  declare lookup: Lookup | null;
  /** Why the number typed is not a number yet (from the lookup's 422). */
  declare lookupError: string;
  /** How many of the agent's callbacks fell due and are not looked at (from the agent's feed). */
  declare due: number;
  /** The open callback of the customer on the current inbound call, if any. */
  declare match: Callback | null;
  /** What became of the match: "" (ask), or the message to show. */
  declare matchNote: { kind: string; text: string } | null;

  private interactionId = '';
  private dirty = false;
  private unwatch?: () => void;
  private feed?: Feed;
  private leave?: () => void;
  private feedKey = '';
  private matched = '';
  private lookupTimer?: ReturnType<typeof setTimeout>;
  private lookupSeq = 0;
  private clockTimer?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    this.api = null;
    this.agentId = '';
    this.teamId = '';
    this.agentName = '';
    this.call = null;
    this.busy = false;
    this.created = null;
    this.suggestion = null;
    this.length = 60;
    this.owner = 'team';
    this.lookup = null;
    this.lookupError = '';
    this.due = 0;
    this.match = null;
    this.matchNote = null;
    this.reset();
  }

  private reset() {
    this.name = '';
    this.phone = '';
    this.zone = '';
    this.when = null;
    this.notes = '';
    this.errors = {};
    this.interactionId = '';
    this.dirty = false;
    this.lookup = null;
    this.lookupError = '';
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('phone') || changed.has('api')) this.scheduleLookup();
    if (changed.has('selected')) this.syncCall();
    else if (changed.has('api')) void this.matchCaller();
    const key = this.api ? this.api.key + '\n' + this.agentId + '\n' + this.teamId : '';
    if (key !== this.feedKey && this.isConnected) {
      this.feedKey = key;
      this.leave?.();
      this.leave = this.feed = undefined;
      if (this.api && this.agentId && this.teamId) {
        // The panel keeps the agent's feed open too: reminders do not need the Callbacks page.
        const count = () => (this.due = this.feed?.reminders.size || 0);
        [this.feed, this.leave] = subscribe(this.api, this.agentId, this.teamId, { reminders: count });
        count();
      }
    }
  }

  /** scheduleLookup asks the API about the number once the agent stops typing. */
  private scheduleLookup() {
    clearTimeout(this.lookupTimer);
    const number = this.phone.trim();
    const seq = ++this.lookupSeq;
    if (!number || !this.api) {
      this.lookup = null;
      this.lookupError = '';
      return;
    }
    if (this.lookup && this.lookup.phoneNumber === number) return;
    this.lookupTimer = setTimeout(async () => {
      const api = this.api;
      if (!api) return;
      try {
        const r = await api.lookup(number);
        if (seq !== this.lookupSeq) return;
        this.lookup = r;
        this.lookupError = '';
      } catch (e) {
        if (seq !== this.lookupSeq) return;
        this.lookup = null;
        this.lookupError = e instanceof ApiError && e.status === 422 ? (e.problem.fields || []).map((f) => f.message).join(' ') || e.message : '';
      }
    }, 300);
  }

  /** customerZone is the zone the server will use: the one picked, else the number's, else the tenant's. */
  private customerZone(): string {
    return this.zone || this.lookup?.timezone || this.lookup?.defaultTimezone || '';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.feedKey = '';
    this.clockTimer = setInterval(() => this.lookup && this.requestUpdate(), 30000);
    this.unwatch = onTasks(() => this.syncCall());
    this.syncCall();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unwatch?.();
    this.leave?.();
    this.leave = this.feed = undefined;
    clearTimeout(this.lookupTimer);
    clearInterval(this.clockTimer);
  }

  /**
   * syncCall follows the agent's call: the task the agent selected in the Desktop when the
   * layout binds it, else the telephony task that changed last.
   */
  private syncCall() {
    const c = this.selected !== undefined ? callOf(this.selected) : latestCall();
    const call = c && c.telephony ? c : null;
    if (!call) {
      if (this.call) {
        this.call = null;
        if (!this.dirty) this.reset();
      }
    } else if (this.call?.interactionId === call.interactionId) this.call = call;
    else this.prefill(call);
    void this.matchCaller();
  }

  /** prefill fills the form from a call unless the agent is already editing it for this call. */
  private prefill(c: Call) {
    const same = this.call?.interactionId === c.interactionId;
    this.call = c;
    if (same && this.dirty) return;
    if (!same && this.dirty && this.interactionId) return;
    this.created = null;
    this.errors = {};
    this.phone = c.number;
    this.name = c.customerName || (c.outbound ? dialByInteraction(c.interactionId)?.customerName || '' : '');
    this.interactionId = c.interactionId;
  }

  /** matchCaller looks up the inbound caller's open callback, once per call. */
  private async matchCaller() {
    const c = this.call;
    if (!c || c.outbound || !c.number || !this.api) {
      this.matched = '';
      this.match = null;
      this.matchNote = null;
      setCaller(null);
      return;
    }
    if (this.matched === c.interactionId) return;
    this.matched = c.interactionId;
    this.match = null;
    this.matchNote = null;
    try {
      const r = await this.api.lookup(c.number);
      if (this.call?.interactionId !== c.interactionId) return;
      this.match = r.openCallback || null;
      setCaller({ interactionId: c.interactionId, callback: this.match });
    } catch {
      /* not a number the server reads: no match */
    }
  }

  /** reached marks the caller's callback done: they were reached on this inbound call. */
  private async reached() {
    const m = this.match;
    const c = this.call;
    if (!m || !c || !this.api) return;
    this.busy = true;
    try {
      await this.api.reached(m.id, c.interactionId, this.agentId);
      this.matchNote = { kind: 'ok', text: `Done: ${m.customerName || m.phoneNumber}'s callback is marked reached on this call. Nobody will call them back.` };
    } catch (e) {
      const who = e instanceof ApiError && e.code === 'already_claimed' ? String(e.problem.claimedBy || 'Another agent') : '';
      this.matchNote = { kind: 'error', text: who ? `${who} is dialing this customer right now: the callback stays open.` : explain(e) };
    } finally {
      this.busy = false;
    }
  }

  private matchView(m: Callback) {
    const n = this.matchNote;
    if (n) return html`<div class="msg ${n.kind} match" role="status">${n.text}</div>`;
    const start = new Date(m.windowStart);
    const who = m.customerName || m.phoneNumber;
    return html`<div class="msg info match" role="status">
      <p><strong>${who} has a callback scheduled for ${clock(start)}</strong>, window ${span(start, new Date(m.windowEnd))}${m.agentId ? ' (' + (m.agentId === this.agentId ? 'yours' : m.agentId + "'s") + ')' : ' (team)'}.${m.status === 'claimed' && m.claimedBy ? ' ' + m.claimedBy + ' is dialing them now.' : ''}</p>
      <button type="button" class="small primary" ?disabled=${this.busy} @click=${this.reached}>Mark it done: reached on this call</button>
      <button type="button" class="small" @click=${() => (this.matchNote = { kind: 'info', text: `${who}'s callback stays scheduled.` })}>Keep it</button>
    </div>`;
  }

  private edit<K extends 'name' | 'phone' | 'zone' | 'notes'>(k: K, field: string) {
    return (e: Event) => {
      this[k] = (e.target as HTMLInputElement).value as this[K];
      this.dirty = true;
      if (this.errors[field]) this.errors = { ...this.errors, [field]: '' };
    };
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (!this.api) return;
    const errors: Record<string, string> = {};
    if (!this.phone.trim()) errors.phone = 'Enter the number to call back.';
    if (Object.keys(errors).length) {
      this.errors = errors;
      void this.focusError();
      return;
    }
    const input: CreateInput = {
      teamId: this.teamId,
      agentId: this.owner === 'me' ? this.agentId : null,
      phoneNumber: this.phone.trim(),
      customerName: this.name.trim(),
      notes: this.notes,
      createdBy: this.agentId,
    };
    if (this.zone) input.timezone = this.zone;
    if (this.interactionId) input.sourceInteractionId = this.interactionId;
    if (this.when) {
      input.windowStart = this.when.toISOString();
      input.windowEnd = new Date(this.when.getTime() + this.length * 60000).toISOString();
    } else {
      const start = new Date();
      input.windowEnd = new Date(start.getTime() + this.length * 60000).toISOString();
    }
    this.busy = true;
    this.errors = {};
    this.suggestion = null;
    try {
      const cb = await this.api.create(input, newKey());
      this.created = cb;
      this.reset();
      this.dispatchEvent(new CustomEvent('vel-created', { detail: { callback: cb }, bubbles: true, composed: true }));
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.created')?.focus());
    } catch (err) {
      const out: Record<string, string> = {};
      if (err instanceof ApiError) {
        for (const f of err.problem.fields || []) {
          const where = FIELD_OF[f.field] || 'form';
          const text = where === 'form' ? f.field + ' ' + f.message : f.message;
          out[where] = out[where] ? out[where] + ' ' + text : text;
        }
        const next = err.problem.nextAllowedStart;
        if (typeof next === 'string' && !isNaN(Date.parse(next))) this.suggestion = new Date(next);
        if (err.code === 'duplicate_open_callback') out.phone = 'This number already has an open callback. Change or cancel that one on the Callbacks page.';
        if (!Object.keys(out).length) out.form = explain(err);
        else if (err.status !== 422 && !out.form && err.code !== 'duplicate_open_callback') out.form = explain(err);
      } else out.form = explain(err);
      if (out.phone && !out.phone.match(/[.!]$/)) out.phone = 'Phone number ' + out.phone + '.';
      this.errors = out;
      void this.focusError();
    } finally {
      this.busy = false;
    }
  }

  override updated() {
    const sel = this.renderRoot.querySelector<HTMLSelectElement>('#zone');
    if (sel && sel.value !== this.zone) sel.value = this.zone;
  }

  private async focusError() {
    await this.updateComplete;
    const order = ['phone', 'name', 'zone', 'when', 'owner', 'notes'];
    const first = order.find((k) => this.errors[k]);
    if (first) (this.renderRoot.querySelector(`[data-field="${first}"]`) as HTMLElement | null)?.focus();
  }

  private field(id: string, label: string, input: unknown, hint?: unknown) {
    const err = this.errors[id];
    return html`<div>
      <label for=${id}>${label}</label>
      ${input}
      ${hint ? html`<div class="hint" id="${id}-hint">${hint}</div>` : nothing}
      <div class="field-error" id="${id}-err" role=${err ? 'alert' : nothing}>${err || ''}</div>
    </div>`;
  }

  private createdView(cb: Callback) {
    const start = new Date(cb.windowStart);
    const other = cb.timezone && !sameOffset(cb.timezone, undefined, start);
    return html`<div class="msg ok created" role="status" tabindex="-1">
      Callback scheduled for ${cb.customerName || cb.phoneNumber} (${cb.phoneNumber}), ${cb.agentId ? 'for you' : 'for your team'}:
      ${clock(start)} your time${other ? html`, ${clock(start, cb.timezone)} customer's time (${zoneName(cb.timezone)})` : nothing}.
    </div>`;
  }

  override render() {
    const invalid = (k: string) => (this.errors[k] ? 'true' : 'false');
    const desc = (k: string, hint = false) => (hint ? `${k}-hint ${k}-err` : `${k}-err`);
    const here = agentZone();
    const c = this.call;
    const zone = this.customerZone();
    const lk = this.lookup;
    const phoneHint = lk
      ? html`${lk.phoneNumber}${zone ? html` · customer's time now <strong>${clock(new Date(), zone)}</strong> (${zoneName(zone)}${!this.zone && !lk.timezone ? ": your company's zone, as this number's country has several; pick the customer's below if needed" : ''})` : nothing}`
      : this.lookupError
        ? 'Not a valid number yet: ' + this.lookupError
        : 'Any format; +country code for numbers abroad.';
    return html`<form @submit=${this.submit} novalidate aria-labelledby="title">
      <div>
        <h1 id="title">Schedule a callback</h1>
        <div class="call">
          ${c
            ? html`${c.live ? 'From the current call' : 'From the call that just ended'}${c.customerName ? ' with ' + c.customerName : ''}${c.number ? ' (' + c.number + ')' : ''}.${c.masked
                ? html` <span class="masked">The caller's number is masked for you: enter it if the customer gives it.</span>`
                : nothing}`
            : 'No active call: enter the customer yourself.'}
        </div>
      </div>
      ${this.match && c ? this.matchView(this.match) : nothing}
      ${this.due
        ? html`<div class="msg info due" role="status">
            ${bell} ${this.due === 1 ? '1 of your callbacks is' : this.due + ' of your callbacks are'} due now: see the Callbacks page.
          </div>`
        : nothing}
      ${this.created ? this.createdView(this.created) : nothing}
      ${this.errors.form ? html`<div class="msg error" role="alert">${this.errors.form}</div>` : nothing}
      <div class="two">
        ${this.field(
          'phone',
          'Phone number',
          html`<input
            id="phone"
            data-field="phone"
            type="tel"
            autocomplete="off"
            required
            aria-required="true"
            .value=${this.phone}
            aria-invalid=${invalid('phone')}
            aria-describedby=${desc('phone', true) + (lk?.doNotCall ? ' phone-dnc' : '')}
            @input=${this.edit('phone', 'phone')}
          />${lk?.doNotCall
            ? html`<div class="msg warn dnc" id="phone-dnc" role="alert">${lk.phoneNumber} is on the do-not-call list: it cannot be scheduled or called.</div>`
            : nothing}`,
          phoneHint,
        )}
        ${this.field(
          'name',
          'Customer name',
          html`<input id="name" data-field="name" autocomplete="off" .value=${this.name} aria-invalid=${invalid('name')} aria-describedby=${desc('name')} @input=${this.edit('name', 'name')} />`,
        )}
      </div>
      <cdyx-vel-when
        data-field="when"
        tabindex="-1"
        .value=${this.when}
        .zone=${zone}
        .label=${'When'}
        .error=${this.errors.when || ''}
        @vel-when-change=${(e: CustomEvent) => {
          this.when = e.detail.value;
          this.dirty = true;
          if (this.errors.when) this.errors = { ...this.errors, when: '' };
        }}
      ></cdyx-vel-when>
      ${this.suggestion
        ? html`<div>
            <button
              type="button"
              class="small"
              @click=${() => {
                this.when = this.suggestion;
                this.suggestion = null;
                this.errors = { ...this.errors, when: '' };
              }}
            >
              Use the next allowed time: ${clock(this.suggestion)}
            </button>
          </div>`
        : nothing}
      <div class="two">
        ${this.field(
          'length',
          'Window length',
          html`<select id="length" .value=${String(this.length)} aria-describedby="length-err" @change=${(e: Event) => (this.length = Number((e.target as HTMLSelectElement).value))}>
            ${WINDOWS.map(([m, l]) => html`<option value=${m} ?selected=${m === this.length}>${l}</option>`)}
          </select>`,
        )}
        ${this.field(
          'zone',
          "Customer's time zone",
          html`<select id="zone" data-field="zone" aria-invalid=${invalid('zone')} aria-describedby=${desc('zone')} @change=${this.edit('zone', 'zone')}>
            <option value="" ?selected=${!this.zone}>From the phone number</option>
            <option value=${here} ?selected=${this.zone === here}>Same as mine (${zoneName(here)})</option>
            ${(zoneOptions ??= allZones().map((z) => html`<option value=${z}>${z.replace(/_/g, ' ')}</option>`))}
          </select>`,
        )}
      </div>
      <fieldset data-field="owner" tabindex="-1" aria-describedby="owner-err">
        <legend>For</legend>
        <div class="radios">
          <label><input type="radio" name="owner" value="team" .checked=${this.owner === 'team'} @change=${() => (this.owner = 'team')} />My team</label>
          <label><input type="radio" name="owner" value="me" .checked=${this.owner === 'me'} @change=${() => (this.owner = 'me')} />Me only${this.agentName ? ' (' + this.agentName + ')' : ''}</label>
        </div>
        <div class="field-error" id="owner-err">${this.errors.owner || ''}</div>
      </fieldset>
      ${this.field(
        'notes',
        'Notes',
        html`<textarea id="notes" data-field="notes" .value=${this.notes} aria-invalid=${invalid('notes')} aria-describedby=${desc('notes')} @input=${this.edit('notes', 'notes')}></textarea>`,
      )}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy || !this.api}>${this.busy ? 'Scheduling…' : 'Schedule callback'}</button>
        <button
          type="button"
          @click=${() => {
            this.reset();
            this.created = null;
            if (this.call?.live) this.prefill(this.call);
          }}
        >
          Clear
        </button>
      </div>
    </form>`;
  }
}
