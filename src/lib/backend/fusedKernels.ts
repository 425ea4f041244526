/**
 * The app's own WebGPU kernels, where tfjs composes many small ones: AdamW, layer norm, GELU, attention's softmax, the
 * embedding lookup, the masked-LM loss and the sum of squares behind the global gradient norm. Each is registered for webgpu only, and its
 * caller falls back to tfjs's composed ops on every other backend (which is also the reference each kernel is tested
 * against). Also replaces webgpu's Sum over leading axes (every bias gradient) by a column sum (fusedColumnSum.ts).
 * Idempotent; call it before the first training step.
 */
import { registerFusedAdamW } from './fusedAdamW';
import { installLeadingAxesSum } from './fusedColumnSum';
import { registerFusedEmbedding } from './fusedEmbedding';
import { registerFusedGelu } from './fusedGelu';
import { registerFusedLayerNorm } from './fusedLayerNorm';
import { registerFusedMaskedLmLoss } from './fusedMaskedLmLoss';
import { registerFusedSoftmax } from './fusedSoftmax';
import { registerFusedSumOfSquares } from './fusedSumOfSquares';

export function registerFusedKernels(): void {
  registerFusedAdamW();
  registerFusedLayerNorm();
  registerFusedGelu();
  registerFusedSumOfSquares();
  registerFusedMaskedLmLoss();
  registerFusedSoftmax();
  registerFusedEmbedding();
  installLeadingAxesSum();
}
