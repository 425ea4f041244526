/**
 * The backend-check worker: runs the parity check ("Check this backend" in the status bar) with a tfjs of its
 * own, so that switching between the checked backend and the cpu reference can never touch the compute worker's
 * models, and a check that fails or is stopped (the page terminates this worker) leaves the app's work alone.
 * Backends are registered and chosen exactly as in the compute worker: registerBackends, then selectBackend,
 * which installs the kernel workarounds.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import './registerBackends';
import { selectBackend } from '../lib/backend/selectBackend';
import { loadCorpusText } from '../lib/data/corpora';
import { buildCharTokenizer } from '../lib/data/tokenizer';
import { PARITY_TEXT_CHARACTERS, runParityCheck } from '../lib/train/parityCheck';
import type { ParityEvents, ParityWorkerApi } from './parityApi';

const api: ParityWorkerApi = {
  async check(backend, events: ParityEvents) {
    events.phase('Loading the text');
    const text = (await loadCorpusText('moby-dick', new URL(import.meta.env.BASE_URL, self.location.href))).slice(
      0,
      PARITY_TEXT_CHARACTERS,
    );
    const tokenizer = buildCharTokenizer(text);
    const ids = tokenizer.encode(text);

    events.phase(`Starting ${backend} in the check's own worker`);
    const report = await selectBackend(backend, (self.navigator as Navigator & { gpu?: GPU }).gpu);
    if (report.active !== backend) {
      const reason = report.attempts.find((attempt) => attempt.backend === backend)?.reason ?? 'it did not start';
      throw new Error(`${backend} could not start in the check's worker: ${reason}`);
    }
    const backendErrors: string[] = [];
    const lost = backend === 'webgpu' ? watchWebGpu(backendErrors) : new Promise<never>(() => {});

    return Promise.race([
      runParityCheck({
        candidate: backend,
        useBackend: async (name) => {
          if (tf.getBackend() === name) return;
          if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed in the check's worker.`);
          await tf.ready();
        },
        ids,
        tokenizer,
        onProgress: (progress) => events.progress(progress),
        backendErrors: () => [...backendErrors],
      }),
      lost,
    ]);
  },
};

/**
 * Collects the WebGPU device's validation errors (a broken kernel shows up there, as the AddN bug did) and
 * rejects if the device is lost, so the check fails with a reason instead of waiting forever.
 */
function watchWebGpu(errors: string[]): Promise<never> {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  if (!device) return new Promise<never>(() => {});
  device.addEventListener('uncapturederror', (event) => {
    if (errors.length < 20) errors.push((event as GPUUncapturedErrorEvent).error.message);
  });
  return device.lost.then((info) => {
    throw new Error(`The GPU device was lost during the check (${info.message || info.reason}).`);
  });
}

Comlink.expose(api);
