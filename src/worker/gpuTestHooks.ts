/**
 * GPU faults on demand, for the end-to-end tests of what a fault does to a job (e2e/reliability.spec.ts): a real
 * device loss (device.destroy()) and a real uncaptured validation error (a buffer with usages WebGPU forbids
 * together). They go through the same browser events as a driver reset or a rejected kernel would, which no test
 * can cause on purpose. Off unless the page was opened with ?testHooks=1, so a stray call cannot break a session.
 */
import * as tf from '@tensorflow/tfjs';

let enabled = false;

export function enableGpuTestHooks(): void {
  enabled = true;
}

function device(): GPUDevice {
  if (!enabled) throw new Error('GPU test hooks are off: open the page with ?testHooks=1 to use them.');
  const found = tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as { device?: GPUDevice }).device : undefined;
  if (!found) throw new Error(`GPU test hooks need the webgpu backend (active: ${tf.getBackend()}).`);
  return found;
}

/** Destroys the compute worker's WebGPU device: everything after behaves as after a lost device. */
export function destroyDeviceForTest(): void {
  device().destroy();
}

/** Causes one uncaptured validation error: MAP_READ may only be combined with COPY_DST. */
export function raiseGpuErrorForTest(): void {
  const buffer = device().createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
  buffer.destroy();
}
