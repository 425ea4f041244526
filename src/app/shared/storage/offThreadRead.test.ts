import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Comlink from 'comlink';
import { readOffThread, type FileReaderApi } from './offThreadRead';

const file = new Blob(['{"n": 3}']);
const readHere = (text: string) => ({ where: 'here', value: JSON.parse(text) as unknown });

/**
 * A stand-in for a module worker: one end of a MessageChannel, the reader exposed on the other end (as
 * exposeFileReader does in a real worker), so the test goes through comlink and a structured clone of the File.
 */
class ChannelWorker extends EventTarget {
  static made: ChannelWorker[] = [];
  terminated = false;
  private readonly port: MessagePort;
  constructor(api: FileReaderApi<unknown> | null) {
    super();
    const channel = new MessageChannel();
    this.port = channel.port1;
    if (api) Comlink.expose(api, channel.port2);
    ChannelWorker.made.push(this);
  }
  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.port.postMessage(message, transfer);
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
    if (type !== 'message') super.addEventListener(type, listener);
    else if (listener) this.port.addEventListener('message', listener);
    this.port.start();
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
    if (type !== 'message') super.removeEventListener(type, listener);
    else if (listener) this.port.removeEventListener('message', listener);
  }
  terminate() {
    this.terminated = true;
    this.port.close();
  }
}

describe('readOffThread', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    ChannelWorker.made = [];
  });

  it('reads the file here when the page can make no worker (Node, unit tests)', async () => {
    vi.stubGlobal('Worker', undefined);
    expect(await readOffThread(file, () => new ChannelWorker(null) as never, readHere)).toEqual({
      where: 'here',
      value: { n: 3 },
    });
    expect(ChannelWorker.made).toHaveLength(0);
  });

  it('hands the File to the worker, returns its answer, and ends the worker', async () => {
    vi.stubGlobal('Worker', ChannelWorker);
    const inWorker: FileReaderApi<unknown> = {
      read: async (blob) => ({ where: 'worker', value: JSON.parse(await blob.text()) as unknown }),
    };
    const spawn = () => new ChannelWorker(inWorker) as unknown as Worker;
    expect(await readOffThread(file, spawn, readHere)).toEqual({ where: 'worker', value: { n: 3 } });
    expect(ChannelWorker.made.map((worker) => worker.terminated)).toEqual([true]);
  });

  it('reads here when the worker fails to start or dies, so an import is never lost to the worker', async () => {
    vi.stubGlobal('Worker', ChannelWorker);
    const throwing = () => {
      throw new Error('no module workers');
    };
    expect(await readOffThread(file, throwing, readHere)).toEqual({ where: 'here', value: { n: 3 } });
    const dying = () => {
      const worker = new ChannelWorker(null);
      setTimeout(() => worker.dispatchEvent(Object.assign(new Event('error'), { message: 'script failed' })), 0);
      return worker as unknown as Worker;
    };
    expect(await readOffThread(file, dying, readHere)).toEqual({ where: 'here', value: { n: 3 } });
    expect(ChannelWorker.made.at(-1)?.terminated).toBe(true);
  });
});
