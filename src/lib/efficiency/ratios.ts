/**
 * What Linformer should save in theory: the same model with standard and with Linformer attention,
 * compared by the cost model.
 *
 * Two kinds of ratio, because they tell different stories. The attention-only ratios compare just the
 * attention core (scores, softmax, P·V, compression), which is where n² lives: they grow like n/k. The
 * whole-model ratios also count the QKV and output projections, feed-forward, embeddings and head, which
 * both models share and which cost O(n·d²): at small n those dominate and the whole-model ratio stays
 * near 1 even when attention alone is several times cheaper.
 */
import type { ModelConfig } from '../model/config';
import { encoderCost, type EncoderCost } from './costModel';

export interface TheoreticalRatios {
  /** Whole forward pass FLOPs, standard / Linformer (a training step has the same ratio). */
  speedup: number;
  /** Activation bytes a training step keeps, standard / Linformer. */
  memorySaving: number;
  /** Peak bytes of one layer's inference forward, standard / Linformer. */
  inferencePeakSaving: number;
  /** Peak bytes of a whole inference forward as tfjs runs the encoder (forwardPeakBytes), standard / Linformer. */
  forwardMemorySaving: number;
  /** FLOPs of the attention core alone, standard / Linformer. */
  attentionSpeedup: number;
  /** Bytes of the stored attention maps, standard / Linformer: exactly n/k when every layer has the same k. */
  attentionMemorySaving: number;
  standard: EncoderCost;
  linformer: EncoderCost;
}

/**
 * Compares `config` built with standard attention against it built with Linformer attention (its sharing,
 * projection and kPerLayer), whichever of the two `config` itself names.
 */
export function theoreticalRatios(config: ModelConfig, batch: number, bytesPerElement = 4): TheoreticalRatios {
  const standard = encoderCost({ ...config, attention: 'standard' }, batch, bytesPerElement);
  const linformer = encoderCost({ ...config, attention: 'linformer' }, batch, bytesPerElement);
  return {
    speedup: standard.flops.total / linformer.flops.total,
    memorySaving: standard.activationBytes.total / linformer.activationBytes.total,
    inferencePeakSaving: standard.peakInferenceBytes / linformer.peakInferenceBytes,
    forwardMemorySaving: standard.forwardPeakBytes / linformer.forwardPeakBytes,
    attentionSpeedup: standard.flops.attention / linformer.flops.attention,
    attentionMemorySaving: standard.activationBytes.attentionMaps / linformer.activationBytes.attentionMaps,
    standard,
    linformer,
  };
}
