/**
 * What each page of the peer benchmark exposes to the driver (scripts/bench-peer.ts) as `window.benchPage`.
 * This app's encoder and @genai-fi/nanogpt each train in a page of their own, so that neither's tfjs kernels,
 * patches or GPU device can touch the other's; the driver alternates between the pages.
 */
import type { GpuCallCounts } from '../../src/lib/backend/gpuCallCounts';

export type BenchBackend = 'webgpu' | 'webgl';

/** The model and batch both trainers are built at. */
export interface BenchSize {
  layers: number;
  heads: number;
  dModel: number;
  dFF: number;
  seqLen: number;
  batch: number;
  /** Linformer's projected length (this app's Linformer page only). */
  k: number;
}

export interface PageSetup {
  backend: BenchBackend;
  size: BenchSize;
  /** Global-norm clipping at 1 (off on WebGL, where the peer has no kernel for its norm). */
  clip: boolean;
  /** This app's page only: which attention it trains. */
  attention?: 'standard' | 'linformer';
  seed: number;
}

export interface PageReady {
  /** The backend tfjs reports as active after setup. */
  backend: string;
  /** The GPU adapter, as the page's WebGPU reports it ("" on WebGL). */
  adapter: string;
  /** What trains in this page, in words. */
  trainer: string;
  parameters: number;
}

export interface BlockResult {
  steps: number;
  /** Wall time of the block, from the first step's batch upload to the last step's loss read back. */
  ms: number;
  /** Tokens trained on in the block (batch × n per step). */
  tokens: number;
  /** WebGPU calls made during the block; null on WebGL. */
  counts: GpuCallCounts | null;
  /** The training loss of the block's last step (a sanity check that it trains). */
  lastLoss: number;
  /** Uncaptured WebGPU errors raised during the block: any one means the block's numbers cannot be trusted. */
  gpuErrors: string[];
}

export interface BenchPage {
  setup(setup: PageSetup): Promise<PageReady>;
  train(steps: number): Promise<BlockResult>;
}

declare global {
  interface Window {
    benchPage?: BenchPage;
  }
}

/** Reads the counts now, or null where this page has no WebGPU to count. */
export function snapshot(counts: GpuCallCounts | null): GpuCallCounts | null {
  return counts ? { ...counts } : null;
}

export function difference(after: GpuCallCounts | null, before: GpuCallCounts | null): GpuCallCounts | null {
  if (!after || !before) return null;
  return { dispatches: after.dispatches - before.dispatches, submits: after.submits - before.submits, buffers: after.buffers - before.buffers };
}

/** Collects the device's uncaptured errors (a rejected pipeline is reported only there) into `errors`. */
export function watchGpuErrors(device: GPUDevice | undefined, errors: string[]): void {
  device?.addEventListener('uncapturederror', (event) => errors.push((event as GPUUncapturedErrorEvent).error.message));
}
