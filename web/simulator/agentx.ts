/**
 * A stand-in for the Desktop's global AGENTX_SERVICE, with just what the real
 * @wxcc-desktop/sdk 2.0.15 reads (learned from its code): isInited, aqm.contact /
 * aqm.dialer / aqm.agent / aqm.supervisor / aqm.screenpop / aqm.aiAssistant event
 * signals (listen / listenOnce), dataNotifs.aiAssistant, conf.profile, the
 * actionsChannels request/response channels (getTaskMap and friends), webexMetrics,
 * shortcut, i18n and webCalling. The widget runs unchanged against it.
 */

type Fn = (v: any) => void;

/** Signal is the SDK's event shape: listen/listenOnce return handles that stop listening. */
export class Signal {
  private on = new Set<Fn>();
  private once = new Set<Fn>();
  listen(fn: Fn) {
    this.on.add(fn);
    return { stopListen: () => void this.on.delete(fn) };
  }
  listenOnce(fn: Fn) {
    this.once.add(fn);
    return { stopListenOnce: () => void this.once.delete(fn) };
  }
  send(v: unknown) {
    for (const fn of [...this.on]) safe(fn, v);
    const o = [...this.once];
    this.once.clear();
    for (const fn of o) safe(fn, v);
  }
}

function safe(fn: Fn, v: unknown) {
  try {
    fn(v);
  } catch (e) {
    console.error('[simulator] a listener failed', e);
  }
}

function signals(names: string[]): Record<string, Signal> {
  const o: Record<string, Signal> = {};
  for (const n of names) o[n] = new Signal();
  return o;
}

const CONTACT_EVENTS = [
  'eAgentContact',
  'eAgentContactAssigned',
  'eAgentContactEnded',
  'eAgentContactWrappedUp',
  'eAgentContactAniUpdated',
  'eAgentOfferContact',
  'eAgentOfferContactRona',
  'eAgentOfferConsult',
  'eAgentWrapup',
  'eAgentContactHeld',
  'eAgentContactUnHeld',
  'eCallRecordingStarted',
  'eAgentConsultCreated',
  'eAgentConsultConferenced',
  'eAgentConsultEnded',
  'eAgentCtqCancelled',
  'eAgentConsulting',
  'eAgentConsultFailed',
  'eAgentConsultEndFailed',
  'eAgentCtqFailed',
  'eAgentCtqCancelFailed',
  'eAgentConsultConferenceEndFailed',
  'eAgentOfferCampaignReserved',
  'eAgentAddCampaignReserved',
  'eAgentCampaignContactUpdated',
  'eContactOwnerChanged',
  'eParticipantJoinedConference',
  'eParticipantLeftConference',
  'eAgentConsultConferencing',
  'eAgentConsultConferenceEnded',
  'eAgentConsultTransferring',
];
const DIALER_EVENTS = ['eOutdialFailed', 'eCampaignPreviewReservation', 'eCampaignPreviewAcceptFailed', 'eCampaignPreviewSkipFailed', 'eCampaignPreviewRemoveFailed'];
const AGENT_EVENTS = [
  'eAgentReloginSuccess',
  'eAgentStationLoginSuccess',
  'eAgentStateChangeSuccess',
  'eAgentDNRegistered',
  'eAgentChannelReloginSuccess',
  'eAgentChannelStateChanged',
  'eAgentLogoutSuccess',
  'eAgentMultiLogin',
];
const SUPERVISOR_EVENTS = ['eAgentMonitorStateChanged', 'eAgentMonitoringEnded'];

/** Channels are the Desktop's actions channels: a widget sends "<name>/Req", the Desktop answers on "<name>/Res". */
export class Channels {
  private listeners = new Map<string, Set<Fn>>();
  private handlers = new Map<string, (...args: any[]) => void>();

  /** handle makes the simulator answer requests sent on name. */
  handle(name: string, h: (...args: any[]) => void) {
    this.handlers.set(name, h);
  }

  /** reply delivers args to the widgets listening on name. */
  reply(name: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(name) || [])]) safe(fn, { args });
  }

  createSource(name: string) {
    return {
      send: (...args: unknown[]) => {
        const h = this.handlers.get(name);
        if (h) setTimeout(() => h(...args), 0);
      },
    };
  }

  createDestination(name: string) {
    return {
      addListener: (fn: Fn) => {
        if (!this.listeners.has(name)) this.listeners.set(name, new Set());
        this.listeners.get(name)!.add(fn);
      },
      removeListener: (fn: Fn) => void this.listeners.get(name)?.delete(fn),
    };
  }
}

