/** Classification scores, on plain arrays (no tensors), so they are easy to check by hand. */

/** The index of the largest value in each row of a [rows, classes] row-major array (first on ties). */
export function argmaxRows(values: ArrayLike<number>, classes: number): Int32Array {
  if (!Number.isInteger(classes) || classes < 1 || values.length % classes !== 0) {
    throw new Error(`${values.length} values do not make rows of ${classes} classes.`);
  }
  const rows = values.length / classes;
  const result = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (values[row * classes + c] > values[row * classes + best]) best = c;
    result[row] = best;
  }
  return result;
}

/** The fraction of predictions equal to their label. */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predictions.length !== labels.length)
    throw new Error(`${predictions.length} predictions for ${labels.length} labels.`);
  if (labels.length === 0) throw new Error('Accuracy of no examples is undefined.');
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}

/**
 * The majority-class baseline: always answer the class most frequent in the training labels (the smallest
 * such label on ties), scored on the dev labels. A classifier that does not beat this has learned nothing.
 */
export function majorityBaseline(
  trainLabels: ArrayLike<number>,
  devLabels: ArrayLike<number>,
): { label: number; accuracy: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < trainLabels.length; i++) counts.set(trainLabels[i], (counts.get(trainLabels[i]) ?? 0) + 1);
  if (counts.size === 0) throw new Error('The majority baseline needs training labels.');
  let label = Infinity;
  let best = -1;
  for (const [candidate, count] of counts) {
    if (count > best || (count === best && candidate < label)) {
      label = candidate;
      best = count;
    }
  }
  return { label, accuracy: accuracy(new Int32Array(devLabels.length).fill(label), devLabels) };
}
