import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { Client, Session, explain } from '../../lib/api.js';
import { pageSnippet, panelSnippet } from '../../lib/layout.js';
import { page } from '../../styles/page.js';
import '../copy/copy.js';
import styles from './snippets.styles.js';

/**
 * @summary The two desktop layout snippets of the setup guide, ready to paste: this
 * server's address, and the tenant's API key and widget account (velocityAuth), which
 * the admin pastes or creates here (a key and a password are shown only when made).
 */
export default class ConsoleSnippets extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    server: { state: true },
    apiKey: { state: true },
    auth: { state: true },
    error: { state: true },
    made: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare server: string;
  declare apiKey: string;
  declare auth: string;
  declare error: string;
  /** What was created here, to say so. */
  declare made: string;

  constructor() {
    super();
    this.server = location.origin;
    this.apiKey = '';
    this.auth = '';
    this.error = '';
    this.made = '';
  }

  private async makeKey() {
    this.error = '';
    try {
      const r = await this.client.createApiKey('Desktop layout ' + new Date().toISOString().slice(0, 10));
      this.apiKey = r.key;
      this.made = 'A new API key was created (' + r.apiKey.name + '); it is in the snippets below and shown nowhere else.';
    } catch (e) {
      this.error = explain(e);
    }
  }

  private async makeAccount() {
    this.error = '';
    const user = this.renderRoot.querySelector<HTMLInputElement>('#s-user')!.value.trim() || 'desktop-widgets';
    try {
      const r = await this.client.createAccount(user, 'agent');
      this.auth = r.velocityAuth;
      this.made = 'The agent account ' + user + ' was created for the widgets; its velocityAuth is in the snippets below and shown nowhere else.';
    } catch (e) {
      this.error = explain(e);
    }
  }

  override render() {
    const w = { base: this.server.replace(/\/+$/, ''), apiKey: this.apiKey, auth: this.auth };
    const pageJSON = pageSnippet(w);
    const panelJSON = panelSnippet(w);
    return html`<h1>Layout snippets</h1>
      <p class="lead">
        Paste these into the desktop layout JSON of your agents (Control Hub, Desktop Layouts): the Callbacks page into
        <span class="mono">agent &gt; area &gt; navigation</span>, the Callback panel tab into <span class="mono">agent &gt; area &gt; panel &gt; children</span>.
      </p>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing} ${this.made ? html`<p class="msg ok" role="status">${this.made}</p>` : nothing}
      <section class="card" aria-labelledby="h-values">
        <h2 id="h-values">Values</h2>
        <div class="grid">
          <div class="field">
            <label for="s-server">Velocity server</label>
            <input id="s-server" .value=${this.server} @input=${(e: Event) => (this.server = (e.target as HTMLInputElement).value)} aria-describedby="s-server-hint" />
            <span class="hint" id="s-server-hint">The address agents’ browsers reach this server at (https in production).</span>
          </div>
          <div class="field">
            <label for="s-key">API key (velocityApiKey)</label>
            <input id="s-key" class="mono" .value=${this.apiKey} @input=${(e: Event) => (this.apiKey = (e.target as HTMLInputElement).value.trim())} />
            <div class="row"><button type="button" class="small" @click=${this.makeKey}>Create a new key</button></div>
          </div>
          <div class="field">
            <label for="s-auth">Widget account (velocityAuth)</label>
            <input id="s-auth" class="mono" .value=${this.auth} @input=${(e: Event) => (this.auth = (e.target as HTMLInputElement).value.trim())} aria-describedby="s-auth-hint" />
            <span class="hint" id="s-auth-hint">Base64 of username:password of an agent account.</span>
            <div class="row">
              <label for="s-user" class="sr-only">Username of the new account</label>
              <input id="s-user" placeholder="desktop-widgets" />
              <button type="button" class="small" @click=${this.makeAccount}>Create an agent account</button>
            </div>
          </div>
        </div>
        ${!this.apiKey || !this.auth ? html`<p class="msg warn">Fill in the API key and the widget account: the widgets cannot reach Velocity without them.</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="h-page">
        <div class="section-head">
          <h2 id="h-page">The Callbacks page</h2>
          <cdyx-console-copy .value=${pageJSON} label="Copy the Callbacks page snippet"></cdyx-console-copy>
        </div>
        <pre id="snippet-page" tabindex="0" aria-labelledby="h-page">${pageJSON}</pre>
      </section>
      <section class="card" aria-labelledby="h-panel">
        <div class="section-head">
          <h2 id="h-panel">The Callback panel tab</h2>
          <cdyx-console-copy .value=${panelJSON} label="Copy the Callback panel snippet"></cdyx-console-copy>
        </div>
        <pre id="snippet-panel" tabindex="0" aria-labelledby="h-panel">${panelJSON}</pre>
      </section>`;
  }
}
