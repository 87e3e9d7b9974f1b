/**
 * Mounts a Webex CC desktop layout the way the Desktop does: navigation pages, the panel's
 * md-tabs (with dynamic-area widgets), header widgets. Widget scripts are loaded once per
 * URL; attributes are set with setAttribute (strings) and properties assigned as typed JS
 * values; "$STORE.*" values are bound to the simulated store. Anything that cannot be
 * shown (unknown components, unreachable scripts) becomes a placeholder.
 */
import { STORE_PREFIX, Store } from './store.js';

/** Node is one entry of a layout tree or a widget. */
export interface Node {
  comp?: string;
  script?: string;
  attributes?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  children?: Node[];
  textContent?: string;
  visibility?: string;
  wrapper?: { title?: string; maximizeAreaName?: string };
}

/** Area is a set of widgets placed on a grid. */
export interface Area {
  id?: string;
  widgets?: Record<string, Node>;
  layout?: { areas?: string[][]; size?: { cols?: number[]; rows?: number[] } };
}

/** Navigation is one entry of area.navigation. */
export interface Navigation {
  nav?: { label?: string; icon?: string; iconType?: string; navigateTo?: string; align?: string };
  page?: Area & { id?: string };
  visibility?: string;
}

/** DesktopArea is a layout's area. */
export interface DesktopArea {
  headless?: Area;
  header?: Area;
  panel?: Node;
  navigation?: Navigation[];
}

/** findArea accepts area at the top of the layout or under a role key (agent first). */
export function findArea(layout: any): { area: DesktopArea | null; role: string } {
  if (!layout || typeof layout !== 'object') return { area: null, role: '' };
  if (layout.area && typeof layout.area === 'object') return { area: layout.area, role: '' };
  for (const role of ['agent', 'supervisorAgent', 'supervisor', ...Object.keys(layout)]) {
    const a = layout[role]?.area;
    if (a && typeof a === 'object') return { area: a, role };
  }
  return { area: null, role: '' };
}

/** Options tell the mounter how to behave. */
export interface MountOptions {
  store: Store;
  /** Attach elements first and set their attributes and properties this many ms later. */
  lateMs: number;
  /**
   * Load widget scripts as a host that evaluates their text does (fetch, then new
   * Function): the script cannot tell its own URL, and a stack trace names this file.
   */
  evalScripts?: boolean;
  /** Called for every placeholder, with why. */
  onPlaceholder(comp: string, why: string): void;
  /** Called for every widget element created. */
  onWidget(el: HTMLElement, comp: string): void;
}

const HTML_TAGS = new Set(['div', 'span', 'img', 'p', 'a', 'b', 'i', 'strong', 'em', 'h1', 'h2', 'h3', 'h4', 'ul', 'li', 'section', 'iframe', 'br', 'hr', 'label', 'small', 'table', 'tr', 'td', 'th']);

/** inject loads a script with a script element, as the Desktop does. */
function inject(url: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = document.createElement('script');
    s.src = url;
    s.async = true;
    const t = setTimeout(() => resolve(false), 15000);
    s.onload = () => (clearTimeout(t), resolve(true));
    s.onerror = () => (clearTimeout(t), resolve(false));
    document.head.appendChild(s);
  });
}

/** evaluate fetches a script and evaluates its text with new Function, as some hosts do. */
async function evaluate(url: string): Promise<boolean> {
  try {
    const r = await fetch(url);
    if (!r.ok) throw new Error('HTTP ' + r.status);
    new Function(await r.text())();
    return true;
  } catch (e) {
    console.error('[simulator] evaluating ' + url + ' failed', e);
    return false;
  }
}

/** Mounter turns layout nodes into DOM. */
export class Mounter {
  private scripts = new Map<string, Promise<boolean>>();

  constructor(private o: MountOptions) {}

  private loadScript(url: string): Promise<boolean> {
    let p = this.scripts.get(url);
    if (!p) {
      p = this.o.evalScripts ? evaluate(url) : inject(url);
      this.scripts.set(url, p);
    }
    return p;
  }

