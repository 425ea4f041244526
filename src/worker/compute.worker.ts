/**
 * The compute worker: the only place that owns TensorFlow.js. The main thread renders and talks to
 * this worker through comlink, so long GPU work never blocks the page.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import './registerBackends';
import { selectBackend } from '../lib/backend/selectBackend';
import type { ComputeApi, WorkerEvents } from './computeApi';
import { cancelBenchmark, runBenchmark } from './benchSession';
import { pauseRun, resumeRun, savedModelInfo, startRun, stepRun, stopRun, timeSteps } from './trainingSession';
import { cancelSpectra, computeSpectra } from './spectraSession';
import { cancelFineTune, runFineTune } from './finetuneSession';
import { headAttention } from './headSession';

const api: ComputeApi = {
  async start(requested, events: WorkerEvents) {
    const report = await selectBackend(requested, (self.navigator as Navigator & { gpu?: GPU }).gpu);
    if (report.active === 'webgpu') watchDeviceLoss(events);
    return report;
  },
  startRun,
  pauseRun,
  resumeRun,
  stepRun,
  stopRun,
  timeSteps,
  savedModelInfo,
  runBenchmark,
  cancelBenchmark,
  computeSpectra,
  cancelSpectra,
  headAttention,
  runFineTune,
  cancelFineTune,
};

function watchDeviceLoss(events: WorkerEvents): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  device?.lost.then((info) => {
    // 'destroyed' is our own doing (backend disposed); anything else is a real loss the user must hear of.
    if (info.reason !== 'destroyed') events.deviceLost(info.message || 'the GPU device was lost');
  });
}

Comlink.expose(api);
