/** Numbers and times as people read them: a sensible precision, units where they have one. */

const compact = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A measure or metric to three significant digits; "–" when the API answered null. */
export function num(/** @type {number | null | undefined} */ value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(1);
  return compact.format(value);
}

/** A count with thousands separators. */
export function count(/** @type {number | null | undefined} */ value) {
  return value === null || value === undefined ? '–' : whole.format(value);
}

/** A share as a percentage with one decimal. */
export function percent(/** @type {number | null | undefined} */ value) {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
}

/** A signed change, "+0.012". */
export function signed(/** @type {number | null | undefined} */ value) {
  if (value === null || value === undefined) return '–';
  return (value > 0 ? '+' : '') + num(value);
}

/** The label of a window step: a month as "2013-07", a day as "2013-07-04", else its start and end. */
export function stepLabel(/** @type {{from: string, to: string}} */ window) {
  const from = new Date(window.from);
  const days = (new Date(window.to).getTime() - from.getTime()) / 86_400_000;
  if (days >= 28 && days <= 31 && from.getUTCDate() === 1) return window.from.slice(0, 7);
  if (days === 1) return window.from.slice(0, 10);
  return `${window.from.slice(0, 10)}…${window.to.slice(0, 10)}`;
}

/** A numeric bin or category as the drift answer names it: "[6.7, 8.3)", "Seattle", "(missing)". */
export function binLabel(/** @type {{category?: string | null, lower?: number | null, upper?: number | null, missing?: boolean}} */ bin) {
  if (bin.missing) return '(missing)';
  if (bin.category !== undefined && bin.category !== null) return bin.category;
  const lower = bin.lower === null || bin.lower === undefined ? '-inf' : num(bin.lower);
  const upper = bin.upper === null || bin.upper === undefined ? 'inf' : num(bin.upper);
  return `[${lower}, ${upper})`;
}
