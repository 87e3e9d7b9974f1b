import { LitElement, PropertyValues, html } from 'lit';
import { base } from '../../../src/styles/theme.js';
import styles from './dialog.styles.js';

/**
 * @summary A modal dialog (the browser's own <dialog>): focus moves into it and is
 * trapped there, Escape or the close button closes it, and focus returns to where it was.
 *
 * @slot - The dialog's content.
 * @slot footer - Its buttons.
 * @event vel-close - The dialog closed (Escape, the close button, or open set to false).
 * @csspart dialog - The <dialog> element.
 */
export default class ConsoleDialog extends LitElement {
  static override styles = [base, styles];
  static override properties = {
    label: {},
    open: { type: Boolean, reflect: true },
    wide: { type: Boolean, reflect: true },
  };

  declare label: string;
  declare open: boolean;
  declare wide: boolean;

  private opener: Element | null = null;

  constructor() {
    super();
    this.label = '';
    this.open = false;
    this.wide = false;
  }

  private get dialog() {
    return this.renderRoot.querySelector('dialog');
  }

  /** close closes the dialog and tells the owner. */
  close() {
    if (!this.open) return;
    this.open = false;
  }

  override updated(changed: PropertyValues) {
    const d = this.dialog;
    if (!d || !changed.has('open')) return;
    if (this.open && !d.open) {
      this.opener = deepActive();
      d.showModal();
      void this.focusFirst();
    } else if (!this.open && d.open) {
      d.close();
    }
  }

  /**
   * focusFirst moves the focus to the content's first field or button (a component of its
   * own takes it with delegatesFocus, once rendered), else to the close button.
   */
  private async focusFirst() {
    const el = this.querySelector<HTMLElement>('[autofocus], input:not([type=hidden]), select, textarea, button') || (this.firstElementChild as HTMLElement | null);
    const pending = (el as unknown as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
    if (pending) await pending;
    el?.focus();
    if (!this.hasFocus()) this.renderRoot.querySelector<HTMLElement>('button.close')?.focus();
  }

  /** hasFocus reports whether the focus is in the dialog or its content (across shadow roots). */
  private hasFocus(): boolean {
    let a: Element | null = document.activeElement;
    while (a) {
      if (a === this || this.contains(a)) return true;
      a = a.shadowRoot?.activeElement ?? null;
    }
    return false;
  }

  private onClose() {
    this.open = false;
    const o = this.opener as HTMLElement | null;
    this.opener = null;
    if (o && o.isConnected) o.focus();
    this.dispatchEvent(new CustomEvent('vel-close', { bubbles: true, composed: true }));
  }

  private onCancel(e: Event) {
    // Escape: let the browser close it (then onClose runs).
    e.stopPropagation();
  }

  override render() {
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @cancel=${this.onCancel}>
      <header>
        <h2 id="title">${this.label}</h2>
        <button class="close small" type="button" aria-label="Close" @click=${() => this.close()}>✕</button>
      </header>
      <div class="body"><slot></slot></div>
      <footer><slot name="footer"></slot></footer>
    </dialog>`;
  }
}

/** deepActive returns the focused element, looking inside shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
