import { LitElement, html } from 'lit';
import { base } from '../../../src/styles/theme.js';
import styles from './copy.styles.js';

/**
 * @summary A button that copies a value to the clipboard and says so.
 *
 * @event vel-copied - The value was copied.
 */
export default class ConsoleCopy extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    value: {},
    label: {},
    done: { state: true },
  };

  declare value: string;
  /** The button's accessible name, e.g. "Copy the API key". */
  declare label: string;
  declare done: string;

  private timer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.value = '';
    this.label = 'Copy';
    this.done = '';
  }

  private async copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(this.value);
      ok = true;
    } catch {
      // Without the async clipboard (an insecure origin), select and copy.
      const ta = document.createElement('textarea');
      ta.value = this.value;
      ta.setAttribute('readonly', '');
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
      this.renderRoot.appendChild(ta);
      ta.select();
      ok = document.execCommand('copy');
      ta.remove();
    }
    this.done = ok ? 'Copied' : 'Copy failed: select the text and copy it';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.done = ''), 2500);
    if (ok) this.dispatchEvent(new CustomEvent('vel-copied', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<button type="button" class="small" aria-label=${this.label} @click=${this.copy}>${this.done === 'Copied' ? 'Copied ✓' : 'Copy'}</button
      ><span class="sr-only" role="status">${this.done}</span>`;
  }
}
