/**
 * The customer on the agent's current inbound call, when their number has an open
 * callback: the panel finds it, and the Callbacks page marks that callback's row.
 */
import type { Callback } from './api.js';

/** CallerMatch is an inbound call and its caller's open callback. */
export interface CallerMatch {
  interactionId: string;
  callback: Callback | null;
}

let match: CallerMatch | null = null;
const bus = new EventTarget();

/** callerMatch returns the current inbound call's match, or null. */
export function callerMatch(): CallerMatch | null {
  return match;
}

/** setCaller records the current inbound call's match (null when there is no such call). */
export function setCaller(m: CallerMatch | null) {
  if (m?.interactionId === match?.interactionId && m?.callback?.id === match?.callback?.id) return;
  match = m;
  bus.dispatchEvent(new Event('change'));
}

/** onCaller calls fn when the match changes; it returns the function that stops it. */
export function onCaller(fn: () => void): () => void {
  bus.addEventListener('change', fn);
  return () => bus.removeEventListener('change', fn);
}
