import { describe, expect, it } from 'vitest';

/**
 * The page must not load tfjs: only the compute worker runs it (reached through `new Worker(new URL(...))`, which
 * is not an import). This walks every import the page's entry reaches — value imports only; `import type` and
 * all-type import lists are erased — and fails on any path to a @tensorflow package, naming the chain.
 */
const sources = import.meta.glob<string>('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

const IMPORT = /(?:import|export)\s+(type\s+)?(?:([^'";]*?)\s+from\s+)?['"]([^'"]+)['"]/g;

function isTypeOnly(typeKeyword: string | undefined, clause: string | undefined): boolean {
  if (typeKeyword) return true;
  const names = clause?.match(/^\{([^}]*)\}$/)?.[1];
  return names !== undefined && names.split(',').every((name) => !name.trim() || name.trim().startsWith('type '));
}

function resolve(from: string, specifier: string): string | null {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => candidate in sources) ?? null;
}

/** The chain of files from `entry` to a tfjs import, or null when there is none. */
function pathToTfjs(entry: string): string[] | null {
  const parent = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const [, typeKeyword, clause, specifier] of sources[file].matchAll(IMPORT)) {
      if (isTypeOnly(typeKeyword, clause?.trim())) continue;
      if (specifier.startsWith('@tensorflow/')) {
        const chain = [specifier];
        for (let at: string | null = file; at; at = parent.get(at) ?? null) chain.unshift(at);
        return chain;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolve(file, specifier);
      if (target && !parent.has(target)) {
        parent.set(target, file);
        queue.push(target);
      }
    }
  }
  return null;
}

describe('the page bundle', () => {
  it('reaches no tfjs package from src/main.tsx', () => {
    expect(Object.keys(sources)).toContain('/src/main.tsx');
    expect(pathToTfjs('/src/main.tsx')).toBeNull();
  });

  it('would notice if it did: the compute worker reaches tfjs', () => {
    expect(pathToTfjs('/src/worker/compute.worker.ts')?.at(-1)).toMatch(/^@tensorflow\//);
  });
});
