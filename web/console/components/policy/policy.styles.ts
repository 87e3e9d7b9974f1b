import { css } from 'lit';

export default css`
  table.hours {
    width: auto;
    min-width: 420px;
  }
  table.hours td,
  table.hours th {
    border: 0;
    padding: 4px 10px 4px 0;
    vertical-align: middle;
    background: transparent;
  }
  table.hours input[type='time'] {
    width: 130px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    margin: 0;
  }
  ul.holidays {
    list-style: none;
    padding: 0;
    margin: 0 0 12px;
    display: grid;
    gap: 4px;
  }
  ul.holidays li {
    display: flex;
    gap: 10px;
    align-items: center;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 12px 16px;
  }
  .saved {
    color: var(--vel-ok);
  }
`;
