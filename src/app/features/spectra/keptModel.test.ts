import { describe, expect, it } from 'vitest';
import { effectiveSource, keptModelNote, trainedModelNote, trainedModelState } from './spectraSource';

describe('a trained model kept from the last session', () => {
  const kept = { label: 'standard, n=32, seed 0, moby-dick', steps: 10 };
  const info = { vocabSize: 40 };

  it('counts as a finished run’s model until a run starts in this session', () => {
    expect(trainedModelState(null, true)).toBe('ready');
    expect(effectiveSource({ source: 'initialised', sourceChosen: false }, trainedModelState(null, true))).toBe('trained');
    expect(trainedModelNote(trainedModelState(null, true), 'trained', true)).not.toMatch(/No trained model/);
    // A run of this session decides, whatever was kept.
    expect(trainedModelState({ status: 'preparing', info: null }, true)).toBe('none');
    expect(trainedModelState({ status: 'running', info }, true)).toBe('training');
    expect(trainedModelState(null, false)).toBe('none');
  });

  it('is named in one line, and only while it is the model on offer', () => {
    expect(keptModelNote(kept, null)).toBe(
      'Trained model from the last session: standard, n=32, seed 0, moby-dick, 10 steps (kept in this browser).',
    );
    expect(keptModelNote(null, null)).toBeNull();
    expect(keptModelNote(kept, { status: 'running', info })).toBeNull();
  });
});
