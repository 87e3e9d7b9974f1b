/**
 * The Velocity desktop simulator: stands in for the Webex Contact Center Desktop so that
 * people can try the widgets and tests can drive them. Served at /simulator.
 *
 * Query string: agent, team, agentName (the simulated agent; default agent-1, team-1),
 * dark (true/false), layout (URL of a desktop layout JSON; default
 * /simulator/layout.json), page (navigation page id to open), tab (panel tab to select,
 * by index or label text), late (ms: attach widget elements first and set their
 * attributes and properties that much later).
 *
 * window.velocitySimulator: startCall({ani, customerName, interactionId}), endCall(),
 * setDarkMode(on), setAgent({agentId, teamId, agentName}), navigate(pageId),
 * selectTab(indexOrLabel), outdials (the startOutdial payloads received), placeholders,
 * widgets, store, ready (a promise: true once the layout is mounted), activeCall,
 * failOutdials ('reject' or 'event' to simulate failed outdials).
 */
import { createService } from './agentx.js';
import { Mounter, Navigation, Node, findArea } from './layout.js';
import { Store } from './store.js';

interface Agent {
  agentId: string;
  teamId: string;
  agentName: string;
}

interface CallInput {
  ani: string;
  customerName?: string;
  interactionId?: string;
}

/** Simulated outdial entry points, one per demo agent. */
const OUTDIAL_EPS: Record<string, string> = {
  'agent-1': '7f2d7c5e-1b1a-4c8e-9d7e-0a1b2c3d4e01',
  'agent-2': '7f2d7c5e-1b1a-4c8e-9d7e-0a1b2c3d4e02',
};
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

const tasks = new Map<string, { interaction: any }>();
const outdials: any[] = [];
let active = '';

