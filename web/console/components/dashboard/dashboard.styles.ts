import { css } from 'lit';

export default css`
  .head,
  .section-head {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 16px;
    flex-wrap: wrap;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
    gap: 12px;
  }
  .stat {
    padding: 10px 12px;
    border-radius: var(--vel-radius);
    background: var(--vel-surface);
  }
  .stat-title {
    font-size: 13px;
    color: var(--vel-text-2);
    font-weight: 600;
  }
  .stat-value {
    font-size: 26px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .stat-value .rate strong {
    font-size: 26px;
  }
  .stat-value .rate .muted {
    font-size: 13px;
    font-weight: 400;
  }
  .stat-sub {
    font-size: 12px;
    color: var(--vel-text-2);
    margin-top: 2px;
  }
  a.fig {
    color: var(--vel-accent);
    text-decoration: none;
    border-bottom: 1px dotted currentColor;
  }
  a.fig:hover {
    border-bottom-style: solid;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
    gap: 16px;
    margin-bottom: 8px;
  }
  a.small-link {
    min-height: 28px;
    padding: 0 10px;
    font-size: 13px;
  }
  th[scope='row'] {
    background: transparent;
  }
  details {
    margin-top: 8px;
  }
  summary {
    cursor: pointer;
    margin-bottom: 8px;
  }
`;
