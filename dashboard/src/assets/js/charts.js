/**
 * The charts, all Apache ECharts (loaded as the global `echarts` from /assets/vendor), with colours that colour-blind
 * readers tell apart (blues against oranges), units on the axes and numbers to three significant digits. Tooltips are
 * HTML in ECharts, so every name in them is escaped here.
 */
import { num } from './format.js';

/** @typedef {{ name: string, data: (number | null)[], dashed?: boolean }} Line */

/** Blue and orange of the colour-blind-safe "Tableau 10" pair, then neutral greys. */
export const colours = { current: '#e8772e', baseline: '#3a76af', realised: '#3a76af', estimated: '#e8772e', neutral: '#8a99a8' };

/** The lines' colours in order: blue, orange, then the pair's lighter tones. */
const palette = [colours.realised, colours.estimated, '#7fb2dd', '#f4b183', colours.neutral];

/** The heat map's classes: the deciding measure over its threshold. */
export const driftClasses = [
  { name: 'low', label: 'below ½ threshold', below: 0.5, colour: '#eef3fa' },
  { name: 'watch', label: '½ threshold to threshold', below: 1, colour: '#9dc3e6' },
  { name: 'drifted', label: 'threshold to 2× (drifted)', below: 2, colour: '#f4a05a' },
  { name: 'severe', label: '2× threshold or more', below: Infinity, colour: '#b8470f' },
];

/** The class of a measure against its threshold. */
export function driftClass(/** @type {number | null} */ value, /** @type {number} */ threshold) {
  if (value === null) return null;
  const ratio = value / threshold;
  return driftClasses.find(c => ratio < c.below) ?? driftClasses[driftClasses.length - 1];
}

/** Text made safe for ECharts' HTML tooltips. */
export function escapeHtml(/** @type {string} */ text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** @returns {any} */
function init(/** @type {HTMLElement} */ element) {
  // @ts-ignore the global the vendor script defines
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  new ResizeObserver(() => chart.resize()).observe(element);
  return chart;
}

const axisValue = { axisLabel: { formatter: (/** @type {number} */ v) => num(v) } };

/**
 * Lines over time, with an optional horizontal reference (a baseline's value) drawn across the plot.
 * @param {HTMLElement} element @param {{ x: string[], lines: Line[], yName: string, reference?: {name: string, value: number | null} }} spec
 */
export function lineChart(element, { x, lines, yName, reference }) {
  const chart = init(element);
  const series = lines.map((line, i) => ({
    name: line.name, type: 'line', data: line.data, connectNulls: false, showSymbol: true,
    lineStyle: { type: line.dashed ? 'dashed' : 'solid' }, itemStyle: { color: palette[i % palette.length] },
    markLine: i === 0 && reference && reference.value !== null ? {
      symbol: 'none', silent: true, lineStyle: { color: '#333', type: 'dotted', width: 2 },
      label: { formatter: `${reference.name} ${num(reference.value)}`, position: 'insideEndTop' },
      data: [{ yAxis: reference.value, name: reference.name }],
    } : undefined,
  }));
  chart.setOption({
    animation: false, tooltip: { trigger: 'axis', valueFormatter: num }, legend: { top: 0 }, grid: { left: 60, right: 30, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: x }, yAxis: { type: 'value', name: yName, scale: true, ...axisValue }, series,
  });
  return chart;
}

/**
 * Records per step as bars and the labelled share as a line on a second axis.
 * @param {HTMLElement} element @param {{ x: string[], records: number[], labelledShare: (number | null)[] }} spec
 */
export function volumeChart(element, { x, records, labelledShare }) {
  const chart = init(element);
  chart.setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 60, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: x },
    yAxis: [{ type: 'value', name: 'records' }, { type: 'value', name: 'labelled (%)', min: 0, max: 100 }],
    series: [
      { name: 'records', type: 'bar', data: records, itemStyle: { color: colours.baseline } },
      { name: 'labelled share', type: 'line', yAxisIndex: 1, data: labelledShare.map(s => (s === null ? null : Math.round(s * 1000) / 10)), itemStyle: { color: colours.current } },
    ],
  });
  return chart;
}

/**
 * The drift heat map: one cell per feature and window, coloured by the deciding measure over its threshold.
 * @param {HTMLElement} element
 * @param {{ features: string[], windows: string[], cells: {x: number, y: number, value: number | null, threshold: number, measure: string}[] }} spec
 * @param {(feature: number, window: number) => void} onCell
 */
