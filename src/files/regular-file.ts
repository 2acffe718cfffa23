/**
 * Reading a file the admin named, refusing anything but a regular file before it is opened:
 * a FIFO would block the read forever, /dev/zero would never end, and opening some devices
 * has side effects (a tape rewinds on close). The type is checked again on the open
 * descriptor (opened non-blocking) so a path swapped in between is refused too.
 */
import { constants, promises as fs, type Stats } from 'node:fs';

/** What a path is when it is not a regular file: 'a directory', 'a pipe', 'a character device', … */
export class NotRegularFileError extends Error {
  constructor(readonly path: string, readonly kind: string) {
    super(`${path} is ${kind}, not a regular file`);
  }

  get isDirectory(): boolean {
    return this.kind === A_DIRECTORY;
  }
}

const A_DIRECTORY = 'a directory';

/**
 * The largest configuration file read (scst.conf, ietd.conf and its access files): a host of
 * 10 000 devices and 20 000 LUNs writes about 1.3 MiB, so this leaves room for ten times that while
 * keeping the parsers' memory (tens of bytes per input byte) and time within bounds.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** A file larger than the reader accepts: refused before it is read. */
export class FileTooLargeError extends Error {
  constructor(readonly path: string, readonly size: number, readonly limit: number) {
    super(`${path} is ${size} bytes, over the limit of ${limit}`);
  }
}

/** The kind of a special file, for messages: 'a character device', 'a pipe', … */
export function describeFileType(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'something other than a regular file';
}

export function fileKind(st: Stats): string {
  return st.isDirectory() ? A_DIRECTORY : describeFileType(st);
}

/** The whole content of `path`; node's errors (ENOENT, EACCES, …) pass through unchanged. */
export async function readRegularFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
  return (await readRegularFileWithStats(path, options)).content;
}

export interface ReadOptions {
  /** Refuse (FileTooLargeError) a file of more bytes than this. */
  maxBytes?: number;
}

/** The whole content of `path` and the status of the descriptor it was read from (its mode, say). */
export async function readRegularFileWithStats(path: string, options: ReadOptions = {}): Promise<{ content: Buffer; stats: Stats }> {
  const limit = options.maxBytes ?? Infinity;
  refuseUnlessRegular(path, await fs.stat(path));
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = await handle.stat();
    refuseUnlessRegular(path, stats);
    if (stats.size > limit) throw new FileTooLargeError(path, stats.size, limit);
    const content = await handle.readFile();
    // The file may have grown since the stat.
    if (content.length > limit) throw new FileTooLargeError(path, content.length, limit);
    return { content, stats };
  } finally {
    await handle.close();
  }
}

/** Throws NotRegularFileError when `path` exists and is not a regular file (missing is fine). */
export async function refuseExistingNonRegular(path: string): Promise<void> {
  try {
    refuseUnlessRegular(path, await fs.stat(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function refuseUnlessRegular(path: string, st: Stats): void {
  if (!st.isFile()) throw new NotRegularFileError(path, fileKind(st));
}
