import { LitElement, PropertyValues, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { CallbackEvent, Client, Row, explain } from '../../lib/api.js';
import { CLOSE_REASON_LABEL, STATUS_LABEL, duration, when } from '../../lib/format.js';
import { page } from '../../styles/page.js';
import styles from './callback-detail.styles.js';

const EVENT_LABEL: Record<string, string> = {
  created: 'Created',
  updated: 'Changed',
  claimed: 'Claimed for dialing',
  released: 'Claim released',
  attempted: 'Dial recorded',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  due: 'Window opened',
  fallback: 'Fell back to the team',
};

/**
 * @summary One callback: what it is, where it stands, the facts the reports count, and
 * its history (every recorded change, oldest first). Its buttons ask the owner to change it.
 *
 * @event vel-action - Reassign, reschedule or cancel was asked for; detail is { action }.
 */
export default class ConsoleCallbackDetail extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    callback: { attribute: false },
    history: { state: true },
    error: { state: true },
  };

  declare client: Client;
  declare callback: Row;
  declare history: CallbackEvent[] | null;
  declare error: string;

  private loadedFor = '';

  constructor() {
    super();
    this.history = null;
    this.error = '';
  }

  override willUpdate(changed: PropertyValues) {
    // A live change to the callback reads its history again.
    if (changed.has('callback') && this.callback && this.loadedFor !== this.callback.id + '@' + this.callback.version) {
      this.loadedFor = this.callback.id + '@' + this.callback.version;
      void this.load(this.callback.id);
    }
  }

  private async load(id: string) {
    try {
      const r = await this.client.history(id);
      if (id === this.callback.id) this.history = r.items || [];
      this.error = '';
    } catch (e) {
      this.error = explain(e);
    }
  }

  private ask(action: string) {
    this.dispatchEvent(new CustomEvent('vel-action', { detail: { action }, bubbles: true, composed: true }));
  }

  private details(ev: CallbackEvent) {
    const parts: string[] = [];
    const d = (ev.data || {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(d)) {
      if (v === null || v === undefined || v === '') continue;
      const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
      parts.push(k + ': ' + (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text) ? when(text) : text));
    }
    if (ev.before && (ev.before.agentId !== ev.callback?.agentId || ev.before.teamId !== ev.callback?.teamId)) {
      parts.push('from ' + (ev.before.agentId || 'the team') + ' (' + ev.before.teamId + ') to ' + (ev.callback?.agentId || 'the team') + ' (' + ev.callback?.teamId + ')');
    }
    return parts.join(' · ');
  }

  override render() {
    const c = this.callback;
    if (!c) return nothing;
    const f = c.facts;
    const open = c.status === 'scheduled' || c.status === 'claimed';
    return html`<div class="cols">
        <dl class="facts">
          <dt>Status</dt>
          <dd><span class="badge ${c.status}">${STATUS_LABEL[c.status] || c.status}</span>${c.claimedBy && c.status === 'claimed' ? html` by ${c.claimedBy}` : nothing}</dd>
          <dt>Customer</dt>
          <dd>${c.customerName || '–'}</dd>
          <dt>Number</dt>
          <dd class="mono">${c.phoneNumber}</dd>
          <dt>Customer's zone</dt>
          <dd>${c.timezone}</dd>
          <dt>Window</dt>
          <dd>${when(c.windowStart)} – ${when(c.windowEnd)}</dd>
          <dt>Team</dt>
          <dd>${c.teamId}</dd>
          <dt>Agent</dt>
          <dd>${c.agentId || 'None (the team’s)'}</dd>
          <dt>Attempts</dt>
          <dd>${c.attempts} of ${c.maxAttempts}${c.lastOutcome ? ' · last: ' + c.lastOutcome.replace('_', ' ') : ''}</dd>
          <dt>Notes</dt>
          <dd>${c.notes || '–'}</dd>
          ${c.reason ? html`<dt>Reason</dt><dd>${c.reason}</dd>` : nothing}
          <dt>Created</dt>
          <dd>${when(c.createdAt)} by ${c.createdBy || '–'}</dd>
          <dt>Id</dt>
          <dd class="mono">${c.id}</dd>
        </dl>
        ${f
          ? html`<dl class="facts">
              <dt>First dial</dt>
              <dd>${f.firstAttemptAt ? when(f.firstAttemptAt) + ' by ' + f.firstAttemptBy + ' (' + (f.firstOutcome || '').replace('_', ' ') + ')' : '–'}</dd>
              <dt>Window start to first dial</dt>
              <dd>${f.firstDelaySeconds === null ? '–' : duration(f.firstDelaySeconds)}${f.firstInWindow === null ? '' : f.firstInWindow ? ', inside the window' : ', outside the window'}</dd>
              <dt>Fell back to the team</dt>
              <dd>${f.fellBackAt ? when(f.fellBackAt) + ' from ' + f.fellBackFrom : 'No'}</dd>
              <dt>Closed</dt>
              <dd>${f.closedAt ? when(f.closedAt) + ': ' + (CLOSE_REASON_LABEL[f.closeReason] || f.closeReason) + (f.closedBy ? ' (' + f.closedBy + ')' : '') : '–'}</dd>
            </dl>`
          : nothing}
      </div>
      <div class="actions buttons">
        <button type="button" class="small" ?disabled=${!open} @click=${() => this.ask('reassign')}>Reassign…</button>
        <button type="button" class="small" ?disabled=${!open} @click=${() => this.ask('reschedule')}>Reschedule…</button>
        <button type="button" class="small danger" ?disabled=${!open} @click=${() => this.ask('cancel')}>Cancel callback…</button>
      </div>
      <h3>History</h3>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      ${this.history === null
        ? html`<p class="muted">Loading…</p>`
        : html`<ol class="history">
            ${this.history.map(
              (ev) => html`<li>
                <span class="at">${when(ev.at)}</span>
                <strong>${EVENT_LABEL[ev.type] || ev.type}</strong>
                <span class="muted">${ev.actor?.agentId || ev.actor?.account || 'scheduler'}</span>
                ${this.details(ev) ? html`<div class="detail">${this.details(ev)}</div>` : nothing}
              </li>`,
            )}
          </ol>`}`;
  }
}