  private bind(value: unknown, apply: (v: unknown) => void) {
    if (typeof value === 'string' && value.startsWith(STORE_PREFIX)) this.o.store.bind(value.slice(STORE_PREFIX.length), apply);
    else apply(value);
  }

  private configure(el: HTMLElement, n: Node) {
    for (const [k, v] of Object.entries(n.attributes || {})) {
      this.bind(v, (x) => {
        if (x === undefined || x === null) el.removeAttribute(k);
        else el.setAttribute(k, typeof x === 'object' ? JSON.stringify(x) : String(x));
      });
    }
    for (const [k, v] of Object.entries(n.properties || {})) this.bind(v, (x) => ((el as any)[k] = x));
    if (typeof n.textContent === 'string') el.textContent = n.textContent;
  }

  placeholder(comp: string, why: string): HTMLElement {
    const d = document.createElement('div');
    d.className = 'sim-placeholder';
    d.dataset.comp = comp;
    d.setAttribute('role', 'note');
    const b = document.createElement('strong');
    b.textContent = '<' + comp + '>';
    d.append(b, document.createElement('br'), why);
    this.o.onPlaceholder(comp, why);
    return d;
  }

  /** node renders one layout node; widgets with scripts fill in when their script loads. */
  node(n: Node): HTMLElement | null {
    if (!n || typeof n !== 'object') return null;
    if (n.visibility) return null; // Desktop feature flags: none is on in the simulator.
    const comp = String(n.comp || 'div').trim();
    if (comp === 'dynamic-area') return this.area((n.properties?.area || {}) as Area);
    if (comp === 'md-tabs') return this.tabs(n);
    if (comp === 'slot') return this.placeholder('slot ' + String(n.attributes?.name || ''), 'A Desktop built-in area; the simulator leaves it empty.');
    if (HTML_TAGS.has(comp.toLowerCase())) {
      const el = document.createElement(comp);
      this.configure(el, n);
      for (const c of n.children || []) {
        const x = this.node(c);
        if (x) el.appendChild(x);
      }
      return el;
    }
    if (comp === 'md-tab' || comp === 'md-tab-panel') {
      const el = document.createElement('div');
      for (const c of n.children || []) {
        const x = this.node(c);
        if (x) el.appendChild(x);
      }
      return el;
    }
    return this.widget(comp, n);
  }

