/**
 * The Callbacks page's filters live in its URL query, named as GET /callbacks/search
 * names them, so that a link (from a dashboard figure, a bookmark) opens the same list.
 * This module reads them for the search, the CSV export and a bulk change's filter.
 */

/** PAGING are the query parameters that order and page a list rather than select callbacks. */
const PAGING = new Set(['sort', 'order', 'limit', 'cursor']);

/** EDITABLE are the filters the page's form edits; any other search parameter is shown as a chip. */
export const EDITABLE = new Set(['q', 'team', 'agent', 'assigned', 'status', 'windowFrom', 'windowTo', 'overdue', 'dueNow', 'minAttempts', 'createdBy', 'tz']);

/** editable reports whether the form edits the filter k=v (the window's bounds only as dates). */
export function editable(k: string, v: string): boolean {
  if (k === 'windowFrom' || k === 'windowTo') return /^\d{4}-\d{2}-\d{2}$/.test(v);
  return EDITABLE.has(k);
}

/** LABEL names the search parameters a dashboard link may add. */
export const LABEL: Record<string, string> = {
  windowFrom: 'Window from',
  windowTo: 'Window before',
  endFrom: 'Window ends from',
  endTo: 'Window ends before',
  createdFrom: 'Created from',
  createdTo: 'Created before',
  claimedBy: 'Being dialed by',
  closedFrom: 'Closed from',
  closedTo: 'Closed before',
  closeReason: 'Close reason',
  closedBy: 'Closed by',
  firstDialFrom: 'First dial from',
  firstDialTo: 'First dial before',
  firstOutcome: 'First outcome',
  firstInWindow: 'First dial in window',
  firstDialBy: 'First dialed by',
  fellBack: 'Fell back to the team',
  fellBackFrom: 'Fell back from',
  fellBackTo: 'Fell back before',
  fellBackAgent: 'Fell back from agent',
};

/** filterOf returns the query's filters alone (no sort, order, limit or cursor). */
export function filterOf(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of q) if (!PAGING.has(k) && v !== '') out.append(k, v);
  return out;
}

/** searchOf returns the search's query: the filters with the sort, order, page size and cursor. */
export function searchOf(q: URLSearchParams, cursor: string, limit: number): URLSearchParams {
  const out = filterOf(q);
  for (const k of ['sort', 'order']) {
    const v = q.get(k);
    if (v) out.set(k, v);
  }
  out.set('limit', String(limit));
  if (cursor) out.set('cursor', cursor);
  return out;
}

/** bulkFilter returns the filters as the object a bulk change takes (a repeated team or agent as an array). */
export function bulkFilter(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of filterOf(q)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** hasFilter reports whether the query selects anything less than every callback. */
export function hasFilter(q: URLSearchParams): boolean {
  for (const k of filterOf(q).keys()) if (k !== 'tz') return true;
  return false;
}

/** list splits a comma-separated text into its trimmed, non-empty parts. */
export function list(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}
