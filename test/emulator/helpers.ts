/** Shared helpers for the emulator core tests. */
import { Emulator, type EmulatorOptions } from '../../src/emulator/emulator.js';
import { KernelError } from '../../src/emulator/kernel-error.js';
import { SysfsError } from '../../src/sysfs/types.js';

/** `ok`, `ERRNO` or `ERRNO@open` for a sysfs call. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof SysfsError) return error.at === 'open' ? `${error.errno}@open` : error.errno;
    throw error;
  }
}

export const MiB = 1024 * 1024;

/** A host with no real file system: a 64 MiB image, an 8 MiB ISO, a directory, a block device. */
export function host(options: EmulatorOptions = {}): Emulator {
  return new Emulator({
    useRealFileSystem: false,
    hostFiles: {
      '/img/d1.img': { kind: 'file', size: 64 * MiB },
      '/img/cd.iso': { kind: 'file', size: 8 * MiB },
      '/img': { kind: 'dir' },
      '/dev/ram0': { kind: 'block', size: 128 * MiB },
    },
    ...options,
  });
}

export async function names(e: Emulator, path: string): Promise<string[]> {
  return (await e.list(path)).map((entry) => entry.name);
}

/** The errno a piece of emulated kernel code fails with, or undefined when it succeeds. */
export function kernelErrno(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}
