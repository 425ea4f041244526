import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-webgpu 4.22 records kernels into a command encoder and submits every 15 of them by default
 * (WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE). With that batching, training runs here go wrong: the first two AdamW
 * updates match the cpu backend exactly, after which the WebGPU losses drift away and the model learns far
 * less (validation perplexity 52 instead of 22 after 100 steps of the same seeded run). Submitting after every
 * kernel makes the WebGPU trajectory follow the cpu one (losses agree to 3 decimals over 15 steps), so some
 * buffer is evidently reused or written before the batched commands that still read it have run.
 * Correct numbers matter more than the submit overhead, so every kernel is submitted at once.
 * Must run before the webgpu backend is created: the backend reads the flag when it is constructed.
 */
export function configureWebGpuFlags(): void {
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 1);
}
