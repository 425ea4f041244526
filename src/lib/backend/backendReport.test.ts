import { describe, expect, it } from 'vitest';
import { softwareAdapterNote, softwareRenderer, type AdapterDescription } from './backendReport';

function adapter(info: Partial<AdapterDescription>): AdapterDescription {
  return {
    vendor: 'unknown',
    architecture: 'unknown',
    device: '',
    description: '',
    isFallbackAdapter: false,
    maxBufferSize: 2 ** 28,
    maxStorageBufferBindingSize: 2 ** 27,
    hasTimestampQuery: false,
    ...info,
  };
}

/** As headless Chromium reports SwiftShader (the e2e tests' adapter). */
const swiftShader = adapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' });

describe('software adapters', () => {
  it('recognises SwiftShader and the other software renderers by their adapter info', () => {
    expect(softwareRenderer(swiftShader)).toBe('SwiftShader');
    // Whichever field names it, in any case.
    expect(softwareRenderer(adapter({ description: 'Google SwiftShader' }))).toBe('SwiftShader');
    expect(softwareRenderer(adapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }))).toBe('llvmpipe');
    expect(softwareRenderer(adapter({ device: 'Lavapipe' }))).toBe('lavapipe');
    expect(softwareRenderer(adapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' }))).toBe(
      'Microsoft Basic Render Driver',
    );
    expect(softwareRenderer(adapter({ isFallbackAdapter: true }))).toBe('a fallback adapter');
  });

  it('takes real GPUs, and no adapter, for what they are', () => {
    expect(softwareRenderer(adapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }))).toBeNull();
    expect(softwareRenderer(adapter({ vendor: 'apple', architecture: 'metal-3' }))).toBeNull();
    expect(softwareRenderer(adapter({ vendor: 'google', architecture: 'unknown' }))).toBeNull();
    expect(softwareRenderer(null)).toBeNull();
  });

  it('warns plainly on WebGPU over a software renderer, and only then', () => {
    expect(softwareAdapterNote({ active: 'webgpu', adapter: swiftShader })).toBe(
      'Software GPU (SwiftShader): every time and speed measured here is that of a CPU emulating a GPU; a real GPU is much faster.',
    );
    expect(softwareAdapterNote({ active: 'webgpu', adapter: adapter({ vendor: 'nvidia', architecture: 'hopper' }) })).toBeNull();
    // On another backend the status bar already says why it is not WebGPU and what that means for speed.
    expect(softwareAdapterNote({ active: 'cpu', adapter: swiftShader })).toBeNull();
  });
});
