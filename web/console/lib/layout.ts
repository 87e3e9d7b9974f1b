/**
 * The two desktop layout snippets of the setup guide (README, "Add the widgets to a
 * desktop layout"), for a server's address and a tenant's credentials. A browser test
 * holds them, filled with the README's host and empty credentials, to the README's text.
 */

/** Widgets are what the snippets are filled with. */
export interface Widgets {
  /** The server's address, e.g. https://velocity.example.com (no trailing slash). */
  base: string;
  apiKey: string;
  auth: string;
}

/** pageSnippet is the Callbacks page, for agent > area > navigation. */
export function pageSnippet(w: Widgets): string {
  const v = {
    nav: { label: 'Callbacks', icon: w.base + '/logo.svg', iconType: 'other', navigateTo: 'velocity-callback', align: 'top' },
    page: {
      id: 'velocity-callback',
      widgets: {
        'cdyx-vel-callback': {
          comp: 'cdyx-vel-callback',
          script: w.base + '/assets/callback.js',
          attributes: { dark: '$STORE.app.darkMode' },
          properties: {
            accessToken: '$STORE.auth.accessToken',
            outdialEp: '$STORE.agent.outDialEp',
            velocityApiKey: w.apiKey,
            velocityAuth: w.auth,
            agentId: '$STORE.agent.agentId',
            teamId: '$STORE.agent.teamId',
            agentName: '$STORE.agent.agentName',
            outdialAni: '$STORE.agent.selectedOutdialANI',
            isOutboundEnabledForAgent: '$STORE.agent.isOutboundEnabledForAgent',
            callback: true,
          },
        },
      },
      layout: { areas: [['cdyx-vel-callback']], size: { cols: [1], rows: [1] } },
    },
  };
  return JSON.stringify(v, null, 2);
}

/** panelSnippet is the Callback panel tab (two entries), for agent > area > panel > children. */
export function panelSnippet(w: Widgets): string {
  const tab = {
    comp: 'md-tab',
    attributes: { slot: 'tab' },
    children: [
      { comp: 'img', attributes: { src: w.base + '/logo.svg', height: 16, width: 16 } },
      { comp: 'span', textContent: 'Callback' },
    ],
  };
  const panel = {
    comp: 'md-tab-panel',
    attributes: { slot: 'panel', class: 'widget-pane' },
    children: [
      {
        comp: 'dynamic-area',
        properties: {
          area: {
            id: 'dw-panel-one',
            widgets: {
              'cdyx-vel-callback': {
                comp: 'cdyx-vel-callback',
                script: w.base + '/assets/callback.js',
                attributes: { dark: '$STORE.app.darkMode' },
                properties: {
                  accessToken: '$STORE.auth.accessToken',
                  outdialEp: '$STORE.agent.outDialEp',
                  velocityApiKey: w.apiKey,
                  velocityAuth: w.auth,
                  agentId: '$STORE.agent.agentId',
                  teamId: '$STORE.agent.teamId',
                  agentName: '$STORE.agent.agentName',
                  taskSelected: '$STORE.agentContact.taskSelected',
                  callbackCreate: true,
                },
              },
            },
            layout: { areas: [['cdyx-vel-callback']], size: { cols: [1], rows: [1] } },
          },
        },
      },
    ],
  };
  return JSON.stringify(tab, null, 2) + ',\n' + JSON.stringify(panel, null, 2);
}
