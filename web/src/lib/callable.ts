import type { Callback } from './api.js';
import { clock, zoneName } from './time.js';

/** CallState is whether a callback may be dialed at a given moment under the customer's calling hours. */
export interface CallState {
  ok: boolean;
  /** Why not, for the agent (empty when ok). */
  reason: string;
  /** When the answer changes next (ms since the epoch), or Infinity when not known. */
  next: number;
  /** The calling interval has ended and the server must say when the next one opens. */
  stale: boolean;
}

const OK: CallState = { ok: true, reason: '', next: Infinity, stale: false };

/**
 * callState evaluates the callback's `callable` (the server's answer at response time:
 * whether dialing is allowed now and the current or next calling interval from..until)
 * at the instant now, so the list can follow the hours without asking the server every
 * minute. Without `callable` (a store with no rules) the callback is callable.
 */
export function callState(cb: Callback, now: number): CallState {
  const c = cb.callable;
  if (!c) return OK;
  const from = c.from ? Date.parse(c.from) : NaN;
  const until = c.until ? Date.parse(c.until) : NaN;
  const tz = cb.timezone || undefined;
  const theirs = (t: number) => clock(new Date(t), tz, new Date(now));
  const yours = (t: number) => clock(new Date(t), undefined, new Date(now));
  const where = cb.timezone ? ' (' + zoneName(cb.timezone) + ')' : '';
  if (isNaN(from)) return c.now ? OK : { ok: false, reason: c.reason || "Outside the customer's calling hours.", next: Infinity, stale: false };
  if (now < from)
    return {
      ok: false,
      reason: `Outside the customer's calling hours: it is ${theirs(now)} for them${where}. Calling opens ${theirs(from)} their time (${yours(from)} yours).`,
      next: from,
      stale: false,
    };
  if (isNaN(until) || now < until) return { ok: true, reason: '', next: isNaN(until) ? Infinity : until, stale: false };
  return { ok: false, reason: `The customer's calling hours closed at ${theirs(until)} their time${where}.`, next: Infinity, stale: true };
}
