/**
 * Store stands in for the Desktop's data store: layouts bind widget attributes and
 * properties to "$STORE.<path>" and receive every later change.
 */
export class Store {
  private bindings = new Set<{ path: string; last: unknown; apply: (v: unknown) => void }>();

  constructor(private data: Record<string, any>) {}

  /** get returns the value at a dotted path ("agent.agentId"), or undefined. */
  get(path: string): unknown {
    let cur: any = this.data;
    for (const k of path.split('.')) {
      if (cur == null || typeof cur !== 'object') return undefined;
      cur = cur[k];
    }
    return cur;
  }

  /** set changes the value at a dotted path and pushes the change to every binding. */
  set(path: string, value: unknown) {
    const keys = path.split('.');
    let cur: any = this.data;
    for (const k of keys.slice(0, -1)) {
      if (cur[k] == null || typeof cur[k] !== 'object') cur[k] = {};
      cur = cur[k];
    }
    cur[keys[keys.length - 1]] = value;
    this.push();
  }

  /** update sets several paths and pushes once. */
  update(values: Record<string, unknown>) {
    for (const [p, v] of Object.entries(values)) {
      const keys = p.split('.');
      let cur: any = this.data;
      for (const k of keys.slice(0, -1)) {
        if (cur[k] == null || typeof cur[k] !== 'object') cur[k] = {};
        cur = cur[k];
      }
      cur[keys[keys.length - 1]] = v;
    }
    this.push();
  }

  /** bind applies the value at path now and after every change; it returns an unbind function. */
  bind(path: string, apply: (v: unknown) => void): () => void {
    const b = { path, last: this.get(path), apply };
    this.bindings.add(b);
    apply(b.last);
    return () => this.bindings.delete(b);
  }

  snapshot(): Record<string, any> {
    return JSON.parse(JSON.stringify(this.data));
  }

  private push() {
    for (const b of [...this.bindings]) {
      const v = this.get(b.path);
      if (v !== b.last || (v && typeof v === 'object')) {
        if (v && typeof v === 'object' && JSON.stringify(v) === JSON.stringify(b.last)) continue;
        b.last = v && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
        b.apply(v);
      }
    }
  }
}

/** STORE_PREFIX marks a layout value bound to the store. */
export const STORE_PREFIX = '$STORE.';
