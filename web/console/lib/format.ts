/** Formatting of times, durations and figures for the console, in the browser's locale and zone. */

const dtf = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dtfYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const df = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** when formats an instant (RFC 3339) as a short date and time; "" for none. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return (d.getFullYear() === new Date().getFullYear() ? dtf : dtfYear).format(d);
}

/** day formats an instant or a date as a date. */
export function day(iso: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(iso + 'T12:00:00') : new Date(iso);
  return isNaN(d.getTime()) ? iso : df.format(d);
}

/** duration formats seconds as "45 s", "12 min", "3 h 5 min" or "2 d 4 h". */
export function duration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !isFinite(sec)) return '–';
  const neg = sec < 0;
  let s = Math.round(Math.abs(sec));
  let out: string;
  if (s < 60) out = s + ' s';
  else if (s < 3600) out = Math.round(s / 60) + ' min';
  else if (s < 86400) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s % 3600) / 60);
    out = h + ' h' + (m ? ' ' + m + ' min' : '');
  } else {
    s = Math.round(s / 3600);
    const d = Math.floor(s / 24);
    out = d + ' d' + (s % 24 ? ' ' + (s % 24) + ' h' : '');
  }
  return neg ? '−' + out : out;
}

const nf = new Intl.NumberFormat();

/** count formats a whole number with the locale's separators. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : nf.format(n);
}

/** percent formats a share (0..1) as "42%", or "–" when there is none. */
export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !isFinite(x)) return '–';
  return (Math.round(x * 1000) / 10).toString() + '%';
}

/** dateInput returns the yyyy-mm-dd of d in the browser's zone, for <input type=date>. */
export function dateInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
}

/** localZone is the browser's IANA time zone: dates the console sends are midnight there. */
export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** STATUS_LABEL names each status. */
export const STATUS_LABEL: Record<string, string> = {
  scheduled: 'Scheduled',
  claimed: 'Being dialed',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** CLOSE_REASON_LABEL names why a callback ended. */
export const CLOSE_REASON_LABEL: Record<string, string> = {
  connected: 'Connected',
  declined: 'Declined',
  reached_inbound: 'Reached on an inbound call',
  max_attempts: 'Attempts ran out',
  invalid_number: 'Invalid number',
  customer: 'Cancelled for the customer',
  do_not_call: 'Do-not-call list',
  supervisor: 'Cancelled by a supervisor',
};
