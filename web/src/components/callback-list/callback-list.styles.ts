import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-height: 100%;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
    padding: 12px 16px;
    border-bottom: 1px solid var(--vel-border);
    position: sticky;
    top: 0;
    background: var(--vel-bg);
    z-index: 1;
  }
  h1 {
    font-size: 18px;
    margin: 0;
    flex: 1 1 auto;
  }
  .live {
    font-size: 12px;
    color: var(--vel-text-2);
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--vel-border-strong);
  }
  .live[data-state='live'] .dot {
    background: var(--vel-ok);
  }
  .live[data-state='retrying'] .dot {
    background: var(--vel-warn);
  }
  .filter {
    flex: 1 1 200px;
    max-width: 320px;
  }
  .body {
    padding: 4px 16px 16px;
  }
  section {
    margin-top: 12px;
  }
  h2 {
    font-size: 14px;
    margin: 0 0 6px;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .count {
    font-size: 12px;
    font-weight: 600;
    border-radius: 10px;
    padding: 0 8px;
    background: var(--vel-surface-2);
  }
  h2.overdue {
    color: var(--vel-error);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* The list is windowed: the ul's padding stands for the rows not rendered. */
  li {
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    background: var(--vel-bg);
    padding: 10px 12px;
    margin: 0 0 8px;
  }
  li.reminded {
    box-shadow: 0 0 0 2px var(--vel-accent);
  }
  li[data-group='due'] {
    border-left: 4px solid var(--vel-ok);
  }
  li[data-group='overdue'] {
    border-left: 4px solid var(--vel-error);
  }
  .top {
    display: flex;
    gap: 8px 12px;
    flex-wrap: wrap;
    align-items: flex-start;
  }
  .main {
    flex: 1 1 220px;
    min-width: 0;
  }
  .name {
    font-weight: 700;
    font-size: 15px;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .meta,
  .when {
    font-size: 13px;
    color: var(--vel-text-2);
    overflow-wrap: anywhere;
  }
  .when strong {
    color: var(--vel-text);
    font-weight: 600;
  }
  .phone {
    font-variant-numeric: tabular-nums;
    color: var(--vel-text);
  }
  .badge {
    display: inline-block;
    font-size: 11px;
    font-weight: 700;
    border-radius: 10px;
    padding: 0 8px;
    margin-left: 6px;
    vertical-align: 2px;
    background: var(--vel-surface-2);
    color: var(--vel-text);
  }
  .badge.held {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
  .badge.new {
    background: var(--vel-info-bg);
    color: var(--vel-text);
  }
  .callable {
    font-size: 13px;
    overflow-wrap: anywhere;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .callable.ok {
    color: var(--vel-ok);
  }
  .callable.ok .dot {
    background: var(--vel-ok);
    flex: none;
  }
  .callable.no {
    color: var(--vel-warn);
  }
  .reminders {
    font-weight: 700;
    background: var(--vel-info-bg);
    border-color: var(--vel-accent);
  }
  .reminders {
    display: inline-flex;
    align-items: center;
  }
  .reminders .n {
    margin: 0 2px 0 4px;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--vel-focus);
  }
  .notes {
    margin-top: 4px;
    font-size: 13px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .panel {
    margin-top: 10px;
    padding-top: 10px;
    border-top: 1px dashed var(--vel-border);
  }
  .empty {
    color: var(--vel-text-2);
    padding: 24px 0;
    text-align: center;
  }
  .notice {
    margin: 8px 0 0;
  }
`;
