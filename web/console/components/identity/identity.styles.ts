import { css } from 'lit';

export default css`
  fieldset {
    border: 0;
    margin: 0 0 12px;
    padding: 0;
    display: grid;
    gap: 10px;
  }
  label.check {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    font-weight: 400;
    font-size: 14px;
    cursor: pointer;
    max-width: 720px;
  }
  label.check input {
    margin-top: 4px;
  }
  .field {
    max-width: 480px;
    margin-bottom: 12px;
  }
  .saved {
    color: var(--vel-ok);
  }
`;
