import ConsoleDialog from './dialog.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleDialog;
define('cdyx-console-dialog', ConsoleDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-dialog': ConsoleDialog;
  }
}