function interaction(id: string, ani: string, customerName: string, direction: 'INBOUND' | 'OUTBOUND', state: string) {
  const a = store.get('agent') as Record<string, string>;
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
    callProcessingDetails: {
      ani,
      displayAni: ani,
      dnis: direction === 'OUTBOUND' ? ani : '+18005550100',
      customerName,
      virtualTeamName: a.teamId,
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

function showCall() {
  const t = active ? tasks.get(active) : undefined;
  const i = t?.interaction;
  store.update({ 'agentContact.taskSelected': i || null, 'agentContact.selectedTaskId': active, 'agentContact.isActiveCall': !!i });
  $('#sim-call-state').textContent = i
    ? `${i.contactDirection.type === 'OUTBOUND' ? 'Outbound call to' : 'On a call with'} ${i.callProcessingDetails.customerName || 'a customer'} (${i.callProcessingDetails.ani}) · ${i.interactionId.slice(0, 8)}`
    : 'No active call';
  ($('#sim-end') as HTMLButtonElement).disabled = !i;
}

function startCall(c: CallInput): string {
  if (active) endCall();
  const id = c.interactionId || uuid();
  const i = interaction(id, c.ani, c.customerName || '', 'INBOUND', 'connected');
  tasks.set(id, { interaction: i });
  active = id;
  service.contact.eAgentOfferContact.send(msg('AgentOfferContact', { ...i, state: 'new' }));
  service.contact.eAgentContactAssigned.send(msg('AgentContactAssigned', i));
  showCall();
  log('call', `Incoming call from ${c.customerName || 'unknown'} (${c.ani}), interaction ${id}`);
  return id;
}

function endCall(id = active) {
  const t = tasks.get(id);
  if (!t) return;
  t.interaction.state = 'wrapUp';
  service.contact.eAgentContactEnded.send(msg('AgentContactEnded', t.interaction));
  service.contact.eAgentWrapup.send(msg('AgentWrapup', t.interaction));
  t.interaction.state = 'wrapped_up';
  t.interaction.isTerminated = true;
  service.contact.eAgentContactWrappedUp.send(msg('AgentContactWrappedUp', t.interaction));
  tasks.delete(id);
  if (active === id) active = '';
  showCall();
  log('call', 'Call ended and wrapped up: ' + id);
}

async function onOutdial(p: any): Promise<unknown> {
  outdials.push(JSON.parse(JSON.stringify(p)));
  const d = p?.data || {};
  const a = store.get('agent') as Record<string, string>;
  log('outdial', `Outdial by ${a.agentId}: entryPointId ${d.entryPointId} → ${d.destination} (${d.outboundType}, ${d.mediaType})`, true);
  renderOutdials();
  await new Promise((r) => setTimeout(r, 50));
  const fail = (window as any).velocitySimulator?.failOutdials;
  if (fail === 'reject') {
    log('outdial', 'Simulated outdial failure (rejected)', true);
    throw new Error('Simulated outdial failure');
  }
  if (fail === 'event') {
    log('outdial', 'Simulated outdial failure (eOutdialFailed)', true);
    service.dialer.eOutdialFailed.send({ type: 'AgentOutboundFailed', data: { reason: 'Simulated: the outdial failed', interactionId: uuid() } });
    return undefined;
  }
  if (active) endCall();
  const id = uuid();
  const i = interaction(id, String(d.destination || ''), '', 'OUTBOUND', 'connected');
  tasks.set(id, { interaction: i });
  active = id;
  const m = msg('AgentContactAssigned', i);
  service.contact.eAgentContactAssigned.send(m);
  showCall();
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
  service.channels.handle(n, (...args) => log('notice', 'Desktop notification: ' + JSON.stringify(args[0] ?? args).slice(0, 200)));
}

// ---- agent, dark mode, navigation -------------------------------------------------------

function setAgent(a: Partial<Agent>) {
  const cur = store.get('agent') as Record<string, string>;
  const agentId = a.agentId || cur.agentId || 'agent-1';
  const teamId = a.teamId || (a.agentId && a.agentId !== cur.agentId ? cur.teamId : cur.teamId) || 'team-1';
  const agentName = a.agentName || (a.agentId && a.agentId !== cur.agentId ? NAMES[agentId] || agentId : cur.agentName) || agentId;
  if (active) endCall();
  store.update({
    agent: {
      agentId,
      teamId,
      agentName,
      teamName: teamId === 'team-1' ? 'Team 1' : teamId,
      agentEmailId: agentId + '@example.com',
      orgId: 'simulated-org',
      outDialEp: outdialEp(agentId),
      outDialAni: '+18005550100',
      dnNumber: '+1555010' + (agentId.replace(/\D/g, '') || '0').slice(-4).padStart(4, '0'),
      isOutboundEnabledForAgent: true,
      isAdhocDialingEnabled: true,
      subStatus: 'Available',
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

function setDarkMode(on: boolean) {
  store.set('app.darkMode', !!on);
  document.documentElement.dataset.theme = on ? 'dark' : 'light';
  ($('#sim-dark') as HTMLInputElement).checked = !!on;
}

const pages = new Map<string, HTMLElement>();
const navButtons = new Map<string, HTMLButtonElement>();

function navigate(id: string): boolean {
  const target = pages.get(id);
  if (!target) return false;
  for (const p of new Set(pages.values())) p.hidden = p !== target;
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
    const el = m.area(page);
    const wrap = document.createElement('div');
    wrap.className = 'sim-page';
    wrap.dataset.pageId = id;
    wrap.hidden = true;
    wrap.appendChild(el);
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
  endCall: () => endCall(),
  setDarkMode,
  setAgent,
  navigate,
  selectTab,
  outdials,
  placeholders,
  widgets,
  store,
  ready,
  /** Set to 'reject' or 'event' to make the next outdials fail. */
  failOutdials: false as false | 'reject' | 'event',
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
    startCall({ ani: ($('#sim-ani') as HTMLInputElement).value.trim(), customerName: ($('#sim-customer') as HTMLInputElement).value.trim() });
  };
  ($('#sim-end') as HTMLButtonElement).onclick = () => endCall();
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

async function boot() {
  wireControls();
  setDarkMode(store.get('app.darkMode') === true);
  setAgent(first);
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
