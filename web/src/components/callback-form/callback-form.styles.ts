import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 14px;
    padding: 12px 16px 16px;
  }
  h1 {
    font-size: 16px;
    margin: 0;
  }
  .call {
    font-size: 12px;
    color: var(--vel-text-2);
  }
  .two {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
    gap: 14px;
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
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
  }
  .radios label {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 28px;
    cursor: pointer;
  }
  .match p {
    margin: 0 0 8px;
  }
  .match button {
    margin-right: 8px;
  }
  .masked {
    color: var(--vel-warn);
  }
  .buttons {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
`;
