/**
 * The Velocity desktop simulator: stands in for the Webex Contact Center Desktop so that
 * people can try the widgets and tests can drive them. Served at /simulator. It behaves
 * as the real Desktop does where that is known (see the reference notes, "Behaviour of
 * the real Desktop"): outbound tasks carry the outdial caller id as ani and the customer
 * as dnis; calls end into wrap-up; refusals are SDK errors with an empty message; a
 * telephony task or outbound turned off makes outdials fail.
 *
 * Query string: agent, team, agentName (the simulated agent; default agent-1, team-1),
 * dark (true/false), layout (URL of a desktop layout JSON; default
 * /simulator/layout.json), page (navigation page id to open), tab (panel tab to select,
 * by index or label text), late (ms: attach widget elements first and set their
 * attributes and properties that much later), pages=destroy (drop a page's elements when
 * the agent navigates away, build them anew on return), theme=momentum (the page defines
 * the Desktop's Momentum design tokens, as a tenant theme), scripts=eval (load widget
 * scripts as a host that evaluates their text: fetch, then new Function; the widget cannot
 * tell its own URL and derives a wrong one, this file's, unless velocityUrl is set),
 * idleToOutdial=true (outdials are refused while the agent is Available: whether the real
 * Desktop requires Idle is unconfirmed), state=Idle (the agent's state at the start).
 *
 * window.velocitySimulator:
 * - startCall({ani, customerName, interactionId, masked, keep}): an inbound call (masked:
 *   the agent sees the number masked; keep: the agent's other tasks stay, the new one is
 *   selected); endCall(id?, state?): the call ends into wrap-up (state 'wrapUp', the
 *   default: eAgentContactEnded then eAgentWrapup) or into 'post_call' (eAgentContactEnded
 *   only, the task in state post_call); wrapUp(id?): the task leaves;
 *   selectTask(id): the agent selects another task ($STORE.agentContact.taskSelected);
 *   tasks (the interactions the Desktop holds); activeCall (the selected one);
 *   numbersIn: 'both' (the default: ani and dnis in callAssociatedDetails and
 *   callProcessingDetails) or 'callProcessingDetails' (only there) for the tasks started next.
 * - outdials (the startOutdial payloads received); failOutdials: false, 'reject',
 *   'event', 'event-other' or 'timeout' (see below); outdialTimeoutMs (the timeout's
 *   length, 20000 as in the SDK); connectAfterTimeout (the timed-out call connects).
 * - setOutboundEnabled(on), setOutdialAni({id, name} | null): the agent's outbound
 *   permission and selected caller id.
 * - setAgentState('Available' | 'Idle'), agentState: the agent's state;
 *   setIdleToOutdial(on), idleToOutdial: refuse outdials while the agent is Available, as
 *   an SDK error with an empty message and the reason in details.data.reason (the checkbox
 *   "Outdial only when Idle").
 * - notifications (the Desktop notifications the widgets fired, also in the log).
 * - setPageMode('keep' | 'destroy'), pageMode; setTheme('' | 'momentum');
 *   setDarkMode(on), setAgent({agentId, teamId, agentName}), navigate(pageId),
 *   selectTab(indexOrLabel), placeholders, widgets, store, ready (a promise: true once
 *   the layout is mounted).
 */
import { createService } from './agentx.js';
import { Mounter, Navigation, Node, findArea } from './layout.js';
import { Store } from './store.js';

interface Agent {
  agentId: string;
  teamId: string;
  agentName: string;
}

/** Simulated outdial entry points, one per demo agent. */
const OUTDIAL_EPS: Record<string, string> = {
  'agent-1': '7f2d7c5e-1b1a-4c8e-9d7e-0a1b2c3d4e01',
  'agent-2': '7f2d7c5e-1b1a-4c8e-9d7e-0a1b2c3d4e02',
};
/** The contact center's outdial caller ids ($STORE.agent.outDialAni), as {id, name}. */
const OUTDIAL_ANIS = [
  { id: '+18005550100', name: 'Main line' },
  { id: '+18005550155', name: 'Callbacks line' },
];
const NAMES: Record<string, string> = { 'agent-1': 'Alex Rivera', 'agent-2': 'Blair Chen' };