/** AgentProfile is the part of the Desktop's profile the SDK reads. */
export interface AgentProfile {
  agentId: string;
  agentName: string;
  teamId: string;
  teamName: string;
  dn: string;
}

/** Service is the simulated AGENTX_SERVICE plus the handles the simulator drives it with. */
export interface Service {
  global: Record<string, any>;
  contact: Record<string, Signal>;
  dialer: Record<string, Signal>;
  agent: Record<string, Signal>;
  channels: Channels;
  /** The agent profile the SDK reads (conf.profile): change it to change what the SDK reports. */
  profile: Record<string, any>;
  setProfile(p: AgentProfile): void;
}

/** createService builds the simulated AGENTX_SERVICE. startOutdial is called for every outdial request. */
export function createService(startOutdial: (p: any) => Promise<unknown>, hooks: { endCall(id: string): void }): Service {
  const contact = signals(CONTACT_EVENTS);
  const dialer = signals(DIALER_EVENTS);
  const agent = signals(AGENT_EVENTS);
  const channels = new Channels();
  const ok = async () => ({ data: {} });
  const profile: Record<string, any> = {
    teams: [],
    agentName: '',
    agentProfileID: '',
    defaultDn: '',
    agentStatus: 'LoggedIn',
    agentSubStatus: 'Available',
    idleCode: { id: '0', name: 'Available' },
    idleCodes: [],
    wrapupCodes: [],
    dialPlan: { dialPlanEntity: [{ name: 'Any Format', regex: '([0-9a-zA-Z]+[-._])*[0-9a-zA-Z]+' }] },
    isOutboundEnabledForTenant: true,
    isOutboundEnabledForAgent: true,
    isAdhocDialingEnabled: true,
    isEndCallEnabled: true,
    isEndConsultEnabled: true,
    allowConsultToQueue: true,
    isAgentAvailableAfterOutdial: false,
    isCampaignManagementEnabled: false,
    agentPersonalStatsEnabled: false,
  };
  const global: Record<string, any> = {
    isInited: true,
    aqm: {
      contact: {
        ...contact,
        accept: ok,
        end: async (p: { interactionId: string }) => (hooks.endCall(p.interactionId), { data: {} }),
        endV2: async (p: { interactionId: string }) => (hooks.endCall(p.interactionId), { data: {} }),
        wrapup: ok,
        hold: ok,
        unHold: ok,
      },
      dialer: { ...dialer, startOutdial, acceptPreviewContact: ok, skipPreviewContact: ok, removePreviewContact: ok, updateCadVariables: ok },
      agent: { ...agent, reload: async () => ({ data: { auxCodeId: '0', status: 'LoggedIn', subStatus: 'Available' } }), stateChange: ok, stateChangeV2: ok },
      supervisor: { ...signals(SUPERVISOR_EVENTS), changeAgentState: ok },
      screenpop: signals(['eScreenPop']),
      aiAssistant: signals(['eAIAssistantEvent']),
    },
    dataNotifs: { aiAssistant: signals(['eAiAssistant']) },
    conf: { profile, isReloginSuccess: true, fetchProfile: async () => profile },
    actionsChannels: channels,
    webexMetrics: { trackBehavioralEvent: () => {} },
    shortcut: {
      event: { listenKeyPress: () => {}, listenKeyConflict: () => {}, listenConflictResolved: () => {} },
      register: () => {},
      unregisterKeys: () => {},
      getRegisteredKeys: () => new Map(),
      DEFAULT_SHORTCUT_KEYS: {},
      MODIFIERS: {},
      REGISTERED_KEYS: {},
    },
    i18n: { DEFAULT_INIT_OPTIONS: {} },
    webCalling: { sendDTMF: () => {} },
    qmw: { fetchTasks: ok, fetchCapture: ok },
    abs: { fetchPaginatedAuxCodes: ok, fetchAgentIdleCodes: ok, fetchIdleCodes: ok },
  };
  return {
    global,
    contact,
    dialer,
    agent,
    channels,
    profile,
    setProfile(p) {
      profile.agentName = p.agentName;
      profile.agentProfileID = p.agentId;
      profile.defaultDn = p.dn;
      profile.teams = [{ teamId: p.teamId, teamName: p.teamName }];
      agent.eAgentReloginSuccess.send({ data: { agentSessionId: 'sim-' + p.agentId, teamId: p.teamId, dn: p.dn, status: 'LoggedIn', subStatus: 'Available', auxCodeId: '0' } });
    },
  };
}
