/**
 * Seeded, stratified train/dev splits: each class is shuffled on its own and its last `devFraction` goes to
 * dev, so both splits keep the set's class balance and the same seed always gives the same split.
 */
import { createRng, shuffleInPlace } from '../random';

export interface ClassificationSplit {
  train: number[];
  dev: number[];
}

/** The split is part of the experiment's definition, not of a run, so it has its own fixed seed. */
export const DEFAULT_SPLIT = { devFraction: 0.2, seed: 2020 };

export function splitClassification(
  labels: readonly number[],
  devFraction = DEFAULT_SPLIT.devFraction,
  seed = DEFAULT_SPLIT.seed,
): ClassificationSplit {
  if (!(devFraction > 0 && devFraction < 1))
    throw new Error(`The dev fraction must be between 0 and 1 (got ${devFraction}).`);
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, index) => {
    const members = byClass.get(label) ?? [];
    members.push(index);
    byClass.set(label, members);
  });
  const train: number[] = [];
  const dev: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(byClass.get(label)!, rng);
    const devCount = Math.round(members.length * devFraction);
    train.push(...members.slice(0, members.length - devCount));
    dev.push(...members.slice(members.length - devCount));
  }
  // Sorted so a split reads as "which examples", not in an order that depends on the class loop.
  return { train: train.sort((a, b) => a - b), dev: dev.sort((a, b) => a - b) };
}
