/**
 * Layer normalisation as five WebGPU kernels (one forward, four backward) instead of the ~30 that tfjs composes
 * from moments and elementwise ops, registered for the webgpu backend only; src/lib/model/layers.ts uses them where
 * they are registered and composes tfjs ops elsewhere, which is also the reference the tests compare them with.
 *
 * On rows x of width d: μ = mean(x), σ² = mean((x − μ)²) (biased, as tf.moments), r = 1/√(σ² + ε),
 * x̂ = (x − μ)·r, y = x̂·γ + β. Backward, with g = dy·γ:
 *   dx = r·(g − mean(g) − x̂·mean(g·x̂)),   dγ = Σ_rows dy·x̂,   dβ = Σ_rows dy.
 * Nothing is saved between the passes but x itself: the input-gradient kernel recomputes μ and r from x (a few
 * passes over a row; d is at most a few hundred here), and one small kernel writes them per row for the gain's
 * column sums, which would otherwise recompute every row's statistics once per column.
 *
 * The row kernels give one thread a whole row, the column kernels one thread a whole column: the activations here
 * are a few thousand rows of at most a few hundred features, so this already fills a GPU's queue, and the sums run
 * in a fixed order, so results repeat bit for bit.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { runColumnSum } from './fusedColumnSum';
import { kernelsOnActiveBackend, linearProgram, registerWebGpuKernels } from './webgpuKernelRegistry';

export const LAYER_NORM_KERNEL = 'LinformerLabLayerNorm';
export const LAYER_NORM_INPUT_GRAD_KERNEL = 'LinformerLabLayerNormInputGrad';
export const LAYER_NORM_STATISTICS_KERNEL = 'LinformerLabLayerNormStatistics';
export const LAYER_NORM_GAIN_GRAD_KERNEL = 'LinformerLabLayerNormGainGrad';
export const LAYER_NORM_BIAS_GRAD_KERNEL = 'LinformerLabLayerNormBiasGrad';


/** WGSL: μ and r of row `row` of x (width uniforms.cols), in a fixed order. */
const ROW_STATISTICS = `
  fn rowStatistics(row : i32) -> vec2<f32> {
    let start = row * uniforms.cols;
    var sum = 0.0;
    for (var c = 0; c < uniforms.cols; c++) { sum += x[start + c]; }
    let mean = sum / f32(uniforms.cols);
    var squares = 0.0;
    for (var c = 0; c < uniforms.cols; c++) { let centred = x[start + c] - mean; squares += centred * centred; }
    return vec2<f32>(mean, inverseSqrt(squares / f32(uniforms.cols) + uniforms.epsilon));
  }`;

