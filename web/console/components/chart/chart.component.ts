import { LitElement, PropertyValues, html, nothing } from 'lit';
import type uPlotType from 'uplot';
import { base } from '../../../src/styles/theme.js';
import { THEME_EVENT } from '../../lib/theme.js';
import styles from './chart.styles.js';

/** Series is one line of a chart: its name, colour and a value per day (null: none). */
export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

type Charts = { uPlot: typeof uPlotType; uPlotCSS: string };
let charts: Promise<Charts> | undefined;

/** loadCharts imports /console/charts.js (uPlot) once, from the server that served the console. */
function loadCharts(): Promise<Charts> {
  charts ??= import(/* the charts' own file */ new URL('/console/charts.js', location.href).href).catch((e) => {
    charts = undefined;
    throw e;
  }) as Promise<Charts>;
  return charts;
}

/**
 * @summary A line chart of figures per day, drawn by uPlot (loaded with the first chart).
 * The lines take the console's colours and follow its theme; the element is an image for
 * assistive technology, with a label that says what it shows (the numbers are in a table
 * beside it).
 */
export default class ConsoleChart extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    label: {},
    days: { attribute: false },
    series: { attribute: false },
    percent: { type: Boolean },
    error: { state: true },
  };

  declare label: string;
  /** The days (yyyy-mm-dd) of the x axis. */
  declare days: string[];
  declare series: Series[];
  /** Values are shares (0..1), shown as percentages. */
  declare percent: boolean;
  declare error: string;

  private plot?: uPlotType;
  private ro?: ResizeObserver;
  private sheet = false;
  private onTheme = () => void this.draw();

  constructor() {
    super();
    this.label = '';
    this.days = [];
    this.series = [];
    this.percent = false;
    this.error = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener(THEME_EVENT, this.onTheme);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(THEME_EVENT, this.onTheme);
    this.ro?.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  override updated(changed: PropertyValues) {
    if (changed.has('days') || changed.has('series') || changed.has('percent')) void this.draw();
  }

  private async draw() {
    let m: Charts;
    try {
      m = await loadCharts();
    } catch (e) {
      this.error = 'The chart could not be loaded: ' + (e instanceof Error ? e.message : String(e));
      return;
    }
    const box = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!box) return;
    if (!this.sheet) {
      this.sheet = true;
      const st = document.createElement('style');
      st.textContent = m.uPlotCSS;
      this.renderRoot.appendChild(st);
    }
    const css = getComputedStyle(this);
    const text = css.getPropertyValue('--vel-text-2').trim() || '#555';
    const grid = css.getPropertyValue('--vel-border').trim() || '#ddd';
    const xs = this.days.map((d) => Date.parse(d + 'T12:00:00Z') / 1000);
    const fmt = (v: number | null) => (v === null || v === undefined ? '–' : this.percent ? Math.round(v * 1000) / 10 + '%' : String(v));
    const opts: uPlotType.Options = {
      width: Math.max(280, box.clientWidth),
      height: 220,
      scales: { x: { time: true }, y: this.percent ? { range: [0, 1] } : { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [
        { label: 'Day', value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...this.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: this.days.length <= 45 }, value: (_u: uPlotType, v: number | null) => fmt(v) })),
      ],
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: (_u, vals) => vals.map((v) => (this.percent ? Math.round(v * 100) + '%' : String(v))) },
      ],
      cursor: { drag: { x: false, y: false } },
    };
    this.plot?.destroy();
    box.replaceChildren();
    this.plot = new m.uPlot(opts, [xs, ...this.series.map((s) => s.values)] as uPlotType.AlignedData, box);
    if (!this.ro) {
      this.ro = new ResizeObserver(() => {
        if (this.plot && box.clientWidth) this.plot.setSize({ width: Math.max(280, box.clientWidth), height: 220 });
      });
      this.ro.observe(box);
    }
  }

  override render() {
    return html`<figure>
      <figcaption>${this.label}</figcaption>
      <div class="plot" role="img" aria-label=${this.label + ': ' + this.series.map((s) => s.label).join(', ') + ' per day; the figures are in the table below.'}></div>
      ${this.error ? html`<p class="msg error">${this.error}</p>` : nothing}
    </figure>`;
  }
}
