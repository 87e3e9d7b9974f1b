import VelCallbackList from './callback-list.component.js';
import { define } from '../../lib/define.js';

export default VelCallbackList;
define('cdyx-vel-callback-list', VelCallbackList);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-vel-callback-list': VelCallbackList;
  }
}
