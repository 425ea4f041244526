/**
 * The smaller Gram matrix of a real matrix: A·Aᵀ when A is wide or square, Aᵀ·A when it is tall. Its
 * eigenvalues are the squared singular values of A, and its size is min(rows, cols), which is what makes
 * the Gram route to singular values cheap.
 */

import { assertMatrix, type RealArray } from './matrixArguments';

/**
 * The min(rows, cols) "short side" vectors of A as the rows of a new float64 matrix, divided by the
 * largest |entry| of A. The division keeps every Gram entry ≤ the vector length, so the product can
 * neither overflow nor lose the small entries to underflow, whatever the magnitude of A; callers undo it
 * with `scale`.
 */
export interface ShortSideRows {
  /** n×length, row-major: rows of A (wide/square) or columns of A (tall), each divided by `scale`. */
  vectors: Float64Array;
  /** min(rows, cols): the number of vectors and the size of the Gram matrix. */
  n: number;
  /** max(rows, cols): the length of each vector. */
  length: number;
  /** max |a_ij|, or 0 for the zero matrix (then `vectors` is all zeros). */
  scale: number;
}

/** Expects a validated matrix (see assertMatrix). */
export function shortSideRows(data: RealArray, rows: number, cols: number): ShortSideRows {
  let scale = 0;
  for (let i = 0; i < data.length; i++) {
    const magnitude = Math.abs(data[i]);
    if (magnitude > scale) scale = magnitude;
  }
  const inverse = scale > 0 ? 1 / scale : 0;
  const vectors = new Float64Array(rows * cols);
  if (rows <= cols) {
    for (let i = 0; i < vectors.length; i++) vectors[i] = data[i] * inverse;
    return { vectors, n: rows, length: cols, scale };
  }
  // Tall: store the columns of A as rows, so the Gram product below reads contiguous memory.
  for (let i = 0; i < rows; i++) {
    const source = i * cols;
    for (let j = 0; j < cols; j++) vectors[j * rows + i] = data[source + j] * inverse;
  }
  return { vectors, n: cols, length: rows, scale };
}

/**
 * G = V·Vᵀ for V = n×length (row-major), written only on and above the diagonal of an n×n row-major
 * result (the lower triangle is left zero): the symmetric eigenvalue code reads only the upper triangle.
 * Entries are dot products of contiguous rows. Most are computed as 2×4 tiles (two rows against four):
 * each loaded number then feeds two to four multiply-adds, and the eight running sums are independent,
 * so the additions do not queue behind each other. This runs about 1.3× faster than 2×2 tiles here.
 */
export function upperGramOfRows(vectors: Float64Array, n: number, length: number): Float64Array {
  const gram = new Float64Array(n * n);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const rowI0 = i * length;
    const rowI1 = rowI0 + length;
    let j = i;
    for (; j + 3 < n; j += 4) {
      const rowJ0 = j * length;
      const rowJ1 = rowJ0 + length;
      const rowJ2 = rowJ1 + length;
      const rowJ3 = rowJ2 + length;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < length; k++) {
        const a0 = vectors[rowI0 + k];
        const a1 = vectors[rowI1 + k];
        const b0 = vectors[rowJ0 + k];
        const b1 = vectors[rowJ1 + k];
        const b2 = vectors[rowJ2 + k];
        const b3 = vectors[rowJ3 + k];
        s00 += a0 * b0;
        s01 += a0 * b1;
        s02 += a0 * b2;
        s03 += a0 * b3;
        s10 += a1 * b0;
        s11 += a1 * b1;
        s12 += a1 * b2;
        s13 += a1 * b3;
      }
      const out0 = i * n + j;
      const out1 = out0 + n;
      gram[out0] = s00;
      gram[out0 + 1] = s01;
      gram[out0 + 2] = s02;
      gram[out0 + 3] = s03;
      // When j === i the entry (i + 1, i) lies below the diagonal: not needed.
      if (j > i) gram[out1] = s10;
      gram[out1 + 1] = s11;
      gram[out1 + 2] = s12;
      gram[out1 + 3] = s13;
    }
    // The last (up to three) columns for this pair of rows.
    for (; j < n; j++) {
      gram[i * n + j] = dot(vectors, rowI0, j * length, length);
      if (j > i) gram[(i + 1) * n + j] = dot(vectors, rowI1, j * length, length);
    }
  }
  if (i < n) {
    // Odd n: the last diagonal entry.
    gram[i * n + i] = dot(vectors, i * length, i * length, length);
  }
  return gram;
}

function dot(vectors: Float64Array, rowA: number, rowB: number, length: number): number {
  let sum = 0;
  for (let k = 0; k < length; k++) sum += vectors[rowA + k] * vectors[rowB + k];
  return sum;
}

/**
 * The smaller Gram matrix of the row-major rows×cols matrix `data`, as a full symmetric n×n float64
 * matrix with n = min(rows, cols): A·Aᵀ if rows ≤ cols, else Aᵀ·A.
 */
export function gramMatrix(data: RealArray, rows: number, cols: number): Float64Array {
  assertMatrix(data, rows, cols);
  const { vectors, n, length, scale } = shortSideRows(data, rows, cols);
  const gram = upperGramOfRows(vectors, n, length);
  const scaleSquared = scale * scale;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = gram[i * n + j] * scaleSquared;
      gram[i * n + j] = value;
      gram[j * n + i] = value;
    }
  }
  return gram;
}