function outdialEp(agentId: string): string {
  if (OUTDIAL_EPS[agentId]) return OUTDIAL_EPS[agentId];
  let h = 0;
  for (const c of agentId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return '7f2d7c5e-1b1a-4c8e-9d7e-' + h.toString(16).padStart(12, '0').slice(-12);
}

function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;

const here = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
const simBase = new URL('.', here).href; // .../simulator/
const q = new URLSearchParams(location.search);

const first: Agent = {
  agentId: q.get('agent') || 'agent-1',
  teamId: q.get('team') || 'team-1',
  agentName: q.get('agentName') || NAMES[q.get('agent') || 'agent-1'] || q.get('agent') || 'Agent',
};

const store = new Store({
  app: { darkMode: q.get('dark') === 'true' || q.get('dark') === '1', datacenter: 'simulator', title: 'Contact Center Desktop (simulator)' },
  auth: { accessToken: 'simulated-token-' + first.agentId },
  agent: {},
  agentContact: { taskSelected: null, selectedTaskId: '', isActiveCall: false },
});

// ---- calls and outdials -----------------------------------------------------------
//
// As the real Desktop: an outbound task's ani is the contact center's outdial caller id
// and its dnis the customer; a call ends into wrap-up (the task stays, state wrapUp) and
// leaves the task map when wrapped up; outdial refusals are SDK errors with an empty
// message and the reason in details.data.reason; an unanswered request is rejected after
// 20 s (the call may connect anyway).

const tasks = new Map<string, { interaction: any }>();
/** The states of a call that ended and whose task the Desktop still holds. */
const ENDED = /^(wrapUp|post_call)$/;
/** Where tasks carry ani and dnis: see velocitySimulator.numbersIn. */
type NumbersIn = 'both' | 'callProcessingDetails';
/** Refuse outdials while the agent is Available (see setIdleToOutdial). */
let idleToOutdial = q.get('idleToOutdial') === 'true';
const outdials: any[] = [];
const notifications: { title: string; body: string; type: string; mode: string }[] = [];
/** The task the agent has selected ($STORE.agentContact.taskSelected). */
let active = '';

/** mask hides a number as sensitive-data masking does: all but its last four digits. */
function mask(n: string) {
  return n.replace(/\d(?=(?:\D*\d){4})/g, '*');
}

function outdialAni(): string {
  const a = store.get('agent') as Record<string, any>;
  return a.selectedOutdialANI?.id || a.outDialAni?.data?.[0]?.id || '';
}

function interaction(id: string, customer: string, customerName: string, direction: 'INBOUND' | 'OUTBOUND', state: string, origin = '', masked = false) {
  const a = store.get('agent') as Record<string, string>;
  const shown = masked ? mask(customer) : customer;
  const ani = direction === 'OUTBOUND' ? origin || outdialAni() : shown;
  const dnis = direction === 'OUTBOUND' ? shown : '+18005550100';
  const details = { ani, dnis, customerName, virtualTeamName: a.teamId };
  const numbersIn: NumbersIn = (window as any).velocitySimulator?.numbersIn || 'both';
  return {
    interactionId: id,
    orgId: 'simulated-org',
    mediaType: 'telephony',
    mediaChannel: 'broadcloud',
    state,
    isTerminated: false,
    isFcManaged: false,
    currentVTeam: a.teamId,
    previousVTeams: [],
    participants: {},
    createdTimestamp: Date.now(),
    contactDirection: { type: direction },
    outboundType: direction === 'OUTBOUND' ? 'OUTDIAL' : undefined,
    callAssociatedDetails: numbersIn === 'callProcessingDetails' ? { customerName, virtualTeamName: a.teamId } : { ...details },
    callProcessingDetails: {
      ...details,
      displayAni: ani,
      QueueId: 'simulated-queue',
      EP_ID: direction === 'OUTBOUND' ? a.outDialEp : 'simulated-entry-point',
      tenantId: 'simulated-tenant',
    },
  };
}

function msg(type: string, i: any) {
  const a = store.get('agent') as Record<string, string>;
  return { type, orgId: 'simulated-org', trackingId: uuid(), data: { type, eventType: 'RoutingMessage', agentId: a.agentId, interactionId: i.interactionId, interaction: i, mediaResourceId: i.interactionId, orgId: 'simulated-org', queueMgr: 'sim', owner: a.agentId, trackingId: uuid(), isConferencing: false } };
}

/** sdkError is what the SDK rejects with: an Err.Details whose message is empty. */
function sdkError(id: string, reason: string, reasonCode = 0) {
  return Object.assign(new Error(''), { id, details: { type: 'AgentOutboundFailed', orgId: 'simulated-org', trackingId: uuid(), data: { reason, reasonCode, agentId: (store.get('agent') as any).agentId } } });
}

function showCall() {
  if (active && !tasks.has(active)) active = '';
  if (!active) active = [...tasks.keys()].pop() || '';
  const i = active ? tasks.get(active)!.interaction : null;
  store.update({
    'agentContact.taskSelected': i ? JSON.parse(JSON.stringify(i)) : null,
    'agentContact.selectedTaskId': active,
    'agentContact.isActiveCall': [...tasks.values()].some((t) => !ENDED.test(t.interaction.state)),
  });
  const d = i?.callProcessingDetails;
  $('#sim-call-state').textContent = i
    ? `${i.contactDirection.type === 'OUTBOUND' ? 'Outbound call to' : 'On a call with'} ${d.customerName || 'a customer'} (${i.contactDirection.type === 'OUTBOUND' ? d.dnis : d.ani}) · ${i.state} · ${i.interactionId.slice(0, 8)}${tasks.size > 1 ? ` · ${tasks.size} tasks` : ''}`
    : 'No active call';
  ($('#sim-end') as HTMLButtonElement).disabled = !i || ENDED.test(i.state);
  ($('#sim-wrapup') as HTMLButtonElement).disabled = !i || !ENDED.test(i.state);
}

interface CallInput {
  ani: string;
  customerName?: string;
  interactionId?: string;
  /** Show the number masked ("*"s), as sensitive-data masking does. */
  masked?: boolean;
  /** Keep the agent's other tasks (several tasks at once); the new one is selected. */
  keep?: boolean;
}

function startCall(c: CallInput): string {
  if (!c.keep) for (const id of [...tasks.keys()]) wrapUp(id);
  const id = c.interactionId || uuid();
  const i = interaction(id, c.ani, c.customerName || '', 'INBOUND', 'new', '', !!c.masked);
  tasks.set(id, { interaction: i });
  service.contact.eAgentOfferContact.send(msg('AgentOfferContact', i));
  i.state = 'connected';
  service.contact.eAgentContactAssigned.send(msg('AgentContactAssigned', i));
  active = id;
  showCall();
  log('call', `Incoming call from ${c.customerName || 'unknown'} (${i.callProcessingDetails.ani}), interaction ${id}`);
  return id;
}

/**
 * endCall ends the call (the customer hung up): the task goes to wrap-up (or to the
 * post_call state, reported by eAgentContactEnded alone) and stays until wrapUp.
 */
function endCall(id = active, state: 'wrapUp' | 'post_call' = 'wrapUp') {
  const t = tasks.get(id);
  if (!t || ENDED.test(t.interaction.state)) return;
  t.interaction.state = state === 'post_call' ? 'post_call' : 'wrapUp';
  service.contact.eAgentContactEnded.send(msg('AgentContactEnded', t.interaction));
  if (t.interaction.state === 'wrapUp') service.contact.eAgentWrapup.send(msg('AgentWrapup', t.interaction));
  showCall();
  log('call', `Call ended, in ${t.interaction.state}: ${id}`);
}

/** wrapUp submits the wrap-up: the task leaves the Desktop. */
function wrapUp(id = active) {
  const t = tasks.get(id);
  if (!t) return;
  if (!ENDED.test(t.interaction.state)) endCall(id);
  t.interaction.state = 'wrapped_up';
  t.interaction.isTerminated = true;
  service.contact.eAgentContactWrappedUp.send(msg('AgentContactWrappedUp', t.interaction));
  tasks.delete(id);
  showCall();
  log('call', 'Wrapped up: ' + id);
}

function selectTask(id: string): boolean {
  if (!tasks.has(id)) return false;
  active = id;
  showCall();
  return true;
}

/** Outdial failure modes: see velocitySimulator.failOutdials. */
type FailMode = false | 'reject' | 'event' | 'event-other' | 'timeout';

function connectOutdial(d: any): any {
  const id = uuid();
  const i = interaction(id, String(d.destination || ''), '', 'OUTBOUND', 'connected', String(d.origin || ''));
  tasks.set(id, { interaction: i });
  active = id;
  const m = msg('AgentContactAssigned', i);
  service.contact.eAgentContactAssigned.send(m);
  showCall();
  return m;
}

async function onOutdial(p: any): Promise<unknown> {
  outdials.push(JSON.parse(JSON.stringify(p)));
  const d = p?.data || {};
  const a = store.get('agent') as Record<string, any>;
  log('outdial', `Outdial by ${a.agentId}: entryPointId ${d.entryPointId} → ${d.destination} (${d.outboundType}, ${d.mediaType}${d.origin ? ', caller id ' + d.origin : ''})`, true);
  renderOutdials();
  await new Promise((r) => setTimeout(r, 50));
  const sim = (window as any).velocitySimulator;
  const fail: FailMode = sim?.failOutdials || false;
  if (a.isOutboundEnabledForAgent === false) {
    log('outdial', 'Refused: outbound is off for the agent', true);
    throw sdkError('Service.aqm.dialer.startOutdial', 'Outdial is not enabled for the agent', 1004);
  }
  if ([...tasks.values()].some((t) => t.interaction.mediaType === 'telephony')) {
    log('outdial', 'Refused: the agent already has a telephony task', true);
    throw sdkError('Service.aqm.dialer.startOutdial', 'Agent already has an active telephony task', 1002);
  }
  if (idleToOutdial && a.subStatus !== 'Idle') {
    log('outdial', 'Refused: the agent is Available (outdial only when Idle)', true);
    throw sdkError('Service.aqm.dialer.startOutdial', 'The agent must be Idle, not Available, to make an outdial call');
  }
  if (fail === 'reject') {
    log('outdial', 'Simulated outdial failure (rejected, empty message)', true);
    throw sdkError('Service.aqm.dialer.startOutdial', 'Simulated: the destination is not reachable', 1115);
  }
  if (fail === 'timeout') {
    const ms = Number(sim?.outdialTimeoutMs ?? 20000);
    log('outdial', `Simulated: no answer from the dialer; the request times out in ${ms} ms`, true);
    await new Promise((r) => setTimeout(r, ms));
    if (sim?.connectAfterTimeout) setTimeout(() => (connectOutdial(d), log('outdial', 'The timed-out outdial connected after all', true)), 300);
    throw Object.assign(new Error(''), { id: 'Service.aqm.reqs.Timeout', details: { key: 'startOutdial' } });
  }
  const m = connectOutdial(d);
  if (fail === 'event' || fail === 'event-other') {
    const id = fail === 'event' ? m.data.interactionId : uuid();
    setTimeout(() => {
      log('outdial', `Simulated eOutdialFailed for interaction ${id}`, true);
      if (fail === 'event') tasks.delete(id), showCall();
      service.dialer.eOutdialFailed.send({ type: 'AgentOutboundFailed', orgId: 'simulated-org', data: { interactionId: id, reason: 'Simulated: the customer number is invalid', reasonCode: 1009 } });
    }, 100);
  }
  return m;
}

const service = createService(onOutdial, { endCall: (id) => endCall(id) });
(window as any).AGENTX_SERVICE = service.global;
(window as any).wxcc = { rtdwc: { subscribe: () => ({ unsubscribe() {} }) } };
service.channels.handle('getTaskMap/Req', (reqId) => service.channels.reply('getTaskMap/Res', new Map(tasks), reqId));
service.channels.handle('getToken/Req', (reqId) => service.channels.reply('getToken/Res', store.get('auth.accessToken'), reqId));
service.channels.handle('getIdleCodes/Req', (reqId) => service.channels.reply('getIdleCodes/Res', [], reqId));
service.channels.handle('getWrapUpCodes/Req', (reqId) => service.channels.reply('getWrapUpCodes/Res', [], reqId));
service.channels.handle('getMediaTypeQueue/Req', (_t, reqId) => service.channels.reply('getMediaTypeQueue/Res', [], reqId));
for (const n of ['fireGeneralSilentNotification/Req', 'fireGeneralAutoDismissNotification/Req', 'fireGeneralAcknowledgeNotification/Req']) {
  service.channels.handle(n, (...args) => {
    const d = args[0]?.data || {};
    notifications.push({ title: String(d.title || ''), body: typeof d.data === 'string' ? d.data : JSON.stringify(d.data), type: String(d.type || ''), mode: String(d.mode || '') });
    log('notice', `Desktop notification (${d.mode || n.replace('/Req', '')}): ${d.title || ''} — ${typeof d.data === 'string' ? d.data : JSON.stringify(d.data)}`, true);
  });
}

// ---- agent, dark mode, navigation -------------------------------------------------------

function setAgent(a: Partial<Agent>) {
  const cur = store.get('agent') as Record<string, any>;
  const agentId = a.agentId || cur.agentId || 'agent-1';
  const teamId = a.teamId || (a.agentId && a.agentId !== cur.agentId ? cur.teamId : cur.teamId) || 'team-1';
  const agentName = a.agentName || (a.agentId && a.agentId !== cur.agentId ? NAMES[agentId] || agentId : cur.agentName) || agentId;
  for (const id of [...tasks.keys()]) wrapUp(id);
  store.update({
    agent: {
      agentId,
      teamId,
      agentName,
      teamName: teamId === 'team-1' ? 'Team 1' : teamId,
      agentEmailId: agentId + '@example.com',
      orgId: 'simulated-org',
      outDialEp: outdialEp(agentId),
      outDialAni: { initialFetchCompleted: true, data: OUTDIAL_ANIS },
      selectedOutdialANI: OUTDIAL_ANIS[0],
      dnNumber: '+1555010' + (agentId.replace(/\D/g, '') || '0').slice(-4).padStart(4, '0'),
      isOutboundEnabledForAgent: cur.isOutboundEnabledForAgent !== false,
      isAdhocDialingEnabled: true,
      subStatus: cur.subStatus || 'Available',
    },
    'auth.accessToken': 'simulated-token-' + agentId,
  });
  service.setProfile({ agentId, agentName, teamId, teamName: teamId, dn: String((store.get('agent') as any).dnNumber) });
  ($('#sim-agent') as HTMLSelectElement).value = ['agent-1', 'agent-2'].includes(agentId) ? agentId : '';
  ($('#sim-agent-id') as HTMLInputElement).value = agentId;
  ($('#sim-team-id') as HTMLInputElement).value = teamId;
  $('#sim-who').textContent = `${agentName} · ${agentId} · ${teamId} · outdial EP ${outdialEp(agentId)}`;
  const u = new URL(location.href);
  u.searchParams.set('agent', agentId);
  u.searchParams.set('team', teamId);
  history.replaceState(null, '', u);
  document.title = `${agentName} — Velocity desktop simulator`;
}

/** setOutboundEnabled turns outdial on or off for the agent, in the store and the profile the SDK reads. */
function setOutboundEnabled(on: boolean) {
  store.set('agent.isOutboundEnabledForAgent', !!on);
  service.profile.isOutboundEnabledForAgent = !!on;
  log('info', 'Outbound dialing ' + (on ? 'on' : 'off') + ' for the agent');
}

/** setAgentState changes the agent's state (Available or Idle), in the store, the profile and an SDK event. */
function setAgentState(state: 'Available' | 'Idle') {
  const subStatus = state === 'Idle' ? 'Idle' : 'Available';
  store.set('agent.subStatus', subStatus);
  service.profile.agentSubStatus = subStatus;
  service.agent.eAgentStateChangeSuccess.send({ data: { status: 'LoggedIn', subStatus, auxCodeId: subStatus === 'Idle' ? 'sim-idle' : '0' } });
  ($('#sim-state') as HTMLSelectElement).value = subStatus;
  log('info', 'Agent state: ' + subStatus);
}

/** setIdleToOutdial makes outdials fail while the agent is Available (on), or not (off). */
function setIdleToOutdial(on: boolean) {
  idleToOutdial = !!on;
  ($('#sim-idle-outdial') as HTMLInputElement).checked = idleToOutdial;
  log('info', 'Outdial ' + (idleToOutdial ? 'only when the agent is Idle' : 'when Available or Idle'));
}

/** setOutdialAni selects the caller id the agent dials with (null: none selected). */
function setOutdialAni(ani: { id: string; name: string } | null) {
  store.set('agent.selectedOutdialANI', ani);
}

/** setTheme gives the page the Desktop's Momentum design tokens (a tenant theme) or removes them. */
function setTheme(theme: '' | 'momentum') {
  document.documentElement.dataset.momentum = theme === 'momentum' ? 'true' : 'false';
}

function setDarkMode(on: boolean) {
  store.set('app.darkMode', !!on);
  document.documentElement.dataset.theme = on ? 'dark' : 'light';
  ($('#sim-dark') as HTMLInputElement).checked = !!on;
}

const pages = new Map<string, HTMLElement>();
const navButtons = new Map<string, HTMLButtonElement>();
/** How each page is rebuilt in the 'destroy' page mode. */
const builders = new Map<HTMLElement, () => HTMLElement>();
/** 'keep' hides pages the agent leaves; 'destroy' drops their elements and builds them anew on return (the real Desktop may do either). */
let pageMode: 'keep' | 'destroy' = q.get('pages') === 'destroy' ? 'destroy' : 'keep';

function navigate(id: string): boolean {
  const target = pages.get(id);
  if (!target) return false;
  for (const p of new Set(pages.values())) {
    const build = builders.get(p);
    if (build && pageMode === 'destroy') {
      if (p !== target) p.replaceChildren();
      else if (!p.firstElementChild) p.appendChild(build());
    }
    p.hidden = p !== target;
  }
  for (const [k, b] of navButtons) b.setAttribute('aria-current', pages.get(k) === target ? 'page' : 'false');
  return true;
}

// ---- log ------------------------------------------------------------------------------------

function log(kind: string, text: string, strong = false) {
  const li = document.createElement('li');
  li.dataset.kind = kind;
  const t = document.createElement('time');
  t.textContent = new Date().toLocaleTimeString();
  li.append(t, ' ', strong ? Object.assign(document.createElement('strong'), { textContent: text }) : text);
  $('#sim-log').prepend(li);
}

function renderOutdials() {
  $('#sim-outdial-count').textContent = String(outdials.length);
}

// ---- credentials --------------------------------------------------------------------------

const CRED_KEY = 'velocity-simulator-credentials';

function widgetsOf(n: any, out: Node[] = []): Node[] {
  if (!n || typeof n !== 'object') return out;
  if (Array.isArray(n)) {
    for (const x of n) widgetsOf(x, out);
    return out;
  }
  if (n.comp === 'cdyx-vel-callback') out.push(n);
  for (const v of Object.values(n)) if (v && typeof v === 'object') widgetsOf(v, out);
  return out;
}

function needsCredentials(layout: any): Node[] {
  return widgetsOf(layout).filter((w) => !w.properties?.velocityApiKey || !w.properties?.velocityAuth);
}

function askCredentials(): Promise<{ apiKey: string; auth: string }> {
  const saved = sessionStorage.getItem(CRED_KEY);
  if (saved) return Promise.resolve(JSON.parse(saved));
  const form = $('#sim-creds') as HTMLFormElement;
  form.hidden = false;
  ($('#sim-cred-key') as HTMLInputElement).focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const apiKey = ($('#sim-cred-key') as HTMLInputElement).value.trim();
      const user = ($('#sim-cred-user') as HTMLInputElement).value.trim();
      const pass = ($('#sim-cred-pass') as HTMLInputElement).value;
      const c = { apiKey, auth: btoa(unescape(encodeURIComponent(user + ':' + pass))) };
      sessionStorage.setItem(CRED_KEY, JSON.stringify(c));
      form.hidden = true;
      resolve(c);
    });
  });
}

