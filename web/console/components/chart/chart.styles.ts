import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-width: 0;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 600;
    margin-bottom: 6px;
  }
  .plot {
    min-height: 220px;
    color: var(--vel-text);
  }
`;
