/**
 * Backing stores on this machine's real file system, for emulated hosts that may use them
 * (`useRealFileSystem`): what kind of object a path is and how big.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { HostFile } from './state.js';

export function realHostFile(path: string): HostFile | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { kind: 'dir' };
    if (stat.isBlockDevice()) return { kind: 'block', size: blockDeviceSize(path) };
    return { kind: 'file', size: stat.isFile() ? stat.size : 0 };
  } catch {
    return undefined;
  }
}

/** A block device's size: stat() says 0, sysfs knows it in 512-byte sectors. */
function blockDeviceSize(path: string): number {
  try {
    const name = basename(realpathSync(path));
    return Number(readFileSync(`/sys/class/block/${name}/size`, 'utf8').trim()) * 512;
  } catch {
    return 0;
  }
}
