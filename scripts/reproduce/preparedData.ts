/** The corpora as `npm run data` writes them for the app (public/data/), read from disk in Node. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bpeTokenizerFile, corpusById, type CorpusId } from '../../src/lib/data/corpora';
import { bpeTokenizerFromJson } from '../../src/lib/data/bpe/readTokenizerJson';
import type { BpeTokenizer } from '../../src/lib/data/bpe/bpeTokenizer';

const DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

function readPrepared(name: string): string {
  const file = `${DATA_DIR}${name}`;
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run data" first (npm run reproduce does).`);
  return fs.readFileSync(file, 'utf8');
}

export function readPreparedCorpus(id: CorpusId): string {
  return readPrepared(corpusById(id).file);
}

/** The BPE vocabulary of 512 that `npm run data` learned on the corpus's training split. */
export function readPreparedBpeTokenizer(id: CorpusId): BpeTokenizer {
  const name = bpeTokenizerFile(id, 512);
  return bpeTokenizerFromJson(readPrepared(name), name);
}
