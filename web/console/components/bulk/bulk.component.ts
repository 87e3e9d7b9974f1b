import { LitElement, PropertyValues, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { BulkAction, BulkBody, BulkResult, Client, explain, fieldErrors } from '../../lib/api.js';
import { page } from '../../styles/page.js';
import styles from './bulk.styles.js';

type Kind = 'reassign' | 'reschedule' | 'cancel';

/**
 * @summary Changes many callbacks at once (POST /callbacks/bulk): the selected ones (ids)
 * or every one a filter matches. Reassign to an agent or the team (optionally another
 * team), reschedule to a new window or shift by a number of hours, or cancel with a
 * reason. Each callback's result is listed: one refused (being dialed, already closed)
 * does not stop the rest.
 *
 * @event vel-bulk-done - The change was applied; detail is { result }.
 */
export default class ConsoleBulk extends LitElement {
  static override styles = [base, page, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    client: { attribute: false },
    action: { attribute: false },
    ids: { attribute: false },
    filter: { attribute: false },
    labels: { attribute: false },
    kind: { state: true },
    to: { state: true },
    when: { state: true },
    busy: { state: true },
    error: { state: true },
    fields: { state: true },
    result: { state: true },
  };

  declare client: Client;
  /** The action asked for first. */
  declare action: BulkAction;
  /** The callbacks to change, or null for every match of filter. */
  declare ids: string[] | null;
  declare filter: Record<string, string | string[]> | null;
  /** The customers' names by callback id, to report results by name. */
  declare labels: Map<string, string>;
  declare kind: Kind;
  declare to: 'agent' | 'team';
  declare when: 'window' | 'shift';
  declare busy: boolean;
  declare error: string;
  declare fields: Record<string, string>;
  declare result: BulkResult | null;

  constructor() {
    super();
    this.ids = null;
    this.filter = null;
    this.labels = new Map();
    this.kind = 'reassign';
    this.to = 'agent';
    this.when = 'window';
    this.busy = false;
    this.error = '';
    this.fields = {};
    this.result = null;
  }

  /** focus moves to the chosen change (the checked radio button). */
  override focus() {
    const r = this.renderRoot.querySelector<HTMLElement>('input[name=kind]:checked, #result');
    if (r) r.focus();
    else super.focus();
  }

  override willUpdate(changed: PropertyValues) {
    if (changed.has('action') && this.action) this.kind = this.action === 'shift' ? 'reschedule' : this.action;
  }

  private get target() {
    return this.ids ? (this.ids.length === 1 ? '1 callback' : this.ids.length + ' callbacks') : 'every callback that matches the filter';
  }

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const val = (n: string) => ((form.elements.namedItem(n) as HTMLInputElement | null)?.value || '').trim();
    const b: BulkBody = { action: 'reassign' };
    if (this.ids) b.ids = this.ids;
    else b.filter = this.filter || {};
    const fields: Record<string, string> = {};
    switch (this.kind) {
      case 'reassign':
        b.action = 'reassign';
        if (this.to === 'agent') {
          b.agentId = val('agentId');
          if (!b.agentId) fields.agentId = 'Name the agent.';
        } else b.toTeam = true;
        if (val('teamId')) b.teamId = val('teamId');
        break;
      case 'reschedule':
        if (this.when === 'window') {
          b.action = 'reschedule';
          const start = val('windowStart');
          if (!start) fields.windowStart = 'Pick when the new window starts.';
          else b.windowStart = new Date(start).toISOString();
          if (val('windowEnd')) b.windowEnd = new Date(val('windowEnd')).toISOString();
        } else {
          b.action = 'shift';
          const h = Number(val('hours'));
          if (!h) fields.hours = 'Give a number of hours other than 0 (negative moves windows earlier).';
          else b.hours = h;
        }
        break;
      case 'cancel':
        b.action = 'cancel';
        b.reason = val('reason');
        if (!b.reason) fields.reason = 'Say why they are cancelled; the reason goes to each callback’s history.';
        break;
    }
    this.fields = fields;
    if (Object.keys(fields).length) {
      this.error = '';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      this.result = await this.client.bulk(b);
      this.dispatchEvent(new CustomEvent('vel-bulk-done', { detail: { result: this.result }, bubbles: true, composed: true }));
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#result')?.focus());
    } catch (err) {
      this.error = explain(err);
      const fe = fieldErrors(err);
      for (const k of Object.keys(fe)) fe[k.replace(/^filter\..*/, 'filter')] = fe[k];
      this.fields = fe;
    } finally {
      this.busy = false;
    }
  }

  private field(name: string, label: string, input: unknown, hint = '') {
    const err = this.fields[name];
    return html`<div class="field">
      <label for=${'b-' + name}>${label}</label>
      ${input} ${hint ? html`<span class="hint" id=${'b-' + name + '-hint'}>${hint}</span>` : nothing}
      ${err ? html`<span class="field-error" id=${'b-' + name + '-err'}>${err}</span>` : nothing}
    </div>`;
  }

  private input(name: string, type = 'text', extra: Record<string, string> = {}) {
    const err = this.fields[name];
    return html`<input
      id=${'b-' + name}
      name=${name}
      type=${type}
      step=${extra.step || nothing}
      placeholder=${extra.placeholder || nothing}
      aria-invalid=${err ? 'true' : 'false'}
      aria-describedby=${err ? 'b-' + name + '-err' : nothing}
    />`;
  }

  private results(r: BulkResult) {
    const failed = r.items.filter((x) => !x.ok);
    const ok = r.items.filter((x) => x.ok);
    const name = (id: string) => this.labels.get(id) || id;
    return html`<div id="result" tabindex="-1" class="result" role="status">
      <p class=${'msg ' + (r.failed ? 'warn' : 'ok')}>
        ${r.succeeded} of ${r.total} changed${r.failed ? html`; ${r.failed} refused (listed below, the rest went ahead)` : nothing}.
      </p>
      ${failed.length
        ? html`<h3>Refused</h3>
            <ul class="items">
              ${failed.map((x) => html`<li class="fail" data-id=${x.id}><strong>${name(x.id)}</strong>: ${x.message || x.code}</li>`)}
            </ul>`
        : nothing}
      ${ok.length
        ? html`<details ?open=${ok.length <= 10}>
            <summary>Changed (${ok.length})</summary>
            <ul class="items">
              ${ok.map((x) => html`<li class="ok" data-id=${x.id}>${name(x.id)}</li>`)}
            </ul>
          </details>`
        : nothing}
    </div>`;
  }

  override render() {
    if (this.result) return this.results(this.result);
    const radio = <T extends string>(group: string, value: T, cur: T, label: string, set: (v: T) => void) =>
      html`<label class="check"><input type="radio" name=${group} .value=${value} .checked=${cur === value} @change=${() => set(value)} /> ${label}</label>`;
    return html`<form @submit=${this.submit} novalidate>
      <p>Changes ${this.target}. Each is changed on its own; one an agent is dialing right now is left alone.</p>
      <fieldset>
        <legend>Change</legend>
        ${radio('kind', 'reassign', this.kind, 'Reassign', (v) => (this.kind = v))} ${radio('kind', 'reschedule', this.kind, 'Reschedule', (v) => (this.kind = v))}
        ${radio('kind', 'cancel', this.kind, 'Cancel', (v) => (this.kind = v))}
      </fieldset>
      ${this.kind === 'reassign'
        ? html`<fieldset>
              <legend>To</legend>
              ${radio('to', 'agent', this.to, 'An agent', (v) => (this.to = v))} ${radio('to', 'team', this.to, 'The team (no agent)', (v) => (this.to = v))}
            </fieldset>
            ${this.to === 'agent' ? this.field('agentId', 'Agent id', this.input('agentId', 'text', { placeholder: 'agent-1' })) : nothing}
            ${this.field('teamId', 'Move to team (optional)', this.input('teamId'), 'Leave empty to keep each callback’s team.')}`
        : nothing}
      ${this.kind === 'reschedule'
        ? html`<fieldset>
              <legend>How</legend>
              ${radio('when', 'window', this.when, 'A new window', (v) => (this.when = v))} ${radio('when', 'shift', this.when, 'Shift by hours', (v) => (this.when = v))}
            </fieldset>
            ${this.when === 'window'
              ? html`${this.field('windowStart', 'Window starts', this.input('windowStart', 'datetime-local'), 'In your time zone; clipped to each customer’s calling hours.')}
                ${this.field('windowEnd', 'Window ends (optional)', this.input('windowEnd', 'datetime-local'))}`
              : this.field('hours', 'Hours', this.input('hours', 'number', { step: '0.5', placeholder: '2' }), 'Negative moves windows earlier.')}`
        : nothing}
      ${this.kind === 'cancel' ? this.field('reason', 'Reason', this.input('reason'), 'Kept in each callback’s history and the audit trail.') : nothing}
      ${this.fields.filter ? html`<p class="field-error">${this.fields.filter}</p>` : nothing}
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class=${this.kind === 'cancel' ? 'danger' : 'primary'} ?disabled=${this.busy}>
          ${this.busy ? 'Applying…' : this.kind === 'cancel' ? 'Cancel ' + this.target : 'Apply to ' + this.target}
        </button>
      </div>
    </form>`;
  }
}
