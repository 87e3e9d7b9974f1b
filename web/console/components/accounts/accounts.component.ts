import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { Account, ApiKey, Client, Role, Session, explain, fieldErrors } from '../../lib/api.js';
import { Ask, askDialog } from '../../lib/ask.js';
import { when } from '../../lib/format.js';
import { page } from '../../styles/page.js';
import '../copy/copy.js';
import '../dialog/dialog.js';
import styles from './accounts.styles.js';

const ROLES: [Role, string][] = [
  ['agent', 'Agent (the widgets)'],
  ['supervisor', 'Supervisor'],
  ['admin', 'Admin'],
  ['integration', 'Integration'],
];

/** Secret is what a change shows once: a password, a key, a velocityAuth value. */
interface Secret {
  title: string;
  items: { label: string; value: string; id: string }[];
}

/**
 * @summary Accounts and API keys (admins): create an account with a role (its password,
 * generated or given, and the velocityAuth value for a desktop layout are shown once,
 * with copy buttons), change a role, disable or enable, reset a password; create an API
 * key (shown once) and revoke one.
 */
export default class ConsoleAccounts extends LitElement {
  static override styles = [base, page, styles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    accounts: { state: true },
    keys: { state: true },
    error: { state: true },
    fields: { state: true },
    secret: { state: true },
    ask: { state: true },
    notice: { state: true },
  };

  declare client: Client;
  declare session: Session;
  declare accounts: Account[];
  declare keys: ApiKey[];
  declare error: string;
  declare fields: Record<string, string>;
  declare secret: Secret | null;
  declare ask: Ask | null;
  declare notice: string;

