/**
 * What the converter may learn from the host it runs on: whether a backing path exists and is a
 * file or a block device, its canonical path (so `/dev/vg/lv` and `/dev/mapper/vg-lv` are one
 * store), and a block device's logical block size. Everything is read below an optional root
 * directory so tests can lay out a fake host; an offline probe knows nothing and says so.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type PathKind = 'file' | 'block' | 'other' | 'missing';

export interface HostProbe {
  /** The canonical path (host view, without the root prefix); undefined when it does not exist. */
  realpath(path: string): string | undefined;
  kind(path: string): PathKind;
  /** Logical block size of a block device, when it can be read. */
  logicalBlockSize(path: string): number | undefined;
}

/** A probe that reads the host below `root` ('/' for the real host). */
export function hostProbe(root = '/'): HostProbe {
  const inRoot = (path: string): string => join(root, path);
  const strip = (path: string): string => {
    const prefix = root.replace(/\/+$/, '');
    return prefix !== '' && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
  };
  const realpath = (path: string): string | undefined => {
    try {
      return strip(realpathSync(inRoot(path)));
    } catch {
      return undefined;
    }
  };
  return {
    realpath,
    kind(path) {
      try {
        const stat = statSync(inRoot(path));
        if (stat.isFile()) return 'file';
        if (stat.isBlockDevice()) return 'block';
        return 'other';
      } catch {
        return 'missing';
      }
    },
    logicalBlockSize(path) {
      const real = realpath(path);
      if (real === undefined) return undefined;
      const name = basename(real);
      const sysDir = inRoot(join('/sys/class/block', name));
      try {
        const text = readFileSync(join(sysDir, 'queue', 'logical_block_size'), 'utf8').trim();
        if (/^[0-9]+$/.test(text)) return Number(text);
      } catch {
        // a partition: its queue/ lives in the parent disk's directory
      }
      return readBlockSizeFromParent(sysDir);
    },
  };
}

function readBlockSizeFromParent(sysDir: string): number | undefined {
  try {
    const real = realpathSync(sysDir);
    const text = readFileSync(join(dirname(real), 'queue', 'logical_block_size'), 'utf8').trim();
    return /^[0-9]+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/** For converting files copied from another machine: nothing about the paths is known. */
export const offlineHost: HostProbe = {
  realpath: () => undefined,
  kind: () => 'missing',
  logicalBlockSize: () => undefined,
};
