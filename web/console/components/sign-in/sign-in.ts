import ConsoleSignIn from './sign-in.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleSignIn;
define('cdyx-console-sign-in', ConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-sign-in': ConsoleSignIn;
  }
}
