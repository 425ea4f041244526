import { expect } from 'vitest';
import { parityTrajectory } from './backendParity';
import { describeBackendParity } from './testing/parityHarness';

describeBackendParity('wasm', {
  title: 'with its own OneHot, wasm scores every loss as 0 and trains on zero embeddings',
  async reproduce({ ids, tokenizer, reference }) {
    const broken = await parityTrajectory('standard', ids, tokenizer, 3);
    // The loss's one-hot reads as zeros too, so the loss is 0 (perplexity 1) whatever the model predicts.
    broken.losses.forEach((loss) => expect(loss).toBeLessThan(1e-6));
    expect(reference.standard.losses[0]).toBeGreaterThan(1);
  },
});
