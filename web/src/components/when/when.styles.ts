import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-bottom: 8px;
  }
  .exact {
    display: block;
    font-weight: 400;
    font-size: 12px;
    color: var(--vel-text-2);
    margin-bottom: 2px;
  }
  .hint {
    margin-top: 4px;
  }
`;
