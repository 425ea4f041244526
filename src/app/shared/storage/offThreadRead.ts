/**
 * Reads an imported file in a worker of its own, so that parsing and checking a large file (thousands of results,
 * a run of a hundred thousand steps) never blocks the page: the worker gets the File itself (no text is read on
 * the main thread) and sends back the reader's answer, plain data. Where workers are unavailable (unit tests in
 * Node or jsdom, a browser without module workers) the same reader runs here instead. The worker is small
 * (the file's zod schema, no tfjs) and ends after one file.
 */
import * as Comlink from 'comlink';

/** What a file-reading worker exposes (see runFile.worker.ts, finetuneFile.worker.ts). */
export interface FileReaderApi<R> {
  read(file: Blob): Promise<R>;
}

/** Exposes a reader of file text in the worker that runs this module. */
export function exposeFileReader<R>(readText: (text: string) => R): void {
  const api: FileReaderApi<R> = { read: async (file) => readText(await file.text()) };
  Comlink.expose(api);
}

/**
 * The reader's answer for `file`, computed in a worker made by `spawn` when the page can make one, else here.
 * A worker that fails to start or dies falls back to reading here, so an import is never lost to the worker.
 */
export async function readOffThread<R>(
  file: Blob,
  spawn: (() => Worker) | null,
  readText: (text: string) => R,
): Promise<R> {
  let worker: Worker | null;
  try {
    worker = spawn && typeof Worker !== 'undefined' ? spawn() : null;
  } catch {
    worker = null;
  }
  if (!worker) return readText(await file.text());
  const started = worker;
  try {
    const failed = new Promise<never>((_, reject) =>
      started.addEventListener('error', (event) => reject(new Error(event.message || 'the reader worker failed'))),
    );
    // The reader's answer is plain data, which comes back as a structured clone of the same type (comlink's types
    // cannot tell that of a generic R).
    const answer = Comlink.wrap<FileReaderApi<R>>(started).read(file) as unknown as Promise<R>;
    return await Promise.race([answer, failed]);
  } catch {
    return readText(await file.text());
  } finally {
    started.terminate();
  }
}
