import ConsoleAudit from './audit.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleAudit;
define('cdyx-console-audit', ConsoleAudit);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-audit': ConsoleAudit;
  }
}