export function heatMap(element, { features, windows, cells }, onCell) {
  const chart = init(element);
  chart.setOption({
    animation: false, grid: { left: 110, right: 20, top: 20, bottom: 115 },
    tooltip: {
      formatter: (/** @type {any} */ p) => {
        const cell = cells[p.dataIndex];
        return `${escapeHtml(features[cell.y])} · ${escapeHtml(windows[cell.x])}<br>${escapeHtml(cell.measure)} ${num(cell.value)} (threshold ${num(cell.threshold)})`;
      },
    },
    xAxis: { type: 'category', data: windows, name: 'window', nameLocation: 'middle', nameGap: 55, axisLabel: { rotate: 45 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: features, splitArea: { show: true } },
    visualMap: {
      type: 'piecewise', dimension: 2, orient: 'horizontal', left: 'center', bottom: 0,
      pieces: driftClasses.map((c, i) => ({ gte: i === 0 ? -Infinity : driftClasses[i - 1].below, lt: c.below, label: c.label, color: c.colour })),
    },
    series: [{
      type: 'heatmap', data: cells.map(c => [c.x, c.y, c.value === null ? '-' : c.value / c.threshold]),
      itemStyle: { borderColor: '#fff', borderWidth: 1 }, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 2 } },
    }],
  });
  chart.on('click', (/** @type {any} */ p) => onCell(cells[p.dataIndex].y, cells[p.dataIndex].x));
  return chart;
}

/**
 * Bars side by side per bin or category: the baseline's and the window's shares.
 * @param {HTMLElement} element @param {{ bins: string[], baseline: number[], current: number[], xName: string }} spec
 */
export function histogram(element, { bins, baseline, current, xName }) {
  const chart = init(element);
  chart.setOption({
    animation: false, tooltip: { trigger: 'axis', valueFormatter: (/** @type {number} */ v) => `${num(v * 100)} %` }, legend: { top: 0 },
    grid: { left: 60, right: 20, top: 50, bottom: 70 },
    xAxis: { type: 'category', data: bins, name: xName, nameLocation: 'middle', nameGap: 50, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: 'share of rows (%)', axisLabel: { formatter: (/** @type {number} */ v) => num(v * 100) } },
    series: [
      { name: 'baseline', type: 'bar', data: baseline, itemStyle: { color: colours.baseline } },
      { name: 'current', type: 'bar', data: current, itemStyle: { color: colours.current } },
    ],
  });
  return chart;
}

/**
 * A waterfall from the baseline's value to the window's: each step a feature's contribution.
 * @param {HTMLElement} element @param {{ start: {name: string, value: number}, steps: {name: string, value: number}[], end: {name: string, value: number}, yName: string }} spec
 */
export function waterfall(element, { start, steps, end, yName }) {
  const chart = init(element);
  /** @type {number[]} */ const bases = [];
  /** @type {any[]} */ const bars = [];
  let level = start.value;
  bases.push(0); bars.push({ value: start.value, itemStyle: { color: colours.neutral } });
  for (const step of steps) {
    bases.push(Math.min(level, level + step.value));
    bars.push({ value: Math.abs(step.value), signed: step.value, itemStyle: { color: step.value < 0 ? colours.current : colours.baseline } });
    level += step.value;
  }
  bases.push(0); bars.push({ value: end.value, itemStyle: { color: colours.neutral } });
  const low = Math.min(...bases.filter((_, i) => i > 0 && i <= steps.length), start.value, end.value);
  chart.setOption({
    animation: false, grid: { left: 70, right: 20, bottom: 80 },
    tooltip: { trigger: 'axis', formatter: (/** @type {any[]} */ p) => { const bar = p[1]; return `${escapeHtml(String(bar.name))}: ${num(bar.data.signed ?? bar.data.value)}`; } },
    xAxis: { type: 'category', data: [start.name, ...steps.map(s => s.name), end.name], axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', name: yName, min: Math.max(0, low - Math.abs(end.value - start.value) * 2 - 0.01), ...axisValue },
    series: [
      { type: 'bar', stack: 'w', data: bases, itemStyle: { color: 'transparent' }, silent: true },
      { type: 'bar', stack: 'w', data: bars, name: yName },
    ],
  });
  return chart;
}

/** A small line without axes. @param {HTMLElement} element @param {(number | null)[]} values */
export function sparkline(element, values) {
  const chart = init(element);
  chart.setOption({
    animation: false, grid: { left: 2, right: 2, top: 2, bottom: 2 },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => i) }, yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: values, showSymbol: false, lineStyle: { width: 1.5, color: colours.baseline } }],
  });
  return chart;
}
