/**
 * The token-embedding lookup as a gather, one WebGPU kernel forward and one backward, instead of a [batch·n, V]
 * one-hot times the table (a OneHot and a matMul forward, a matMul backward). Registered for webgpu only;
 * src/lib/model/layers.ts composes the one-hot product elsewhere, which is the reference the tests compare this with.
 *
 * The backward gives each (token, feature) of the table's gradient a thread that adds up the rows of dy whose id is
 * that token, in row order: no atomics, so the gradient repeats bit for bit (tfjs's own gather gradient, an
 * UnsortedSegmentSum, adds with atomics on webgpu, in whatever order threads arrive). That walks every row once per
 * table entry, V·d·rows steps in all, which suits this app's character vocabularies; past MAX_GRADIENT_STEPS the
 * caller keeps the one-hot product.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { elementwiseProgram, kernelsOnActiveBackend, registerWebGpuKernels } from './webgpuKernelRegistry';

export const EMBEDDING_GATHER_KERNEL = 'LinformerLabEmbeddingGather';
export const EMBEDDING_GRAD_KERNEL = 'LinformerLabEmbeddingGrad';

/** V·d·rows above which the backward's walk costs more than the one-hot product it replaces saves. */
export const MAX_GRADIENT_STEPS = 2 ** 26;

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function gather(args: KernelArgs): tf.TensorInfo {
  const { table, ids } = args.inputs as { table: tf.TensorInfo; ids: tf.TensorInfo };
  const [vocabulary, width] = table.shape;
  const program = elementwiseProgram({
    shaderKey: 'linformerLabEmbeddingGather',
    variableNames: ['table', 'ids'],
    outputShape: [ids.shape[0], width],
    uniforms: 'vocabulary : i32, width : i32,',
    // An id outside the table gives a row of zeros, as its all-zero one-hot row does.
    body: `
      let id = i32(ids[index / uniforms.width]);
      var value = 0.0;
      if (id >= 0 && id < uniforms.vocabulary) { value = table[id * uniforms.width + index % uniforms.width]; }
      setOutputAtIndex(index, value);`,
  });
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, [table, ids], 'float32', [
    { type: 'int32', data: [vocabulary] },
    { type: 'int32', data: [width] },
  ]);
}

function gatherGrad(args: KernelArgs): tf.TensorInfo {
  const { ids, dy } = args.inputs as { ids: tf.TensorInfo; dy: tf.TensorInfo };
  const { vocabulary } = args.attrs as unknown as { vocabulary: number };
  const [rows, width] = dy.shape;
  const program = elementwiseProgram({
    shaderKey: 'linformerLabEmbeddingGrad',
    variableNames: ['ids', 'dy'],
    outputShape: [vocabulary, width],
    uniforms: 'rows : i32, width : i32,',
    body: `
      let token = index / uniforms.width;
      let feature = index % uniforms.width;
      var sum = 0.0;
      for (var row = 0; row < uniforms.rows; row++) {
        if (i32(ids[row]) == token) { sum += dy[row * uniforms.width + feature]; }
      }
      setOutputAtIndex(index, sum);`,
  });
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, [ids, dy], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [width] },
  ]);
}

/** Registers both kernels for webgpu (idempotent). */
export function registerFusedEmbedding(): void {
  registerWebGpuKernels([
    [EMBEDDING_GATHER_KERNEL, gather],
    [EMBEDDING_GRAD_KERNEL, gatherGrad],
  ]);
}

/** Whether the fused lookup is on the active backend and its backward is cheap enough for this size. */
export function fusedEmbeddingAvailable(rows: number, vocabulary: number, width: number): boolean {
  return rows * vocabulary * width <= MAX_GRADIENT_STEPS && kernelsOnActiveBackend(EMBEDDING_GATHER_KERNEL, EMBEDDING_GRAD_KERNEL);
}

/** table[ids] as [ids, width], differentiable in the table; ids is int32 [rows]. */
export function fusedEmbedding(ids: tf.Tensor1D, table: tf.Tensor2D): tf.Tensor2D {
  const attrs = { vocabulary: table.shape[0] };
  const lookup = tf.customGrad(((...args: [tf.Tensor, tf.GradSaveFunc]) => {
    const [weights] = args;
    const value = tf.engine().runKernel(EMBEDDING_GATHER_KERNEL, { table: weights, ids }) as tf.Tensor;
    const gradFunc = (dy: tf.Tensor) => tf.engine().runKernel(EMBEDDING_GRAD_KERNEL, { ids, dy }, attrs) as tf.Tensor;
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return lookup(table) as tf.Tensor2D;
}
