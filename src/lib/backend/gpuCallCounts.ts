/**
 * Counts of the WebGPU API calls that decide what a training step costs on a real GPU: compute dispatches, queue
 * submits and buffers created. They are counted by wrapping those methods on the API's prototypes, so every device
 * in the realm is counted, and the numbers do not depend on how fast the machine is. Used in Node (Dawn's
 * bindings: scripts/bench-webgpu-steps.ts and kernel tests) and in the browser pages of the peer benchmark
 * (scripts/peer/). Imports nothing, so it can be loaded into any page before tfjs.
 */
export interface GpuCallCounts {
  dispatches: number;
  submits: number;
  buffers: number;
}

const WRAPPED = Symbol.for('linformer-lab.gpuCallCounts');

type Scope = Record<string | symbol, unknown>;

/**
 * Wraps the methods once per realm (a second call returns the same live counts) and returns the counts object,
 * which keeps counting. Must run before the calls to be counted; devices created earlier are counted too, since
 * the wrappers sit on the prototypes. Throws when the scope has no WebGPU API.
 */
export function countWebGpuCalls(scope: object = globalThis): GpuCallCounts {
  const api = scope as Scope;
  if (api[WRAPPED]) return api[WRAPPED] as GpuCallCounts;
  const counts: GpuCallCounts = { dispatches: 0, submits: 0, buffers: 0 };
  const wrap = (type: string, method: string, counter: keyof GpuCallCounts) => {
    const constructor = api[type] as { prototype: Record<string, (...args: unknown[]) => unknown> } | undefined;
    if (!constructor) throw new Error(`This scope has no ${type}: WebGPU is not available here.`);
    const original = constructor.prototype[method];
    constructor.prototype[method] = function (this: unknown, ...args: unknown[]) {
      counts[counter]++;
      return original.apply(this, args);
    };
  };
  wrap('GPUComputePassEncoder', 'dispatchWorkgroups', 'dispatches');
  wrap('GPUQueue', 'submit', 'submits');
  wrap('GPUDevice', 'createBuffer', 'buffers');
  api[WRAPPED] = counts;
  return counts;
}

/** The calls made since `before`, per step over `steps` steps. */
export function countsPerStep(now: GpuCallCounts, before: GpuCallCounts, steps: number): GpuCallCounts {
  return {
    dispatches: (now.dispatches - before.dispatches) / steps,
    submits: (now.submits - before.submits) / steps,
    buffers: (now.buffers - before.buffers) / steps,
  };
}
