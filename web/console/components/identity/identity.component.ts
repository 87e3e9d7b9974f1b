import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { Client, Session, Tenant, explain, fieldErrors } from '../../lib/api.js';
import { page } from '../../styles/page.js';
import styles from './identity.styles.js';

/**
 * @summary The tenant and its Webex identity setting (admins): whether agent accounts
 * must prove which agent they are with the agent's Webex access token, and the Webex
 * organization they must belong to.
 */
export default class ConsoleIdentity extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    tenant: { state: true },
    mode: { state: true },
    error: { state: true },
    fields: { state: true },
    saved: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare tenant: Tenant | null;
  declare mode: 'off' | 'webex';
  declare error: string;
  declare fields: Record<string, string>;
  declare saved: string;

  constructor() {
    super();
    this.tenant = null;
    this.mode = 'off';
    this.error = '';
    this.fields = {};
    this.saved = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.tenant = await this.client.tenant();
      this.mode = this.tenant.agentIdentity === 'webex' ? 'webex' : 'off';
    } catch (e) {
      this.error = explain(e);
    }
  }

  private async save(e: Event) {
    e.preventDefault();
    const org = (this.renderRoot.querySelector('#i-org') as HTMLInputElement | null)?.value.trim() || '';
    this.error = '';
    this.fields = {};
    this.saved = '';
    try {
      this.tenant = await this.client.setIdentity(this.mode, org);
      this.saved = this.mode === 'webex' ? 'Saved: agent accounts must now send the agent’s Webex access token.' : 'Saved: agent identity is not checked.';
    } catch (err) {
      this.fields = fieldErrors(err);
      this.error = explain(err);
    }
  }

  override render() {
    const t = this.tenant;
    return html`<h1>Identity</h1>
      <p class="lead">How the widgets’ requests prove which agent they act for.</p>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      ${!t
        ? html`<p class="muted">Loading…</p>`
        : html`<section class="card" aria-labelledby="h-tenant">
              <h2 id="h-tenant">Tenant</h2>
              <dl class="facts">
                <dt>Name</dt>
                <dd>${t.name}</dd>
                <dt>Id</dt>
                <dd class="mono">${t.tenantId}</dd>
                <dt>Default country</dt>
                <dd>${t.defaultCountry}</dd>
                <dt>Default time zone</dt>
                <dd>${t.defaultTimezone}</dd>
              </dl>
            </section>
            <form class="card" @submit=${this.save} novalidate aria-labelledby="h-identity">
              <h2 id="h-identity">Agent identity</h2>
              <fieldset>
                <legend class="sr-only">Agent identity</legend>
                <label class="check"
                  ><input type="radio" name="mode" value="off" .checked=${this.mode === 'off'} @change=${() => (this.mode = 'off')} />
                  <span><strong>Trust the widget</strong><br /><span class="hint">An agent account may act for any agent id it names. Anyone who can read the layout can act as any agent, with an agent’s permissions.</span></span></label
                >
                <label class="check"
                  ><input type="radio" name="mode" value="webex" .checked=${this.mode === 'webex'} @change=${() => (this.mode = 'webex')} />
                  <span><strong>Prove it with Webex</strong><br /><span class="hint">Every agent-account request carries the agent’s Webex access token (the widget’s accessToken); the server checks it with Webex and acts as that person only.</span></span></label
                >
              </fieldset>
              ${this.mode === 'webex'
                ? html`<div class="field">
                    <label for="i-org">Webex organization id</label>
                    <input id="i-org" .value=${t.webexOrgId || ''} aria-invalid=${this.fields.webexOrgId ? 'true' : 'false'} aria-describedby="i-org-hint" />
                    <span class="hint" id="i-org-hint">${this.fields.webexOrgId ? html`<span class="field-error">${this.fields.webexOrgId}</span>` : 'As Control Hub shows it (a UUID), or Webex’s base64 form.'}</span>
                  </div>`
                : nothing}
              <div class="actions">
                <button type="submit" class="primary">Save</button>
                <span role="status" class="saved">${this.saved}</span>
              </div>
            </form>`}`;
  }
}
