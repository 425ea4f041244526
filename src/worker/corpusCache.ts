/**
 * Loads a corpus once per worker and keeps it encoded (lib/data/encodedCorpus.ts): every run on it shares the
 * split, the tokenizer and the ids.
 */
import { loadCorpusText, type CorpusId } from '../lib/data/corpora';
import { encodeCorpus, type EncodedCorpus } from '../lib/data/encodedCorpus';

export type PreparedCorpus = EncodedCorpus;

const cache = new Map<CorpusId, Promise<PreparedCorpus>>();

export function prepareCorpus(id: CorpusId): Promise<PreparedCorpus> {
  let prepared = cache.get(id);
  if (!prepared) {
    prepared = load(id);
    // A failed load (say, data files missing) must not be cached: the next attempt tries again.
    prepared.catch(() => cache.delete(id));
    cache.set(id, prepared);
  }
  return prepared;
}

async function load(id: CorpusId): Promise<PreparedCorpus> {
  const base = new URL(import.meta.env.BASE_URL, self.location.href);
  return encodeCorpus(id, await loadCorpusText(id, base));
}
