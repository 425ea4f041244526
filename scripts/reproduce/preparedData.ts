/** The corpora as `npm run data` writes them for the app (public/data/), read from disk in Node. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corpusById, type CorpusId } from '../../src/lib/data/corpora';

const DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

export function readPreparedCorpus(id: CorpusId): string {
  const file = `${DATA_DIR}${corpusById(id).file}`;
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run data" first (npm run reproduce does).`);
  return fs.readFileSync(file, 'utf8');
}
