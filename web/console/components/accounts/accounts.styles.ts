import { css } from 'lit';

export default css`
  h3 {
    margin-top: 16px;
  }
  td.actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  select {
    width: auto;
  }
  .secret {
    margin-bottom: 12px;
  }
  .secret-row {
    display: flex;
    gap: 8px;
    align-items: center;
  }
`;