  constructor() {
    super();
    this.accounts = [];
    this.keys = [];
    this.error = '';
    this.fields = {};
    this.secret = null;
    this.ask = null;
    this.notice = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [a, k] = await Promise.all([this.client.accounts(), this.client.apiKeys()]);
      this.accounts = a.items || [];
      this.keys = k.items || [];
    } catch (e) {
      this.error = explain(e);
    }
  }

  private async run(f: () => Promise<unknown>, done: string) {
    this.error = '';
    this.notice = '';
    try {
      await f();
      this.notice = done;
      await this.load();
    } catch (e) {
      this.error = explain(e);
    }
  }

  private async createAccount(e: Event) {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const v = (id: string) => (f.querySelector('#' + id) as HTMLInputElement).value;
    const username = v('a-username').trim();
    const role = v('a-role') as Role;
    const password = v('a-password');
    this.fields = {};
    if (!username) {
      this.fields = { username: 'Name the account.' };
      return;
    }
    try {
      const r = await this.client.createAccount(username, role, password || undefined);
      const items = [];
      if (r.password) items.push({ label: 'Password', value: r.password, id: 'secret-password' });
      items.push({ label: 'velocityAuth (for the desktop layout)', value: r.velocityAuth, id: 'secret-auth' });
      this.secret = { title: 'Account ' + username + ' created', items };
      f.reset();
      await this.load();
    } catch (err) {
      this.fields = fieldErrors(err);
      if (!Object.keys(this.fields).length) this.error = explain(err);
    }
  }

  private async resetPassword(a: Account) {
    try {
      const r = await this.client.resetPassword(a.username);
      this.secret = {
        title: 'New password for ' + a.username,
        items: [
          { label: 'Password', value: r.password, id: 'secret-password' },
          { label: 'velocityAuth (for the desktop layout)', value: r.velocityAuth, id: 'secret-auth' },
        ],
      };
    } catch (e) {
      this.error = explain(e);
    }
  }

  private async createKey(e: Event) {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const name = (f.querySelector('#k-name') as HTMLInputElement).value.trim();
    this.fields = {};
    if (!name) {
      this.fields = { name: 'Name the key, e.g. after the layout or system that uses it.' };
      return;
    }
    try {
      const r = await this.client.createApiKey(name);
      this.secret = { title: 'API key ' + name + ' created', items: [{ label: 'API key (velocityApiKey)', value: r.key, id: 'secret-key' }] };
      f.reset();
      await this.load();
    } catch (err) {
      this.fields = fieldErrors(err);
      if (!Object.keys(this.fields).length) this.error = explain(err);
    }
  }

  private secretDialog() {
    const s = this.secret;
    return html`<cdyx-console-dialog label=${s?.title || ''} ?open=${!!s} @vel-close=${() => (this.secret = null)}>
      <p class="msg warn">Copy ${s && s.items.length > 1 ? 'these' : 'this'} now: it is shown only once and cannot be read again.</p>
      ${s?.items.map(
        (x) => html`<div class="secret">
          <label for=${x.id}>${x.label}</label>
          <div class="secret-row">
            <input id=${x.id} class="mono" readonly .value=${x.value} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
            <cdyx-console-copy .value=${x.value} label=${'Copy the ' + x.label}></cdyx-console-copy>
          </div>
        </div>`,
      )}
      <div slot="footer"><button type="button" class="primary" @click=${() => (this.secret = null)}>Done</button></div>
    </cdyx-console-dialog>`;
  }

  override render() {
    const me = this.session?.username;
    return html`<h1>Accounts &amp; keys</h1>
      <p class="lead">
        Who may use Velocity. The widgets send an API key (velocityApiKey) and an agent account (velocityAuth); supervisors and admins sign in here.
      </p>
      ${this.error ? html`<p class="msg error" role="alert">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="msg ok" role="status">${this.notice}</p>` : nothing}
      <section class="card" aria-labelledby="h-accounts">
        <h2 id="h-accounts">Accounts</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.accounts.map(
                (a) => html`<tr data-username=${a.username}>
                  <th scope="row">${a.username}${a.username === me ? html` <span class="muted">(you)</span>` : nothing}</th>
                  <td>
                    <select
                      aria-label=${'Role of ' + a.username}
                      ?disabled=${a.username === me}
                      @change=${(e: Event) => {
                        const role = (e.target as HTMLSelectElement).value as Role;
                        void this.run(() => this.client.updateAccount(a.username, { role }), a.username + ' is now ' + role + '.');
                      }}
                    >
                      ${ROLES.map(([r, l]) => html`<option value=${r} ?selected=${a.role === r}>${l}</option>`)}
                    </select>
                  </td>
                  <td>${when(a.createdAt)}</td>
                  <td>${a.disabledAt ? html`<span class="badge failed">Disabled</span>` : html`<span class="badge completed">Active</span>`}</td>
                  <td class="actions">
                    ${a.disabledAt
                      ? html`<button type="button" class="small" @click=${() => this.run(() => this.client.updateAccount(a.username, { disabled: false }), a.username + ' is enabled.')}>Enable</button>`
                      : html`<button
                          type="button"
                          class="small danger"
                          ?disabled=${a.username === me}
                          @click=${() =>
                            (this.ask = {
                              title: 'Disable ' + a.username + '?',
                              text: 'Requests with this account stop within 5 seconds, and its console sessions end.',
                              yes: 'Disable',
                              run: () => this.run(() => this.client.updateAccount(a.username, { disabled: true }), a.username + ' is disabled.'),
                            })}
                        >
                          Disable
                        </button>`}
                    <button type="button" class="small" @click=${() => this.resetPassword(a)}>Reset password</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <h3>Create an account</h3>
        <form class="toolbar" @submit=${this.createAccount} novalidate>
          <div class="field">
            <label for="a-username">Username</label>
            <input id="a-username" autocomplete="off" aria-invalid=${this.fields.username ? 'true' : 'false'} aria-describedby="a-username-err" />
            <span class="field-error" id="a-username-err">${this.fields.username || ''}</span>
          </div>
          <div class="field">
            <label for="a-role">Role</label>
            <select id="a-role">
              ${ROLES.map(([r, l]) => html`<option value=${r}>${l}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="a-password">Password (optional)</label>
            <input id="a-password" type="password" autocomplete="new-password" placeholder="generated when empty" aria-describedby="a-password-err" />
            <span class="field-error" id="a-password-err">${this.fields.password || ''}</span>
          </div>
          <button type="submit" class="primary">Create account</button>
        </form>
      </section>
      <section class="card" aria-labelledby="h-keys">
        <h2 id="h-keys">API keys</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.keys.map(
                (k) => html`<tr data-key=${k.id}>
                  <th scope="row">${k.name}</th>
                  <td class="mono">${k.prefix}…</td>
                  <td>${when(k.createdAt)}</td>
                  <td>${k.revokedAt ? html`<span class="badge failed">Revoked ${when(k.revokedAt)}</span>` : html`<span class="badge completed">Active</span>`}</td>
                  <td>
                    ${k.revokedAt
                      ? nothing
                      : html`<button
                          type="button"
                          class="small danger"
                          @click=${() =>
                            (this.ask = {
                              title: 'Revoke the key ' + k.name + '?',
                              text: 'Widgets and systems that send it stop working within 5 seconds. This cannot be undone.',
                              yes: 'Revoke',
                              run: () => this.run(() => this.client.revokeApiKey(k.id), 'The key ' + k.name + ' is revoked.'),
                            })}
                        >
                          Revoke
                        </button>`}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <h3>Create an API key</h3>
        <form class="toolbar" @submit=${this.createKey} novalidate>
          <div class="field">
            <label for="k-name">Name</label>
            <input id="k-name" autocomplete="off" placeholder="Desktop layout, production" aria-invalid=${this.fields.name ? 'true' : 'false'} aria-describedby="k-name-err" />
            <span class="field-error" id="k-name-err">${this.fields.name || ''}</span>
          </div>
          <button type="submit" class="primary">Create key</button>
        </form>
      </section>
      ${this.secretDialog()} ${askDialog(this.ask, () => (this.ask = null))}`;
  }
}
