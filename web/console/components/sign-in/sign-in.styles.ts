import { css } from 'lit';

export default css`
  :host {
    display: flex;
    justify-content: center;
    padding: 8vh 16px;
  }
  .box {
    width: min(400px, 100%);
    background: var(--vel-bg);
    border: 1px solid var(--vel-border);
    border-radius: 12px;
    padding: 24px;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
    font-weight: 600;
    font-size: 16px;
    margin-bottom: 16px;
  }
  h1 {
    font-size: 22px;
    margin: 0 0 4px;
  }
  form {
    display: grid;
    gap: 12px;
    margin-top: 16px;
  }
  button[type='submit'] {
    justify-self: start;
  }
`;
