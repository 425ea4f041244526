/**
 * The Python package linformer_lab as the browser bundle carries it: Vite inlines the .py sources at build time
 * (browser-only; Node reads the folder with fs, see scripts/export-torch.ts).
 */
import type { PythonSourceFile } from './exportBundle';

const sources = import.meta.glob<string>('./python/linformer_lab/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function pythonPackage(): PythonSourceFile[] {
  return Object.entries(sources)
    .map(([path, text]) => ({ name: path.slice(path.lastIndexOf('/') + 1), text }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
