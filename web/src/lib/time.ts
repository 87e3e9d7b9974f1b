/** Time formatting in the agent's and the customer's time zones, with cached formatters. */

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(tz: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = (tz || '') + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(undefined, { ...opts, timeZone: tz || undefined });
    } catch {
      f = new Intl.DateTimeFormat(undefined, opts);
    }
    cache.set(key, f);
  }
  return f;
}

// Formatting hundreds of rows with Intl is slow, so times are shifted to the wall clock of
// their zone (with the zone's offset cached per quarter hour) and formatted by one UTC
// formatter, with the strings cached per minute of the day and per day.
const MIN = 60000;
const DAY = 86400000;
const offsets = new Map<string, number>();
const times = new Map<number, string>();
const days = new Map<number, string>();

/** offsetMs returns the zone's offset from UTC at t, in milliseconds (the agent's zone when tz is empty). */
export function offsetMs(tz: string | undefined, t: number): number {
  if (!tz) return -new Date(t).getTimezoneOffset() * MIN;
  const key = tz + '|' + Math.floor(t / (15 * MIN));
  let o = offsets.get(key);
  if (o === undefined) {
    const p = partsIn(new Date(t), tz);
    o = Math.round((Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(t / MIN) * MIN) / MIN) * MIN;
    if (offsets.size > 5000) offsets.clear();
    offsets.set(key, o);
  }
  return o;
}

function timeOf(wall: number): string {
  const m = (((Math.floor(wall / MIN) % 1440) + 1440) % 1440) as number;
  let s = times.get(m);
  if (s === undefined) {
    s = fmt('UTC', { hour: '2-digit', minute: '2-digit' }).format(new Date(m * MIN));
    times.set(m, s);
  }
  return s;
}

function dayOf(day: number): string {
  let s = days.get(day);
  if (s === undefined) {
    s = fmt('UTC', { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(day * DAY + 12 * 3600000));
    if (days.size > 2000) days.clear();
    days.set(day, s);
  }
  return s;
}

/** clock formats the time of day, with the day when it is not today (in that zone). */
export function clock(d: Date, tz?: string, now = new Date()): string {
  const t = d.getTime();
  const w = t + offsetMs(tz, t);
  const n = now.getTime();
  const day = Math.floor(w / DAY);
  if (day === Math.floor((n + offsetMs(tz, n)) / DAY)) return timeOf(w);
  return dayOf(day) + ' ' + timeOf(w);
}

/** span formats a window start..end in one zone. */
export function span(start: Date, end: Date, tz?: string, now = new Date()): string {
  const s = start.getTime();
  const e = end.getTime();
  const sameDay = Math.floor((s + offsetMs(tz, s)) / DAY) === Math.floor((e + offsetMs(tz, e)) / DAY);
  return clock(start, tz, now) + '–' + (sameDay ? timeOf(e + offsetMs(tz, e)) : clock(end, tz, now));
}

/** zoneName returns the readable part of an IANA name ("America/New_York" gives "New York"). */
export function zoneName(tz: string): string {
  if (!tz) return '';
  const last = tz.split('/').pop() || tz;
  return last.replace(/_/g, ' ');
}

/** sameOffset reports whether two zones show the same wall time at d. */
export function sameOffset(a: string | undefined, b: string | undefined, d: Date): boolean {
  const t = d.getTime();
  return offsetMs(a, t) === offsetMs(b, t);
}

/** agentZone is the browser's zone. */
export function agentZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

/** partsIn returns the wall-clock parts of d in tz. */
export function partsIn(d: Date, tz?: string): Parts {
  const p: Record<string, number> = {};
  for (const x of fmt(tz, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(d)) {
    if (x.type !== 'literal') p[x.type] = Number(x.value);
  }
  return { y: p.year, mo: p.month, d: p.day, h: p.hour % 24, mi: p.minute };
}

/** zoned returns the instant when the wall clock in tz shows the given parts. */
export function zoned(p: Parts, tz?: string): Date {
  const guess = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi);
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const q = partsIn(new Date(t), tz);
    const shown = Date.UTC(q.y, q.mo - 1, q.d, q.h, q.mi);
    t += guess - shown;
  }
  return new Date(t);
}

/** inputValue formats d for an <input type="datetime-local"> in tz (agent's zone when empty). */
export function inputValue(d: Date, tz?: string): string {
  const p = partsIn(d, tz);
  const z = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${z(p.mo)}-${z(p.d)}T${z(p.h)}:${z(p.mi)}`;
}

/** fromInput reads an <input type="datetime-local"> value as wall time in tz; null when empty or invalid. */
export function fromInput(v: string, tz?: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v || '');
  if (!m) return null;
  return zoned({ y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5] }, tz);
}

/** inMinutes returns now plus n minutes, rounded up to the next 5 minutes. */
export function inMinutes(n: number, now = new Date()): Date {
  const t = now.getTime() + n * 60000;
  return new Date(Math.ceil(t / 300000) * 300000);
}

/** tomorrowAt returns tomorrow at hour:00 on the wall clock of tz. */
export function tomorrowAt(hour: number, tz?: string, now = new Date()): Date {
  const p = partsIn(now, tz);
  const noon = zoned({ ...p, h: 12, mi: 0 }, tz);
  const next = partsIn(new Date(noon.getTime() + 24 * 3600000), tz);
  return zoned({ ...next, h: hour, mi: 0 }, tz);
}

/** relative says how far d is from now, in words ("in 25 min", "3 h ago"). */
export function relative(d: Date, now = new Date()): string {
  const m = Math.round((d.getTime() - now.getTime()) / 60000);
  const a = Math.abs(m);
  const s = a < 60 ? a + ' min' : a < 48 * 60 ? Math.round(a / 60) + ' h' : Math.round(a / 1440) + ' d';
  return m >= 0 ? 'in ' + s : s + ' ago';
}
