/**
 * The bridge to the Webex Contact Center Desktop, through the real @wxcc-desktop/sdk.
 *
 * The SDK reads the global AGENTX_SERVICE when its module is evaluated and throws a
 * ReferenceError where that global does not exist, so it is imported lazily and only
 * when the Desktop (or the simulator) provides the global: from /assets/desktop-sdk.js of
 * the Velocity server (velocityUrl, else the script's own; see setSdkUrl), a file of its
 * own that outlives widget releases.
 *
 * What the real Desktop does, and this module expects (see the reference notes): on an
 * outbound task the customer is the dnis and the ani is the contact center's caller id;
 * tasks go new → connected (→ hold) → wrapUp/post_call → wrapped up; SDK rejections are
 * Err.Details objects with an empty message and the reason in details.data.reason; a
 * request the Desktop does not answer is rejected after 20 s although the call may still
 * connect; eOutdialFailed names the failed interaction.
 */

declare const AGENTX_SERVICE: unknown;

/** Call is a telephony task of the agent as the widgets need it. */
export interface Call {
  interactionId: string;
  /** The customer's number (dnis on outbound calls, ani on inbound ones); "" when unknown or masked. */
  number: string;
  /** The number is masked for this agent (sensitive-data masking shows "*"s). */
  masked: boolean;
  customerName: string;
  outbound: boolean;
  /** The task's state, lower case: new, connected, hold, wrapup, post_call, ended... */
  state: string;
  /** Talking (or ringing, or on hold), not yet in wrap-up. */
  live: boolean;
  telephony: boolean;
}

type Listener = (msg: unknown) => void;
interface Signalish {
  addEventListener(name: string, fn: Listener): void;
  removeEventListener(name: string, fn: Listener): void;
}

interface DesktopLike {
  config: { init(o: { widgetName: string; widgetProvider: string }): Promise<void> };
  dialer: Signalish & { startOutdial(p: unknown): Promise<unknown> };
  actions: { getTaskMap(): Promise<unknown>; fireGeneralAutoDismissNotification?(p: unknown): unknown };
  agentContact: Signalish;
  agentStateInfo?: { latestData?: { isOutboundEnabledForAgent?: boolean } };
}

/** OutdialRequest is what startOutdial sends, per the SDK. */
export interface OutdialRequest {
  data: {
    entryPointId: string;
    destination: string;
    direction: 'OUTBOUND';
    origin?: string;
    attributes: Record<string, string>;
    mediaType: 'telephony';
    outboundType: 'OUTDIAL';
  };
}

let ready: Promise<DesktopLike | null> | undefined;
let sdk: DesktopLike | null = null;
/** The server derived from the script's own URL, and the one an element's velocityUrl names (which wins). */
let derivedBase = '';
let urlBase = '';
/** Where the SDK was loaded from; where its last load failed (a retry goes elsewhere only). */
let loadedFrom = '';
let failedFrom = '';
/** Someone follows the tasks: a load that failed is retried when velocityUrl comes. */
let wanted = false;
let baseKnown: () => void;
const known = new Promise<void>((r) => (baseKnown = r));

/**
 * setSdkBase records the server derived from the script's own URL (the first non-empty
 * one). It may be wrong: a host that evaluates the script's text makes the derivation
 * read the host's own script from the stack; velocityUrl (setSdkUrl) wins over it.
 */
export function setSdkBase(b: string) {
  if (!b || derivedBase) return;
  derivedBase = b;
  baseKnown();
}

/**
 * setSdkUrl records the server an element's velocityUrl names. It wins over the derived
 * address as long as the SDK is not loaded: a load in flight from the derived address that
 * fails goes on from this one, and a load that failed is tried again from it. An SDK already
 * loaded from another address stays (the same SDK; a warning says so).
 */
export function setSdkUrl(b: string) {
  if (!b || b === urlBase) return;
  urlBase = b;
  baseKnown();
  if (sdk && loadedFrom !== b) console.warn(`[velocity] velocityUrl ${b} came after the Desktop SDK was loaded from ${loadedFrom}: the SDK stays as loaded; the widget's data comes from velocityUrl.`);
  else if (!ready && failedFrom && failedFrom !== b && wanted) watchTasks();
}

/** sdkFailure says why the Desktop SDK is not available although the page is the Desktop, or "". */
export function sdkFailure(): string {
  return failedFrom && !sdk ? `The Desktop SDK could not be loaded from ${failedFrom}/assets/desktop-sdk.js: set the widget's velocityUrl to the Velocity server's address.` : '';
}

/** inDesktop reports whether the page provides the Desktop's AGENTX_SERVICE. */
export function inDesktop(): boolean {
  return typeof AGENTX_SERVICE !== 'undefined' && !!AGENTX_SERVICE;
}

