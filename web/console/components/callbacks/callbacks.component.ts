import { LitElement, PropertyValues, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { base } from '../../../src/styles/theme.js';
import { Live, LiveState } from '../../../src/lib/live.js';
import { BulkAction, BulkResult, CallbackEvent, Client, Row, Session, explain } from '../../lib/api.js';
import { LABEL, bulkFilter, editable, filterOf, hasFilter, list, searchOf } from '../../lib/filters.js';
import { STATUS_LABEL, localZone, when } from '../../lib/format.js';
import { go } from '../../lib/router.js';
import { page } from '../../styles/page.js';
import '../dialog/dialog.js';
import '../callback-detail/callback-detail.js';
import '../bulk/bulk.js';
import styles from './callbacks.styles.js';

const STATUSES = ['scheduled', 'claimed', 'completed', 'failed', 'cancelled'];
const PAGE_SIZES = [25, 50, 100, 200];
/** How long the list waits after a live change before it reads its page again. */
const REFRESH_MS = 600;

/**
 * @summary The Callbacks page: every callback of the tenant, with filters that combine
 * (kept in the URL, so a dashboard figure links to its list), three sorts, keyset pages,
 * live changes from the tenant's event stream, a callback's detail and history, bulk
 * changes to the selected callbacks or to all that match, and the CSV of the matches.
 *
 * Keyboard: the rows are one tab stop; arrow keys move between them, Enter opens a
 * callback, Space selects it.
 */
export default class ConsoleCallbacks extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    query: { attribute: false },
    items: { state: true },
    next: { state: true },
    cursors: { state: true },
    loading: { state: true },
    error: { state: true },
    selected: { state: true },
    allMatching: { state: true },
    live: { state: true },
    detail: { state: true },
    bulk: { state: true },
    active: { state: true },
    announce: { state: true },
  };

  declare client: Client;
  declare session: Session;
  /** The route's query: the filters, sort and order. */
  declare query: URLSearchParams;
  declare items: Row[];
  declare next: string | null;
  /** The cursor each visited page was read with ('' for the first). */
  declare cursors: string[];
  declare loading: boolean;
  declare error: string;
  declare selected: Map<string, Row>;
  /** The bulk change applies to every callback the filter matches, not the selection. */
  declare allMatching: boolean;
  declare live: LiveState;
  declare detail: Row | null;
  declare bulk: { action: BulkAction; ids: string[] | null } | null;
  /** The id of the row that holds the table's tab stop. */
  declare active: string;
  declare announce: string;

  private stream?: Live;
  private timer?: ReturnType<typeof setTimeout>;
  private seq = 0;
  private shownKey: string | null = null;
  /** The row Enter went down on. */
  private enterOn = '';

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.items = [];
    this.next = null;
    this.cursors = [''];
    this.loading = false;
    this.error = '';
    this.selected = new Map();
    this.allMatching = false;
    this.live = 'connecting';
    this.detail = null;
    this.bulk = null;
    this.active = '';
    this.announce = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.stream = new Live(this.client, '', '', {
      event: (ev) => this.onEvent(ev),
      resync: () => this.refreshSoon(),
      state: (s) => (this.live = s),
    });
    this.stream.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stream?.stop();
    clearTimeout(this.timer);
  }

  override willUpdate(changed: PropertyValues) {
    if (changed.has('query')) {
      const key = this.query.toString();
      if (key !== this.shownKey) {
        this.shownKey = key;
        this.cursors = [''];
        this.allMatching = false;
        void this.load();
      }
    }
  }

  private get limit() {
    const n = Number(this.query.get('limit'));
    return PAGE_SIZES.includes(n) ? n : 50;
  }

  /** load reads the current page (the last cursor) again. */
  private async load() {
    const seq = ++this.seq;
    this.loading = true;
    try {
      const cursor = this.cursors[this.cursors.length - 1];
      const r = await this.client.search(searchOf(this.query, cursor, this.limit));
      if (seq !== this.seq) return;
      this.items = r.items || [];
      this.next = r.nextCursor;
      this.error = '';
      if (!this.items.some((x) => x.id === this.active)) this.active = this.items[0]?.id || '';
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = explain(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  private refreshSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), REFRESH_MS);
  }

  /** onEvent shows a change at once on its row, then reads the page again (the change may move it in or out). */
  private onEvent(ev: CallbackEvent) {
    const cb = ev.callback as Row | undefined;
    if (cb) {
      const i = this.items.findIndex((x) => x.id === cb.id);
      if (i >= 0) {
        const items = this.items.slice();
        items[i] = { ...items[i], ...cb, facts: items[i].facts };
        this.items = items;
      }
      if (this.detail && this.detail.id === cb.id) this.detail = { ...this.detail, ...cb };
    }
    this.refreshSoon();
  }

  // Filters.

  /** setFilters replaces the page's query (a filter edit: the browser's history does not grow). */
  private setFilters(q: URLSearchParams) {
    if (q.has('windowFrom') || q.has('windowTo')) {
      if (!q.has('tz')) q.set('tz', localZone());
    } else q.delete('tz');
    go('callbacks', q, true);
  }

  private onFilterChange(e: Event) {
    e.preventDefault();
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.filters')!;
    const val = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() || '';
    const checked = (name: string) => !!(form.elements.namedItem(name) as HTMLInputElement | null)?.checked;
    const q = new URLSearchParams();
    // Filters this form does not edit (a dashboard link's) are kept.
    for (const [k, v] of this.query) if (!editable(k, v)) q.append(k, v);
    if (val('q')) q.set('q', val('q'));
    for (const t of list(val('team'))) q.append('team', t);
    for (const a of list(val('agent'))) q.append('agent', a);
    if (val('assigned')) q.set('assigned', val('assigned'));
    const st = STATUSES.filter((s) => checked('status-' + s));
    if (st.length && st.length < STATUSES.length) q.set('status', st.join(','));
    if (val('windowFrom')) q.set('windowFrom', val('windowFrom'));
    if (val('windowTo')) q.set('windowTo', val('windowTo'));
    if (checked('overdue')) q.set('overdue', 'true');
    if (checked('dueNow')) q.set('dueNow', 'true');
    const min = Number(val('minAttempts'));
    if (min > 0) q.set('minAttempts', String(Math.floor(min)));
    if (val('createdBy')) q.set('createdBy', val('createdBy'));
    if (val('sort') && val('sort') !== 'windowStart') q.set('sort', val('sort'));
    if (val('order') === 'desc') q.set('order', 'desc');
    if (val('limit') && val('limit') !== '50') q.set('limit', val('limit'));
    this.setFilters(q);
  }

  private removeParam(k: string) {
    const q = new URLSearchParams(this.query);
    q.delete(k);
    this.setFilters(q);
  }

  private clearFilters() {
    const q = new URLSearchParams();
    for (const k of ['sort', 'order', 'limit']) if (this.query.get(k)) q.set(k, this.query.get(k)!);
    this.setFilters(q);
  }

  // Paging.

  private nextPage() {
    if (!this.next) return;
    this.cursors = [...this.cursors, this.next];
    void this.load();
  }

  private prevPage() {
    if (this.cursors.length < 2) return;
    this.cursors = this.cursors.slice(0, -1);
    void this.load();
  }

  // Selection.

  private toggle(r: Row, on?: boolean) {
    const s = new Map(this.selected);
    const want = on ?? !s.has(r.id);
    if (want) s.set(r.id, r);
    else s.delete(r.id);
    this.selected = s;
    this.allMatching = false;
    this.announce = (want ? 'Selected ' : 'Unselected ') + (r.customerName || r.phoneNumber) + '. ' + s.size + ' selected.';
  }

  private togglePage(on: boolean) {
    const s = new Map(this.selected);
    for (const r of this.items) {
      if (on) s.set(r.id, r);
      else s.delete(r.id);
    }
    this.selected = s;
    this.allMatching = false;
  }

  private clearSelection() {
    this.selected = new Map();
    this.allMatching = false;
  }

  // Rows.

  private rowKey(e: KeyboardEvent, r: Row) {
    if (e.target !== e.currentTarget) return;
    const i = this.items.findIndex((x) => x.id === r.id);
    const focus = (j: number) => {
      const t = this.items[Math.max(0, Math.min(this.items.length - 1, j))];
      if (!t) return;
      this.active = t.id;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(t.id)}"]`)?.focus());
    };
    switch (e.key) {
      case 'Enter':
        // Opened when the key comes up, so that the key press does not reach the dialog's
        // first button; only if it went down on this row.
        e.preventDefault();
        this.enterOn = r.id;
        break;
      case ' ':
        e.preventDefault();
        this.toggle(r);
        break;
      case 'ArrowDown':
        e.preventDefault();
        focus(i + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focus(i - 1);
        break;
      case 'Home':
        e.preventDefault();
        focus(0);
        break;
      case 'End':
        e.preventDefault();
        focus(this.items.length - 1);
        break;
    }
  }

  private rowKeyUp(e: KeyboardEvent, r: Row) {
    if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
    const was = this.enterOn;
    this.enterOn = '';
    if (was === r.id) this.open(r);
  }

  private rowClick(e: MouseEvent, r: Row) {
    if ((e.target as HTMLElement).closest('input, button, a')) return;
    this.active = r.id;
    this.open(r);
  }

  private open(r: Row) {
    this.detail = r;
  }

  // Bulk.

  private startBulk(action: BulkAction, ids: string[] | null) {
    this.bulk = { action, ids };
  }

  private bulkDone(res: BulkResult) {
    const failed = res.items.filter((x) => !x.ok).map((x) => x.id);
    // Keep the refused ones selected, so they can be looked at or tried again.
    const s = new Map<string, Row>();
    for (const id of failed) {
      const r = this.selected.get(id) || this.items.find((x) => x.id === id);
      if (r) s.set(id, r);
    }
    this.selected = s;
    this.allMatching = false;
    void this.load();
  }

  // Rendering.

  private filtersForm() {
    const q = this.query;
    const statuses = (q.get('status') || '').split(',').filter(Boolean);
    const extra = [...filterOf(q)].filter(([k, v]) => !editable(k, v));
    return html`<form class="filters card" @submit=${this.onFilterChange} @change=${this.onFilterChange} aria-label="Filters">
      <div class="grid">
        <div class="field wide"><label for="f-q">Name, number or notes</label><input id="f-q" name="q" type="search" .value=${q.get('q') || ''} /></div>
        <div class="field"><label for="f-team">Teams</label><input id="f-team" name="team" placeholder="team-1, team-2" .value=${q.getAll('team').join(', ')} /></div>
        <div class="field"><label for="f-agent">Agents</label><input id="f-agent" name="agent" placeholder="agent-1" .value=${q.getAll('agent').join(', ')} /></div>
        <div class="field">
          <label for="f-assigned">Assigned</label>
          <select id="f-assigned" name="assigned">
            <option value="" ?selected=${!q.get('assigned')}>Personal or team</option>
            <option value="personal" ?selected=${q.get('assigned') === 'personal'}>Personal (an agent's)</option>
            <option value="team" ?selected=${q.get('assigned') === 'team'}>Team (no agent)</option>
          </select>
        </div>
        <div class="field"><label for="f-from">Window from</label><input id="f-from" name="windowFrom" type="date" .value=${editable('windowFrom', q.get('windowFrom') || '') ? q.get('windowFrom') : ''} /></div>
        <div class="field"><label for="f-to">Window before</label><input id="f-to" name="windowTo" type="date" .value=${editable('windowTo', q.get('windowTo') || '') ? q.get('windowTo') : ''} /></div>
        <div class="field"><label for="f-min">Attempts at least</label><input id="f-min" name="minAttempts" type="number" min="0" max="20" .value=${q.get('minAttempts') || ''} /></div>
        <div class="field"><label for="f-by">Created by</label><input id="f-by" name="createdBy" .value=${q.get('createdBy') || ''} /></div>
      </div>
      <div class="row2">
        <fieldset class="statuses">
          <legend>Status</legend>
          ${STATUSES.map(
            (s) => html`<label class="check"
              ><input type="checkbox" name=${'status-' + s} .checked=${statuses.length === 0 || statuses.includes(s)} /> ${STATUS_LABEL[s]}</label
            >`,
          )}
        </fieldset>
        <fieldset class="statuses">
          <legend>Timing</legend>
          <label class="check"><input type="checkbox" name="overdue" .checked=${q.get('overdue') === 'true'} /> Overdue</label>
          <label class="check"><input type="checkbox" name="dueNow" .checked=${q.get('dueNow') === 'true'} /> Due now</label>
        </fieldset>
        <div class="field">
          <label for="f-sort">Sort by</label>
          <select id="f-sort" name="sort">
            ${[
              ['windowStart', 'Window start'],
              ['createdAt', 'Created'],
              ['attempts', 'Attempts'],
            ].map(([v, l]) => html`<option value=${v} ?selected=${(q.get('sort') || 'windowStart') === v}>${l}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-order">Order</label>
          <select id="f-order" name="order">
            <option value="asc" ?selected=${q.get('order') !== 'desc'}>Ascending</option>
            <option value="desc" ?selected=${q.get('order') === 'desc'}>Descending</option>
          </select>
        </div>
        <div class="field">
          <label for="f-limit">Per page</label>
          <select id="f-limit" name="limit">
            ${PAGE_SIZES.map((n) => html`<option value=${n} ?selected=${this.limit === n}>${n}</option>`)}
          </select>
        </div>
        <div class="actions end">
          <button type="submit" class="primary">Apply</button>
          <button type="button" @click=${this.clearFilters} ?disabled=${!hasFilter(q)}>Clear filters</button>
        </div>
      </div>
      ${extra.length
        ? html`<div class="chips" aria-label="More filters">
            <span class="muted">Also:</span>
            ${extra.map(
              ([k, v]) =>
                html`<span class="chip">${LABEL[k] || k}: ${/^\d{4}-\d{2}-\d{2}T/.test(v) ? when(v) : v}
                  <button type="button" class="small" aria-label=${'Remove the filter ' + (LABEL[k] || k)} @click=${() => this.removeParam(k)}>✕</button></span
                >`,
            )}
          </div>`
        : nothing}
    </form>`;
  }

  private bulkBar() {
    const n = this.selected.size;
    if (!n && !this.allMatching) return nothing;
    const ids = this.allMatching ? null : [...this.selected.keys()];
    const what = this.allMatching ? 'Every callback that matches the filter' : n + ' selected';
    return html`<div class="bulkbar" role="region" aria-label="Bulk changes">
      <strong>${what}</strong>
      ${!this.allMatching && this.next === null && this.cursors.length === 1
        ? nothing
        : html`<button type="button" class="small" @click=${() => (this.allMatching = !this.allMatching)}>
            ${this.allMatching ? 'Only the selected' : 'Select all that match'}
          </button>`}
      <span class="grow"></span>
      <button type="button" class="small" @click=${() => this.startBulk('reassign', ids)}>Reassign…</button>
      <button type="button" class="small" @click=${() => this.startBulk('reschedule', ids)}>Reschedule…</button>
      <button type="button" class="small danger" @click=${() => this.startBulk('cancel', ids)}>Cancel callbacks…</button>
      <button type="button" class="small" @click=${this.clearSelection}>Clear selection</button>
    </div>`;
  }

  private table() {
    const all = this.items.length > 0 && this.items.every((r) => this.selected.has(r.id));
    const now = Date.now();
    return html`<div class="table-wrap">
      <table aria-describedby="list-caption" aria-busy=${String(this.loading)}>
        <caption id="list-caption" class="sr-only">
          Callbacks. Arrow keys move between rows, Enter opens a callback, Space selects it.
        </caption>
        <thead>
          <tr>
            <th class="sel"><input type="checkbox" aria-label="Select every callback on this page" .checked=${all} @change=${(e: Event) => this.togglePage((e.target as HTMLInputElement).checked)} /></th>
            <th>Customer</th>
            <th>Status</th>
            <th>Window</th>
            <th>Team</th>
            <th>Agent</th>
            <th class="num">Attempts</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this.items,
            (r) => r.id,
            (r) => {
              const open = r.status === 'scheduled' || r.status === 'claimed';
              const overdue = open && Date.parse(r.windowEnd) <= now;
              const due = open && !overdue && Date.parse(r.windowStart) <= now;
              const sel = this.selected.has(r.id) || this.allMatching;
              return html`<tr
                class="clickable ${sel ? 'selected' : ''}"
                data-id=${r.id}
                data-phone=${r.phoneNumber}
                tabindex=${r.id === (this.active || this.items[0]?.id) ? '0' : '-1'}
                @keydown=${(e: KeyboardEvent) => this.rowKey(e, r)}
                @keyup=${(e: KeyboardEvent) => this.rowKeyUp(e, r)}
                @click=${(e: MouseEvent) => this.rowClick(e, r)}
                @focus=${() => (this.active = r.id)}
              >
                <td class="sel">
                  <input
                    type="checkbox"
                    tabindex="-1"
                    aria-label=${'Select ' + (r.customerName || r.phoneNumber)}
                    .checked=${sel}
                    ?disabled=${this.allMatching}
                    @change=${(e: Event) => this.toggle(r, (e.target as HTMLInputElement).checked)}
                  />
                </td>
                <td><div class="name">${r.customerName || html`<span class="muted">No name</span>`}</div><div class="muted mono">${r.phoneNumber}</div></td>
                <td>
                  <span class="badge ${r.status}">${STATUS_LABEL[r.status] || r.status}</span>
                  ${overdue ? html`<span class="badge overdue">Overdue</span>` : due ? html`<span class="badge scheduled">Due now</span>` : nothing}
                </td>
                <td>${when(r.windowStart)}<div class="muted">to ${when(r.windowEnd)}</div></td>
                <td>${r.teamId}</td>
                <td>${r.agentId || html`<span class="muted">Team</span>`}</td>
                <td class="num">${r.attempts} / ${r.maxAttempts}</td>
                <td>${when(r.createdAt)}<div class="muted">${r.createdBy}</div></td>
              </tr>`;
            },
          )}
        </tbody>
      </table>
      ${!this.loading && this.items.length === 0 && !this.error ? html`<p class="empty">No callback matches these filters.</p>` : nothing}
    </div>`;
  }

  override render() {
    const liveLabel = { connecting: 'Connecting…', live: 'Live', retrying: 'Reconnecting…', stopped: 'Not live' }[this.live];
    const pageNo = this.cursors.length;
    return html`<div class="head">
        <div>
          <h1>Callbacks</h1>
          <p class="lead">Every callback of the tenant. Filters combine; changes made by agents appear as they happen.</p>
        </div>
        <div class="actions">
          <span class="live ${this.live}" role="status">${liveLabel}</span>
          <a class="button" href=${this.client.exportURL(filterOf(this.query))} download>Export CSV</a>
        </div>
      </div>
      ${this.filtersForm()} ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing} ${this.bulkBar()} ${this.table()}
      <div class="pager">
        <button type="button" class="small" @click=${this.prevPage} ?disabled=${pageNo < 2 || this.loading}>Previous</button>
        <span>Page ${pageNo}${this.loading ? html` <span class="muted">(loading…)</span>` : nothing}</span>
        <button type="button" class="small" @click=${this.nextPage} ?disabled=${!this.next || this.loading}>Next</button>
      </div>
      <p class="sr-only" role="status" aria-live="polite">${this.announce}</p>
      <cdyx-console-dialog wide label=${this.detail ? 'Callback: ' + (this.detail.customerName || this.detail.phoneNumber) : ''} ?open=${!!this.detail} @vel-close=${() => (this.detail = null)}>
        ${this.detail
          ? html`<cdyx-console-callback-detail
              .client=${this.client}
              .callback=${this.detail}
              @vel-action=${(e: CustomEvent<{ action: BulkAction }>) => {
                const id = this.detail!.id;
                this.detail = null;
                this.startBulk(e.detail.action, [id]);
              }}
            ></cdyx-console-callback-detail>`
          : nothing}
      </cdyx-console-dialog>
      <cdyx-console-dialog label="Change callbacks" ?open=${!!this.bulk} @vel-close=${() => (this.bulk = null)}>
        ${this.bulk
          ? html`<cdyx-console-bulk
              .client=${this.client}
              .action=${this.bulk.action}
              .ids=${this.bulk.ids}
              .filter=${this.bulk.ids ? null : bulkFilter(this.query)}
              .labels=${new Map([...this.selected.values(), ...this.items].map((r) => [r.id, r.customerName || r.phoneNumber]))}
              @vel-bulk-done=${(e: CustomEvent<{ result: BulkResult }>) => this.bulkDone(e.detail.result)}
            ></cdyx-console-bulk>`
          : nothing}
      </cdyx-console-dialog>`;
  }
}
