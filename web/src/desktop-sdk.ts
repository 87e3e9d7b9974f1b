/**
 * The entry point of /assets/desktop-sdk.js: Cisco's Desktop SDK (@wxcc-desktop/sdk),
 * unchanged, as an ES module. The widget imports it only inside the Desktop, from the
 * server that served the widget, so callback.js stays small outside it and the SDK (which
 * changes only with its version) stays cached across widget releases.
 */
export { Desktop } from '@wxcc-desktop/sdk';
