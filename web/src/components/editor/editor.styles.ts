import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .sections {
    display: grid;
    gap: 14px;
  }
  section {
    border-top: 1px solid var(--vel-border);
    padding-top: 10px;
  }
  section:first-child {
    border-top: 0;
    padding-top: 0;
  }
  h3 {
    font-size: 13px;
    margin: 0 0 6px;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 8px;
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: end;
    flex-wrap: wrap;
  }
  .history {
    margin: 0;
    padding-left: 18px;
    font-size: 13px;
    display: grid;
    gap: 2px;
  }
  .row > div {
    flex: 1 1 160px;
  }
`;
