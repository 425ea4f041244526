import { expect } from 'vitest';
import { webGpuErrors } from '../backend/testing/nodeBackends';
import { parityTrajectory } from './backendParity';
import { describeBackendParity } from './testing/parityHarness';

// WebGPU through Dawn's node bindings, with tfjs's default batching of 15 kernels per queue submit, as in the app.
describeBackendParity('webgpu', {
  title: 'with its own AddN, WebGPU reports a stale gradient norm and never clips',
  async reproduce({ ids, tokenizer, reference }) {
    const broken = await parityTrajectory('standard', ids, tokenizer, 3);
    expect(broken.clippedSteps).toBe(0);
    broken.gradNorms.forEach((norm, i) => expect(norm).toBeLessThan(0.1 * reference.standard.gradNorms[i]));
    expect(webGpuErrors.some((message) => message.includes('AddN'))).toBe(true);
  },
});
