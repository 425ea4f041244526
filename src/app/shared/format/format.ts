/**
 * Number formatting shared by the charts and the sections: axis ticks, read-outs, heatmap cell text, metrics,
 * durations. Display only — exported data (CSV) keeps full precision and never passes through here.
 */

/** The one mark shown wherever a number is missing, not applicable or not a number (an em dash). */
export const MISSING_TEXT = '—';

/** Typographic minus, as in d3's own tick labels; a hyphen looks too short next to digits. */
const MINUS = '\u2212';

const SI_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Drops trailing zeros of a fixed or exponential mantissa: "1.50" → "1.5", "2.00e-4" → "2e-4". */
function trimZeros(text: string): string {
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent.replace(/^\+/, '')}`;
}

/**
 * `value` (non-negative) rounded to `significant` digits without exponent notation:
 * toPrecision would print 1023 as "1.02e+3", so whole numbers with more digits than that stay whole.
 */
function significantText(value: number, significant: number): string {
  if (value >= 10 ** significant) return String(Math.round(value));
  return trimZeros(value.toPrecision(significant));
}

function withSign(negative: boolean, text: string): string {
  return negative ? `${MINUS}${text}` : text;
}

/** Text for NaN and ±Infinity, or null when the value is finite. */
function nonFiniteText(value: number): string | null {
  if (Number.isNaN(value)) return MISSING_TEXT;
  if (value === Infinity) return '∞';
  if (value === -Infinity) return `${MINUS}∞`;
  return null;
}

/**
 * Compact SI-ish form with `significant` digits: 1234 → "1.23k", 250000 → "250k", 35.24 → "35.2",
 * 0.0123 → "0.0123", 0.00012 → "1.2e-4". Large values take SI prefixes; tiny ones switch to exponent
 * notation because "µ" next to a perplexity or a fraction would read as a unit.
 */
export function formatCompact(value: number, significant = 3): string {
  const special = nonFiniteText(value);
  if (special !== null) return special;
  if (value === 0) return '0';
  const negative = value < 0;
  // Round first, so 999.96 becomes 1000 and then "1k" rather than "1e+3".
  const magnitude = Number(Math.abs(value).toPrecision(significant));
  if (magnitude >= 1000) {
    const group = Math.min(Math.floor(Math.log10(magnitude) / 3), SI_PREFIXES.length - 1);
    const scaled = Number((magnitude / 1000 ** group).toPrecision(significant));
    return withSign(negative, `${significantText(scaled, significant)}${SI_PREFIXES[group]}`);
  }
  if (magnitude < 1e-3) return withSign(negative, trimZeros(magnitude.toExponential(significant - 1)));
  return withSign(negative, significantText(magnitude, significant));
}

/** Steps through units of a 1024 base (IEC), as memory is reported by allocators. */
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in IEC units with `significant` digits: 512 → "512 B", 1536 → "1.5 KiB", 3·2³⁰ → "3 GiB". */
export function formatBytes(bytes: number, significant = 3): string {
  const special = nonFiniteText(bytes);
  if (special !== null) return special;
  const negative = bytes < 0;
  let size = Math.abs(bytes);
  // Whole bytes need no decimals.
  if (Math.round(size) < 1024) return withSign(negative, `${Math.round(size)} B`);
  let unit = 0;
  // Move up while the rounded value would still read 1024 or more (1023.99 KiB shows as "1 MiB").
  while (unit < BYTE_UNITS.length - 1 && Number(significantText(size, significant)) >= 1024) {
    size /= 1024;
    unit += 1;
  }
  return withSign(negative, `${significantText(size, significant)} ${BYTE_UNITS[unit]}`);
}

/**
 * A duration given in milliseconds, in the unit that keeps it readable: 0.00042 → "420 ns", 0.85 → "850 µs",
 * 12.34 → "12.3 ms", 1234 → "1.23 s", 90000 → "1.5 min", 7.2e6 → "2 h".
 */
export function formatMs(ms: number, significant = 3): string {
  const special = nonFiniteText(ms);
  if (special !== null) return special;
  if (ms === 0) return '0 ms';
  const negative = ms < 0;
  const magnitude = Math.abs(ms);
  const steps: ReadonlyArray<[number, string]> = [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
    [1, 'ms'],
    [1e-3, 'µs'],
    [1e-6, 'ns'],
  ];
  for (const [size, unit] of steps) {
    const scaled = Number((magnitude / size).toPrecision(significant));
    // Minutes and hours only once the value is at least one of them; below 1 ns stay in ns.
    if (scaled >= 1 || unit === 'ns') {
      return withSign(negative, `${significantText(scaled, significant)} ${unit}`);
    }
  }
  return withSign(negative, `${magnitude} ms`);
}

/**
 * A duration given in seconds, as people read it: 42 → "42 s", 185 → "3 min 5 s", 3720 → "1 h 2 min".
 * Rounded to whole seconds before it is split (whole minutes once it reaches an hour), so 119.6 reads
 * "2 min 0 s", never "1 min 60 s". Negative and non-finite input has no duration: MISSING_TEXT.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return MISSING_TEXT;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * A count with its noun, singular for exactly one: (1, 'layer') → "1 layer", (2, 'layer') → "2 layers";
 * `plural` for nouns that do not just take an "s" ((3, 'batch', 'batches')).
 */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** A number in a unit the axis title already names: whole above 1000 (1523 ms, not "1.52k ms"), else 3 digits. */
function plainNumber(value: number): string {
  return Math.abs(value) >= 1000 ? formatTick(Math.round(value)) : formatCompact(value);
}

/** The unit of a time axis and the formatter for its ticks and read-out (values stay in milliseconds). */
export interface TimeAxisUnit {
  unit: 'ms' | 's';
  format: NumberFormatter;
}

/** Below this largest value a time axis reads in ms; from it, in seconds (so ticks never read "5000 ms"). */
export const SECONDS_FROM_MS = 2000;

/**
 * One unit for a whole time axis, chosen from the largest value it shows (in ms): ms below ~2 s, seconds above.
 * Ticks and read-out then carry plain numbers in that unit, and the axis title names it once; per-tick units
 * ("5 s" under an axis titled "ms") would contradict the title.
 */
export function timeAxisUnit(maxMs: number): TimeAxisUnit {
  return Number.isFinite(maxMs) && maxMs >= SECONDS_FROM_MS ? SECONDS_AXIS : MS_AXIS;
}
// Constants, so a figure's options stay the same object while its unit does (no redraw for a new formatter).
const MS_AXIS: TimeAxisUnit = { unit: 'ms', format: (ms) => plainNumber(ms) };
const SECONDS_AXIS: TimeAxisUnit = { unit: 's', format: (ms) => plainNumber(ms / 1000) };

/** A fraction as a percentage: 0.1234 → "12.3%". */
export function formatPercent(fraction: number, significant = 3): string {
  const special = nonFiniteText(fraction);
  if (special !== null) return special;
  return `${formatCompact(fraction * 100, significant)}%`;
}

/**
 * Axis ticks and read-outs: whole numbers below 10 000 in full (n = 1024, not "1.02k"; 2500 updates), anything
 * else compact.
 */
export function formatTick(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 10_000) return value < 0 ? `${MINUS}${-value}` : String(value);
  return formatCompact(value);
}

/** Named formatters, so chart options can say `format: 'ms'` instead of passing a function. */
export type FormatName = 'compact' | 'bytes' | 'ms' | 'percent';
/* The default (no name) is formatTick: compact, but whole numbers below 10 000 in full. */
export type NumberFormatter = (value: number) => string;

export function formatterFor(format: FormatName | NumberFormatter | undefined): NumberFormatter {
  if (typeof format === 'function') return format;
  switch (format) {
    case 'bytes':
      return (v) => formatBytes(v);
    case 'ms':
      return (v) => formatMs(v);
    case 'percent':
      return (v) => formatPercent(v);
    case 'compact':
      return (v) => formatCompact(v);
    default:
      return formatTick;
  }
}