  private widget(comp: string, n: Node): HTMLElement {
    const host = document.createElement('div');
    host.className = 'sim-widget';
    host.dataset.comp = comp;
    const make = () => {
      const el = document.createElement(comp);
      if (this.o.lateMs > 0) {
        host.replaceChildren(el);
        setTimeout(() => this.configure(el, n), this.o.lateMs);
      } else {
        this.configure(el, n);
        host.replaceChildren(el);
      }
      this.o.onWidget(el, comp);
    };
    if (!comp.includes('-')) {
      host.replaceChildren(this.placeholder(comp, 'Not a valid custom element name.'));
      return host;
    }
    const script = (n.script || '').trim();
    if (!script) {
      if (customElements.get(comp)) make();
      else host.replaceChildren(this.placeholder(comp, 'A Desktop component the simulator does not provide.'));
      return host;
    }
    host.textContent = 'Loading ' + comp + '…';
    void this.loadScript(script).then(async (loaded) => {
      if (!loaded) {
        host.replaceChildren(this.placeholder(comp, 'Its script could not be loaded from ' + script + '.'));
        return;
      }
      const defined = await Promise.race([customElements.whenDefined(comp).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      if (defined) make();
      else host.replaceChildren(this.placeholder(comp, 'Its script loaded but did not define <' + comp + '>.'));
    });
    return host;
  }

  /** area renders widgets on the layout's grid. */
  area(a: Area): HTMLElement {
    const grid = document.createElement('div');
    grid.className = 'sim-area';
    if (a.id) grid.id = a.id;
    const widgets = a.widgets || {};
    const rows = a.layout?.areas && a.layout.areas.length ? a.layout.areas : Object.keys(widgets).map((k) => [k]);
    const names = new Map<string, string>();
    const name = (k: string) => {
      if (!names.has(k)) names.set(k, 'w' + names.size);
      return names.get(k)!;
    };
    grid.style.gridTemplateAreas = rows.map((r) => '"' + r.map(name).join(' ') + '"').join(' ');
    const cols = a.layout?.size?.cols;
    const rws = a.layout?.size?.rows;
    if (cols?.length) grid.style.gridTemplateColumns = cols.map((c) => `minmax(0, ${Number(c) || 1}fr)`).join(' ');
    if (rws?.length) grid.style.gridTemplateRows = rws.map((r) => `minmax(0, ${Number(r) || 1}fr)`).join(' ');
    for (const [key, w] of Object.entries(widgets)) {
      const cell = document.createElement('div');
      cell.className = 'sim-cell';
      cell.dataset.widgetKey = key;
      cell.style.gridArea = name(key);
      if (w.wrapper?.title) {
        const h = document.createElement('div');
        h.className = 'sim-wrapper-title';
        h.textContent = w.wrapper.title;
        cell.appendChild(h);
      }
      const el = this.node(w);
      if (el) cell.appendChild(el);
      grid.appendChild(cell);
    }
    return grid;
  }

  /** tabs renders md-tabs: md-tab children become tab buttons, md-tab-panel children their panels, in order. */
  tabs(n: Node): HTMLElement {
    const root = document.createElement('div');
    root.className = 'sim-tabs';
    const list = document.createElement('div');
    list.className = 'sim-tablist';
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', 'Panel');
    root.appendChild(list);
    const tabs: HTMLButtonElement[] = [];
    const panels: HTMLElement[] = [];
    const kids = (n.children || []).filter((c) => !c.visibility);
    for (const c of kids) {
      const isTab = c.comp === 'md-tab' || c.attributes?.slot === 'tab';
      if (isTab) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'sim-tab';
        b.setAttribute('role', 'tab');
        for (const ch of c.children || []) {
          const x = this.node(ch);
          if (x) b.appendChild(x);
        }
        if (!b.textContent?.trim() && !b.querySelector('img')) b.textContent = 'Tab ' + (tabs.length + 1);
        tabs.push(b);
        list.appendChild(b);
      } else {
        const p = document.createElement('div');
        p.className = 'sim-tabpanel';
        p.setAttribute('role', 'tabpanel');
        for (const ch of c.children || []) {
          const x = this.node(ch);
          if (x) p.appendChild(x);
        }
        panels.push(p);
        root.appendChild(p);
      }
    }
    const select = (i: number) => {
      tabs.forEach((t, j) => {
        t.setAttribute('aria-selected', String(i === j));
        t.tabIndex = i === j ? 0 : -1;
        if (panels[j]) panels[j].hidden = i !== j;
      });
    };
    tabs.forEach((t, i) => {
      const id = 'sim-tab-' + Math.random().toString(36).slice(2, 8);
      t.id = id;
      if (panels[i]) {
        panels[i].setAttribute('aria-labelledby', id);
        panels[i].id = id + '-panel';
        t.setAttribute('aria-controls', id + '-panel');
      }
      t.addEventListener('click', () => select(i));
      t.addEventListener('keydown', (e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        const k = (i + d + tabs.length) % tabs.length;
        select(k);
        tabs[k].focus();
      });
    });
    select(tabs.length - 1 >= 0 ? 0 : -1);
    (root as any).selectTab = (which: number | string) => {
      const i = typeof which === 'number' ? which : tabs.findIndex((t) => (t.textContent || '').trim().toLowerCase().includes(String(which).toLowerCase()));
      if (i >= 0) select(i);
      return i >= 0;
    };
    return root;
  }
}
