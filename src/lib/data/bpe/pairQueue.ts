/**
 * A binary max-heap of (count, pair) entries for the BPE trainer: the next merge is the pair on top.
 *
 * Counts change after every merge, and a heap cannot find an entry to update it, so the trainer pushes a fresh
 * entry whenever a pair's count changes and treats an entry whose count is no longer the pair's current count as
 * stale, dropping it when it reaches the top ("lazy deletion"). That keeps each merge at O(changes · log n)
 * instead of a scan over every pair.
 */
export class PairQueue {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];
  private readonly before: (countA: number, keyA: number, countB: number, keyB: number) => boolean;

  /**
   * `before(countA, keyA, countB, keyB)` is true when entry A must come out before entry B; it must be a strict
   * total order on distinct entries so that the order of pops, and so training, is deterministic.
   */
  constructor(before: (countA: number, keyA: number, countB: number, keyB: number) => boolean) {
    this.before = before;
  }

  get size(): number {
    return this.keys.length;
  }

  push(count: number, key: number): void {
    const { counts, keys } = this;
    let at = keys.length;
    counts.push(count);
    keys.push(key);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(count, key, counts[parent], keys[parent])) break;
      counts[at] = counts[parent];
      keys[at] = keys[parent];
      at = parent;
    }
    counts[at] = count;
    keys[at] = key;
  }

  /** Remove and return the top entry, or undefined when empty. */
  pop(): { count: number; key: number } | undefined {
    const { counts, keys } = this;
    if (keys.length === 0) return undefined;
    const top = { count: counts[0], key: keys[0] };
    const lastCount = counts.pop()!;
    const lastKey = keys.pop()!;
    const size = keys.length;
    if (size === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.before(counts[right], keys[right], counts[left], keys[left]) ? right : left;
      if (!this.before(counts[child], keys[child], lastCount, lastKey)) break;
      counts[at] = counts[child];
      keys[at] = keys[child];
      at = child;
    }
    counts[at] = lastCount;
    keys[at] = lastKey;
    return top;
  }
}
