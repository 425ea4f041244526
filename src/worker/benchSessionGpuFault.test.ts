import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tinyBenchRequest } from './testing/tinyBenchRequest';
import { runBenchmark } from './benchSession';
import type { BenchRow } from './benchTypes';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => resetGpuFaultForTest());

const request = tinyBenchRequest({ ns: [16, 32, 64] });

describe('an efficiency sweep meeting a GPU fault', () => {
  it('stops after the fault with its cause and keeps the rows measured before it', async () => {
    const streamed: BenchRow[] = [];
    const outcome = await runBenchmark(request, {
      row: (row) => {
        streamed.push(row);
        // The fault as the device-loss event would record it, while the sweep has 4 points to go.
        if (streamed.length === 2) recordGpuFault('device-lost', 'Device was destroyed.');
      },
      skipped: () => {},
      progress: () => {},
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.rows).toHaveLength(2);
    expect(outcome.rows).toEqual(streamed);
    expect(outcome.message).toContain('The GPU device was lost (Device was destroyed)');
    expect(outcome.message).toContain('try a smaller n, batch or model');
    expect(outcome.message).toContain('Rows measured before it: 2.');
  });

  it('refuses to start a new sweep once the GPU has faulted', async () => {
    recordGpuFault('gpu-error', 'Invalid ComputePipeline "AddN"');
    const outcome = await runBenchmark(request, { row: () => {}, skipped: () => {}, progress: () => {} });
    expect(outcome).toMatchObject({ status: 'failed', rows: [] });
    expect(outcome.message).toContain('The GPU rejected work (Invalid ComputePipeline "AddN")');
  });
});
