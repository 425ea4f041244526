/**
 * Getting figures and their data out of the page: a standalone SVG (styles and CSS variables resolved, so it
 * looks the same in a paper or another viewer), a PNG rendered from it, and CSV with full-precision numbers.
 */
import { EXPORT_OMIT_ATTR } from '../charts/svgFrame';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Style properties copied from the live figure into the export. Inherited ones are copied only where they differ
 * from the parent (keeps the file small); the rest only where they differ from their initial value.
 */
const INHERITED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'color',
] as const;
const OWN_PROPERTIES: ReadonlyArray<[string, string]> = [
  ['opacity', '1'],
  ['display', 'inline'],
  ['stop-color', 'rgb(0, 0, 0)'],
  ['stop-opacity', '1'],
];

/**
 * Replaces every `var(--name)` / `var(--name, fallback)` in a CSS value with `lookup(name)`, or the fallback when
 * the lookup has nothing; nested fallbacks resolve too. Unresolvable references become empty text.
 */
export function resolveCssVariables(value: string, lookup: (name: string) => string | undefined): string {
  let text = value;
  // Innermost-first: each pass replaces var() calls whose arguments contain no further var().
  for (let guard = 0; guard < 20 && text.includes('var('); guard += 1) {
    const next = text.replace(
      /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g,
      (_m, name: string, fallback?: string) => {
        const found = lookup(name)?.trim();
        return found ? found : (fallback ?? '').trim();
      },
    );
    if (next === text) break;
    text = next;
  }
  return text;
}

function documentVariableLookup(): (name: string) => string | undefined {
  const rootStyle = getComputedStyle(document.documentElement);
  return (name) => rootStyle.getPropertyValue(name) || undefined;
}

/** The page's panel colour (what the figure sits on), resolved to a concrete colour. */
function backgroundColour(svg: SVGSVGElement, lookup: (name: string) => string | undefined): string {
  const fromElement = getComputedStyle(svg).getPropertyValue('--panel').trim();
  return resolveCssVariables(fromElement || 'var(--panel, var(--bg, #ffffff))', lookup) || '#ffffff';
}

function viewBoxSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (box.length === 4 && box[2] > 0 && box[3] > 0) return { width: box[2], height: box[3] };
  const rect = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
}

/** Copies computed styles of `source` (live, in the document) onto `target` (its clone), walking both trees. */
function inlineStyles(
  source: Element,
  target: Element,
  parentValues: Map<string, string> | null,
  lookup: (name: string) => string | undefined,
): void {
  // <title> and <desc> are text for assistive technology, not drawn: nothing to style.
  if (source.tagName === 'title' || source.tagName === 'desc') return;
  const computed = getComputedStyle(source);
  const values = new Map<string, string>();
  const style = (target as SVGElement).style;
  const read = (property: string) => resolveCssVariables(computed.getPropertyValue(property).trim(), lookup);
  for (const property of INHERITED_PROPERTIES) {
    const value = read(property);
    values.set(property, value);
    if (value && (parentValues === null || parentValues.get(property) !== value)) style.setProperty(property, value);
  }
  for (const [property, initial] of OWN_PROPERTIES) {
    const value = read(property);
    if (value && value !== initial) style.setProperty(property, value);
  }
  // Anything else written inline with var() (or missed by getComputedStyle, as in jsdom) still gets resolved.
  const inline = target.getAttribute('style');
  if (inline?.includes('var(')) target.setAttribute('style', resolveCssVariables(inline, lookup));
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length && i < targetChildren.length; i += 1) {
    inlineStyles(sourceChildren[i], targetChildren[i], values, lookup);
  }
}

export interface SvgExportOptions {
  /** Background fill; default the page's --panel colour; null for a transparent figure. */
  background?: string | null;
}

/**
 * A standalone SVG document of a live figure: namespaces, fixed width/height from the viewBox, computed styles
 * inlined with CSS variables resolved, a background rectangle, and no on-screen-only parts (tooltip, cursor).
 */
