import ConsoleIdentity from './identity.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleIdentity;
define('cdyx-console-identity', ConsoleIdentity);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-identity': ConsoleIdentity;
  }
}
