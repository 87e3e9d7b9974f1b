import { css } from 'lit';

/**
 * palette is the Momentum look of the Webex CC Desktop as CSS custom properties: light by
 * default, dark when the outer element has dark="true". Where the page defines the
 * Desktop's Momentum design tokens (--md-primary-bg-color and its siblings, which carry a
 * tenant's theme and follow dark mode), they win over these values. Only the outer element
 * uses it; the inner components inherit the properties. Hosts may override any --vel-*
 * property.
 */
export const palette = css`
  :host {
    --vel-font: var(--vel-font-family, 'CiscoSansTT Regular', 'Helvetica Neue', Helvetica, Arial, sans-serif);
    --vel-bg: var(--md-primary-bg-color, #ffffff);
    --vel-surface: var(--md-secondary-bg-color, #f7f7f7);
    --vel-surface-2: var(--md-tertiary-bg-color, #ededed);
    --vel-text: var(--md-primary-text-color, rgba(0, 0, 0, 0.95));
    --vel-text-2: var(--md-secondary-text-color, rgba(0, 0, 0, 0.72));
    --vel-border: var(--md-primary-seperator-color, rgba(0, 0, 0, 0.2));
    --vel-border-strong: rgba(0, 0, 0, 0.55);
    --vel-accent: #0f6ac4;
    --vel-accent-text: #ffffff;
    --vel-primary: rgba(0, 0, 0, 0.95);
    --vel-primary-text: #ffffff;
    --vel-primary-hover: #333333;
    --vel-hover: rgba(0, 0, 0, 0.07);
    --vel-focus: #0f6ac4;
    --vel-error: #c11d2b;
    --vel-error-bg: #fdecee;
    --vel-warn: #8a5206;
    --vel-warn-bg: var(--md-alert-warning-bg-color, #fff3dc);
    --vel-ok: #16694e;
    --vel-ok-bg: #e3f5ec;
    --vel-info-bg: #e8f2fd;
    --vel-radius: 8px;
    color-scheme: light;
    font-family: var(--vel-font);
    font-size: 14px;
    line-height: 1.4;
    color: var(--vel-text);
  }
  :host([dark='true']),
  :host([dark='']) {
    --vel-bg: var(--md-primary-bg-color, #121212);
    --vel-surface: var(--md-secondary-bg-color, #1f1f1f);
    --vel-surface-2: var(--md-tertiary-bg-color, #2b2b2b);
    --vel-text: var(--md-primary-text-color, rgba(255, 255, 255, 0.95));
    --vel-text-2: var(--md-secondary-text-color, rgba(255, 255, 255, 0.72));
    --vel-border: var(--md-primary-seperator-color, rgba(255, 255, 255, 0.22));
    --vel-border-strong: rgba(255, 255, 255, 0.55);
    --vel-accent: #64b4fa;
    --vel-accent-text: #000000;
    --vel-primary: rgba(255, 255, 255, 0.95);
    --vel-primary-text: #000000;
    --vel-primary-hover: #d6d6d6;
    --vel-hover: rgba(255, 255, 255, 0.08);
    --vel-focus: #64b4fa;
    --vel-error: #fc8b98;
    --vel-error-bg: #3d1418;
    --vel-warn: #f7c173;
    --vel-warn-bg: var(--md-alert-warning-bg-color, #3a2a0c);
    --vel-ok: #6fd7ae;
    --vel-ok-bg: #10301f;
    --vel-info-bg: #10263d;
    color-scheme: dark;
  }
`;

/** base styles buttons, fields and messages in every component. */
export const base = css`
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    min-height: 32px;
    padding: 0 14px;
    border-radius: 16px;
    border: 1px solid var(--vel-border-strong);
    background: transparent;
    font-weight: 600;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    background: var(--vel-hover);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button.primary {
    background: var(--vel-primary);
    border-color: var(--vel-primary);
    color: var(--vel-primary-text);
  }
  button.primary:hover:not(:disabled) {
    background: var(--vel-primary-hover);
  }
  button.danger {
    color: var(--vel-error);
    border-color: var(--vel-error);
  }
  button.small {
    min-height: 28px;
    padding: 0 10px;
    font-size: 13px;
  }
  button.chip[aria-pressed='true'] {
    background: var(--vel-accent);
    border-color: var(--vel-accent);
    color: var(--vel-accent-text);
  }
  :focus-visible {
    outline: 2px solid var(--vel-focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    min-height: 32px;
    width: 100%;
    padding: 4px 10px;
    border: 1px solid var(--vel-border-strong);
    border-radius: var(--vel-radius);
    background: var(--vel-bg);
  }
  input[type='radio'] {
    width: auto;
    min-height: 0;
    accent-color: var(--vel-accent);
  }
  textarea {
    resize: vertical;
    min-height: 56px;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--vel-error);
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  .hint {
    color: var(--vel-text-2);
    font-size: 12px;
  }
  .field-error {
    color: var(--vel-error);
    font-size: 12px;
    margin-top: 4px;
  }
  .msg {
    padding: 8px 12px;
    border-radius: var(--vel-radius);
    background: var(--vel-info-bg);
    margin: 8px 0;
  }
  .msg.error {
    background: var(--vel-error-bg);
    color: var(--vel-error);
  }
  .msg.warn {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
  .msg.ok {
    background: var(--vel-ok-bg);
    color: var(--vel-ok);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
