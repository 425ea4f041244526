import { afterEach, describe, expect, it, vi } from 'vitest';
import { CORPORA, SOTU_VALIDATION_FROM_YEAR, corpusById, loadCorpusText, splitCorpus, splitForCorpus } from './corpora';
import { sotuSections, sotuSeparatorLine, splitSotuByYear } from './sotuSections';
import { readMobyDick } from './testing/realCorpora';

/** Text of `count` blocks of 8 characters, each naming its index: `[000042]`. */
function labelledBlocks(count: number): string {
  return Array.from({ length: count }, (_, i) => `[${String(i).padStart(6, '0')}]`).join('');
}

function labels(text: string): number[] {
  return (text.match(/\[\d{6}\]/g) ?? []).map((label) => Number(label.slice(1, 7)));
}

describe('splitCorpus', () => {
  it('holds out whole blocks: the two sides are disjoint, cover the text and keep its order', () => {
    const text = labelledBlocks(500);
    const { train, validation } = splitCorpus(text, { seed: 11, validationFraction: 0.1, blockSize: 8 });
    const trainLabels = labels(train);
    const validationLabels = labels(validation);
    // Every block whole (nothing left over once the labels are removed) and on exactly one side.
    expect(train.replace(/\[\d{6}\]/g, '')).toBe('');
    expect(validation.replace(/\[\d{6}\]/g, '')).toBe('');
    expect(validationLabels.length).toBe(50);
    expect([...trainLabels, ...validationLabels].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 500 }, (_, i) => i),
    );
    for (const side of [trainLabels, validationLabels])
      side.forEach((label, i) => i > 0 && expect(label).toBeGreaterThan(side[i - 1]));
  });

  it('splits Moby-Dick reproducibly, with the requested fraction of real running text', () => {
    const text = readMobyDick();
    const options = { seed: 5, validationFraction: 0.1, blockSize: 4096 };
    const split = splitCorpus(text, options);
    expect(split.train.length + split.validation.length).toBe(text.length);
    expect(Math.abs(split.validation.length / text.length - 0.1)).toBeLessThanOrEqual(options.blockSize / text.length);
    expect(text.includes(split.validation.slice(0, options.blockSize))).toBe(true);
    expect(splitCorpus(text, options)).toEqual(split);
    expect(splitCorpus(text, { ...options, seed: 6 }).validation).not.toBe(split.validation);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = '\u{1F40B}a'.repeat(300);
    const { train, validation } = splitCorpus(text, { seed: 1, validationFraction: 0.3, blockSize: 7 });
    const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    expect(loneSurrogate.test(train)).toBe(false);
    expect(loneSurrogate.test(validation)).toBe(false);
    expect(train.length + validation.length).toBe(text.length);
  });

  it('rejects fractions outside (0, 1) and texts too short to split', () => {
    expect(() => splitCorpus('abcdef', { seed: 1, validationFraction: 1, blockSize: 2 })).toThrow(/validationFraction/);
    expect(() => splitCorpus('abc', { seed: 1, validationFraction: 0.5, blockSize: 10 })).toThrow(/two blocks/);
  });
});

describe('sotu sections', () => {
  const corpus = [
    `${sotuSeparatorLine(2011, 'Barack Obama')}\nFirst address.\n`,
    `${sotuSeparatorLine(2012, 'Barack Obama')}\nSecond address.\n`,
    `${sotuSeparatorLine(2013, 'Barack Obama')}\nThird address.\n`,
  ].join('\n');

  it('finds each address with its year and president', () => {
    const sections = sotuSections(corpus);
    expect(sections.map((s) => [s.year, s.president])).toEqual([
      [2011, 'Barack Obama'],
      [2012, 'Barack Obama'],
      [2013, 'Barack Obama'],
    ]);
    expect(sections.map((s) => s.text).join('')).toBe(corpus);
  });

  it('holds out the years from the cut-off on', () => {
    const { train, validation } = splitSotuByYear(corpus, 2012);
    expect(train + validation).toBe(corpus);
    expect(sotuSections(validation).map((s) => s.year)).toEqual([2012, 2013]);
    expect(() => splitSotuByYear(corpus, 2020)).toThrow(/2011–2013/);
    expect(() => splitSotuByYear('no separators', 2000)).toThrow(/separator/);
  });

  it('is the rule splitForCorpus applies to sotu; Moby-Dick gets seeded blocks', () => {
    const early = corpus
      .replaceAll('2011', String(SOTU_VALIDATION_FROM_YEAR - 2))
      .replaceAll('2012', String(SOTU_VALIDATION_FROM_YEAR - 1));
    const late = early.replaceAll('2013', String(SOTU_VALIDATION_FROM_YEAR));
    const options = { seed: 1, validationFraction: 0.5, blockSize: 8 };
    expect(sotuSections(splitForCorpus('sotu', late, options).validation)).toHaveLength(1);
    expect(splitForCorpus('moby-dick', labelledBlocks(10), options)).toEqual(splitCorpus(labelledBlocks(10), options));
  });
});

describe('loadCorpusText', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches data/<file> relative to the base URL', async () => {
    const fetchMock = vi.fn(
      async () => new Response('Call me Ishmael.', { headers: { 'content-type': 'text/plain' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    await expect(loadCorpusText('moby-dick', 'https://lab.example/app/')).resolves.toBe('Call me Ishmael.');
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe('https://lab.example/app/data/moby-dick.txt');
  });

  it('tells the user to run `npm run data` when the file is missing', async () => {
    vi.stubGlobal('fetch', async () => new Response('not found', { status: 404, statusText: 'Not Found' }));
    await expect(loadCorpusText('sotu', 'https://lab.example/')).rejects.toThrow(/404.*npm run data/);
    // A dev server's SPA fallback answers unknown paths with index.html and status 200.
    vi.stubGlobal('fetch', async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    await expect(loadCorpusText('sotu', 'https://lab.example/')).rejects.toThrow(/HTML page.*npm run data/);
  });
});

describe('CORPORA', () => {
  it('describes each corpus once, by id', () => {
    expect(CORPORA.map((c) => c.id)).toEqual(['moby-dick', 'sotu']);
    expect(corpusById('sotu').file).toBe('sotu.txt');
    expect(() => corpusById('imdb' as never)).toThrow(/Unknown corpus/);
  });
});
