import { LitElement, html, nothing } from 'lit';
import { base } from '../../../src/styles/theme.js';
import { ApiError, Client, Session } from '../../lib/api.js';
import styles from './sign-in.styles.js';

const TENANT_KEY = 'velocity-console-tenant';

/**
 * @summary The console's sign-in: tenant, username and password. Supervisors and admins
 * get a session; an agent or integration account is refused with the reason.
 *
 * @event vel-signed-in - A session started; detail is { session }.
 */
export default class ConsoleSignIn extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    client: { attribute: false },
    notice: {},
    busy: { state: true },
    error: { state: true },
  };

  declare client: Client;
  /** A message to show above the form, such as why the last session ended. */
  declare notice: string;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.notice = '';
    this.busy = false;
    this.error = '';
  }

  override firstUpdated() {
    const t = this.renderRoot.querySelector<HTMLInputElement>('#tenant')!;
    try {
      t.value = localStorage.getItem(TENANT_KEY) || '';
    } catch {
      /* storage may be off */
    }
    (t.value ? this.renderRoot.querySelector<HTMLInputElement>('#username')! : t).focus();
  }

  private async submit(e: Event) {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const v = (id: string) => (f.querySelector('#' + id) as HTMLInputElement).value;
    const tenant = v('tenant').trim();
    this.busy = true;
    this.error = '';
    try {
      const session = await this.client.signIn(tenant, v('username').trim(), v('password'));
      try {
        localStorage.setItem(TENANT_KEY, tenant);
      } catch {
        /* storage may be off */
      }
      this.dispatchEvent(new CustomEvent('vel-signed-in', { detail: { session }, bubbles: true, composed: true }));
    } catch (err) {
      this.error = signInError(err);
      (f.querySelector('#password') as HTMLInputElement).select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<main class="box">
      <div class="brand"><img src="/logo.svg" alt="" width="32" height="32" /> <span>Velocity console</span></div>
      <h1>Sign in</h1>
      <p class="hint">For supervisor and admin accounts. Agents use the Callbacks widgets in the Webex Contact Center Desktop.</p>
      ${this.notice ? html`<p class="msg warn" role="status">${this.notice}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div><label for="tenant">Tenant</label><input id="tenant" name="tenant" autocomplete="organization" required /></div>
        <div><label for="username">Username</label><input id="username" name="username" autocomplete="username" required /></div>
        <div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>
        ${this.error ? html`<p class="msg error" role="alert" id="sign-in-error">${this.error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>`;
  }
}

/** signInError says why a sign-in failed. */
function signInError(e: unknown): string {
  if (e instanceof ApiError) {
    switch (e.status) {
      case 401:
        return 'The tenant, username or password is not right.';
      case 403:
        return 'This account cannot use the console: ' + e.message;
      case 429:
        return 'Too many failed sign-ins for this account; wait a minute and try again.';
    }
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export type { Session };
