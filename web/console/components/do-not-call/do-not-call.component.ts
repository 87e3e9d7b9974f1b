import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { Client, DoNotCall, ImportReport, Session, explain, fieldErrors } from '../../lib/api.js';
import { when } from '../../lib/format.js';
import { Ask, askDialog } from '../../lib/ask.js';
import { page } from '../../styles/page.js';
import styles from './do-not-call.styles.js';

const PAGE = 50;

/**
 * afterFor returns the list's `after` that starts it at the numbers beginning with prefix
 * (E.164: "+" and digits): the prefix with its last digit lowered, then nines past any
 * number's length.
 */
export function afterFor(prefix: string): string {
  if (prefix.length < 2) return '';
  const last = prefix.charCodeAt(prefix.length - 1);
  const head = prefix.slice(0, -1);
  return last > 48 ? head + String.fromCharCode(last - 1) + '9'.repeat(16) : head;
}

/**
 * @summary The do-not-call list: search it by number (a number in any format, or the
 * start of one in E.164), page through it, add a number (its open callbacks are
 * cancelled), and, for admins, remove numbers and import a CSV with a result per line.
 */
export default class ConsoleDoNotCall extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    items: { state: true },
    next: { state: true },
    prefix: { state: true },
    afters: { state: true },
    error: { state: true },
    notice: { state: true },
    fields: { state: true },
    report: { state: true },
    busy: { state: true },
    ask: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare items: DoNotCall[];
  declare next: string | null;
  /** The E.164 prefix searched for ("" for the whole list). */
  declare prefix: string;
  /** The `after` of each page read ('' for the first). */
  declare afters: string[];
  declare error: string;
  declare notice: string;
  declare fields: Record<string, string>;
  declare report: ImportReport | null;
  declare busy: boolean;
  declare ask: Ask | null;

  constructor() {
    super();
    this.items = [];
    this.next = null;
    this.prefix = '';
    this.afters = [''];
    this.error = '';
    this.notice = '';
    this.fields = {};
    this.report = null;
    this.busy = false;
    this.ask = null;
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
      const after = this.afters[this.afters.length - 1] || afterFor(this.prefix);
      const r = await this.client.doNotCall(after, PAGE);
      let items = r.items || [];
      let next = r.nextAfter;
      if (this.prefix) {
        const n = items.length;
        items = items.filter((x) => x.phoneNumber.startsWith(this.prefix));
        if (items.length < n) next = null;
      }
      this.items = items;
      this.next = next;
      this.error = '';
    } catch (e) {
      this.error = explain(e);
    }
  }

  private async search(e: Event) {
    e.preventDefault();
    const v = this.renderRoot.querySelector<HTMLInputElement>('#dnc-q')!.value.trim();
    let prefix = '';
    if (v) {
      const compact = v.replace(/[\s().-]/g, '');
      if (/^\+\d*$/.test(compact)) prefix = compact;
      else {
        try {
          prefix = (await this.client.lookup(v)).phoneNumber;
        } catch (err) {
          this.error = explain(err);
          return;
        }
      }
    }
    this.prefix = prefix;
    this.afters = [''];
    await this.load();
  }

  private async add(e: Event) {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const phone = (f.querySelector('#dnc-phone') as HTMLInputElement).value.trim();
    const reason = (f.querySelector('#dnc-reason') as HTMLInputElement).value.trim();
    this.fields = {};
    this.notice = '';
    if (!phone) {
      this.fields = { phoneNumber: 'Enter the number.' };
      return;
    }
    try {
      const r = await this.client.addDoNotCall(phone, reason);
      const n = (r.cancelled || []).length;
      this.notice = (r.added ? 'Added ' + phone + '.' : phone + ' was already on the list.') + (n ? ' ' + n + ' open callback' + (n > 1 ? 's were' : ' was') + ' cancelled.' : '');
      f.reset();
      await this.load();
    } catch (err) {
      this.fields = fieldErrors(err);
      if (!Object.keys(this.fields).length) this.error = explain(err);
    }
  }

  private askRemove(x: DoNotCall) {
    this.ask = { title: 'Remove the number?', text: 'Remove ' + x.phoneNumber + ' from the do-not-call list? It may be scheduled and called again.', yes: 'Remove', run: () => this.removeNow(x) };
  }

  private async removeNow(x: DoNotCall) {
    try {
      await this.client.removeDoNotCall(x.phoneNumber);
      this.notice = 'Removed ' + x.phoneNumber + '.';
      await this.load();
    } catch (err) {
      this.error = explain(err);
    }
  }

  private async import(e: Event) {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const file = (f.querySelector('#dnc-file') as HTMLInputElement).files?.[0];
    const text = file ? await file.text() : (f.querySelector('#dnc-csv') as HTMLTextAreaElement).value;
    if (!text.trim()) {
      this.fields = { csv: 'Choose a CSV file or paste its lines.' };
      return;
    }
    this.busy = true;
    this.fields = {};
    try {
      this.report = await this.client.importDoNotCall(text);
      f.reset();
      await this.load();
    } catch (err) {
      this.error = explain(err);
    } finally {
      this.busy = false;
    }
  }

  private importReport(r: ImportReport) {
    const errs = r.errors || [];
    return html`<div class="result" role="status">
      <p class=${'msg ' + (errs.length ? 'warn' : 'ok')}>
        ${r.lines} lines: ${r.added} added, ${r.alreadyListed} already listed${errs.length ? html`, ${errs.length} refused` : nothing}${(r.cancelled || []).length
          ? html`; ${(r.cancelled || []).length} open callbacks cancelled`
          : nothing}.
      </p>
      ${errs.length
        ? html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">Line</th>
                  <th scope="col">Value</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                ${errs.map(
                  (x) => html`<tr class="import-error">
                    <td class="num">${x.line}</td>
                    <td class="mono">${x.value}</td>
                    <td>${x.message}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
    </div>`;
  }

  override render() {
    return html`<h1>Do-not-call</h1>
      <p class="lead">Numbers that are never scheduled or dialed. Adding one cancels its open callbacks.</p>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="msg ok" role="status">${this.notice}</p>` : nothing}
      <div class="cols">
        <section class="card" aria-labelledby="h-list">
          <h2 id="h-list">The list</h2>
          <form class="toolbar" @submit=${this.search} role="search">
            <div class="field grow"><label for="dnc-q">Search by number</label><input id="dnc-q" type="search" placeholder="+1312 or (312) 555-0101" /></div>
            <button type="submit">Search</button>
          </form>
          ${this.prefix ? html`<p class="hint">Numbers starting with <span class="mono">${this.prefix}</span>.</p>` : nothing}
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Added</th>
                  ${this.admin ? html`<th scope="col"><span class="sr-only">Remove</span></th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${this.items.map(
                  (x) => html`<tr data-phone=${x.phoneNumber}>
                    <td class="mono">${x.phoneNumber}</td>
                    <td>${x.reason || html`<span class="muted">–</span>`}</td>
                    <td>${when(x.addedAt)} <span class="muted">by ${x.addedBy}</span></td>
                    ${this.admin
                      ? html`<td><button type="button" class="small danger" aria-label=${'Remove ' + x.phoneNumber} @click=${() => this.askRemove(x)}>Remove</button></td>`
                      : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>
            ${this.items.length ? nothing : html`<p class="empty">No number${this.prefix ? ' matches' : ' is listed'}.</p>`}
          </div>
          <div class="pager">
            <button type="button" class="small" ?disabled=${this.afters.length < 2} @click=${() => ((this.afters = this.afters.slice(0, -1)), void this.load())}>Previous</button>
            <button type="button" class="small" ?disabled=${!this.next} @click=${() => ((this.afters = [...this.afters, this.next!]), void this.load())}>Next</button>
          </div>
        </section>
        <div>
          <section class="card" aria-labelledby="h-add">
            <h2 id="h-add">Add a number</h2>
            <form @submit=${this.add} novalidate class="stack">
              <div class="field">
                <label for="dnc-phone">Number</label>
                <input id="dnc-phone" aria-invalid=${this.fields.phoneNumber ? 'true' : 'false'} aria-describedby="dnc-phone-err" />
                <span class="field-error" id="dnc-phone-err">${this.fields.phoneNumber || ''}</span>
              </div>
              <div class="field"><label for="dnc-reason">Reason (optional)</label><input id="dnc-reason" /></div>
              <div><button type="submit" class="primary">Add to the list</button></div>
            </form>
          </section>
          ${askDialog(this.ask, () => (this.ask = null))}
          ${this.admin
            ? html`<section class="card" aria-labelledby="h-import">
                <h2 id="h-import">Import a CSV</h2>
                <p class="hint">One number a line: <span class="mono">phoneNumber[,reason[,country]]</span>. Bad lines are reported by number; the good ones are kept.</p>
                <form @submit=${this.import} novalidate class="stack">
                  <div class="field"><label for="dnc-file">CSV file</label><input id="dnc-file" type="file" accept=".csv,text/csv,text/plain" /></div>
                  <div class="field">
                    <label for="dnc-csv">Or paste its lines</label>
                    <textarea id="dnc-csv" rows="5" aria-describedby="dnc-csv-err"></textarea>
                    <span class="field-error" id="dnc-csv-err">${this.fields.csv || ''}</span>
                  </div>
                  <div><button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Importing…' : 'Import'}</button></div>
                </form>
                ${this.report ? this.importReport(this.report) : nothing}
              </section>`
            : nothing}
        </div>
      </div>`;
  }
}
