import { LitElement, PropertyValues, TemplateResult, html } from 'lit';
import { palette, base } from '../../../src/styles/theme.js';
import { Client, Role, SESSION_ENDED, Session, explain } from '../../lib/api.js';
import { Route, current, href } from '../../lib/router.js';
import { THEME_EVENT, ThemeChoice, choice, isDark, onSystemChange, remember } from '../../lib/theme.js';
import { pageFor } from './pages.js';
import '../sign-in/sign-in.js';
import styles from './app.styles.js';

/** NavItem is one entry of the navigation. */
interface NavItem {
  page: string;
  label: string;
  /** The roles that see it. */
  roles: Role[];
  group?: 'Settings';
}

const BOTH: Role[] = ['supervisor', 'admin'];
const ADMIN: Role[] = ['admin'];

/** NAV lists the console's pages in the order the navigation shows them. */
export const NAV: NavItem[] = [
  { page: 'callbacks', label: 'Callbacks', roles: BOTH },
  { page: 'dashboard', label: 'Dashboard', roles: BOTH },
  { page: 'policy', label: 'Policy', roles: BOTH, group: 'Settings' },
  { page: 'do-not-call', label: 'Do-not-call', roles: BOTH, group: 'Settings' },
  { page: 'accounts', label: 'Accounts & keys', roles: ADMIN, group: 'Settings' },
  { page: 'identity', label: 'Identity', roles: ADMIN, group: 'Settings' },
  { page: 'layout', label: 'Layout snippets', roles: ADMIN, group: 'Settings' },
  { page: 'audit', label: 'Audit', roles: BOTH, group: 'Settings' },
];

/**
 * @summary The supervisor console: signs in (or resumes the session its cookie holds),
 * then shows the navigation and the page the URL's fragment names. It owns the colour
 * scheme (the system's, or the one picked with the toggle) and the API client, whose
 * 401 answers bring back the sign-in with the reason, on the same page.
 */
export default class ConsoleApp extends LitElement {
  static override styles = [palette, base, styles];
  static override properties = {
    session: { state: true },
    checking: { state: true },
    route: { state: true },
    notice: { state: true },
    theme: { state: true },
    dark: { type: Boolean, reflect: true },
  };

  declare session: Session | null;
  declare checking: boolean;
  declare route: Route;
  /** Why the sign-in is shown (the session ended, signed out). */
  declare notice: string;
  declare theme: ThemeChoice;
  /** Reflected as dark="true"/"false": the palette's switch. */
  declare dark: boolean;

  readonly client = new Client();
  private unwatch?: () => void;
  private onHash = () => {
    const prev = this.route.page;
    this.route = current();
    if (this.route.page !== prev) this.focusMain = true;
  };
  private onEnded = () => {
    if (!this.session) return;
    this.session = null;
    this.client.csrf = '';
    this.notice = 'Your session has ended (signed out, idle for too long, or too old). Sign in again to go on where you were.';
  };
  private focusMain = false;

  constructor() {
    super();
    this.session = null;
    this.checking = true;
    this.route = current();
    this.notice = '';
    this.theme = choice();
    this.dark = isDark(this.theme);
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(SESSION_ENDED, this.onEnded);
    this.unwatch = onSystemChange(() => (this.dark = isDark(this.theme)));
    void this.resume();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(SESSION_ENDED, this.onEnded);
    this.unwatch?.();
  }

  /** resume takes up the session the cookie holds, if any. */
  private async resume() {
    try {
      this.signedIn(await this.client.session());
    } catch {
      this.session = null;
    } finally {
      this.checking = false;
    }
  }

  private signedIn(s: Session) {
    this.client.csrf = s.csrfToken;
    this.session = s;
    this.notice = '';
    this.focusMain = true;
  }

  private async signOut() {
    try {
      await this.client.signOut();
    } catch (e) {
      console.warn('[velocity] sign-out', explain(e));
    }
    this.session = null;
    this.client.csrf = '';
    this.notice = 'You signed out.';
  }

  private toggleTheme() {
    this.theme = this.dark ? 'light' : 'dark';
    remember(this.theme);
    this.dark = isDark(this.theme);
  }

  override updated(changed: PropertyValues) {
    if (changed.has('dark')) {
      // The palette keys on the dark attribute; the page behind the app follows.
      document.documentElement.style.colorScheme = this.dark ? 'dark' : 'light';
      document.body.style.background = this.dark ? '#1f1f1f' : '#f7f7f7';
      if (changed.get('dark') !== undefined) void this.updateComplete.then(() => window.dispatchEvent(new Event(THEME_EVENT)));
    }
    const item = NAV.find((n) => n.page === this.route.page);
    document.title = (this.session ? (item ? item.label : 'Not found') + ' · ' : 'Sign in · ') + 'Velocity console';
    if (this.focusMain && this.session) {
      this.focusMain = false;
      this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: false });
    }
  }

  private nav(role: Role): TemplateResult {
    const items = NAV.filter((n) => n.roles.includes(role));
    const link = (n: NavItem) =>
      html`<li><a href=${href(n.page)} aria-current=${n.page === this.route.page ? 'page' : 'false'}>${n.label}</a></li>`;
    return html`<nav aria-label="Console">
      <ul>
        ${items.filter((n) => !n.group).map(link)}
      </ul>
      <h2 class="group" id="nav-settings">Settings</h2>
      <ul aria-labelledby="nav-settings">
        ${items.filter((n) => n.group === 'Settings').map(link)}
      </ul>
    </nav>`;
  }

  private page(s: Session): TemplateResult {
    const item = NAV.find((n) => n.page === this.route.page);
    if (!item) return html`<h1>Not found</h1><p>There is no page "${this.route.page}". <a href=${href('callbacks')}>Callbacks</a></p>`;
    if (!item.roles.includes(s.role)) return html`<h1>${item.label}</h1><p class="msg warn">This page is for admin accounts.</p>`;
    return pageFor(item.page, this.client, s, this.route.query);
  }

  override render() {
    if (this.checking) return html`<p class="checking" role="status">Loading the console…</p>`;
    const s = this.session;
    if (!s)
      return html`<cdyx-console-sign-in
        .client=${this.client}
        .notice=${this.notice}
        @vel-signed-in=${(e: CustomEvent<{ session: Session }>) => this.signedIn(e.detail.session)}
      ></cdyx-console-sign-in>`;
    return html`<header class="top">
        <button type="button" class="skip" @click=${() => this.renderRoot.querySelector<HTMLElement>('main')?.focus()}>Skip to content</button>
        <div class="brand"><img src="/logo.svg" alt="" width="24" height="24" /> Velocity console</div>
        <div class="who">
          <span class="tenant" title="Tenant">${s.tenant}</span>
          <span>${s.username} <span class="role">(${s.role})</span></span>
          <button type="button" class="small" aria-pressed=${String(this.dark)} @click=${this.toggleTheme}>Dark theme</button>
          <button type="button" class="small" @click=${this.signOut}>Sign out</button>
        </div>
      </header>
      <div class="shell">
        ${this.nav(s.role)}
        <main id="main" tabindex="-1">${this.page(s)}</main>
      </div>`;
  }
}
