import { css } from 'lit';

export default css`
  dialog {
    border: 1px solid var(--vel-border);
    border-radius: 12px;
    padding: 0;
    width: min(560px, calc(100vw - 32px));
    max-height: calc(100vh - 48px);
    background: var(--vel-bg);
    color: var(--vel-text);
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
  }
  :host([wide]) dialog {
    width: min(900px, calc(100vw - 32px));
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 14px 16px 8px;
    position: sticky;
    top: 0;
    background: var(--vel-bg);
  }
  h2 {
    margin: 0;
    font-size: 17px;
  }
  .body {
    padding: 0 16px 8px;
  }
  footer {
    padding: 8px 16px 16px;
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
`;
