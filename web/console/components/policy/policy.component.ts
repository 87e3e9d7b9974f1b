import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { Client, HoursDoc, PolicyDoc, Session, explain, fieldErrors } from '../../lib/api.js';
import { day } from '../../lib/format.js';
import { page } from '../../styles/page.js';
import styles from './policy.styles.js';

/** DAYS are the policy's weekday keys, Monday first, with their names. */
const DAYS: [string, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

const RETRIED: [string, string][] = [
  ['no_answer', 'No answer'],
  ['busy', 'Busy'],
  ['voicemail', 'Voicemail'],
];

/**
 * @summary The tenant's scheduling policy: calling hours per weekday (a grid, in each
 * customer's own time), holidays, retries, the claim lease, how far ahead a window may
 * start, and the team fallback. Admins change it; supervisors read it.
 */
export default class ConsolePolicy extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    doc: { state: true },
    error: { state: true },
    fields: { state: true },
    saved: { state: true },
    busy: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare doc: PolicyDoc | null;
  declare error: string;
  declare fields: Record<string, string>;
  declare saved: string;
  declare busy: boolean;

  constructor() {
    super();
    this.doc = null;
    this.error = '';
    this.fields = {};
    this.saved = '';
    this.busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private get admin() {
    return this.session?.role === 'admin';
  }

  private async load() {
    try {
      this.doc = await this.client.policy();
    } catch (e) {
      this.error = explain(e);
    }
  }

  /** set changes the draft (a copy, so the page re-renders). */
  private set(f: (d: PolicyDoc) => void) {
    if (!this.doc) return;
    const d = structuredClone(this.doc);
    f(d);
    this.doc = d;
    this.saved = '';
  }

  private setDay(key: string, h: HoursDoc | null) {
    this.set((d) => (d.callingHours[key] = h));
  }

  private async save(e: Event) {
    e.preventDefault();
    if (!this.doc) return;
    this.busy = true;
    this.error = '';
    this.fields = {};
    try {
      this.doc = await this.client.setPolicy(this.doc);
      this.saved = 'Saved. Every server uses the new policy within 5 seconds.';
    } catch (err) {
      this.error = explain(err);
      this.fields = fieldErrors(err);
    } finally {
      this.busy = false;
    }
  }

  private num(name: keyof PolicyDoc, label: string, min: number, max: number, hint: string) {
    const d = this.doc!;
    const err = this.fields[name];
    return html`<div class="field">
      <label for=${'p-' + name}>${label}</label>
      <input
        id=${'p-' + name}
        type="number"
        min=${min}
        max=${max}
        .value=${String(d[name])}
        ?disabled=${!this.admin}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${'p-' + name + '-hint'}
        @change=${(e: Event) => this.set((x) => ((x[name] as number) = Number((e.target as HTMLInputElement).value)))}
      />
      <span class="hint" id=${'p-' + name + '-hint'}>${err ? html`<span class="field-error">${err}</span>` : hint}</span>
    </div>`;
  }

  override render() {
    const d = this.doc;
    return html`<h1>Policy</h1>
      <p class="lead">The rules every callback of the tenant follows. ${this.admin ? nothing : html`Only an admin changes them.`}</p>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      ${!d
        ? html`<p class="muted">Loading…</p>`
        : html`<form @submit=${this.save} novalidate>
            <section class="card" aria-labelledby="h-hours">
              <h2 id="h-hours">Calling hours</h2>
              <p class="hint">In each customer’s own time zone. A window is clipped to these hours; Dial is off outside them.</p>
              <table class="hours">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Calling</th>
                    <th scope="col">From</th>
                    <th scope="col">Until</th>
                  </tr>
                </thead>
                <tbody>
                  ${DAYS.map(([key, name]) => {
                    const h = d.callingHours[key] ?? null;
                    const err = this.fields['callingHours.' + key];
                    return html`<tr data-day=${key}>
                      <th scope="row">${name}</th>
                      <td>
                        <label class="check"
                          ><input
                            type="checkbox"
                            name=${'open-' + key}
                            .checked=${!!h}
                            ?disabled=${!this.admin}
                            @change=${(e: Event) => this.setDay(key, (e.target as HTMLInputElement).checked ? { start: '08:00', end: '21:00' } : null)}
                          />
                          Open</label
                        >
                      </td>
                      <td>
                        <input
                          type="time"
                          name=${'start-' + key}
                          aria-label=${name + ' from'}
                          .value=${h?.start || ''}
                          ?disabled=${!this.admin || !h}
                          aria-invalid=${err ? 'true' : 'false'}
                          @change=${(e: Event) => this.setDay(key, { start: (e.target as HTMLInputElement).value, end: h?.end || '21:00' })}
                        />
                      </td>
                      <td>
                        <input
                          type="time"
                          name=${'end-' + key}
                          aria-label=${name + ' until'}
                          .value=${h?.end || ''}
                          ?disabled=${!this.admin || !h}
                          aria-invalid=${err ? 'true' : 'false'}
                          @change=${(e: Event) => this.setDay(key, { start: h?.start || '08:00', end: (e.target as HTMLInputElement).value })}
                        />
                        ${err ? html`<div class="field-error">${err}</div>` : nothing}
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>
              ${this.fields.callingHours ? html`<p class="field-error">${this.fields.callingHours}</p>` : nothing}
            </section>
            <section class="card" aria-labelledby="h-holidays">
              <h2 id="h-holidays">Holidays</h2>
              <p class="hint">No calling on these dates, in the customer’s time.</p>
              <ul class="holidays">
                ${(d.holidays || []).map(
                  (h, i) => html`<li>
                    ${day(h)} <span class="muted mono">${h}</span>
                    ${this.fields['holidays[' + i + ']'] ? html`<span class="field-error">${this.fields['holidays[' + i + ']']}</span>` : nothing}
                    ${this.admin
                      ? html`<button type="button" class="small" aria-label=${'Remove the holiday ' + h} @click=${() => this.set((x) => x.holidays.splice(i, 1))}>Remove</button>`
                      : nothing}
                  </li>`,
                )}
                ${(d.holidays || []).length ? nothing : html`<li class="muted">None.</li>`}
              </ul>
              ${this.admin
                ? html`<div class="toolbar">
                    <div class="field"><label for="p-holiday">Add a date</label><input id="p-holiday" type="date" /></div>
                    <button
                      type="button"
                      @click=${() => {
                        const i = this.renderRoot.querySelector<HTMLInputElement>('#p-holiday')!;
                        if (i.value && !d.holidays.includes(i.value)) this.set((x) => (x.holidays = [...(x.holidays || []), i.value].sort()));
                        i.value = '';
                      }}
                    >
                      Add holiday
                    </button>
                  </div>`
                : nothing}
            </section>
            <section class="card" aria-labelledby="h-retries">
              <h2 id="h-retries">Retries, lease and fallback</h2>
              <div class="grid">
                ${this.num('maxAttempts', 'Attempts at most', 1, 20, 'Then the callback fails.')}
                ${RETRIED.map(([k, label]) => {
                  const err = this.fields['retryDelayMinutes.' + k];
                  return html`<div class="field">
                    <label for=${'p-retry-' + k}>Retry after “${label}” (minutes)</label>
                    <input
                      id=${'p-retry-' + k}
                      type="number"
                      min="1"
                      max="10080"
                      .value=${String(d.retryDelayMinutes[k] ?? '')}
                      ?disabled=${!this.admin}
                      aria-invalid=${err ? 'true' : 'false'}
                      @change=${(e: Event) => this.set((x) => (x.retryDelayMinutes[k] = Number((e.target as HTMLInputElement).value)))}
                    />
                    ${err ? html`<span class="field-error">${err}</span>` : nothing}
                  </div>`;
                })}
                ${this.num('claimLeaseMinutes', 'Claim lease (minutes)', 1, 120, 'How long a Dial holds a callback.')}
                ${this.num('teamFallbackMinutes', 'Team fallback (minutes overdue)', 0, 10080, 'A personal callback overdue this long falls to its team; 0 never.')}
                ${this.num('maxDaysAhead', 'Furthest ahead (days)', 1, 365, 'How far ahead a window may start.')}
              </div>
            </section>
            ${this.admin
              ? html`<div class="actions">
                  <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Saving…' : 'Save policy'}</button>
                  <button type="button" @click=${() => void this.load()}>Discard changes</button>
                  <span role="status" class="saved">${this.saved}</span>
                </div>`
              : nothing}
          </form>`}`;
  }
}
