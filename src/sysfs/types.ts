/**
 * The one seam between scstadmin-ts and SCST: a small file interface over the sysfs tree
 * `/sys/kernel/scst_tgt`. The real adapter implements it on `node:fs`; the emulator implements
 * it in memory. Nothing else in the product touches the tree.
 *
 * Paths are relative to the SCST root, without a leading slash, `/`-separated; `""` is the root.
 */

export type EntryType = 'file' | 'dir' | 'link';

export interface DirEntry {
  name: string;
  type: EntryType;
  /** Permission bits (e.g. 0o644) of files; absent for directories and links. */
  mode?: number;
  /** The `readlink` text of links (relative, as the kernel makes it). */
  target?: string;
}

export interface ListOptions {
  /** Whether the caller needs `mode` of file entries (default true). */
  modes?: boolean;
}

export interface Sysfs {
  /** Where this tree lives, for messages: a directory, or `emulator (STATE.json)`. */
  readonly description: string;
  /** The whole file, read until EOF. */
  read(path: string): Promise<string>;
  /** Exactly one `write(2)` of `data` on a descriptor opened `O_WRONLY` (no create, no truncate). */
  write(path: string, data: string): Promise<void>;
  /**
   * Directory entries sorted by name in byte order. File modes cost a stat per file on a real
   * tree: a caller that does not look at them passes `{ modes: false }` (they may still come).
   */
  list(path: string, options?: ListOptions): Promise<DirEntry[]>;
  readlink(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
}

/** The Linux errno symbols SCST's sysfs interface produces (first name for each number). */
export type Errno =
  | 'EPERM' | 'ENOENT' | 'EINTR' | 'EIO' | 'EAGAIN' | 'ENOMEM' | 'EACCES' | 'EBUSY' | 'EEXIST'
  | 'ENOTDIR' | 'EISDIR' | 'EINVAL' | 'ENOSPC' | 'ERANGE' | 'ENOTBLK' | 'EBADSLT' | 'EOPNOTSUPP'
  | 'ECONNREFUSED' | 'ETIMEDOUT' | 'EOVERFLOW' | 'EMEDIUMTYPE' | 'ENODEV' | 'ENXIO' | 'E2BIG'
  | 'ELOOP' | 'ENAMETOOLONG' | 'EROFS';

export const ERRNO_NUMBERS: Record<Errno, number> = {
  EPERM: 1, ENOENT: 2, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, EAGAIN: 11, ENOMEM: 12, EACCES: 13,
  ENOTBLK: 15, EBUSY: 16, EEXIST: 17, ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22,
  ENOSPC: 28, EROFS: 30, ERANGE: 34, ENAMETOOLONG: 36, ELOOP: 40, EBADSLT: 57, EOVERFLOW: 75,
  EOPNOTSUPP: 95, ETIMEDOUT: 110, ECONNREFUSED: 111, EMEDIUMTYPE: 124,
};

export type SysfsOp = 'read' | 'write' | 'list' | 'readlink';

/** A failed sysfs call. `at` is `open` when open(2) failed rather than read(2)/write(2). */
export class SysfsError extends Error {
  constructor(
    readonly errno: Errno,
    readonly op: SysfsOp,
    readonly path: string,
    readonly at: 'open' | 'io' = 'io',
    /** Kernel log lines the failure produced, when known (the emulator knows them). */
    readonly log: string[] = [],
    /** What was written, for write failures. */
    readonly data?: string,
  ) {
    super(`${op} ${path === '' ? '/' : path}: ${errno}`);
    this.name = 'SysfsError';
  }
}

export function isSysfsError(error: unknown, errno?: Errno): error is SysfsError {
  return error instanceof SysfsError && (errno === undefined || error.errno === errno);
}
