import VelOutcome from './outcome.component.js';
import { define } from '../../lib/define.js';

export default VelOutcome;
define('cdyx-vel-outcome', VelOutcome);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-vel-outcome': VelOutcome;
  }
}
