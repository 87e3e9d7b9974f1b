import ConsoleCallbacks from './callbacks.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleCallbacks;
define('cdyx-console-callbacks', ConsoleCallbacks);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-callbacks': ConsoleCallbacks;
  }
}
