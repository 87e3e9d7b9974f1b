/**
 * The entry point of /console/charts.js: uPlot and its style sheet, as an ES module the
 * dashboard imports when it first draws a chart, so the rest of the console loads
 * without it.
 */
export { default as uPlot } from 'uplot';
export { default as uPlotCSS } from 'uplot/dist/uPlot.min.css';
