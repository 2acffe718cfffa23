/**
 * Where a write to a path the admin named must land. A symlink is followed to the file it
 * names (so /etc/scst.conf → elsewhere stays a link) and never replaced by a regular file; a
 * link to nothing is refused, since following it would create a file the admin may not expect.
 * The standard streams (`-`, /dev/stdout, /dev/fd/N) are descriptors to write to, not files to
 * replace: `write-config /dev/stdout >> log` appends to log like any other program's output.
 */
import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

export class DanglingLinkError extends Error {
  constructor(readonly path: string, readonly target: string) {
    super(`${path} is a symbolic link to ${target}, which does not exist`);
  }
}

/** The descriptor a stream-like path stands for (`-` and /dev/stdout: 1), else undefined. */
export function streamDescriptor(file: string): number | undefined {
  if (file === '-' || file === '/dev/stdout') return 1;
  if (file === '/dev/stderr') return 2;
  const fd = /^\/(?:dev\/fd|proc\/self\/fd|proc\/thread-self\/fd)\/(\d+)$/.exec(file)?.[1] ?? new RegExp(`^/proc/${process.pid}/fd/(\\d+)$`).exec(file)?.[1];
  return fd === undefined ? undefined : Number(fd);
}

/** The absolute path a write to `file` goes to: the file itself, or the file its symlink names. */
export async function resolveWriteTarget(file: string): Promise<string> {
  try {
    if (!(await lstat(file)).isSymbolicLink()) return path.resolve(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path.resolve(file);
    throw error;
  }
  try {
    return await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new DanglingLinkError(file, await readlink(file).catch(() => '?'));
  }
}
