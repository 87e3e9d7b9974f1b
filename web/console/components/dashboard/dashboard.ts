import ConsoleDashboard from './dashboard.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleDashboard;
define('cdyx-console-dashboard', ConsoleDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-dashboard': ConsoleDashboard;
  }
}
