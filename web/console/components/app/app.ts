import ConsoleApp from './app.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleApp;
define('cdyx-console', ConsoleApp);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console': ConsoleApp;
  }
}
