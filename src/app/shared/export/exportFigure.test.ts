import { describe, expect, it } from 'vitest';
import { resolveCssVariables, sanitizeFileName, toCsv } from './exportFigure';

/** A small RFC 4180 reader, written independently of toCsv, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows with columns in order of first appearance', () => {
    const csv = toCsv([
      { n: 512, model: 'standard' },
      { n: 1024, model: 'linformer', k: 128 },
    ]);
    expect(csv).toBe('n,model,k\r\n512,standard,\r\n1024,linformer,128\r\n');
  });

  it('quotes fields with commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    const csv = toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines', d: ' padded', e: 'plain' }]);
    expect(csv.split('\r\n')[1]).toBe('"x,y","say ""hi""","two\nlines"," padded",plain');
  });

  it('respects an explicit column list, leaving missing and null values empty', () => {
    const csv = toCsv([{ a: 1, b: null, c: 3 }], ['c', 'missing', 'b', 'a']);
    expect(csv).toBe('c,missing,b,a\r\n3,,,1\r\n');
  });

  it('round-trips awkward text and doubles at full precision through an independent reader', () => {
    const values = [0.1 + 0.2, Math.PI, 1e-300, -123456789.12345679, 2 ** 53 + 2, 5e-324, -0, 1 / 3];
    const rows = values.map((v, i) => ({ id: `row "${i}", ok\r\n`, value: v }));
    const parsed = parseCsv(toCsv(rows));
    expect(parsed[0]).toEqual(['id', 'value']);
    parsed.slice(1).forEach(([id, text], i) => {
      expect(id).toBe(rows[i].id);
      expect(Object.is(Number(text), values[i])).toBe(true);
    });
  });

  it('writes non-finite numbers so that Number() reads them back', () => {
    const parsed = parseCsv(toCsv([{ v: NaN }, { v: Infinity }, { v: -Infinity }]));
    expect(parsed.slice(1).map(([t]) => Number(t))).toEqual([NaN, Infinity, -Infinity]);
  });

  it('prefixes text that a spreadsheet would run as a formula with a single quote, and reads it back as that text', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+SUM(A1)', '-2+3', '@cmd', '\tlead', '\rlead', '\u2212A1', '=1,2'];
    const parsed = parseCsv(toCsv(hostile.map((text) => ({ text }))));
    expect(parsed.slice(1).map(([cell]) => cell)).toEqual(hostile.map((text) => `'${text}`));
  });

  it('leaves numbers, numeric text and text starting elsewhere untouched', () => {
    const csv = toCsv([{ a: -0.5, b: '-0.5', c: '+3', d: '1e-4', e: 'a=b', f: 'linformer k=8', g: -Infinity }]);
    expect(csv.split('\r\n')[1]).toBe('-0.5,-0.5,+3,1e-4,a=b,linformer k=8,-Infinity');
  });

  it('gives just the header for no rows', () => {
    expect(toCsv([], ['a', 'b'])).toBe('a,b\r\n');
  });
});

describe('sanitizeFileName', () => {
  it('replaces unsafe characters and whitespace with single dashes and adds the extension', () => {
    expect(sanitizeFileName('Perplexity vs updates: n=512/k=128', 'svg')).toBe('Perplexity-vs-updates-n=512-k=128.svg');
    expect(sanitizeFileName('a  <b>|c?*', 'png')).toBe('a-b-c.png');
  });

  it('does not double an extension already present, and trims dots and dashes at the ends', () => {
    expect(sanitizeFileName('speedup.CSV', 'csv')).toBe('speedup.csv');
    expect(sanitizeFileName('...hidden...', 'svg')).toBe('hidden.svg');
  });

  it('falls back to a default name and guards reserved device names', () => {
    expect(sanitizeFileName('///', '.svg')).toBe('figure.svg');
    expect(sanitizeFileName('CON', 'csv')).toBe('_CON.csv');
  });

  it('gives tidy names from figure and run labels: no "#", brackets or commas, no doubled dashes', () => {
    expect(sanitizeFileName('spectra-heatmap-i32-#2 trained linformer (k = 32), n = 128, 2×2', 'svg')).toBe(
      'spectra-heatmap-i32-2-trained-linformer-k=32-n=128-2x2.svg',
    );
    expect(sanitizeFileName('linformer-run linformer k=8/8, n=32, seed 1 2026-12-01T15:07:33', 'json')).toBe(
      'linformer-run-linformer-k=8-8-n=32-seed-1-2026-12-01T15-07-33.json',
    );
    expect(sanitizeFileName('Speed-up — reference: V100, larger model', 'png')).toBe(
      'Speed-up-reference-V100-larger-model.png',
    );
    expect(sanitizeFileName('lr 0.005 -- run . 2', 'csv')).toBe('lr-0.005-run-2.csv');
    expect(sanitizeFileName('σ spectra ², i', 'csv')).toBe('σ-spectra-2-i.csv');
  });

  it('caps the length', () => {
    expect(sanitizeFileName('x'.repeat(500), 'svg')).toBe(`${'x'.repeat(120)}.svg`);
  });
});

describe('resolveCssVariables', () => {
  const vars: Record<string, string> = { '--fg': '#111111', '--series-1': ' rgb(1, 2, 3) ' };
  const lookup = (name: string) => vars[name];

  it('substitutes known variables and trims their values', () => {
    expect(resolveCssVariables('var(--fg)', lookup)).toBe('#111111');
    expect(resolveCssVariables('var(--series-1, #ff0000)', lookup)).toBe('rgb(1, 2, 3)');
  });

  it('uses fallbacks, including nested var() and functional colours', () => {
    expect(resolveCssVariables('var(--nope, rgb(4, 5, 6))', lookup)).toBe('rgb(4, 5, 6)');
    expect(resolveCssVariables('var(--nope, var(--fg, #000))', lookup)).toBe('#111111');
    expect(resolveCssVariables('var(--nope, var(--also-nope, #abcdef))', lookup)).toBe('#abcdef');
  });

  it('resolves every reference in a declaration list and leaves other text alone', () => {
    expect(resolveCssVariables('fill: var(--fg); stroke: var(--x, none); stroke-width: 2px', lookup)).toBe(
      'fill: #111111; stroke: none; stroke-width: 2px',
    );
  });
});
