import { css } from 'lit';

export default css`
  .head {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 16px;
    flex-wrap: wrap;
  }
  form.filters .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
    gap: 10px 12px;
  }
  form.filters .wide {
    grid-column: span 2;
  }
  .row2 {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 16px;
    align-items: flex-end;
    margin-top: 10px;
  }
  fieldset.statuses {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    align-items: center;
  }
  fieldset.statuses legend {
    font-weight: 600;
    font-size: 13px;
    padding: 0;
    margin-bottom: 4px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 32px;
    cursor: pointer;
  }
  .actions.end {
    margin-left: auto;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin-top: 10px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 4px 2px 10px;
    border-radius: 14px;
    background: var(--vel-info-bg);
    font-size: 13px;
  }
  .chip button {
    min-height: 22px;
    padding: 0 6px;
    border: 0;
  }
  .bulkbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    margin-bottom: 8px;
    border-radius: var(--vel-radius);
    background: var(--vel-info-bg);
    border: 1px solid var(--vel-accent);
    position: sticky;
    top: 0;
    z-index: 2;
  }
  .bulkbar .grow {
    flex: 1;
  }
  th.sel,
  td.sel {
    width: 32px;
    padding-right: 0;
  }
  tr.selected {
    background: var(--vel-info-bg);
  }
  .name {
    font-weight: 600;
  }
  .live {
    font-size: 12px;
    font-weight: 600;
    padding: 2px 10px;
    border-radius: 10px;
    background: var(--vel-surface-2);
  }
  .live.live {
    background: var(--vel-ok-bg);
    color: var(--vel-ok);
  }
  .live.retrying {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
`;
