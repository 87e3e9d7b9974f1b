import { LitElement, html, nothing } from 'lit';
import { base } from '../../styles/theme.js';
import { Api, ApiError, Callback, Outcome, explain } from '../../lib/api.js';
import '../when/when.js';
import styles from './outcome.styles.js';

/** OUTCOMES in the order an agent picks them, with their labels. */
export const OUTCOMES: [Outcome, string][] = [
  ['connected', 'Connected'],
  ['no_answer', 'No answer'],
  ['busy', 'Busy'],
  ['voicemail', 'Voicemail'],
  ['invalid_number', 'Invalid number'],
  ['declined', 'Declined'],
];

const RETRYABLE = new Set<Outcome>(['no_answer', 'busy', 'voicemail']);

let seq = 0;

/**
 * @summary Records the outcome of a dial attempt, with an optional retry time.
 *
 * @event vel-changed - The callback changed; detail is { callback }.
 * @event vel-done - The agent finished with this panel.
 */
export default class VelOutcome extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    api: { attribute: false },
    callback: { attribute: false },
    agentId: { attribute: false },
    interactionId: { attribute: false },
    outcome: { state: true },
    retryAt: { state: true },
    notes: { state: true },
    busy: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
  };

  declare api: Api;
  declare callback: Callback;
  declare agentId: string;
  declare interactionId: string;
  declare outcome: Outcome | '';
  declare retryAt: Date | null;
  declare notes: string;
  declare busy: boolean;
  declare error: string;
  declare fieldErrors: Record<string, string>;

  private uid = 'outcome-' + ++seq;

  constructor() {
    super();
    this.interactionId = '';
    this.outcome = '';
    this.retryAt = null;
    this.notes = '';
    this.busy = false;
    this.error = '';
    this.fieldErrors = {};
  }

  override focus() {
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  private done(cb?: Callback) {
    if (cb) this.dispatchEvent(new CustomEvent('vel-changed', { detail: { callback: cb }, bubbles: true, composed: true }));
    this.dispatchEvent(new CustomEvent('vel-done', { bubbles: true, composed: true }));
  }

  private async save(e: Event) {
    e.preventDefault();
    if (!this.outcome) {
      this.fieldErrors = { outcome: 'Pick how the call went.' };
      return;
    }
    this.busy = true;
    this.error = '';
    this.fieldErrors = {};
    try {
      const body: Parameters<Api['attempt']>[1] = { agentId: this.agentId, outcome: this.outcome };
      if (this.notes.trim()) body.notes = this.notes.trim();
      if (this.interactionId) body.interactionId = this.interactionId;
      if (this.retryAt && RETRYABLE.has(this.outcome)) body.retryAt = this.retryAt.toISOString();
      const cb = await this.api.attempt(this.callback.id, body);
      this.done(cb);
    } catch (err) {
      const fe: Record<string, string> = {};
      if (err instanceof ApiError) for (const f of err.problem.fields || []) fe[f.field] = f.message;
      this.fieldErrors = fe;
      this.error = Object.keys(fe).length ? '' : explain(err);
    } finally {
      this.busy = false;
    }
  }

  private async release() {
    this.busy = true;
    this.error = '';
    try {
      const cb = await this.api.release(this.callback.id, this.agentId);
      this.done(cb);
    } catch (err) {
      this.error = explain(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const retry = this.outcome && RETRYABLE.has(this.outcome as Outcome);
    const left = this.callback.maxAttempts - this.callback.attempts - 1;
    return html`<form @submit=${this.save} aria-label="Outcome of the call to ${this.callback.customerName || this.callback.phoneNumber}">
      <fieldset aria-describedby="${this.uid}-err">
        <legend>How did the call go?</legend>
        <div class="options">
          ${OUTCOMES.map(
            ([v, label]) => html`<label
              ><input type="radio" name="${this.uid}" value=${v} .checked=${this.outcome === v} @change=${() => (this.outcome = v)} />${label}</label
            >`,
          )}
        </div>
        <div class="field-error" id="${this.uid}-err">${this.fieldErrors.outcome || ''}</div>
      </fieldset>
      ${retry
        ? left > 0
          ? html`<cdyx-vel-when
              .value=${this.retryAt}
              .zone=${this.callback.timezone}
              .label=${'Retry (optional)'}
              .nowLabel=${'Default delay'}
              .error=${this.fieldErrors.retryAt || ''}
              @vel-when-change=${(e: CustomEvent) => (this.retryAt = e.detail.value)}
            ></cdyx-vel-when>`
          : html`<div class="msg warn">This was the last attempt allowed; the callback will be marked failed.</div>`
        : nothing}
      <div>
        <label for="${this.uid}-notes">Notes (optional)</label>
        <textarea id="${this.uid}-notes" .value=${this.notes} @input=${(e: Event) => (this.notes = (e.target as HTMLTextAreaElement).value)}></textarea>
        <div class="field-error">${this.fieldErrors.notes || ''}</div>
      </div>
      ${this.error ? html`<div class="msg error" role="alert">${this.error}</div>` : nothing}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>Save outcome</button>
        <button type="button" ?disabled=${this.busy} @click=${this.release}>Release without outcome</button>
      </div>
    </form>`;
  }
}
