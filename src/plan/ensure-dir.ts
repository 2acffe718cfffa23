/**
 * Create a directory and its missing parents, one level at a time. (Node's recursive mkdir can
 * spin forever on some pseudo file systems, e.g. below /proc; this gives up instead.)
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function ensureDir(path: string, mode = 0o755): Promise<void> {
  try {
    await mkdir(path, { mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw error;
    await ensureDir(parent);
    await mkdir(path, { mode }).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}
