import VelCallback from './callback.component.js';
import { define } from '../../lib/define.js';

export default VelCallback;
define('cdyx-vel-callback', VelCallback);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-vel-callback': VelCallback;
  }
}
