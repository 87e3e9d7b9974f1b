/**
 * The bridge to the Webex Contact Center Desktop, through the real @wxcc-desktop/sdk.
 *
 * The SDK reads the global AGENTX_SERVICE when its module is evaluated and throws a
 * ReferenceError where that global does not exist, so it is imported lazily and only
 * when the Desktop (or the simulator) provides the global.
 */

declare const AGENTX_SERVICE: unknown;

/** ActiveCall is the caller of the agent's current telephony task. */
export interface ActiveCall {
  interactionId: string;
  ani: string;
  customerName: string;
  direction: string;
  state: string;
}

interface Signalish {
  addEventListener(name: string, fn: (msg: unknown) => void): void;
  removeEventListener(name: string, fn: (msg: unknown) => void): void;
}

interface DesktopLike {
  config: { init(o: { widgetName: string; widgetProvider: string }): Promise<void> };
  dialer: Signalish & { startOutdial(p: unknown): Promise<unknown> };
  actions: { getTaskMap(): Promise<unknown> };
  agentContact: Signalish;
}

/** OutdialRequest is what startOutdial sends, per the SDK. */
export interface OutdialRequest {
  data: {
    entryPointId: string;
    destination: string;
    direction: 'OUTBOUND';
    attributes: Record<string, string>;
    mediaType: 'telephony';
    outboundType: 'OUTDIAL';
  };
}

let ready: Promise<DesktopLike | null> | undefined;

/** inDesktop reports whether the page provides the Desktop's AGENTX_SERVICE. */
export function inDesktop(): boolean {
  return typeof AGENTX_SERVICE !== 'undefined' && !!AGENTX_SERVICE;
}

/** desktop returns the initialised SDK, or null outside the Desktop. It initialises once. */
export function desktop(): Promise<DesktopLike | null> {
  if (!inDesktop()) return Promise.resolve(null);
  if (!ready) {
    ready = import('@wxcc-desktop/sdk')
      .then(async (m) => {
        const d = (m as unknown as { Desktop: DesktopLike }).Desktop;
        await d.config.init({ widgetName: 'cdyx-vel-callback', widgetProvider: 'Customer Dynamics Velocity' });
        return d;
      })
      .catch((e) => {
        console.error('[velocity] Desktop SDK failed to start', e);
        ready = undefined;
        return null;
      });
  }
  return ready;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(what + ' did not answer in time.')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/** outdialRequest builds the SDK's outdial payload. */
export function outdialRequest(entryPointId: string, destination: string): OutdialRequest {
  return { data: { entryPointId, destination, direction: 'OUTBOUND', attributes: {}, mediaType: 'telephony', outboundType: 'OUTDIAL' } };
}

/** Who the widget dialed recently, by number: the panel names the customer of an outbound call with it. */
const dialed = new Map<string, string>();

/** dialedName returns the customer name of a number this page dialed, or "". */
export function dialedName(number: string): string {
  return dialed.get(number.replace(/[^+\d]/g, '')) || '';
}

/** onOutdialFailed calls fn when the Desktop reports a failed outdial; it returns a function that stops listening. */
export function onOutdialFailed(fn: (reason: string) => void): () => void {
  let stopped = false;
  const h = (msg: unknown) => {
    const d = ((msg as { data?: Record<string, unknown> })?.data || {}) as Record<string, unknown>;
    fn(String(d.reason || d.reasonCode || d.errorMessage || 'the Desktop reported a failed outdial'));
  };
  let off = () => {};
  void desktop().then((d) => {
    if (!d || stopped) return;
    d.dialer.addEventListener('eOutdialFailed', h);
    off = () => d.dialer.removeEventListener('eOutdialFailed', h);
  });
  return () => {
    stopped = true;
    off();
  };
}

/** startOutdial asks the Desktop to dial destination from the entry point; it returns the new interaction id when the Desktop tells it. */
export async function startOutdial(entryPointId: string, destination: string, customerName = ''): Promise<string> {
  const d = await desktop();
  if (d && customerName) dialed.set(destination.replace(/[^+\d]/g, ''), customerName);
  if (!d) throw new Error('Dialing works only inside the Webex Contact Center Desktop.');
  const res = (await withTimeout(d.dialer.startOutdial(outdialRequest(entryPointId, destination)), 20000, 'The Desktop dialer')) as
    | { data?: { interactionId?: string } }
    | undefined;
  return res?.data?.interactionId || '';
}

/** callOf reads an interaction (or a task holding one) into an ActiveCall. */
export function callOf(x: unknown): ActiveCall | null {
  const o = x as Record<string, any> | null;
  if (!o || typeof o !== 'object') return null;
  const i = (o.interaction && typeof o.interaction === 'object' ? o.interaction : o) as Record<string, any>;
  if (!i.interactionId) return null;
  const cpd = (i.callProcessingDetails || {}) as Record<string, string>;
  return {
    interactionId: String(i.interactionId),
    ani: String(cpd.ani || cpd.displayAni || cpd.customerNumber || ''),
    customerName: String(cpd.customerName || ''),
    direction: String(i.contactDirection?.type || ''),
    state: String(i.state || ''),
  };
}

function isLiveTelephony(x: unknown): boolean {
  const o = x as Record<string, any>;
  const i = (o?.interaction || o) as Record<string, any>;
  if (!i || i.isTerminated) return false;
  const media = String(i.mediaType || 'telephony').toLowerCase();
  const state = String(i.state || '').toLowerCase();
  return media === 'telephony' && !['wrapup', 'wrapped_up', 'ended', 'closed', 'terminated'].includes(state);
}

/** activeCall returns the agent's current telephony call from the Desktop's task map, or null. */
export async function activeCall(): Promise<ActiveCall | null> {
  const d = await desktop();
  if (!d) return null;
  let map: unknown;
  try {
    map = await withTimeout(d.actions.getTaskMap(), 3000, 'The Desktop task map');
  } catch {
    return null;
  }
  const tasks: unknown[] = map instanceof Map ? [...map.values()] : map && typeof map === 'object' ? Object.values(map) : [];
  const live = tasks.filter(isLiveTelephony);
  return callOf(live[live.length - 1]);
}

const CALL_STARTED = ['eAgentContact', 'eAgentContactAssigned', 'eAgentContactAniUpdated'];
const CALL_ENDED = ['eAgentContactEnded'];
const CALL_GONE = ['eAgentContactWrappedUp'];

/** CallChange says what happened to a call. */
export type CallChange = { kind: 'active' | 'ended' | 'gone'; call: ActiveCall };

/** watchCalls reports call starts, ends and wrap-ups; it returns a function that stops watching. */
export function watchCalls(fn: (c: CallChange) => void): () => void {
  let stopped = false;
  const subs: [string, (m: unknown) => void][] = [];
  const handler = (kind: CallChange['kind']) => (msg: unknown) => {
    const data = (msg as { data?: unknown })?.data ?? msg;
    const call = callOf(data);
    if (!call) return;
    if (kind === 'active' && !isLiveTelephony((data as { interaction?: unknown }).interaction || data)) return;
    fn({ kind, call });
  };
  void desktop().then((d) => {
    if (!d || stopped) return;
    for (const n of CALL_STARTED) subs.push([n, handler('active')]);
    for (const n of CALL_ENDED) subs.push([n, handler('ended')]);
    for (const n of CALL_GONE) subs.push([n, handler('gone')]);
    for (const [n, f] of subs) d.agentContact.addEventListener(n, f);
  });
  return () => {
    stopped = true;
    void desktop().then((d) => {
      for (const [n, f] of subs) d?.agentContact.removeEventListener(n, f);
    });
  };
}
