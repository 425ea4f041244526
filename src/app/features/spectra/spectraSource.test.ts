import { describe, expect, it } from 'vitest';
import { effectiveSource, linkChoosesSource, trainedModelNote, trainedModelState } from './spectraSource';
import { defaultSpectraChoices } from './spectraFields';

const info = { parameters: 1 };

describe('the model the spectra section analyses', () => {
  it('knows whether the worker holds a trained model from the run store’s current run', () => {
    expect(trainedModelState(null)).toBe('none');
    // startRun has not resolved yet: the old model is gone, the new one not built.
    expect(trainedModelState({ status: 'preparing', info: null })).toBe('none');
    expect(trainedModelState({ status: 'failed', info: null })).toBe('none');
    expect(trainedModelState({ status: 'running', info })).toBe('training');
    expect(trainedModelState({ status: 'paused', info })).toBe('training');
    expect(trainedModelState({ status: 'finished', info })).toBe('ready');
    expect(trainedModelState({ status: 'stopped', info })).toBe('ready');
    expect(trainedModelState({ status: 'failed', info })).toBe('failed');
  });

  it('keeps the field default (old links keep their meaning) and turns to the trained model once a run is done', () => {
    expect(defaultSpectraChoices().source).toBe('initialised');
    const unchosen = { source: 'initialised', sourceChosen: false } as const;
    expect(effectiveSource(unchosen, 'none')).toBe('initialised');
    expect(effectiveSource(unchosen, 'training')).toBe('initialised');
    expect(effectiveSource(unchosen, 'failed')).toBe('initialised');
    expect(effectiveSource(unchosen, 'ready')).toBe('trained');
  });

  it('lets an explicit choice win, from the link or the control', () => {
    expect(effectiveSource({ source: 'initialised', sourceChosen: true }, 'ready')).toBe('initialised');
    expect(effectiveSource({ source: 'trained', sourceChosen: true }, 'none')).toBe('trained');
    expect(linkChoosesSource('?ss=initialised')).toBe(true);
    expect(linkChoosesSource('?v=2&ss=trained&sn=4')).toBe(true);
    expect(linkChoosesSource('?v=2&sn=4')).toBe(false);
    // A damaged value is repaired to the default: nothing was chosen.
    expect(linkChoosesSource('?ss=bogus')).toBe(false);
  });

  it('says plainly when there is no trained model to test the claim with', () => {
    expect(trainedModelNote('none', 'initialised', true)).toMatch(/^No trained model yet in this session: .*cannot test Claim 1/);
    expect(trainedModelNote('ready', 'trained', true)).toMatch(/chosen because that run has finished/);
    expect(trainedModelNote('ready', 'trained', false)).toBeNull();
    expect(trainedModelNote('ready', 'initialised', false)).toBeNull();
    expect(trainedModelNote('training', 'initialised', true)).toMatch(/once it finishes/);
    expect(trainedModelNote('training', 'initialised', false)).toBeNull();
    expect(trainedModelNote('training', 'trained', false)).toMatch(/part-way/);
    expect(trainedModelNote('failed', 'trained', false)).toMatch(/may be half trained or diverged/);
  });
});
