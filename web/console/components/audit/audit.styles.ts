import { css } from 'lit';

export default css`
  form.filters {
    margin-bottom: 16px;
  }
  .ba {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: 8px;
    margin-top: 6px;
  }
  pre {
    max-height: 240px;
  }
  summary {
    cursor: pointer;
    white-space: nowrap;
  }
`;
