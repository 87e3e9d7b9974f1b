import { css } from 'lit';

/**
 * page styles what every console page shares, on top of the widget's base styles:
 * headings, toolbars, cards, tables, definition lists, links and the status badges. The
 * colours are the widget's --vel-* properties, set once by the app element.
 */
export const page = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 22px;
    margin: 0 0 4px;
  }
  h2 {
    font-size: 16px;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 14px;
    margin: 0 0 6px;
  }
  p {
    margin: 0 0 8px;
  }
  a {
    color: var(--vel-accent);
  }
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 32px;
    padding: 0 14px;
    border-radius: 16px;
    border: 1px solid var(--vel-border-strong);
    color: var(--vel-text);
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
  }
  a.button:hover {
    background: var(--vel-hover);
  }
  .lead {
    color: var(--vel-text-2);
    margin-bottom: 16px;
  }
  .card {
    background: var(--vel-bg);
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    padding: 16px;
    margin-bottom: 16px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px 12px;
  }
  .toolbar .grow {
    flex: 1;
  }
  .field {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .field.inline {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  .field.inline label {
    margin: 0;
  }
  input[type='checkbox'] {
    width: auto;
    min-height: 0;
    accent-color: var(--vel-accent);
  }
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    background: var(--vel-bg);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 13px;
  }
  th,
  td {
    text-align: left;
    padding: 6px 10px;
    border-bottom: 1px solid var(--vel-border);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    background: var(--vel-surface);
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tbody tr:last-child td {
    border-bottom: 0;
  }
  tbody tr.clickable {
    cursor: pointer;
  }
  tbody tr.clickable:hover {
    background: var(--vel-hover);
  }
  tbody tr:focus-visible {
    outline: 2px solid var(--vel-focus);
    outline-offset: -2px;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dl.facts dt {
    color: var(--vel-text-2);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 600;
    background: var(--vel-surface-2);
    white-space: nowrap;
  }
  .badge.scheduled {
    background: var(--vel-info-bg);
  }
  .badge.claimed,
  .badge.overdue {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
  .badge.completed {
    background: var(--vel-ok-bg);
    color: var(--vel-ok);
  }
  .badge.failed {
    background: var(--vel-error-bg);
    color: var(--vel-error);
  }
  .muted {
    color: var(--vel-text-2);
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12px;
  }
  pre {
    margin: 0;
    padding: 12px;
    overflow: auto;
    background: var(--vel-surface);
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    font-size: 12px;
    max-height: 420px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .pager {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-top: 8px;
  }
  .empty {
    padding: 24px;
    text-align: center;
    color: var(--vel-text-2);
  }
`;
