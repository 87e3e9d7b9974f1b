import { TemplateResult, html } from 'lit';
import type { Client, Session } from '../../lib/api.js';
import '../callbacks/callbacks.js';
import '../dashboard/dashboard.js';

/** pageFor returns the element of a page, given the client, the session and the page's query. */
export function pageFor(page: string, client: Client, session: Session, query: URLSearchParams): TemplateResult {
  switch (page) {
    case 'callbacks':
      return html`<cdyx-console-callbacks .client=${client} .session=${session} .query=${query}></cdyx-console-callbacks>`;
    case 'dashboard':
      return html`<cdyx-console-dashboard .client=${client} .session=${session} .query=${query}></cdyx-console-dashboard>`;
  }
  return html`<h1>${page}</h1><p class="msg">This page is not built yet.</p>`;
}
