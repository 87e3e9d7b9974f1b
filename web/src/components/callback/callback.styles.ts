import { css } from 'lit';

export default css`
  :host {
    display: block;
    height: 100%;
    overflow: auto;
    background: var(--vel-bg);
    color: var(--vel-text);
  }
  .problem {
    margin: 16px;
  }
  .problem h1 {
    font-size: 16px;
    margin: 0 0 4px;
  }
  .problem p {
    margin: 0;
  }
`;
