import { css } from 'lit';

export default css`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
    gap: 12px 16px;
  }
  .row {
    display: flex;
    gap: 6px;
    margin-top: 6px;
    align-items: center;
  }
  .section-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
  }
  pre {
    max-height: 480px;
  }
`;