/** desktop returns the initialised SDK, or null outside the Desktop. It initialises once. */
export function desktop(): Promise<DesktopLike | null> {
  if (!inDesktop()) return Promise.resolve(null);
  ready ??= load();
  return ready;
}

/** load imports the SDK from velocityUrl, else the derived address, once one is known, and initialises it. */
async function load(): Promise<DesktopLike | null> {
  await known;
  let from = urlBase || derivedBase;
  for (;;) {
    try {
      const m = await import(/* the SDK's own file */ from + '/assets/desktop-sdk.js');
      const d = (m as unknown as { Desktop: DesktopLike }).Desktop;
      await d.config.init({ widgetName: 'cdyx-vel-callback', widgetProvider: 'Customer Dynamics Velocity' });
      loadedFrom = from;
      failedFrom = '';
      return (sdk = d);
    } catch (e) {
      const next = urlBase || derivedBase;
      if (next !== from) {
        console.warn(`[velocity] the Desktop SDK did not load from ${from}; loading it from velocityUrl ${next}`, e);
        from = next;
        continue;
      }
      failedFrom = from;
      console.error('[velocity] ' + sdkFailure(), e);
      ready = undefined;
      return null;
    }
  }
}

const TIMED_OUT = 'timeout';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(TIMED_OUT), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/** outdialRequest builds the SDK's outdial payload; origin (the caller id to show) only when there is one. */
export function outdialRequest(entryPointId: string, destination: string, origin = ''): OutdialRequest {
  const data: OutdialRequest['data'] = { entryPointId, destination, direction: 'OUTBOUND', attributes: {}, mediaType: 'telephony', outboundType: 'OUTDIAL' };
  if (origin) data.origin = origin;
  return { data };
}

/** reasonOf reads why the Desktop refused: SDK errors carry it in details.data.reason, their message is empty. */
export function reasonOf(e: unknown): string {
  const o = (e || {}) as Record<string, any>;
  const d = (o.details?.data || o.data || {}) as Record<string, unknown>;
  return String(d.reason || (d.reasonCode ? 'code ' + d.reasonCode : '') || o.message || o.id || '') || 'the Desktop gave no reason';
}

/** OutdialError is a refused or unconfirmed outdial; unknown means the Desktop did not answer and the call may still connect. */
export class OutdialError extends Error {
  constructor(
    readonly unknown: boolean,
    message: string,
  ) {
    super(message);
  }
}

/**
 * startOutdial asks the Desktop to dial destination from the entry point (showing origin
 * as the caller id when given) and returns the new interaction's id. It throws an
 * OutdialError: with unknown set when the Desktop did not answer in time.
 */
export async function startOutdial(entryPointId: string, destination: string, origin = ''): Promise<string> {
  const d = await desktop();
  if (!d) throw new OutdialError(false, sdkFailure() || 'Dialing works only inside the Webex Contact Center Desktop.');
  watchTasks();
  try {
    // The SDK gives up after 20 s; this guards against a Desktop that never answers.
    const res = (await withTimeout(d.dialer.startOutdial(outdialRequest(entryPointId, destination, origin)), 25000)) as Record<string, any> | undefined;
    return String(res?.data?.interactionId || res?.interactionId || '');
  } catch (e) {
    throw new OutdialError(e === TIMED_OUT || /timeout/i.test(String((e as { id?: string })?.id || '')), reasonOf(e));
  }
}

/** callOf reads an interaction (or a task or event holding one) into a Call. */
export function callOf(x: unknown): Call | null {
  const o = x as Record<string, any> | null;
  if (!o || typeof o !== 'object') return null;
  const i = (o.interaction && typeof o.interaction === 'object' ? o.interaction : o) as Record<string, any>;
  if (!i.interactionId) return null;
  const cad = (i.callAssociatedDetails || {}) as Record<string, string>;
  const cpd = (i.callProcessingDetails || {}) as Record<string, string>;
  // The raw interaction keeps them in its details; the store's selected task may hold them at its top.
  const pick = (k: string) => cad[k] || cpd[k] || (typeof i[k] === 'string' ? i[k] : '');
  const outbound = /OUTBOUND/i.test(i.contactDirection?.type || i.direction || '') || /OUTDIAL/i.test(i.outboundType || cpd.outdialType || '');
  const raw = String((outbound ? pick('dnis') : pick('ani') || cpd.displayAni || pick('customerNumber')) || '');
  const masked = raw.includes('*');
  const state = String(i.state || '').toLowerCase();
  const open = !i.isTerminated && !/^(wrapped_?up|ended|closed|terminated)$/.test(state);
  return {
    interactionId: String(i.interactionId),
    number: masked ? '' : raw,
    masked,
    customerName: String(pick('customerName')),
    outbound,
    state: open ? state : 'ended',
    live: open && !/^(wrapup|post_call)$/.test(state),
    telephony: String(i.mediaType || 'telephony').toLowerCase() === 'telephony',
  };
}

