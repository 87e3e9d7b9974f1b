import ConsoleAccounts from './accounts.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleAccounts;
define('cdyx-console-accounts', ConsoleAccounts);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-accounts': ConsoleAccounts;
  }
}
