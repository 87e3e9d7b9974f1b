import ConsoleChart from './chart.component.js';
import { define } from '../../../src/lib/define.js';

export default ConsoleChart;
define('cdyx-console-chart', ConsoleChart);

declare global {
  interface HTMLElementTagNameMap {
    'cdyx-console-chart': ConsoleChart;
  }
}
