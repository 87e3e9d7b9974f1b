import ConsoleCallbackDetail from './callback-detail.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleCallbackDetail;
define('cdyx-console-callback-detail', ConsoleCallbackDetail);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-callback-detail': ConsoleCallbackDetail;
  }
}
