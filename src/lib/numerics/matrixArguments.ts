/**
 * Argument checks shared by the numerics entry points. Bad shapes are programming errors, so they throw
 * at once with a message that names the argument, instead of producing a silently wrong spectrum.
 */

export type RealArray = Float64Array | Float32Array;

/** Throws unless `value` is a whole number ≥ 1. */
export function assertPositiveSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number (got ${value}).`);
  }
}

/** Throws unless `data` holds exactly rows·cols finite numbers. */
export function assertMatrix(data: RealArray, rows: number, cols: number): void {
  assertPositiveSize('rows', rows);
  assertPositiveSize('cols', cols);
  if (data.length !== rows * cols) {
    throw new Error(`A ${rows}×${cols} matrix needs ${rows * cols} entries, but the data has ${data.length}.`);
  }
  assertFinite(data);
}

/** Throws unless `data` holds exactly n·n finite numbers. */
export function assertSquareMatrix(data: RealArray, n: number): void {
  assertPositiveSize('n', n);
  if (data.length !== n * n) {
    throw new Error(`An ${n}×${n} matrix needs ${n * n} entries, but the data has ${data.length}.`);
  }
  assertFinite(data);
}

/** NaN or ±Infinity would poison every singular value through the Gram product, so refuse them up front. */
function assertFinite(data: RealArray): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new Error(`The matrix has a non-finite entry (${data[i]}) at flat index ${i}.`);
    }
  }
}
