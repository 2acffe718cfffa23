/**
 * A sysfs tree written out as plain files: directories, files with the text a read returns and
 * the same permission bits, links with the same link text. The real adapter pointed at such a
 * copy makes the same system calls as on /sys/kernel/scst_tgt, so benchmarks and tests can
 * measure the node:fs path (and its descriptor use) on an emulated host of any size.
 * Write-only files are copied empty; writes to the copy only change plain files.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSysfsError, type Sysfs } from './types.js';

export interface CopyCounts {
  dirs: number;
  files: number;
  links: number;
}

export async function copySysfsTree(sysfs: Sysfs, dir: string): Promise<CopyCounts> {
  const counts: CopyCounts = { dirs: 0, files: 0, links: 0 };
  mkdirSync(dir, { recursive: true });
  const pending = [''];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    // An in-memory tree answers without ever yielding: let timers and I/O of the caller run.
    if ((counts.dirs & 255) === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const entry of await sysfs.list(path)) {
      const from = path === '' ? entry.name : `${path}/${entry.name}`;
      const to = join(dir, from);
      if (entry.type === 'dir') {
        mkdirSync(to);
        counts.dirs++;
        pending.push(from);
      } else if (entry.type === 'link') {
        symlinkSync(entry.target ?? (await sysfs.readlink(from)), to);
        counts.links++;
      } else {
        writeFileSync(to, await readable(sysfs, from));
        if (entry.mode !== undefined) chmodSync(to, entry.mode);
        counts.files++;
      }
    }
  }
  return counts;
}

async function readable(sysfs: Sysfs, path: string): Promise<string> {
  try {
    return await sysfs.read(path);
  } catch (error) {
    if (isSysfsError(error)) return '';
    throw error;
  }
}
