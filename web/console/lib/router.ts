/**
 * The console's pages live in the URL's fragment, "#/<page>?<query>", so that every view
 * (a filtered list, a dashboard period) is a link that can be bookmarked, shared and
 * opened from a dashboard figure, and the server serves one page at /console.
 */

/** Route is the page and its query. */
export interface Route {
  page: string;
  query: URLSearchParams;
}

/** current returns the route of the location's fragment ("callbacks" by default). */
export function current(): Route {
  const h = location.hash.replace(/^#\/?/, '');
  const [page, q] = h.split('?', 2) as [string, string | undefined];
  return { page: page || 'callbacks', query: new URLSearchParams(q || '') };
}

/** href returns the link to page with query. */
export function href(page: string, query?: URLSearchParams | Record<string, string>): string {
  const q = query instanceof URLSearchParams ? query.toString() : new URLSearchParams(query || {}).toString();
  return '#/' + page + (q ? '?' + q : '');
}

/** go shows page with query; replace keeps the browser's history from growing (a filter edit). */
export function go(page: string, query?: URLSearchParams | Record<string, string>, replace = false) {
  const to = href(page, query);
  if (location.hash === to) return;
  if (replace) {
    history.replaceState(null, '', to);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = to;
}
