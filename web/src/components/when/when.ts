import VelWhen from './when.component.js';
import { define } from '../../lib/define.js';

export default VelWhen;
define('cdyx-vel-when', VelWhen);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-vel-when': VelWhen;
  }
}
