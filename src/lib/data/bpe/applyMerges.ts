/**
 * Applying ranked merges to one piece of text, as BPE encoding does: start from single characters and, while
 * any adjacent pair has a merge, join the pair whose merge has the lowest rank (the one learned first); among
 * equal ranks (the same pair at several places) the leftmost goes first.
 *
 * That is exactly what @huggingface/tokenizers does with its priority queue (score = rank + position / length),
 * so both give the same tokens. It is also what training saw, because the trainer learned each merge on words
 * already rewritten by all the merges before it.
 *
 * This scans the piece for the best pair after each merge, O(length²) per piece — cheap for words, and the
 * tokenizer caches each distinct piece, so a million characters of prose cost only their few thousand words.
 */

/** Ranked merges keyed by packed id pair; see `pairKey`. */
export interface MergeTable {
  /** pairKey(left, right) → rank. */
  readonly rankOf: ReadonlyMap<number, number>;
  /** The id of the token merge `rank` makes. */
  readonly mergedId: Int32Array;
}

/** One number per ordered pair of ids below 2^16 (see MAX_BPE_VOCAB_SIZE). */
export function pairKey(left: number, right: number): number {
  return left * 65536 + right;
}

/** The merge table for ranked merges given as [left id, right id, merged id]. */
export function buildMergeTable(merges: ReadonlyArray<readonly [number, number, number]>): MergeTable {
  const rankOf = new Map<number, number>();
  const mergedId = new Int32Array(merges.length);
  merges.forEach(([left, right, merged], rank) => {
    // checkVocabulary rejects a pair listed twice (readers disagree on which rank it would have).
    rankOf.set(pairKey(left, right), rank);
    mergedId[rank] = merged;
  });
  return { rankOf, mergedId };
}

/** Merge `symbols` (ids, modified in place and returned shortened) by the table's ranks. */
export function applyMerges(symbols: number[], table: MergeTable): number[] {
  const { rankOf, mergedId } = table;
  while (symbols.length > 1) {
    let bestRank = Infinity;
    let bestAt = -1;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const rank = rankOf.get(pairKey(symbols[i], symbols[i + 1]));
      // Strictly lower: the leftmost of equal ranks wins.
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        bestAt = i;
      }
    }
    if (bestAt < 0) break;
    symbols.splice(bestAt, 2, mergedId[bestRank]);
  }
  return symbols;
}
