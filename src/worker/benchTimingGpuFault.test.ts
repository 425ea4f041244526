import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyBenchRequest } from './testing/tinyBenchRequest';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';

// The fault arrives while the costliest point is being measured, as a device-loss event would during its
// read-back; the measurement itself still returns (on a real lost device its time would mean nothing).
let faultDuringMeasurement = false;
vi.mock('../lib/efficiency/measure', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/efficiency/measure')>();
  return {
    ...actual,
    measureEncoder: async (...args: Parameters<typeof actual.measureEncoder>) => {
      const measurement = await actual.measureEncoder(...args);
      if (faultDuringMeasurement) recordGpuFault('device-lost', 'Device was destroyed.');
      return measurement;
    },
  };
});

const { timeCostliestPoint } = await import('./benchSession');

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  faultDuringMeasurement = false;
  resetGpuFaultForTest();
});

const request = tinyBenchRequest({ training: true });

describe('timing the costliest sweep point when the GPU faults', () => {
  it('rejects the estimate with the fault’s message when the fault comes while the point is measured', async () => {
    // The reference: on a healthy backend the same call returns a time for the costliest point.
    const healthy = await timeCostliestPoint(request);
    expect(healthy.point).not.toBeNull();
    expect(healthy.forwardMs).toBeGreaterThan(0);
    faultDuringMeasurement = true;
    await expect(timeCostliestPoint(request)).rejects.toThrow('The GPU device was lost (Device was destroyed).');
  });
});
