import ConsolePolicy from './policy.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsolePolicy;
define('cdyx-console-policy', ConsolePolicy);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-policy': ConsolePolicy;
  }
}
