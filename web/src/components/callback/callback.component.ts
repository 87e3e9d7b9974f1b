import { LitElement, html, nothing } from 'lit';
import { base, palette } from '../../styles/theme.js';
import { Api, credentialProblem } from '../../lib/api.js';
import { setSdkUrl } from '../../lib/desktop.js';
import '../callback-list/callback-list.js';
import '../callback-form/callback-form.js';
import styles from './callback.styles.js';

/** The server base URL, found from this script's own URL when it is loaded. */
let serverBase = '';

/** setServerBase records the server the script came from; the entry point calls it once. */
export function setServerBase(b: string) {
  serverBase = b;
}

/**
 * @summary The Velocity Callbacks widget for the Webex Contact Center Desktop. With
 * `callback: true` it is the Callbacks page (the worklist); with `callbackCreate: true` it
 * is the Callback panel (schedule a callback from the active call).
 *
 * Every property may be set before or after the element is connected, and may change
 * later: the element follows (a new agent or team reloads its data).
 *
 * @attr dark - "true" for dark mode, "false" for light; the Desktop binds $STORE.app.darkMode.
 * @cssproperty --vel-bg - and the other --vel-* properties override the palette.
 */
export default class VelCallback extends LitElement {
  static override styles = [palette, base, styles];
  static override properties = {
    accessToken: { attribute: false },
    outdialEp: { attribute: false },
    velocityApiKey: { attribute: false },
    velocityAuth: { attribute: false },
    agentId: { attribute: false },
    teamId: { attribute: false },
    agentName: { attribute: false },
    callback: { attribute: false },
    callbackCreate: { attribute: false },
    outdialAni: { attribute: false },
    isOutboundEnabledForAgent: { attribute: false },
    taskSelected: { attribute: false },
    velocityUrl: { attribute: false },
    dark: { reflect: true },
  };

  /** The agent's Webex access token ($STORE.auth.accessToken), sent as X-Webex-Token so that a tenant with proven agent identity knows the agent. */
  declare accessToken: string;
  /** The agent's outdial entry point id ($STORE.agent.outDialEp). */
  declare outdialEp: string;
  /** The Velocity tenant's API key. */
  declare velocityApiKey: string;
  /** Base64 of "username:password" of a Velocity account. */
  declare velocityAuth: string;
  declare agentId: string;
  declare teamId: string;
  declare agentName: string;
  /** true for the Callbacks page. */
  declare callback: boolean;
  /** true for the Callback panel. */
  declare callbackCreate: boolean;
  /** "true" or "false", from the attribute. */
  declare dark: string;
  /** Optional: the caller id the customer sees, a number or $STORE.agent.selectedOutdialANI (the agent's choice). */
  declare outdialAni: unknown;
  /** Optional: $STORE.agent.isOutboundEnabledForAgent; Dial is off when it is false. */
  declare isOutboundEnabledForAgent: unknown;
  /** Optional: $STORE.agentContact.taskSelected, the task the agent has selected; the panel prefills from it. */
  declare taskSelected: unknown;
  /** Optional: the Velocity server's address, when the script's own URL cannot tell it (a host that evaluates the script's text); it wins over that URL for the API and the Desktop SDK. */
  declare velocityUrl: string;

  private api: Api | null = null;
  private apiKey = '';

  constructor() {
    super();
    this.accessToken = '';
    this.outdialEp = '';
    this.velocityApiKey = '';
    this.velocityAuth = '';
    this.agentId = '';
    this.teamId = '';
    this.agentName = '';
    this.callback = false;
    this.callbackCreate = false;
  }

  /** flag reads a boolean property that a layout may also give as a string. */
  private flag(v: unknown) {
    return v === true || v === 'true' || v === '';
  }

  override willUpdate() {
    const apiKey = String(this.velocityApiKey || '').trim();
    const auth = String(this.velocityAuth || '').trim();
    const agent = String(this.agentId || '');
    const url = String(this.velocityUrl || '').trim().replace(/\/+$/, '');
    setSdkUrl(url);
    const base = url || serverBase || location.origin;
    const key = [base, apiKey, auth, agent].join('\n');
    if (key !== this.apiKey) {
      this.apiKey = key;
      this.api = credentialProblem(apiKey, auth) ? null : new Api(base, { apiKey, auth }, agent);
    }
    // The Desktop renews the token while the widget is open; the next request sends the new one.
    if (this.api) this.api.webexToken = String(this.accessToken || '').trim();
  }

  private problem(title: string, text: string) {
    return html`<div class="msg warn problem" role="alert">
      <h1>${title}</h1>
      <p>${text}</p>
    </div>`;
  }

  override render() {
    const page = this.flag(this.callback);
    const panel = this.flag(this.callbackCreate);
    if (!page && !panel) return this.problem('Velocity Callbacks', 'Set "callback": true (the Callbacks page) or "callbackCreate": true (the Callback panel) in the widget\'s properties in the desktop layout.');
    const creds = credentialProblem(String(this.velocityApiKey || '').trim(), String(this.velocityAuth || '').trim());
    if (creds) return this.problem('Velocity is not set up', creds);
    if (!this.agentId || !this.teamId) {
      const missing = [!this.agentId && 'agentId ($STORE.agent.agentId)', !this.teamId && 'teamId ($STORE.agent.teamId)'].filter(Boolean).join(' and ');
      return this.problem('Waiting for the agent', 'The Desktop has not given this widget the ' + missing + ' yet.');
    }
    const agentName = String(this.agentName || '');
    return html`${page
      ? html`<cdyx-vel-callback-list
          .api=${this.api}
          .agentId=${String(this.agentId)}
          .teamId=${String(this.teamId)}
          .agentName=${agentName}
          .outdialEp=${String(this.outdialEp || '')}
          .outdialAni=${this.outdialAni}
          .outboundEnabled=${this.isOutboundEnabledForAgent}
        ></cdyx-vel-callback-list>`
      : nothing}
    ${panel
      ? html`<cdyx-vel-callback-form
          .api=${this.api}
          .agentId=${String(this.agentId)}
          .teamId=${String(this.teamId)}
          .agentName=${agentName}
          .selected=${this.taskSelected}
        ></cdyx-vel-callback-form>`
      : nothing}`;
  }
}
