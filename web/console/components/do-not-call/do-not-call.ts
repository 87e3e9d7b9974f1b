import ConsoleDoNotCall from './do-not-call.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleDoNotCall;
define('cdyx-console-do-not-call', ConsoleDoNotCall);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-do-not-call': ConsoleDoNotCall;
  }
}
