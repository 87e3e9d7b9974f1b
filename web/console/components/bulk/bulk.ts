import ConsoleBulk from './bulk.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleBulk;
define('cdyx-console-bulk', ConsoleBulk);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-bulk': ConsoleBulk;
  }
}
