/**
 * How emulated kernel code fails: a store or show throws `KernelError`; the Emulator turns it
 * into the `SysfsError` the real adapter would produce (with the step's kernel log lines).
 */
import { ERRNO_NUMBERS, type Errno } from '../sysfs/types.js';

export class KernelError extends Error {
  constructor(
    readonly errno: Errno,
    /** `open` when the failure belongs to open(2) (missing file, mode), else the read/write. */
    readonly at: 'open' | 'io' = 'io',
  ) {
    super(errno);
    this.name = 'KernelError';
  }
}

export function kfail(errno: Errno, at: 'open' | 'io' = 'io'): never {
  throw new KernelError(errno, at);
}

/** The negative number a work's result holds (`last_sysfs_mgmt_res` shows it). */
export function negativeErrno(errno: Errno): number {
  return -ERRNO_NUMBERS[errno];
}

/**
 * Run `fn`; if it fails the kernel's way, call `note` with the negative errno first (SCST logs
 * the code a parser returned, e.g. "kstrtol() for X failed: -34") and fail the same way.
 */
export function noteFailure<T>(fn: () => T, note: (code: number) => void): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof KernelError) note(negativeErrno(error.errno));
    throw error;
  }
}
