import VelCallbackForm from './callback-form.component.js';
import { define } from '../../lib/define.js';

export default VelCallbackForm;
define('cdyx-vel-callback-form', VelCallbackForm);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-vel-callback-form': VelCallbackForm;
  }
}
