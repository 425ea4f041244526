/**
 * Test-only: turns an exported figure (the text `svgToString` returns) into a stable, reviewable file for the
 * SVG snapshot tests (../chartSnapshots.dom.test.ts). It needs a DOM (jsdom) and imports nothing.
 *
 * - Generated ids (`uniqueId` in ../svgFrame.ts appends a page-wide counter: `line-clip-7`, `heatmap-hatch-12`)
 *   are renumbered per prefix in document order, and every reference to them (`url(#…)`, `href="#…"`) follows,
 *   so a figure does not depend on how many charts were created before it.
 * - Numbers with more than `decimals` decimals (or in exponent form) in attribute values are rounded, so float
 *   noise in coordinates (d3 path data, transforms, scale output) cannot change the file. Text content is
 *   left exactly as drawn.
 * - Elements that hold only elements are indented one per line, so a change shows as a readable diff. Text
 *   elements (<text>, <tspan>, <title>, <desc>, <style>) keep their content untouched.
 */

const ID_WITH_COUNTER = /^(.+)-(\d+)$/;
/** A number, unless it is part of a hex colour or a url(…) (`#3e4a89` must not read as 3e4). */
const NUMBER_OUTSIDE_WORDS = /#[0-9a-f]+|url\([^)]*\)|(-?(?:\d+\.\d+|\.\d+|\d+)(?:e[-+]?\d+)?)/gi;
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc', 'style', 'textPath']);
/** Attributes whose values are words, not geometry. */
const VERBATIM_ATTRIBUTE = /^(id|class|aria-.*|role|data-.*|font-family|xmlns(:.*)?)$/;

export interface NormaliseOptions {
  /** Decimals kept in attribute numbers (default 3). */
  decimals?: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function roundNumbers(value: string, decimals: number): string {
  return value.replace(NUMBER_OUTSIDE_WORDS, (match, number?: string) => {
    if (number === undefined) return match;
    const fraction = /\.(\d+)/.exec(match)?.[1] ?? '';
    if (fraction.length <= decimals && !/e/i.test(match)) return match;
    const rounded = Number(Number(match).toFixed(decimals));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
}

/** Gives each counter-suffixed id `prefix-1`, `prefix-2`, … in document order and rewrites references to it. */
function renumberIds(root: Element): void {
  const renames = new Map<string, string>();
  const perPrefix = new Map<string, number>();
  for (const el of Array.from(root.querySelectorAll('[id]'))) {
    const id = el.getAttribute('id') ?? '';
    const match = ID_WITH_COUNTER.exec(id);
    if (!match || renames.has(id)) continue;
    const prefix = match[1];
    const n = (perPrefix.get(prefix) ?? 0) + 1;
    perPrefix.set(prefix, n);
    renames.set(id, `${prefix}-${n}`);
  }
  if (renames.size === 0) return;
  // A reference is `#id` not followed by more of an id; longest ids first so `x-12` is not read as `x-1`.
  const ids = Array.from(renames.keys()).sort((a, b) => b.length - a.length);
  const reference = new RegExp(`#(${ids.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name === 'id') {
        const renamed = renames.get(attr.value);
        if (renamed) el.setAttribute('id', renamed);
      } else if (attr.value.includes('#')) {
        el.setAttributeNS(
          attr.namespaceURI,
          attr.name,
          attr.value.replace(reference, (_m, id: string) => `#${renames.get(id)}`),
        );
      }
    }
  }
}

function roundAttributes(root: Element, decimals: number): void {
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (VERBATIM_ATTRIBUTE.test(attr.name)) continue;
      const rounded = roundNumbers(attr.value, decimals);
      if (rounded !== attr.value) el.setAttributeNS(attr.namespaceURI, attr.name, rounded);
    }
  }
}

/** Puts each child element of a pure container on its own line, indented two spaces per level. */
function indent(el: Element, depth: number): void {
  if (TEXT_ELEMENTS.has(el.localName)) return;
  const nodes = Array.from(el.childNodes);
  const hasText = nodes.some((n) => n.nodeType === n.TEXT_NODE && (n.textContent ?? '').trim() !== '');
  if (hasText) return;
  const children = Array.from(el.children);
  for (const node of nodes) if (node.nodeType === node.TEXT_NODE) node.remove();
  if (children.length === 0) return;
  const doc = el.ownerDocument;
  for (const child of children) {
    el.insertBefore(doc.createTextNode(`\n${'  '.repeat(depth + 1)}`), child);
    indent(child, depth + 1);
  }
  el.append(doc.createTextNode(`\n${'  '.repeat(depth)}`));
}

/** The stable file text of an exported figure (see the module comment). */
export function normaliseSvg(svgText: string, options: NormaliseOptions = {}): string {
  const decimals = options.decimals ?? 3;
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = doc.documentElement;
  const error = root.localName === 'parsererror' ? root : root.querySelector('parsererror');
  if (error) throw new Error(`not well-formed SVG: ${error.textContent ?? ''}`);
  renumberIds(root);
  roundAttributes(root, decimals);
  indent(root, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}
