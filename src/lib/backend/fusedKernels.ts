/**
 * The app's own WebGPU kernels, where tfjs composes many small ones: AdamW, layer norm, GELU, the masked-LM loss and the sum of squares behind the global gradient norm. Each is registered
 * for webgpu only, and its caller falls back to tfjs's composed ops on every other backend (which is also the
 * reference each kernel is tested against). Idempotent; call it before the first training step.
 */
import { registerFusedAdamW } from './fusedAdamW';
import { registerFusedGelu } from './fusedGelu';
import { registerFusedLayerNorm } from './fusedLayerNorm';
import { registerFusedMaskedLmLoss } from './fusedMaskedLmLoss';
import { registerFusedSumOfSquares } from './fusedSumOfSquares';

export function registerFusedKernels(): void {
  registerFusedAdamW();
  registerFusedLayerNorm();
  registerFusedGelu();
  registerFusedSumOfSquares();
  registerFusedMaskedLmLoss();
}
