/**
 * webgpu Sum over leading axes as one kernel. tfjs 4.22 reduces only over the last axis, so a sum over the leading
 * ones — every bias gradient (Σ over the batch·n rows), the position embeddings' (Σ over the batch) — is a Transpose
 * into a new buffer and then a reduction that gives each output element a workgroup of its own, even when it adds up
 * only a handful of numbers (the position embeddings' [4, 128, 64] over 4 rows: 8,192 workgroups). Here one thread
 * per output element adds its column over the rows in a fixed order, so the result repeats bit for bit; the input is
 * read in place, since a sum over leading axes is a sum over the rows of the input seen as [rows, cols].
 *
 * The replacement handles float32 sums whose reduced axes are exactly the leading ones and leave at least
 * MIN_COLUMNS outputs, with at most MAX_ROWS rows (a thread walks its whole column); every other Sum goes to tfjs's
 * own kernel. Installed into tfjs's registry, so tfjs's gradients (the fused matMul's bias gradient) use it too.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { replaceKernel, type KernelArgs, type KernelFunc } from './replaceKernel';
import { linearProgram } from './webgpuKernelRegistry';

/** Below this many outputs a column walk has too few threads to fill a GPU: tfjs's reduction is better there. */
export const MIN_COLUMNS = 32;
/** Past this many rows one thread's serial walk gets long: tfjs's reduction is better there. */
export const MAX_ROWS = 65_536;

let installed = false;

/** Replaces webgpu's Sum with the column walk for leading-axis sums (idempotent; nothing without webgpu). */
export function installLeadingAxesSum(): void {
  if (!installed) installed = replaceKernel('Sum', 'webgpu', leadingAxesSum);
}

/** Σ over the rows of x seen as [rows, cols], into `outputShape` (cols elements); runs on webgpu. */
export function runColumnSum(backend: WebGPUBackend, x: tf.TensorInfo, rows: number, cols: number, outputShape: number[]): tf.TensorInfo {
  const program = linearProgram({
    shaderKey: 'linformerLabColumnSum',
    variableNames: ['x'],
    outputShape,
    threads: cols,
    uniforms: 'rows : i32, cols : i32,',
    code: `
      fn main(column : i32) {
        if (column < uniforms.cols) {
          var sum = 0.0;
          for (var row = 0; row < uniforms.rows; row++) { sum += x[row * uniforms.cols + column]; }
          setOutputAtIndex(column, sum);
        }
      }`,
  });
  return backend.runWebGPUProgram(program, [x], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
  ]);
}

/** How many leading axes `axis` reduces, or 0 when it is not exactly a prefix of the shape. */
export function leadingAxesReduced(axis: number | number[], rank: number): number {
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

function leadingAxesSum(original: KernelFunc): KernelFunc {
  return ((args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    const reduced = x.dtype === 'float32' ? leadingAxesReduced(axis, x.shape.length) : 0;
    const rows = x.shape.slice(0, reduced).reduce((product, d) => product * d, 1);
    const kept = x.shape.slice(reduced);
    const cols = kept.reduce((product, d) => product * d, 1);
    if (reduced === 0 || reduced === x.shape.length || cols < MIN_COLUMNS || rows > MAX_ROWS) return original(args);
    const outputShape = keepDims ? [...new Array(reduced).fill(1), ...kept] : kept;
    return runColumnSum(args.backend as WebGPUBackend, x, rows, cols, outputShape);
  }) as KernelFunc;
}