// ---- mounting ---------------------------------------------------------------------------

const placeholders: { comp: string; why: string }[] = [];
const widgets: HTMLElement[] = [];

async function loadLayout(url: string): Promise<any> {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

async function mount(layout: any, lateMs: number) {
  const { area, role } = findArea(layout);
  if (!area) throw new Error('The layout has no "area" (neither at the top nor under a role key such as "agent").');
  const m = new Mounter({
    store,
    lateMs,
    evalScripts: q.get('scripts') === 'eval',
    onPlaceholder: (comp, why) => {
      placeholders.push({ comp, why });
      log('placeholder', `<${comp}>: ${why}`);
    },
    onWidget: (el) => widgets.push(el),
  });
  const title = (role && layout[role]?.appTitle) || layout.appTitle;
  if (title) $('#dt-title').textContent = String(title) + ' · simulator';
  const header = $('#dt-header-widgets');
  header.replaceChildren();
  if (area.header) header.appendChild(m.area(area.header));
  if (area.headless) {
    const h = m.area(area.headless);
    h.hidden = true;
    header.appendChild(h);
  }
  const nav = $('#dt-nav-list');
  const main = $('#dt-main');
  pages.clear();
  navButtons.clear();
  pages.set('home', $('#sim-home'));
  const homeBtn = $('#dt-nav-home') as HTMLButtonElement;
  navButtons.set('home', homeBtn);
  homeBtn.onclick = () => navigate('home');
  for (const entry of (area.navigation || []) as Navigation[]) {
    if (entry.visibility) continue;
    const page = entry.page || {};
    const id = page.id || entry.nav?.navigateTo || 'page-' + pages.size;
    const wrap = document.createElement('div');
    wrap.className = 'sim-page';
    wrap.dataset.pageId = id;
    wrap.hidden = true;
    const build = () => m.area(page);
    builders.set(wrap, build);
    if (pageMode === 'keep') wrap.appendChild(build());
    main.appendChild(wrap);
    pages.set(id, wrap);
    if (entry.nav?.navigateTo && entry.nav.navigateTo !== id) pages.set(entry.nav.navigateTo, wrap);
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'dt-nav-btn';
    b.dataset.page = id;
    const label = entry.nav?.label || id;
    b.title = label;
    if (entry.nav?.icon) {
      const img = document.createElement('img');
      img.src = entry.nav.icon;
      img.alt = '';
      img.width = 20;
      img.height = 20;
      img.onerror = () => img.replaceWith(Object.assign(document.createElement('span'), { className: 'dt-nav-fallback', textContent: label.slice(0, 1).toUpperCase() }));
      b.appendChild(img);
    }
    b.appendChild(Object.assign(document.createElement('span'), { className: 'dt-nav-label', textContent: label }));
    b.onclick = () => navigate(id);
    li.appendChild(b);
    nav.appendChild(li);
    navButtons.set(id, b);
  }
  const panel = $('#dt-panel');
  panel.replaceChildren();
  if (area.panel) {
    const p = m.node(area.panel as Node);
    if (p) panel.appendChild(p);
  } else panel.appendChild(Object.assign(document.createElement('p'), { className: 'sim-empty', textContent: 'This layout has no panel.' }));
}

function selectTab(which: number | string): boolean {
  const tabs = document.querySelector('#dt-panel .sim-tabs') as any;
  return !!tabs?.selectTab(which);
}

// ---- boot ------------------------------------------------------------------------------------

let resolveReady: (v: boolean) => void;
const ready = new Promise<boolean>((r) => (resolveReady = r));

(window as any).velocitySimulator = {
  startCall,
  endCall: (id?: string, state?: 'wrapUp' | 'post_call') => endCall(id, state),
  wrapUp: (id?: string) => wrapUp(id),
  selectTask,
  get tasks() {
    return [...tasks.values()].map((t) => t.interaction);
  },
  setOutboundEnabled,
  setOutdialAni,
  setAgentState,
  get agentState() {
    return String((store.get('agent') as Record<string, unknown>).subStatus || 'Available');
  },
  setIdleToOutdial,
  get idleToOutdial() {
    return idleToOutdial;
  },
  /** Where the next tasks carry ani and dnis: 'both' or 'callProcessingDetails'. */
  numbersIn: 'both' as NumbersIn,
  setTheme,
  setPageMode(m: 'keep' | 'destroy') {
    pageMode = m;
  },
  get pageMode() {
    return pageMode;
  },
  notifications,
  /** How long an outdial in failOutdials 'timeout' mode waits before the SDK's timeout (the real one: 20000 ms). */
  outdialTimeoutMs: 20000,
  /** In 'timeout' mode, connect the call shortly after the timeout (a timed-out outdial may still connect). */
  connectAfterTimeout: false,
  setDarkMode,
  setAgent,
  navigate,
  selectTab,
  outdials,
  placeholders,
  widgets,
  store,
  ready,
  /**
   * Makes the next outdials fail: 'reject' (an SDK error, empty message, reason in
   * details.data.reason), 'event' (the call starts, then eOutdialFailed names it),
   * 'event-other' (an eOutdialFailed for another interaction: ours connects), 'timeout'
   * (no answer, then the SDK's timeout error after outdialTimeoutMs).
   */
  failOutdials: false as FailMode,
  get activeCall() {
    return active ? tasks.get(active)?.interaction : null;
  },
};

function wireControls() {
  ($('#sim-agent') as HTMLSelectElement).onchange = (e) => {
    const v = (e.target as HTMLSelectElement).value;
    if (v) setAgent({ agentId: v, agentName: NAMES[v] });
  };
  ($('#sim-agent-form') as HTMLFormElement).onsubmit = (e) => {
    e.preventDefault();
    setAgent({ agentId: ($('#sim-agent-id') as HTMLInputElement).value.trim(), teamId: ($('#sim-team-id') as HTMLInputElement).value.trim() });
  };
  ($('#sim-dark') as HTMLInputElement).onchange = (e) => setDarkMode((e.target as HTMLInputElement).checked);
  ($('#sim-call-form') as HTMLFormElement).onsubmit = (e) => {
    e.preventDefault();
    startCall({ ani: ($('#sim-ani') as HTMLInputElement).value.trim(), customerName: ($('#sim-customer') as HTMLInputElement).value.trim(), masked: maskCalls });
  };
  ($('#sim-end') as HTMLButtonElement).onclick = () => endCall();
  ($('#sim-wrapup') as HTMLButtonElement).onclick = () => wrapUp();
  ($('#sim-masked') as HTMLInputElement).onchange = (e) => (maskCalls = (e.target as HTMLInputElement).checked);
  ($('#sim-outbound') as HTMLInputElement).onchange = (e) => setOutboundEnabled((e.target as HTMLInputElement).checked);
  ($('#sim-idle-outdial') as HTMLInputElement).checked = idleToOutdial;
  ($('#sim-idle-outdial') as HTMLInputElement).onchange = (e) => setIdleToOutdial((e.target as HTMLInputElement).checked);
  ($('#sim-state') as HTMLSelectElement).onchange = (e) => setAgentState((e.target as HTMLSelectElement).value as 'Available' | 'Idle');
  ($('#sim-destroy') as HTMLInputElement).checked = pageMode === 'destroy';
  ($('#sim-destroy') as HTMLInputElement).onchange = (e) => (pageMode = (e.target as HTMLInputElement).checked ? 'destroy' : 'keep');
  ($('#sim-theme') as HTMLInputElement).checked = q.get('theme') === 'momentum';
  ($('#sim-theme') as HTMLInputElement).onchange = (e) => setTheme((e.target as HTMLInputElement).checked ? 'momentum' : '');
  ($('#sim-layout-form') as HTMLFormElement).onsubmit = (e) => {
    e.preventDefault();
    const u = new URL(location.href);
    const v = ($('#sim-layout') as HTMLInputElement).value.trim();
    if (v) u.searchParams.set('layout', v);
    else u.searchParams.delete('layout');
    location.href = u.href;
  };
  ($('#sim-forget') as HTMLButtonElement).onclick = () => {
    sessionStorage.removeItem(CRED_KEY);
    location.reload();
  };
}

let maskCalls = false;

async function boot() {
  wireControls();
  setTheme(q.get('theme') === 'momentum' ? 'momentum' : '');
  setDarkMode(store.get('app.darkMode') === true);
  setAgent(first);
  if (q.get('state') === 'Idle') setAgentState('Idle');
  showCall();
  renderOutdials();
  const layoutURL = q.get('layout') || new URL('layout.json', simBase).href;
  ($('#sim-layout') as HTMLInputElement).value = q.get('layout') || '';
  let layout: any;
  try {
    layout = await loadLayout(layoutURL);
  } catch (e) {
    $('#sim-error').textContent = 'Could not load the layout: ' + (e instanceof Error ? e.message : String(e));
    $('#sim-error').hidden = false;
    resolveReady(false);
    return;
  }
  const missing = needsCredentials(layout);
  if (missing.length) {
    const c = await askCredentials();
    for (const w of missing) w.properties = { ...(w.properties || {}), velocityApiKey: w.properties?.velocityApiKey || c.apiKey, velocityAuth: w.properties?.velocityAuth || c.auth };
    ($('#sim-forget') as HTMLButtonElement).hidden = false;
  }
  try {
    await mount(layout, Number(q.get('late') || 0) > 0 ? Number(q.get('late')) : 0);
  } catch (e) {
    $('#sim-error').textContent = 'Could not mount the layout: ' + (e instanceof Error ? e.message : String(e));
    $('#sim-error').hidden = false;
    resolveReady(false);
    return;
  }
  navigate(q.get('page') || 'home');
  if (q.get('tab')) selectTab(q.get('tab')!);
  log('info', 'Layout loaded from ' + layoutURL);
  resolveReady(true);
}

void boot();
