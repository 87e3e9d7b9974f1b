import ConsoleCopy from './copy.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleCopy;
define('cdyx-console-copy', ConsoleCopy);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-copy': ConsoleCopy;
  }
}
