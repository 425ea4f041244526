/**
 * The compute worker: the only place that owns TensorFlow.js. The main thread renders and talks to
 * this worker through comlink, so long GPU work never blocks the page.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import './registerBackends';
import { selectBackend } from '../lib/backend/selectBackend';
import type { ComputeApi, WorkerEvents } from './computeApi';
import { cancelBenchmark, corpusVocabSize, runBenchmark, timeCostliestPoint } from './benchSession';
import { pauseRun, resumeRun, savedModelInfo, startRun, stepRun, stopRun, timeSteps } from './trainingSession';
import { cancelSpectra, computeSpectra, timeSpectra } from './spectraSession';
import { cancelFineTune, runFineTune, timeFineTune, trainedModels } from './finetuneSession';
import { clearTrainedModels } from './savedModel';
import { headAttention } from './headSession';
import { exportTorchBundle } from './exportSession';
import { importTrainedWeights } from './importedModel';
import { onGpuFault, watchGpuDevice } from './gpuFault';
import { destroyDeviceForTest, enableGpuTestHooks, raiseGpuErrorForTest } from './gpuTestHooks';

const api: ComputeApi = {
  async start(requested, events: WorkerEvents, options = {}) {
    if (options.testHooks) enableGpuTestHooks();
    const report = await selectBackend(requested, (self.navigator as Navigator & { gpu?: GPU }).gpu);
    if (report.active === 'webgpu') watchGpu(events);
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
  timeCostliestPoint,
  corpusVocabSize,
  computeSpectra,
  cancelSpectra,
  timeSpectra,
  headAttention,
  runFineTune,
  cancelFineTune,
  trainedModels,
  timeFineTune,
  clearSavedModels: () => clearTrainedModels(),
  exportTorchBundle,
  importTrainedWeights: (request) => importTrainedWeights(request, tf.getBackend()),
  destroyDeviceForTest,
  raiseGpuErrorForTest,
};

/**
 * Every uncaptured WebGPU error and the device's loss stop the job in progress (each session checks gpuFault between
 * steps) and are told to the page at once, job or not, so it can say the GPU is gone and how to go on.
 */
function watchGpu(events: WorkerEvents): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  if (!device) return;
  watchGpuDevice(device);
  onGpuFault((fault) => events.gpuFault(fault.kind, fault.message));
}

Comlink.expose(api);
