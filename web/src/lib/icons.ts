import { html } from 'lit';

/** bell is the reminders icon (an emoji may have no glyph on the agent's machine). */
export const bell = html`<svg class="bell" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M8 1.5A4.5 4.5 0 0 0 3.5 6v2.6L2 11v1h12v-1l-1.5-2.4V6A4.5 4.5 0 0 0 8 1.5zM6.3 13a1.7 1.7 0 0 0 3.4 0z" />
</svg>`;
