import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { AuditEntry, Client, Session, explain } from '../../lib/api.js';
import { when } from '../../lib/format.js';
import { page } from '../../styles/page.js';
import styles from './audit.styles.js';

const PAGE = 50;

/**
 * @summary The audit trail, newest first: who changed what, when and from where, with
 * what it was before and after; filtered by actor, kind and dates, paged.
 */
export default class ConsoleAudit extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    items: { state: true },
    next: { state: true },
    befores: { state: true },
    error: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare items: AuditEntry[];
  declare next: number | null;
  declare befores: string[];
  declare error: string;

  private filter = new URLSearchParams();

  constructor() {
    super();
    this.items = [];
    this.next = null;
    this.befores = [''];
    this.error = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const q = new URLSearchParams(this.filter);
    q.set('limit', String(PAGE));
    const b = this.befores[this.befores.length - 1];
    if (b) q.set('before', b);
    try {
      const r = await this.client.audit(q);
      this.items = r.items || [];
      this.next = r.nextBefore;
      this.error = '';
    } catch (e) {
      this.error = explain(e);
    }
  }

  private apply(e: Event) {
    e.preventDefault();
    const f = this.renderRoot.querySelector<HTMLFormElement>('form.filters')!;
    const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value.trim();
    const q = new URLSearchParams();
    if (v('actor')) q.set('actor', v('actor'));
    if (v('kind')) q.set('kind', v('kind'));
    // Dates are the browser's days.
    if (v('from')) q.set('from', new Date(v('from') + 'T00:00:00').toISOString());
    if (v('to')) q.set('to', new Date(new Date(v('to') + 'T00:00:00').getTime() + 86400000).toISOString());
    this.filter = q;
    this.befores = [''];
    void this.load();
  }

  private json(v: unknown) {
    return v === null || v === undefined ? '–' : JSON.stringify(v, null, 2);
  }

  override render() {
    return html`<h1>Audit</h1>
      <p class="lead">Every change by a supervisor, admin or integration account, and every change to the settings, newest first. Agents’ own changes are in each callback’s history.</p>
      <form class="filters card toolbar" @submit=${this.apply} aria-label="Filters">
        <div class="field"><label for="au-actor">Account</label><input id="au-actor" name="actor" /></div>
        <div class="field"><label for="au-kind">Kind</label><input id="au-kind" name="kind" placeholder="callbacks.bulk" /></div>
        <div class="field"><label for="au-from">From</label><input id="au-from" name="from" type="date" /></div>
        <div class="field"><label for="au-to">To (included)</label><input id="au-to" name="to" type="date" /></div>
        <button type="submit" class="primary">Show</button>
      </form>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            ${this.items.map(
              (x) => html`<tr data-kind=${x.kind}>
                <td>${when(x.at)}</td>
                <td>${x.actor} <span class="muted">(${x.actorRole}${x.agentId ? ', as ' + x.agentId : ''})</span><div class="muted mono">${x.remote}</div></td>
                <td class="mono">${x.kind}</td>
                <td class="mono">${x.target || '–'}</td>
                <td>
                  <details>
                    <summary>Before and after</summary>
                    <div class="ba">
                      <div><div class="label">Before</div><pre>${this.json(x.before)}</pre></div>
                      <div><div class="label">After</div><pre>${this.json(x.after)}</pre></div>
                    </div>
                  </details>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${this.items.length ? nothing : html`<p class="empty">Nothing recorded for these filters.</p>`}
      </div>
      <div class="pager">
        <button type="button" class="small" ?disabled=${this.befores.length < 2} @click=${() => ((this.befores = this.befores.slice(0, -1)), void this.load())}>Newer</button>
        <button type="button" class="small" ?disabled=${!this.next} @click=${() => ((this.befores = [...this.befores, String(this.next)]), void this.load())}>Older</button>
      </div>`;
  }
}
