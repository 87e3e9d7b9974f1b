import { LitElement, html, nothing } from 'lit';
import { base } from '../../styles/theme.js';
import { Api, ApiError, Callback, CallbackEvent, explain } from '../../lib/api.js';
import { clock } from '../../lib/time.js';
import '../when/when.js';
import styles from './editor.styles.js';

let seq = 0;

/**
 * @summary Changes one callback: reschedule, reassign (to me or back to my team) and
 * cancel with a reason.
 *
 * @event vel-changed - The callback changed; detail is { callback }.
 * @event vel-done - The agent closed the editor.
 */
export default class VelEditor extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    api: { attribute: false },
    callback: { attribute: false },
    agentId: { attribute: false },
    teamId: { attribute: false },
    when: { state: true },
    reason: { state: true },
    busy: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    ok: { state: true },
    history: { state: true },
  };

  declare api: Api;
  declare callback: Callback;
  declare agentId: string;
  declare teamId: string;
  declare when: Date | null;
  declare reason: string;
  declare busy: boolean;
  declare error: string;
  declare fieldErrors: Record<string, string>;
  declare ok: string;
  /** The callback's history, newest first; null until loaded. */
  declare history: CallbackEvent[] | null;
  private historyFor = '';

  private uid = 'editor-' + ++seq;

  constructor() {
    super();
    this.when = null;
    this.reason = '';
    this.busy = false;
    this.error = '';
    this.fieldErrors = {};
    this.ok = '';
    this.history = null;
  }

  override willUpdate() {
    const key = this.callback ? this.callback.id + '@' + this.callback.version : '';
    if (this.api && key && key !== this.historyFor) {
      this.historyFor = key;
      this.api.history(this.callback.id).then(
        (r) => (this.history = [...(r.items || [])].reverse()),
        () => (this.history = []),
      );
    }
  }

  private describe(e: CallbackEvent): string {
    const d = (e.data || {}) as Record<string, unknown>;
    const who = e.actor?.agentId || e.actor?.account || 'Velocity';
    switch (e.type) {
      case 'attempted':
        return `${who}: attempt ${d.attempt ?? ''}, ${String(d.outcome || '').replace(/_/g, ' ')}${d.notes ? ' (' + d.notes + ')' : ''}`;
      case 'cancelled':
        return `${who}: cancelled${d.reason ? ' (' + d.reason + ')' : ''}`;
      case 'updated':
        return `${who}: changed ${Object.keys((d.changes as object) || {}).join(', ') || 'details'}`;
      default:
        return `${who}: ${e.type}`;
    }
  }

  override focus() {
    this.renderRoot.querySelector<HTMLElement>('cdyx-vel-when')?.focus();
  }

  private async run(what: string, f: () => Promise<Callback>, close = false) {
    this.busy = true;
    this.error = '';
    this.ok = '';
    this.fieldErrors = {};
    try {
      const cb = await f();
      this.dispatchEvent(new CustomEvent('vel-changed', { detail: { callback: cb }, bubbles: true, composed: true }));
      this.ok = what;
      if (close) this.dispatchEvent(new CustomEvent('vel-done', { bubbles: true, composed: true }));
    } catch (err) {
      const fe: Record<string, string> = {};
      if (err instanceof ApiError) {
        for (const f of err.problem.fields || []) fe[f.field] = f.message;
        if (err.code === 'version_mismatch') {
          this.error = 'Someone changed this callback meanwhile; the list shows the latest. Try again.';
          this.fieldErrors = fe;
          return;
        }
      }
      this.fieldErrors = fe;
      this.error = Object.keys(fe).length ? '' : explain(err);
    } finally {
      this.busy = false;
    }
  }

  private reschedule() {
    const start = this.when || new Date();
    const length = new Date(this.callback.windowEnd).getTime() - new Date(this.callback.windowStart).getTime();
    const end = new Date(start.getTime() + Math.max(length, 15 * 60000));
    return this.run('Rescheduled.', () => this.api.update(this.callback.id, { windowStart: start.toISOString(), windowEnd: end.toISOString() }, this.callback.version), true);
  }

  private assign(agentId: string | null) {
    const patch: Record<string, unknown> = { agentId };
    if (agentId === null && this.teamId && this.callback.teamId !== this.teamId) patch.teamId = this.teamId;
    return this.run(agentId ? 'Assigned to you.' : 'Given back to your team.', () => this.api.update(this.callback.id, patch, this.callback.version), true);
  }

  private cancel(e: Event) {
    e.preventDefault();
    return this.run('Cancelled.', () => this.api.cancel(this.callback.id, this.agentId, this.reason.trim()), true);
  }

  override render() {
    const cb = this.callback;
    const mine = cb.agentId === this.agentId;
    const windowError = this.fieldErrors.windowStart || this.fieldErrors.windowEnd || '';
    return html`<div class="sections">
      <section aria-labelledby="${this.uid}-r">
        <h3 id="${this.uid}-r">Reschedule</h3>
        <cdyx-vel-when
          .value=${this.when}
          .zone=${cb.timezone}
          .label=${'New time'}
          .nowLabel=${'Now'}
          .error=${windowError}
          @vel-when-change=${(e: CustomEvent) => (this.when = e.detail.value)}
        ></cdyx-vel-when>
        <div class="buttons"><button class="primary small" ?disabled=${this.busy} @click=${this.reschedule}>Reschedule</button></div>
      </section>
      <section aria-labelledby="${this.uid}-a">
        <h3 id="${this.uid}-a">Assign</h3>
        <div class="buttons">
          <button class="small" ?disabled=${this.busy || mine} @click=${() => this.assign(this.agentId)}>Assign to me</button>
          <button class="small" ?disabled=${this.busy || cb.agentId === null} @click=${() => this.assign(null)}>Give to my team</button>
        </div>
        <div class="field-error">${this.fieldErrors.agentId || this.fieldErrors.teamId || ''}</div>
      </section>
      <section aria-labelledby="${this.uid}-c">
        <h3 id="${this.uid}-c">Cancel</h3>
        <form class="row" @submit=${this.cancel}>
          <div>
            <label for="${this.uid}-reason">Reason</label>
            <input id="${this.uid}-reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} placeholder="e.g. customer called in" />
          </div>
          <button class="danger small" type="submit" ?disabled=${this.busy}>Cancel callback</button>
        </form>
        <div class="field-error">${this.fieldErrors.reason || ''}</div>
      </section>
      <section aria-labelledby="${this.uid}-h">
        <h3 id="${this.uid}-h">History</h3>
        ${this.history === null
          ? html`<p class="hint">Loading…</p>`
          : html`<ol class="history">
              ${this.history.slice(0, 20).map((e) => html`<li><span class="hint">${clock(new Date(e.at))}</span> ${this.describe(e)}</li>`)}
            </ol>`}
      </section>
      ${this.error ? html`<div class="msg error" role="alert">${this.error}</div>` : nothing}
      ${this.ok ? html`<div class="msg ok" role="status">${this.ok}</div>` : nothing}
      <div class="buttons"><button class="small" @click=${() => this.dispatchEvent(new CustomEvent('vel-done', { bubbles: true, composed: true }))}>Close</button></div>
    </div>`;
  }
}