export function svgToString(svg: SVGSVGElement, options: SvgExportOptions = {}): string {
  const lookup = documentVariableLookup();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone, null, lookup);
  // Interactive leftovers are removed after styling, so the two trees stayed aligned while walking them.
  clone.querySelectorAll(`[${EXPORT_OMIT_ATTR}="omit"]`).forEach((el) => el.remove());
  for (const attr of ['tabindex', 'role', 'aria-live']) clone.removeAttribute(attr);

  const { width, height } = viewBoxSize(svg);
  // Declared in the XMLNS namespace: a plain setAttribute('xmlns') makes some serialisers write it twice.
  const xmlns = 'http://www.w3.org/2000/xmlns/';
  clone.setAttributeNS(xmlns, 'xmlns', SVG_NS);
  clone.setAttributeNS(xmlns, 'xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (const property of ['width', 'height', 'display', 'outline', 'max-width']) clone.style.removeProperty(property);

  const background = options.background === undefined ? backgroundColour(svg, lookup) : options.background;
  if (background) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    // After <title>/<desc> (they must stay first for accessibility) and before anything drawn.
    const firstDrawn = Array.from(clone.children).find((el) => el.tagName !== 'title' && el.tagName !== 'desc');
    clone.insertBefore(rect, firstDrawn ?? null);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A tidy file name, safe on every common file system, from a figure's or run's label: letters and digits (of any
 * script) and `. _ = +` are kept, "k = 32" becomes "k=32" and "2×2" "2x2"; anything else (path separators,
 * reserved and control characters, spaces, punctuation such as "#", "(", ",") becomes a dash, never two in a row
 * and none at the ends. The length is capped, and `extension` (e.g. "svg") is appended if missing.
 * "spectra-heatmap-i32-#2 trained linformer (k = 32), n = 128" → "spectra-heatmap-i32-2-trained-linformer-k=32-n=128".
 */
export function sanitizeFileName(name: string, extension: string): string {
  const ext = extension.replace(/^\./, '').toLowerCase();
  let base = name.normalize('NFKC').trim();
  if (ext && base.toLowerCase().endsWith(`.${ext}`)) base = base.slice(0, -(ext.length + 1));
  const tidy = (text: string) =>
    text
      .replace(/[-.]*-[-.]*/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[-._]+|[-._]+$/g, '');
  base = tidy(
    base
      .replace(/×/g, 'x')
      .replace(/\s*=\s*/g, '=')
      .replace(/[^\p{L}\p{N}._=+-]+/gu, '-'),
  );
  base = tidy(base.slice(0, 120));
  if (base === '') base = 'figure';
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`;
  return ext ? `${base}.${ext}` : base;
}

/** Saves a blob through a temporary <a download> link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a second is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(svg: SVGSVGElement, fileName: string, options?: SvgExportOptions): void {
  const blob = new Blob([svgToString(svg, options)], { type: 'image/svg+xml;charset=utf-8' });
  downloadBlob(blob, sanitizeFileName(fileName, 'svg'));
}

/** Renders the standalone SVG into a canvas `scale` times its viewBox size and encodes it as PNG. */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, options?: SvgExportOptions): Promise<Blob> {
  const { width, height } = viewBoxSize(svg);
  const url = URL.createObjectURL(new Blob([svgToString(svg, options)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The figure could not be rendered as an image for PNG export.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('PNG export needs a 2D canvas, which this browser did not provide.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))),
        'image/png',
      );
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(
  svg: SVGSVGElement,
  fileName: string,
  scale = 2,
  options?: SvgExportOptions,
): Promise<void> {
  downloadBlob(await svgToPngBlob(svg, scale, options), sanitizeFileName(fileName, 'png'));
}

export type CsvValue = string | number | null | undefined;

/**
 * First characters with which a spreadsheet (Excel, LibreOffice, Sheets) reads a cell as a formula: = + - @, tab and
 * carriage return (OWASP's list), and the minus sign U+2212, which some locales' spreadsheets take for "-".
 */
const FORMULA_START = /^[=+\-@\t\r\u2212]/;
/** Text that is a plain decimal number ("-0.5", "+3", "1e-4"): a spreadsheet reads it as that number, not a formula. */
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Text that a spreadsheet would run as a formula (a result's link or label is user-controlled: "=HYPERLINK(…)")
 * gets a leading single quote, OWASP's advice against CSV injection, so it shows as the text it is. Numbers, and
 * text that is a plain number, are left alone so they stay numbers.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMERIC_TEXT.test(text) ? `'${text}` : text;
}

/** One CSV field: numbers in shortest round-trip form (full precision), text quoted per RFC 4180 when needed. */
function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // String() gives the shortest text that parses back to the same double; keep the sign of −0.
    return Object.is(value, -0) ? '-0' : String(value);
  }
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends (after the last row too), fields with comma, quote, line break or
 * edge spaces quoted with inner quotes doubled, text that would run as a formula prefixed with ' (neutraliseFormula).
 * Columns default to the keys in order of first appearance;
 * missing keys and null give empty fields. NaN and ±Infinity are written as NaN / Infinity / -Infinity.
 */
export function toCsv(rows: ReadonlyArray<Readonly<Record<string, CsvValue>>>, columns?: readonly string[]): string {
  let header: string[];
  if (columns) {
    header = [...columns];
  } else {
    const seen = new Set<string>();
    for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
    header = [...seen];
  }
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(header.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(
  rows: ReadonlyArray<Readonly<Record<string, CsvValue>>>,
  fileName: string,
  columns?: readonly string[],
): void {
  downloadBlob(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }), sanitizeFileName(fileName, 'csv'));
}