// ---- The agent's tasks, followed from the task map and the contact events -----------------

const tasks = new Map<string, Call & { seen: number }>();
const failures = new Map<string, string>();
const bus = new EventTarget();
let watching = false;
let seq = 0;

const UPDATES = ['eAgentOfferContact', 'eAgentContact', 'eAgentContactAssigned', 'eAgentContactAniUpdated', 'eAgentContactHeld', 'eAgentContactUnHeld'];

function put(c: Call | null, state?: string) {
  if (!c) return;
  if (state) c = { ...c, state, live: false };
  if (c.state === 'ended' && !state) tasks.delete(c.interactionId);
  else tasks.set(c.interactionId, { ...c, seen: ++seq });
}

const dataOf = (m: unknown) => (m as { data?: unknown })?.data ?? m;

/** watchTasks starts following the agent's tasks (once per document). */
export function watchTasks() {
  wanted = true;
  if (watching || !inDesktop()) return;
  watching = true;
  void desktop().then(async (d) => {
    if (!d) {
      watching = false;
      bus.dispatchEvent(new Event('change')); // sdkFailure() changed
      return;
    }
    const on = (name: string, fn: (c: Call | null, m: Record<string, any>) => void, target: Signalish = d.agentContact) =>
      target.addEventListener(name, (m) => {
        const data = dataOf(m) as Record<string, any>;
        fn(callOf(data), data || {});
        bus.dispatchEvent(new Event('change'));
      });
    for (const n of UPDATES) on(n, (c) => put(c));
    // The customer hung up: wrap-up follows (the event may still say connected).
    on('eAgentContactEnded', (c) => put(c, c && /^(wrapup|post_call)$/.test(c.state) ? c.state : 'wrapup'));
    on('eAgentWrapup', (c) => put(c, 'wrapup'));
    on('eAgentContactWrappedUp', (c) => c && tasks.delete(c.interactionId));
    on(
      'eOutdialFailed',
      (_c, data) => {
        const id = String(data.interactionId || data.interaction?.interactionId || '');
        failures.set(id, reasonOf({ data }));
        tasks.delete(id);
      },
      d.dialer,
    );
    try {
      const map = await withTimeout(d.actions.getTaskMap(), 3000);
      for (const t of map instanceof Map ? map.values() : Object.values(map || {})) {
        const c = callOf(t);
        if (c && !tasks.has(c.interactionId)) put(c);
      }
    } catch {
      /* no task map: the events fill it */
    }
    bus.dispatchEvent(new Event('change'));
  });
}

/** onTasks calls fn whenever the agent's tasks change; it returns the function that stops it. */
export function onTasks(fn: () => void): () => void {
  watchTasks();
  bus.addEventListener('change', fn);
  return () => bus.removeEventListener('change', fn);
}

/** task returns the agent's task with that interaction id, if the Desktop still has it. */
export function task(id: string): Call | undefined {
  return tasks.get(id);
}

/** latestCall returns the telephony task that changed last (the fallback when the layout binds no selected task). */
export function latestCall(): Call | null {
  let best: (Call & { seen: number }) | null = null;
  for (const t of tasks.values()) if (t.telephony && (!best || t.seen > best.seen)) best = t;
  return best;
}

/** onTelephony returns an open telephony task of the agent (talking or in wrap-up), if any: Dial is off then. */
export function onTelephony(): Call | undefined {
  for (const t of tasks.values()) if (t.telephony) return t;
  return undefined;
}

/** outdialFailure returns the reason of the Desktop's eOutdialFailed for an interaction, or "". */
export function outdialFailure(id: string): string {
  return (id && failures.get(id)) || '';
}

/** outboundOff reports whether the Desktop says outbound dialing is off for the agent. */
export function outboundOff(): boolean {
  return sdk?.agentStateInfo?.latestData?.isOutboundEnabledForAgent === false;
}

/**
 * desktopNotify shows a notification through the Desktop, which respects the agent's own
 * notification settings (once the SDK is ready, if it is still loading).
 */
export function desktopNotify(title: string, body: string) {
  void desktop().then((d) => {
    const f = d?.actions.fireGeneralAutoDismissNotification;
    try {
      // The SDK's promise may never settle: fire and forget.
      if (f) void Promise.resolve(f.call(d!.actions, { data: { type: 'info', mode: 'autodismiss', title, data: body } })).catch(() => {});
    } catch {
      /* the Desktop refused: nothing else to do */
    }
  });
}
