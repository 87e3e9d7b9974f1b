import { css } from 'lit';

export default css`
  .cols {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
    gap: 16px;
    margin-bottom: 12px;
  }
  .buttons {
    margin-bottom: 16px;
  }
  ol.history {
    list-style: none;
    margin: 0;
    padding: 0;
    border-left: 2px solid var(--vel-border);
  }
  ol.history li {
    padding: 4px 0 8px 12px;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 10px;
    align-items: baseline;
  }
  .at {
    color: var(--vel-text-2);
    font-variant-numeric: tabular-nums;
    min-width: 120px;
  }
  .detail {
    flex-basis: 100%;
    font-size: 12px;
    color: var(--vel-text-2);
    overflow-wrap: anywhere;
  }
`;
