import { TemplateResult, html } from 'lit';
import '../components/dialog/dialog.js';

/** Ask is a question to confirm before a change that cannot be taken back. */
export interface Ask {
  title: string;
  text: string;
  /** The label of the button that goes ahead, e.g. "Remove". */
  yes: string;
  run: () => unknown;
}

/**
 * askDialog renders the confirmation of ask (nothing shown when null): the focus starts
 * on the button that changes nothing; close is called when it is answered either way.
 */
export function askDialog(ask: Ask | null, close: () => void): TemplateResult {
  return html`<cdyx-console-dialog label=${ask?.title || ''} ?open=${!!ask} @vel-close=${close}>
    <p>${ask?.text}</p>
    <div slot="footer">
      <button type="button" class="keep" @click=${close}>Cancel</button>
      <button
        type="button"
        class="danger yes"
        @click=${() => {
          const run = ask?.run;
          close();
          void run?.();
        }}
      >
        ${ask?.yes}
      </button>
    </div>
  </cdyx-console-dialog>`;
}
