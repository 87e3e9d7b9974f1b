import ConsoleSnippets from './snippets.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleSnippets;
define('cdyx-console-snippets', ConsoleSnippets);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-snippets': ConsoleSnippets;
  }
}
