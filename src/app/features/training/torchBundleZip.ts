/**
 * The PyTorch bundle's files as one .zip, with fflate (a well-kept zip library, already a dependency). The files go
 * into one top-level folder named after the run, so unzipping gives the bundle directory that `torchrun … DIR`
 * takes. fflate's synchronous zip: its asynchronous one starts workers from blob: URLs, which the app's
 * Content-Security-Policy (worker-src 'self') forbids. The safetensors files, which do not shrink, are stored rather
 * than deflated, which keeps even a bundle of tens of megabytes to a fraction of a second.
 */
import { zipSync, type Zippable } from 'fflate';
import type { TorchBundleFile } from '../../../worker/torchBundleTypes';

export function zipBundle(folder: string, files: readonly TorchBundleFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    entries[`${folder}/${file.path}`] = [file.bytes, { level: file.path.endsWith('.safetensors') ? 0 : 6 }];
  }
  return zipSync(entries);
}
