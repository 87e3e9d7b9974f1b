import { css } from 'lit';

export default css`
  form {
    display: grid;
    gap: 12px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 16px;
  }
  legend {
    font-weight: 600;
    font-size: 13px;
    padding: 0;
    margin-bottom: 4px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 32px;
    cursor: pointer;
  }
  .result:focus {
    outline: none;
  }
  ul.items {
    margin: 0 0 8px;
    padding-left: 18px;
    max-height: 300px;
    overflow: auto;
  }
  li.fail {
    color: var(--vel-error);
  }
`;
