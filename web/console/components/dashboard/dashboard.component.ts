import { LitElement, PropertyValues, TemplateResult, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { Client, Session, explain } from '../../lib/api.js';
import { list } from '../../lib/filters.js';
import { count, dateInput, day, duration, localZone, percent, when } from '../../lib/format.js';
import { Figure, Figures, Rate, Report, ReportKind, ReportRow } from '../../lib/reports.js';
import { go, href } from '../../lib/router.js';
import { THEME_EVENT } from '../../lib/theme.js';
import { page } from '../../styles/page.js';
import type { Series } from '../chart/chart.component.js';
import '../chart/chart.js';
import styles from './dashboard.styles.js';

/** The series colours, light and dark: distinct for the common forms of colour blindness. */
const COLORS = {
  light: { created: '#0f6ac4', completed: '#16694e', failed: '#c11d2b', cancelled: '#8a5206', inWindow: '#0f6ac4', connect: '#16694e' },
  dark: { created: '#64b4fa', completed: '#6fd7ae', failed: '#fc8b98', cancelled: '#f7c173', inWindow: '#64b4fa', connect: '#6fd7ae' },
};

/**
 * @summary The Dashboard: for a period and teams (in the URL), the open callbacks now,
 * the outcomes, the speed and punctuality of first dials, tables per team and per agent,
 * and a daily trend (uPlot, loaded with the page). Every count links to the Callbacks
 * list of exactly those callbacks (the report's search); each report is a CSV too.
 */
export default class ConsoleDashboard extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    query: { attribute: false },
    reports: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare query: URLSearchParams;
  declare reports: Partial<Record<ReportKind, Report>>;
  declare loading: boolean;
  declare error: string;

  private shownKey: string | null = null;
  private seq = 0;
  private onTheme = () => this.requestUpdate();

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.reports = {};
    this.loading = false;
    this.error = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener(THEME_EVENT, this.onTheme);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(THEME_EVENT, this.onTheme);
  }

  /** params are the reports' query: the period, the teams and the browser's zone (dates are its days). */
  private get params(): URLSearchParams {
    const p = new URLSearchParams();
    const today = new Date();
    const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
    p.set('from', this.query.get('from') || dateInput(from));
    p.set('to', this.query.get('to') || dateInput(today));
    p.set('tz', localZone());
    for (const t of this.query.getAll('team')) p.append('team', t);
    return p;
  }

  override willUpdate(changed: PropertyValues) {
    if (changed.has('query') && this.query.toString() !== this.shownKey) {
      this.shownKey = this.query.toString();
      void this.load();
    }
  }

  private async load() {
    const seq = ++this.seq;
    this.loading = true;
    const p = this.params;
    const kinds: ReportKind[] = ['summary', 'teams', 'agents', 'daily'];
    try {
      const rs = await Promise.all(kinds.map((k) => this.client.report(k, p)));
      if (seq !== this.seq) return;
      this.reports = Object.fromEntries(kinds.map((k, i) => [k, rs[i]]));
      this.error = '';
    } catch (e) {
      if (seq === this.seq) this.error = explain(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  private apply(e: Event) {
    e.preventDefault();
    const f = this.renderRoot.querySelector<HTMLFormElement>('form.period')!;
    const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value.trim();
    const q = new URLSearchParams();
    if (v('from')) q.set('from', v('from'));
    if (v('to')) q.set('to', v('to'));
    for (const t of list(v('team'))) q.append('team', t);
    go('dashboard', q, true);
  }

  /** fig renders a count as the link to the list of its callbacks. */
  private fig(f: Figure | undefined, label?: string): TemplateResult {
    if (!f) return html`–`;
    return html`<a class="fig" href=${href('callbacks', new URLSearchParams(f.search))} aria-label=${label ? count(f.count) + ' ' + label + ': list them' : nothing}>${count(f.count)}</a>`;
  }

  /** rate renders a share with its part and whole, each linked. */
  private rate(r: Rate | undefined, label: string): TemplateResult {
    if (!r) return html`–`;
    return html`<span class="rate"
      ><strong>${percent(r.rate)}</strong>
      <span class="muted">(${this.fig(r.part, label)} of ${this.fig(r.of)})</span></span
    >`;
  }

  private card(title: string, value: TemplateResult, sub?: TemplateResult | typeof nothing, id?: string) {
    return html`<div class="stat" data-figure=${id || nothing}>
      <div class="stat-title">${title}</div>
      <div class="stat-value">${value}</div>
      ${sub ? html`<div class="stat-sub">${sub}</div>` : nothing}
    </div>`;
  }

  private now(f: Figures) {
    const n = f.now;
    if (!n) return nothing;
    const since = n.oldestOverdueSince;
    return html`<section class="card" aria-labelledby="h-now">
      <h2 id="h-now">Now</h2>
      <div class="stats">
        ${this.card('Open', this.fig(n.open, 'open callbacks'), nothing, 'now.open')}
        ${this.card('Due now', this.fig(n.dueNow, 'callbacks due now'), nothing, 'now.dueNow')}
        ${this.card(
          'Overdue',
          this.fig(n.overdue, 'overdue callbacks'),
          html`up to 1 h ${this.fig(n.overdueBy.upTo1h)} · 1–4 h ${this.fig(n.overdueBy.upTo4h)} · 4–24 h ${this.fig(n.overdueBy.upTo24h)} · over 24 h
            ${this.fig(n.overdueBy.over24h)}${since ? html`<br />oldest overdue for ${duration((Date.now() - Date.parse(since)) / 1000)}` : nothing}`,
          'now.overdue',
        )}
        ${this.card('Being dialed', this.fig(n.claimed, 'callbacks being dialed'), nothing, 'now.claimed')}
        ${this.card('Personal / team', html`${this.fig(n.personal, 'personal callbacks')} / ${this.fig(n.team, 'team callbacks')}`, html`an agent’s own / their team’s`, 'now.personal')}
      </div>
    </section>`;
  }

  private outcomes(f: Figures) {
    const o = f.outcomes;
    return html`<section class="card" aria-labelledby="h-outcomes">
      <h2 id="h-outcomes">Outcomes in the period</h2>
      <div class="stats">
        ${this.card('Created', this.fig(f.created, 'callbacks created'), nothing, 'created')}
        ${this.card(
          'Completed',
          this.fig(o.completed, 'completed callbacks'),
          html`connected ${this.fig(o.completedBy.connected)} · declined ${this.fig(o.completedBy.declined)} · reached on an inbound call ${this.fig(o.completedBy.reachedInbound)}`,
          'outcomes.completed',
        )}
        ${this.card(
          'Failed',
          this.fig(o.failed, 'failed callbacks'),
          html`attempts ran out ${this.fig(o.failedBy.maxAttempts)} · invalid number ${this.fig(o.failedBy.invalidNumber)}`,
          'outcomes.failed',
        )}
        ${this.card(
          'Cancelled',
          this.fig(o.cancelled, 'cancelled callbacks'),
          html`for the customer ${this.fig(o.cancelledBy.customer)} · do-not-call ${this.fig(o.cancelledBy.doNotCall)} · by a supervisor ${this.fig(o.cancelledBy.supervisor)}`,
          'outcomes.cancelled',
        )}
        ${this.card('Connect rate, first attempt', this.rate(o.connectRateFirst, 'first dials that connected'), nothing, 'outcomes.connectRateFirst')}
        ${this.card('Connect rate, overall', this.rate(o.connectRate, 'closed by a dial that connected'), nothing, 'outcomes.connectRate')}
        ${this.card(
          'Attempts per completed callback',
          html`${o.attemptsPerCompleted.value === null ? '–' : o.attemptsPerCompleted.value.toFixed(2)}`,
          html`${count(o.attemptsPerCompleted.attempts)} attempts on ${this.fig(o.attemptsPerCompleted.completed)} completed`,
          'outcomes.attemptsPerCompleted',
        )}
      </div>
    </section>`;
  }

  private punctuality(f: Figures) {
    const p = f.punctuality;
    return html`<section class="card" aria-labelledby="h-speed">
      <h2 id="h-speed">Speed and punctuality</h2>
      <div class="stats">
        ${this.card('First dialed', this.fig(p.firstDialed, 'callbacks first dialed'), nothing, 'punctuality.firstDialed')}
        ${this.card('Window start to first dial, median', html`${duration(p.firstDelay.medianSeconds)}`, html`90th percentile ${duration(p.firstDelay.p90Seconds)}`, 'punctuality.firstDelay')}
        ${this.card('First dialed inside the window', this.rate(p.firstDialedInWindow, 'first dialed inside their window'), nothing, 'punctuality.firstDialedInWindow')}
        ${this.card('Fell back to the team', this.rate(p.fellBack, 'closed callbacks that had fallen back'), html`fell back in the period ${this.fig(p.fellBackInPeriod)}`, 'punctuality.fellBack')}
      </div>
    </section>`;
  }

  private table(kind: 'teams' | 'agents', rows: ReportRow[]) {
    const key = kind === 'teams' ? 'Team' : 'Agent';
    return html`<section class="card" aria-labelledby=${'h-' + kind}>
      <div class="section-head">
        <h2 id=${'h-' + kind}>Per ${kind === 'teams' ? 'team' : 'agent'}</h2>
        <a class="button small-link" href=${this.client.reportCSV(kind, this.params)} download>CSV</a>
      </div>
      ${kind === 'agents'
        ? html`<p class="hint">Each figure counts its own agent: open ones their owner, being dialed the agent dialing, outcomes the agent who closed them, first dials the agent who dialed.</p>`
        : nothing}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${key}</th>
              <th scope="col" class="num">Open</th>
              <th scope="col" class="num">Overdue</th>
              <th scope="col" class="num">Being dialed</th>
              <th scope="col" class="num">Created</th>
              <th scope="col" class="num">Completed</th>
              <th scope="col" class="num">Failed</th>
              <th scope="col" class="num">Cancelled</th>
              <th scope="col" class="num">Connect, first</th>
              <th scope="col" class="num">Median to first dial</th>
              <th scope="col" class="num">In window</th>
              <th scope="col" class="num">Fell back</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((r) => {
              const f = r.figures;
              return html`<tr data-key=${r.teamId || r.agentId || ''}>
                <th scope="row">${r.teamId || r.agentId}</th>
                <td class="num">${this.fig(f.now?.open)}</td>
                <td class="num">${this.fig(f.now?.overdue)}</td>
                <td class="num">${this.fig(f.now?.claimed)}</td>
                <td class="num">${this.fig(f.created)}</td>
                <td class="num">${this.fig(f.outcomes.completed)}</td>
                <td class="num">${this.fig(f.outcomes.failed)}</td>
                <td class="num">${this.fig(f.outcomes.cancelled)}</td>
                <td class="num">${percent(f.outcomes.connectRateFirst.rate)}</td>
                <td class="num">${duration(f.punctuality.firstDelay.medianSeconds)}</td>
                <td class="num">${percent(f.punctuality.firstDialedInWindow.rate)}</td>
                <td class="num">${this.fig(f.punctuality.fellBackInPeriod)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
        ${rows.length ? nothing : html`<p class="empty">Nothing in this period.</p>`}
      </div>
    </section>`;
  }

  private trend(r: Report) {
    const rows = r.rows || [];
    const days = rows.map((x) => x.date || '');
    const c = COLORS[document.querySelector('cdyx-console')?.hasAttribute('dark') ? 'dark' : 'light'];
    const counts: Series[] = [
      { label: 'Created', color: c.created, values: rows.map((x) => x.figures.created.count) },
      { label: 'Completed', color: c.completed, values: rows.map((x) => x.figures.outcomes.completed.count) },
      { label: 'Failed', color: c.failed, values: rows.map((x) => x.figures.outcomes.failed.count) },
      { label: 'Cancelled', color: c.cancelled, values: rows.map((x) => x.figures.outcomes.cancelled.count) },
    ];
    const shares: Series[] = [
      { label: 'First dialed inside the window', color: c.inWindow, values: rows.map((x) => x.figures.punctuality.firstDialedInWindow.rate) },
      { label: 'Connect rate, first attempt', color: c.connect, values: rows.map((x) => x.figures.outcomes.connectRateFirst.rate) },
    ];
    return html`<section class="card" aria-labelledby="h-trend">
      <div class="section-head">
        <h2 id="h-trend">Daily trend</h2>
        <a class="button small-link" href=${this.client.reportCSV('daily', this.params)} download>CSV</a>
      </div>
      <div class="charts">
        <cdyx-console-chart label="Callbacks per day" .days=${days} .series=${counts}></cdyx-console-chart>
        <cdyx-console-chart label="First dials per day" percent .days=${days} .series=${shares}></cdyx-console-chart>
      </div>
      <details>
        <summary>The daily figures as a table</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" class="num">Created</th>
                <th scope="col" class="num">Completed</th>
                <th scope="col" class="num">Failed</th>
                <th scope="col" class="num">Cancelled</th>
                <th scope="col" class="num">First dialed</th>
                <th scope="col" class="num">Inside the window</th>
                <th scope="col" class="num">Connect, first</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (x) => html`<tr>
                  <th scope="row">${day(x.date || '')}</th>
                  <td class="num">${this.fig(x.figures.created)}</td>
                  <td class="num">${this.fig(x.figures.outcomes.completed)}</td>
                  <td class="num">${this.fig(x.figures.outcomes.failed)}</td>
                  <td class="num">${this.fig(x.figures.outcomes.cancelled)}</td>
                  <td class="num">${this.fig(x.figures.punctuality.firstDialed)}</td>
                  <td class="num">${percent(x.figures.punctuality.firstDialedInWindow.rate)}</td>
                  <td class="num">${percent(x.figures.outcomes.connectRateFirst.rate)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  override render() {
    const p = this.params;
    const s = this.reports.summary;
    return html`<div class="head">
        <div>
          <h1>Dashboard</h1>
          <p class="lead">
            ${s
              ? html`${day(s.from)} to ${day(s.to)} (${s.timezone}), ${s.teams && s.teams.length ? 'teams ' + s.teams.join(', ') : 'every team'}; as of ${when(s.at)}. Every count opens its callbacks.`
              : html`Figures for a period and teams; every count opens its callbacks.`}
          </p>
        </div>
        <a class="button" href=${this.client.reportCSV('summary', p)} download>Summary CSV</a>
      </div>
      <form class="period card toolbar" @submit=${this.apply} @change=${this.apply} aria-label="Period and teams">
        <div class="field"><label for="d-from">From</label><input id="d-from" name="from" type="date" .value=${p.get('from') || ''} /></div>
        <div class="field"><label for="d-to">To (included)</label><input id="d-to" name="to" type="date" .value=${p.get('to') || ''} /></div>
        <div class="field grow"><label for="d-team">Teams</label><input id="d-team" name="team" placeholder="every team" .value=${p.getAll('team').join(', ')} /></div>
        <button type="submit" class="primary">Show</button>
        <button type="button" @click=${() => void this.load()}>Refresh</button>
      </form>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      ${this.loading && !s ? html`<p class="muted" role="status">Loading the figures…</p>` : nothing}
      ${s && s.figures ? html`${this.now(s.figures)} ${this.outcomes(s.figures)} ${this.punctuality(s.figures)}` : nothing}
      ${this.reports.daily ? this.trend(this.reports.daily) : nothing} ${this.reports.teams ? this.table('teams', this.reports.teams.rows || []) : nothing}
      ${this.reports.agents ? this.table('agents', this.reports.agents.rows || []) : nothing}`;
  }
}
