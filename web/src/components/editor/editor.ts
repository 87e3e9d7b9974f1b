import VelEditor from './editor.component.js';
import { define } from '../../lib/define.js';

export default VelEditor;
define('cdyx-vel-editor', VelEditor);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-vel-editor': VelEditor;
  }
}
