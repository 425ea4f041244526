import { beforeEach, describe, expect, it } from 'vitest';
import {
  currentGpuFault,
  explainGpuFailure,
  GpuFaultError,
  guardGpuStep,
  recordGpuFault,
  resetGpuFaultForTest,
  watchGpuDevice,
} from './gpuFault';

/** A stand-in for a GPUDevice: an event target with a `lost` promise the test settles. */
function fakeDevice() {
  let lose: (info: { reason: string; message: string }) => void = () => {};
  const device = Object.assign(new EventTarget(), {
    lost: new Promise<{ reason: string; message: string }>((resolve) => (lose = resolve)),
  });
  const uncaptured = (message: string) =>
    device.dispatchEvent(Object.assign(new Event('uncapturederror'), { error: { message } }));
  return {
    device: device as unknown as GPUDevice,
    lose: (message: string) => lose({ reason: 'unknown', message }),
    uncaptured,
  };
}

beforeEach(() => resetGpuFaultForTest());

describe('gpuFault', () => {
  it('keeps the first fault only, with its cause in the message', () => {
    recordGpuFault('gpu-error', 'Invalid ComputePipeline');
    recordGpuFault('device-lost', 'later');
    expect(currentGpuFault()).toMatchObject({ kind: 'gpu-error', cause: 'Invalid ComputePipeline' });
    expect(currentGpuFault()?.message).toContain('The GPU rejected work (Invalid ComputePipeline)');
  });

  it('turns an uncaptured error event into a fault that names the error', async () => {
    const { device, uncaptured } = fakeDevice();
    watchGpuDevice(device);
    uncaptured('Buffer usages (MapRead|Storage) is invalid.');
    expect(currentGpuFault()?.message).toContain('(Buffer usages (MapRead|Storage) is invalid)');
  });

  it('turns a device loss, also one by destroy(), into a fault that suggests a smaller job', async () => {
    const { device, lose } = fakeDevice();
    watchGpuDevice(device);
    lose('Device was destroyed.');
    await Promise.resolve();
    expect(currentGpuFault()).toMatchObject({ kind: 'device-lost', cause: 'Device was destroyed.' });
    expect(currentGpuFault()?.message).toContain('try a smaller n, batch or model');
  });

  it('lets steps through while the GPU is healthy', async () => {
    await expect(guardGpuStep(async () => 42)).resolves.toBe(42);
  });

  it('discards the result of a step during which the GPU faulted, and refuses the next step', async () => {
    let ran = 0;
    const faulting = guardGpuStep(async () => {
      ran++;
      recordGpuFault('gpu-error', 'rejected kernel');
      return 'stale result';
    });
    await expect(faulting).rejects.toBeInstanceOf(GpuFaultError);
    await expect(guardGpuStep(async () => ran++)).rejects.toThrow('The GPU rejected work (rejected kernel)');
    expect(ran).toBe(1);
  });

  it('reports a step that threw because the device went as the loss, even when the loss comes just after', async () => {
    const step = guardGpuStep(async () => {
      setTimeout(() => recordGpuFault('device-lost', 'GPU process crashed'), 20);
      throw new Error('Failed to execute mapAsync: device lost');
    });
    await expect(step).rejects.toThrow('The GPU device was lost (GPU process crashed)');
  });

  it('gives back an error with no fault behind it once the wait is over', async () => {
    const original = new Error('bad config');
    expect(await explainGpuFailure(original, 10)).toBe(original);
  });
});
