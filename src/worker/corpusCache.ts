/**
 * Loads a corpus once per worker and keeps it encoded (lib/data/encodedCorpus.ts) with each tokenizer asked for:
 * every run on it shares the split, the tokenizer and the ids. The BPE vocabulary is the one `npm run data` learned
 * on the same training split.
 */
import { loadBpeTokenizer, loadCorpusText, type CorpusId } from '../lib/data/corpora';
import { encodeCorpus, type EncodedCorpus } from '../lib/data/encodedCorpus';
import type { TokenizerKind } from '../lib/experiments/runSpec';

export type PreparedCorpus = EncodedCorpus;

const cache = new Map<string, Promise<PreparedCorpus>>();

export function prepareCorpus(id: CorpusId, tokenizer: TokenizerKind = 'char'): Promise<PreparedCorpus> {
  const key = `${id} ${tokenizer}`;
  let prepared = cache.get(key);
  if (!prepared) {
    prepared = load(id, tokenizer);
    // A failed load (say, data files missing) must not be cached: the next attempt tries again.
    prepared.catch(() => cache.delete(key));
    cache.set(key, prepared);
  }
  return prepared;
}

async function load(id: CorpusId, tokenizer: TokenizerKind): Promise<PreparedCorpus> {
  const base = new URL(import.meta.env.BASE_URL, self.location.href);
  const [text, bpe] = await Promise.all([loadCorpusText(id, base), tokenizer === 'bpe512' ? loadBpeTokenizer(id, base, 512) : undefined]);
  return encodeCorpus(id, text, bpe);
}
