/**
 * scriptBase returns the URL the widget's own script was served from, minus
 * "/assets/callback.js" (or whatever file name it has), so that the same file works
 * from a development, staging or production server. It must be called while the
 * script is first evaluated: document.currentScript is only set then.
 */
export function scriptBase(): string {
  const src = currentScriptURL();
  if (!src) return '';
  const u = new URL(src, document.baseURI);
  const m = u.pathname.match(/^(.*)\/assets\/[^/]*$/);
  const path = m ? m[1] : u.pathname.replace(/\/[^/]*$/, '');
  return u.origin + path;
}

function currentScriptURL(): string {
  const cs = document.currentScript as HTMLScriptElement | null;
  if (cs && cs.src) return cs.src;
  // Loaded as a module or injected by a loader without currentScript: the URL of this
  // file appears in a stack trace.
  try {
    throw new Error();
  } catch (e) {
    const m = String((e as Error).stack || '').match(/(https?:\/\/[^\s)'"]+?\.js)(?::\d+)*/);
    if (m) return m[1];
  }
  const tag = document.querySelector<HTMLScriptElement>('script[src*="/assets/callback.js"]');
  return tag ? tag.src : '';
}
