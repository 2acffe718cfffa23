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
export async function readRegularFile(path: string): Promise<Buffer> {
  return (await readRegularFileWithStats(path)).content;
}

/** The whole content of `path` and the status of the descriptor it was read from (its mode, say). */
export async function readRegularFileWithStats(path: string): Promise<{ content: Buffer; stats: Stats }> {
  refuseUnlessRegular(path, await fs.stat(path));
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = await handle.stat();
    refuseUnlessRegular(path, stats);
    return { content: await handle.readFile(), stats };
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
