import { LitElement, html, nothing } from 'lit';
import { base } from '../../styles/theme.js';
import { clock, fromInput, inMinutes, inputValue, sameOffset, tomorrowAt, zoneName } from '../../lib/time.js';
import styles from './when.styles.js';

let seq = 0;

/** A quick choice: a label and how to compute the time from now and the customer's zone. */
interface Choice {
  id: string;
  label: string;
  at: ((now: Date, zone: string) => Date) | null;
}

const CHOICES: Choice[] = [
  { id: 'now', label: 'As soon as possible', at: null },
  { id: 'h1', label: 'In 1 hour', at: (now) => inMinutes(60, now) },
  { id: 'h2', label: 'In 2 hours', at: (now) => inMinutes(120, now) },
  { id: 'tm', label: 'Tomorrow morning', at: (now, zone) => tomorrowAt(9, zone || undefined, now) },
];

/**
 * @summary Picks when a callback should happen: quick choices ("in 1 hour", "tomorrow
 * morning") or a date and time in the agent's zone, shown also in the customer's zone.
 *
 * @event vel-when-change - The value changed; detail is { value: Date | null } (null means as soon as possible).
 */
export default class VelWhen extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    value: { attribute: false },
    zone: { attribute: false },
    label: { attribute: false },
    error: { attribute: false },
    allowNow: { attribute: false },
    nowLabel: { attribute: false },
    chosen: { state: true },
  };

  /** The chosen time; null means as soon as possible. */
  declare value: Date | null;
  /** The customer's IANA zone, when known. */
  declare zone: string;
  declare label: string;
  /** An error from the API about this field. */
  declare error: string;
  /** Whether "as soon as possible" (null) is a choice. */
  declare allowNow: boolean;
  declare nowLabel: string;
  declare chosen: string;

  private uid = 'when-' + ++seq;

  constructor() {
    super();
    this.value = null;
    this.zone = '';
    this.label = 'When';
    this.error = '';
    this.allowNow = true;
    this.nowLabel = 'As soon as possible';
    this.chosen = 'now';
  }

  /** focus moves the keyboard focus to the first choice. */
  override focus() {
    this.renderRoot.querySelector<HTMLElement>('button, input')?.focus();
  }

  private set(v: Date | null, chosen: string) {
    this.value = v;
    this.chosen = chosen;
    this.dispatchEvent(new CustomEvent('vel-when-change', { detail: { value: v }, bubbles: true, composed: true }));
  }

  private pick(c: Choice) {
    this.set(c.at ? c.at(new Date(), this.zone) : null, c.id);
  }

  private onInput(e: Event) {
    const v = fromInput((e.target as HTMLInputElement).value);
    if (v) this.set(v, 'exact');
    else if (this.allowNow) this.set(null, 'now');
  }

  override render() {
    const choices = CHOICES.filter((c) => this.allowNow || c.at).map((c) => (c.id === 'now' ? { ...c, label: this.nowLabel } : c));
    const chosen = this.value === null ? (this.allowNow ? 'now' : '') : this.chosen === 'now' ? 'exact' : this.chosen;
    const v = this.value;
    const showCustomer = v && this.zone && !sameOffset(this.zone, undefined, v);
    return html`<fieldset aria-describedby="${this.uid}-hint ${this.uid}-err">
      <legend>${this.label}</legend>
      <div class="chips">
        ${choices.map(
          (c) => html`<button type="button" class="chip small" aria-pressed=${chosen === c.id ? 'true' : 'false'} @click=${() => this.pick(c)}>${c.label}</button>`,
        )}
      </div>
      <label class="exact" for="${this.uid}-dt">Date and time (your time)</label>
      <input
        id="${this.uid}-dt"
        type="datetime-local"
        .value=${v ? inputValue(v) : ''}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby="${this.uid}-hint ${this.uid}-err"
        @change=${this.onInput}
      />
      <div class="hint" id="${this.uid}-hint">
        ${v
          ? html`${clock(v)} your time${showCustomer ? html` · ${clock(v, this.zone)} customer's time (${zoneName(this.zone)})` : nothing}`
          : this.allowNow
            ? 'The callback is due right away.'
            : nothing}
      </div>
      <div class="field-error" id="${this.uid}-err" role=${this.error ? 'alert' : nothing}>${this.error}</div>
    </fieldset>`;
  }
}