/** A program with one thread per row (or per column) of a [rows, cols] problem; the output shape is its own. */
function program(shaderKey: string, variableNames: string[], outputShape: number[], threads: number, code: string): WebGPUProgram {
  return linearProgram({ shaderKey, variableNames, outputShape, threads, code, uniforms: 'rows : i32, cols : i32, epsilon : f32,' });
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function run(args: KernelArgs, built: WebGPUProgram, inputs: tf.TensorInfo[], rows: number, cols: number): tf.TensorInfo {
  const { epsilon } = args.attrs as unknown as { epsilon: number };
  const uniforms = [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
    { type: 'float32', data: [epsilon] },
  ];
  return (args.backend as WebGPUBackend).runWebGPUProgram(built, inputs, 'float32', uniforms);
}

/** WGSL for a kernel with one thread per row: `body` sees the row's `statistics` (μ, r) and its `start` offset. */
const perRow = (body: string) => `${ROW_STATISTICS}
    fn main(row : i32) {
      if (row < uniforms.rows) {
        let statistics = rowStatistics(row);
        let start = row * uniforms.cols;
        ${body}
      }
    }`;

function layerNormForward(args: KernelArgs): tf.TensorInfo {
  const { x, gain, bias } = args.inputs as Record<'x' | 'gain' | 'bias', tf.TensorInfo>;
  const [rows, cols] = x.shape;
  const code = perRow(`
        for (var c = 0; c < uniforms.cols; c++) {
          setOutputAtIndex(start + c, (x[start + c] - statistics.x) * statistics.y * gain[c] + bias[c]);
        }`);
  return run(args, program('linformerLabLayerNorm', ['x', 'gain', 'bias'], [rows, cols], rows, code), [x, gain, bias], rows, cols);
}

function layerNormInputGrad(args: KernelArgs): tf.TensorInfo {
  const { x, gain, dy } = args.inputs as Record<'x' | 'gain' | 'dy', tf.TensorInfo>;
  const [rows, cols] = x.shape;
  const code = perRow(`
        var sumG = 0.0;
        var sumGX = 0.0;
        for (var c = 0; c < uniforms.cols; c++) {
          let g = dy[start + c] * gain[c];
          sumG += g;
          sumGX += g * (x[start + c] - statistics.x) * statistics.y;
        }
        let meanG = sumG / f32(uniforms.cols);
        let meanGX = sumGX / f32(uniforms.cols);
        for (var c = 0; c < uniforms.cols; c++) {
          let normalised = (x[start + c] - statistics.x) * statistics.y;
          setOutputAtIndex(start + c, statistics.y * (dy[start + c] * gain[c] - meanG - normalised * meanGX));
        }`);
  return run(args, program('linformerLabLayerNormInputGrad', ['x', 'gain', 'dy'], [rows, cols], rows, code), [x, gain, dy], rows, cols);
}

/** μ and r of every row, as [rows, 2]. */
function layerNormStatistics(args: KernelArgs): tf.TensorInfo {
  const { x } = args.inputs as Record<'x', tf.TensorInfo>;
  const [rows, cols] = x.shape;
  const code = perRow(`
        setOutputAtIndex(2 * row, statistics.x);
        setOutputAtIndex(2 * row + 1, statistics.y);`);
  return run(args, program('linformerLabLayerNormStatistics', ['x'], [rows, 2], rows, code), [x], rows, cols);
}

/** dγ = Σ_rows dy·x̂, one thread per column, with each row's μ and r read from `statistics`. */
function layerNormGainGrad(args: KernelArgs): tf.TensorInfo {
  const { x, dy, statistics } = args.inputs as Record<'x' | 'dy' | 'statistics', tf.TensorInfo>;
  const [rows, cols] = x.shape;
  const code = `
    fn main(column : i32) {
      if (column < uniforms.cols) {
        var sum = 0.0;
        for (var row = 0; row < uniforms.rows; row++) {
          let at = row * uniforms.cols + column;
          sum += dy[at] * (x[at] - statistics[2 * row]) * statistics[2 * row + 1];
        }
        setOutputAtIndex(column, sum);
      }
    }`;
  return run(args, program('linformerLabLayerNormGainGrad', ['x', 'dy', 'statistics'], [cols], cols, code), [x, dy, statistics], rows, cols);
}

/** dβ = Σ_rows dy: the column sum that bias gradients share (fusedColumnSum.ts). */
function layerNormBiasGrad(args: KernelArgs): tf.TensorInfo {
  const { dy } = args.inputs as Record<'dy', tf.TensorInfo>;
  const [rows, cols] = dy.shape;
  return runColumnSum(args.backend as WebGPUBackend, dy, rows, cols, [cols]);
}

/** Registers the five kernels for webgpu (idempotent). */
export function registerFusedLayerNorm(): void {
  registerWebGpuKernels([
    [LAYER_NORM_KERNEL, layerNormForward],
    [LAYER_NORM_INPUT_GRAD_KERNEL, layerNormInputGrad],
    [LAYER_NORM_STATISTICS_KERNEL, layerNormStatistics],
    [LAYER_NORM_GAIN_GRAD_KERNEL, layerNormGainGrad],
    [LAYER_NORM_BIAS_GRAD_KERNEL, layerNormBiasGrad],
  ]);
}

export function fusedLayerNormAvailable(): boolean {
  return kernelsOnActiveBackend(LAYER_NORM_KERNEL);
}

/**
 * y = LayerNorm(x)·gain + bias on [rows, cols], differentiable in x, gain and bias, on the fused kernels (the
 * caller checks fusedLayerNormAvailable first).
 */
export function fusedLayerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, epsilon: number): tf.Tensor2D {
  const attrs = { epsilon };
  // tfjs types the custom function's arguments as one rest list of tensors followed by `save`.
  const layerNorm = tf.customGrad(((...args: [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc]) => {
    const [input, scale, shift, save] = args;
    save([input, scale]);
    const value = tf.engine().runKernel(LAYER_NORM_KERNEL, { x: input, gain: scale, bias: shift }, attrs) as tf.Tensor2D;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedInput, savedScale] = saved;
      const statistics = tf.engine().runKernel(LAYER_NORM_STATISTICS_KERNEL, { x: savedInput }, attrs) as tf.Tensor;
      const gains = tf.engine().runKernel(LAYER_NORM_GAIN_GRAD_KERNEL, { x: savedInput, dy, statistics }, attrs) as tf.Tensor;
      statistics.dispose();
      return [
        tf.engine().runKernel(LAYER_NORM_INPUT_GRAD_KERNEL, { x: savedInput, gain: savedScale, dy }, attrs) as tf.Tensor,
        gains,
        tf.engine().runKernel(LAYER_NORM_BIAS_GRAD_KERNEL, { dy }, attrs) as tf.Tensor,
      ];
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return layerNorm(x, gain, bias) as tf.Tensor2D;
}
