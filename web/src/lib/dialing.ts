/**
 * The callbacks this document is dialing, kept apart from the Callbacks page so that they
 * survive the page's element being dropped and created again (the real Desktop may do so
 * when the agent navigates). For each one: the interaction the Desktop started, and the
 * claim, renewed while the Desktop still has the call (talking or in wrap-up), so that a
 * call longer than the lease does not put the callback back in the team's worklist.
 */
import { ApiError, Api, Callback } from './api.js';
import { OutdialError, onTasks, onTelephony, outdialFailure, startOutdial, task, watchTasks } from './desktop.js';

/** Phase is where a dial stands. */
export type Phase = 'dialing' | 'calling' | 'unknown' | 'failed' | 'lost';

/** Note is a message for the callback's row. */
export interface Note {
  kind: 'ok' | 'warn' | 'error';
  text: string;
}

/** Dial is one callback being dialed by this document's agent. */
export interface Dial {
  callbackId: string;
  agentId: string;
  number: string;
  customerName: string;
  /** The Desktop's interaction, once known. */
  interactionId: string;
  phase: Phase;
  note?: Note;
  /** The callback as the last claim returned it. */
  claim: Callback;
  api: Api;
  timer?: ReturnType<typeof setTimeout>;
}

const dials = new Map<string, Dial>();
const bus = new EventTarget();

function changed(d?: Dial) {
  bus.dispatchEvent(new CustomEvent('change', { detail: d }));
}

/** onDials calls fn with the dial that changed (or undefined); it returns the function that stops it. */
export function onDials(fn: (d?: Dial) => void): () => void {
  const h = (e: Event) => fn((e as CustomEvent).detail);
  bus.addEventListener('change', h);
  return () => bus.removeEventListener('change', h);
}

/** dialOf returns the dial of a callback, if this document is dialing it. */
export function dialOf(callbackId: string): Dial | undefined {
  return dials.get(callbackId);
}

/** dialByInteraction returns the dial that started an interaction (the panel names the customer of our own outdial with it). */
export function dialByInteraction(interactionId: string): Dial | undefined {
  for (const d of dials.values()) if (d.interactionId === interactionId) return d;
  return undefined;
}

/** finish forgets a dial: its outcome was recorded, or it was released. */
export function finish(callbackId: string) {
  const d = dials.get(callbackId);
  if (!d) return;
  clearTimeout(d.timer);
  dials.delete(callbackId);
  changed(d);
}

/** seen follows the callback as the server shows it: closed ends the dial; another agent's claim after ours lapsed says so. */
export function seen(cb: Callback) {
  const d = dials.get(cb.id);
  if (!d) return;
  if (cb.status !== 'scheduled' && cb.status !== 'claimed') return finish(cb.id);
  if (cb.status === 'claimed' && cb.claimedBy && cb.claimedBy !== d.agentId) lost(d, cb.claimedBy);
}

function lost(d: Dial, who: string) {
  clearTimeout(d.timer);
  d.phase = 'lost';
  d.note = { kind: 'warn', text: `Your claim ran out and ${who} took this callback: they record its outcome now.` };
  changed(d);
}

const digits = (s: string) => s.replace(/\D/g, '');

/** The Desktop's tasks changed: adopt the call of an unconfirmed dial, notice eOutdialFailed for ours. */
function onTaskChange() {
  for (const d of dials.values()) {
    if (!d.interactionId && (d.phase === 'unknown' || d.phase === 'dialing')) {
      const t = onTelephony();
      if (t && t.outbound && digits(t.number) === digits(d.number)) {
        d.interactionId = t.interactionId;
        if (d.phase === 'unknown') {
          d.phase = 'calling';
          d.note = { kind: 'ok', text: 'The call connected after all. Record the outcome when it ends.' };
        }
        changed(d);
      }
    }
    const why = outdialFailure(d.interactionId);
    if (why && d.phase !== 'failed') void fail(d, why);
  }
}

let watching = false;

async function fail(d: Dial, why: string) {
  clearTimeout(d.timer);
  d.phase = 'failed';
  d.note = { kind: 'error', text: `The Desktop could not dial: ${why}. The callback was released.` };
  changed(d);
  try {
    const cb = await d.api.release(d.callbackId, d.agentId);
    d.claim = cb;
  } catch {
    /* the claim runs out by itself */
  }
  dials.delete(d.callbackId);
  changed(d);
}

/** renewIn schedules the next renewal at half the time the claim has left. */
function renewIn(d: Dial) {
  clearTimeout(d.timer);
  const exp = Date.parse(d.claim.claimExpiresAt || '');
  if (!exp) return;
  const left = exp - (Date.now() + d.api.skew);
  d.timer = setTimeout(() => void renew(d), Math.max(1000, left / 2));
}

async function renew(d: Dial) {
  if (dials.get(d.callbackId) !== d || d.phase === 'lost') return;
  // Only while the Desktop has the call (talking or wrapping up); after that the claim may
  // run out: its holder can still record the outcome.
  const live = d.interactionId ? task(d.interactionId) : d.phase === 'dialing' || (d.phase === 'unknown' && onTelephony());
  if (!live) return;
  try {
    d.claim = await d.api.claim(d.callbackId, d.agentId);
    renewIn(d);
    changed(d);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'already_claimed') lost(d, String(e.problem.claimedBy || 'another agent'));
    else if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) d.timer = setTimeout(() => void renew(d), 5000);
  }
}

/**
 * dial asks the Desktop to call a callback the agent has just claimed. It resolves when
 * the Desktop answered (the dial's phase says how); the dial then follows the call.
 */
export async function dial(api: Api, claimed: Callback, agentId: string, entryPointId: string, origin: string): Promise<Dial> {
  if (!watching) {
    watching = true;
    watchTasks();
    onTasks(onTaskChange);
  }
  const d: Dial = { callbackId: claimed.id, agentId, number: claimed.phoneNumber, customerName: claimed.customerName, interactionId: '', phase: 'dialing', claim: claimed, api };
  dials.set(d.callbackId, d);
  renewIn(d);
  changed(d);
  try {
    d.interactionId = (await startOutdial(entryPointId, claimed.phoneNumber, origin)) || d.interactionId;
  } catch (e) {
    if (e instanceof OutdialError && e.unknown) {
      if (d.phase === 'dialing') {
        d.phase = 'unknown';
        d.note = {
          kind: 'warn',
          text: 'The Desktop did not confirm the call within 20 seconds: it may still connect. Record the outcome once you know, or release the callback if no call was made.',
        };
      }
      changed(d);
      return d;
    }
    await fail(d, e instanceof Error ? e.message : String(e));
    return d;
  }
  if (d.phase !== 'dialing') return d;
  d.phase = 'calling';
  d.note = { kind: 'ok', text: 'Calling ' + d.number + '. Record the outcome when the call ends.' };
  changed(d);
  onTaskChange(); // an eOutdialFailed that came before the answer
  return d;
}
