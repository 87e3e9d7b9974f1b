import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--vel-surface);
  }
  .checking {
    padding: 48px;
  }
  .skip {
    position: absolute;
    left: 8px;
    top: -60px;
    background: var(--vel-bg);
    z-index: 10;
  }
  .skip:focus {
    top: 8px;
  }
  header.top {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 16px;
    flex-wrap: wrap;
    padding: 8px 20px;
    background: var(--vel-bg);
    border-bottom: 1px solid var(--vel-border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 600;
    font-size: 16px;
  }
  .who {
    display: flex;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
  }
  .who button[aria-pressed='true'] {
    background: var(--vel-surface-2);
  }
  .tenant {
    font-weight: 600;
  }
  .role {
    color: var(--vel-text-2);
  }
  .shell {
    display: grid;
    grid-template-columns: 200px minmax(0, 1fr);
    min-height: calc(100vh - 50px);
  }
  nav {
    padding: 16px 8px;
    border-right: 1px solid var(--vel-border);
    background: var(--vel-bg);
  }
  nav ul {
    list-style: none;
    margin: 0 0 12px;
    padding: 0;
  }
  nav h2.group {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--vel-text-2);
    margin: 12px 10px 4px;
  }
  nav a {
    display: block;
    padding: 6px 10px;
    border-radius: var(--vel-radius);
    color: var(--vel-text);
    text-decoration: none;
  }
  nav a:hover {
    background: var(--vel-hover);
  }
  nav a[aria-current='page'] {
    background: var(--vel-info-bg);
    font-weight: 600;
    box-shadow: inset 3px 0 0 var(--vel-accent);
  }
  main {
    padding: 20px 24px 48px;
    min-width: 0;
  }
  main:focus {
    outline: none;
  }
  @media (max-width: 760px) {
    .shell {
      grid-template-columns: 1fr;
    }
    nav {
      border-right: 0;
      border-bottom: 1px solid var(--vel-border);
    }
  }
`;
