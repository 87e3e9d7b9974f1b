import { TemplateResult, html } from 'lit';
import type { Client, Session } from '../../lib/api.js';
import '../callbacks/callbacks.js';
import '../dashboard/dashboard.js';
import '../policy/policy.js';
import '../do-not-call/do-not-call.js';
import '../accounts/accounts.js';
import '../identity/identity.js';
import '../snippets/snippets.js';
import '../audit/audit.js';

/** pageFor returns the element of a page, given the client, the session and the page's query. */
export function pageFor(page: string, client: Client, session: Session, query: URLSearchParams): TemplateResult {
  switch (page) {
    case 'callbacks':
      return html`<cdyx-console-callbacks .client=${client} .session=${session} .query=${query}></cdyx-console-callbacks>`;
    case 'dashboard':
      return html`<cdyx-console-dashboard .client=${client} .session=${session} .query=${query}></cdyx-console-dashboard>`;
    case 'policy':
      return html`<cdyx-console-policy .client=${client} .session=${session}></cdyx-console-policy>`;
    case 'do-not-call':
      return html`<cdyx-console-do-not-call .client=${client} .session=${session}></cdyx-console-do-not-call>`;
    case 'accounts':
      return html`<cdyx-console-accounts .client=${client} .session=${session}></cdyx-console-accounts>`;
    case 'identity':
      return html`<cdyx-console-identity .client=${client} .session=${session}></cdyx-console-identity>`;
    case 'layout':
      return html`<cdyx-console-snippets .client=${client} .session=${session}></cdyx-console-snippets>`;
    case 'audit':
      return html`<cdyx-console-audit .client=${client} .session=${session}></cdyx-console-audit>`;
  }
  return html`<h1>Not found</h1>`;
}
