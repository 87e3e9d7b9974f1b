/**
 * The console's colour scheme: the system's (prefers-color-scheme) unless the person
 * picked light or dark, which is remembered in this browser.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'velocity-console-theme';
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** choice returns the remembered choice. */
export function choice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    if (v === 'light' || v === 'dark') return v;
  } catch {
    /* storage may be off */
  }
  return 'system';
}

/** remember stores the choice. */
export function remember(c: ThemeChoice) {
  try {
    if (c === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, c);
  } catch {
    /* storage may be off */
  }
}

/** isDark resolves a choice to dark or not. */
export function isDark(c: ThemeChoice): boolean {
  return c === 'dark' || (c === 'system' && !!media?.matches);
}

/** onSystemChange calls fn when the system's scheme changes; it returns the unsubscribe. */
export function onSystemChange(fn: () => void): () => void {
  media?.addEventListener('change', fn);
  return () => media?.removeEventListener('change', fn);
}

/** THEME_EVENT is dispatched on window when the console's colour scheme changes (charts redraw). */
export const THEME_EVENT = 'vel-theme';
