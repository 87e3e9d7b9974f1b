import { css } from 'lit';

export default css`
  .cols {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 1000px) {
    .cols {
      grid-template-columns: 1fr;
    }
  }
  .toolbar {
    margin-bottom: 8px;
  }
  form.stack {
    display: grid;
    gap: 10px;
  }
  .result {
    margin-top: 12px;
  }
`;
