/**
 * What the host's storage looks like to SCST: does a backing file or block device exist, and
 * how big is it. A block device's size is not in stat(2); the kernel publishes it in 512-byte
 * sectors under /sys/dev/block/MAJOR:MINOR/size.
 */
import { readFile, stat } from 'node:fs/promises';
import { execa } from 'execa';
import { blockDevicesFromLsblk } from './lsblk.js';

export interface BackingStore {
  kind: 'file' | 'block' | 'dir';
  /** Bytes; undefined when the size could not be learnt. */
  size?: number;
}

/** A block device of the host and what holds it (mounted, LVM, RAID, its partitions). */
export interface BlockDevice {
  path: string;
  size: number;
  /** disk, part, lvm, … as lsblk says; `block` on an emulated host. */
  type: string;
  /** Why it must not be exported; undefined when nothing holds it. */
  usedBy?: string;
}

export interface StorageView {
  lookup(path: string): Promise<BackingStore | undefined>;
  /** Every path at once: one look at the host for all of them (doctor checks every device). */
  lookupAll(paths: Iterable<string>): Promise<Map<string, BackingStore | undefined>>;
  /** The host's block devices (util-linux lsblk on a real host). */
  blockDevices(): Promise<BlockDevice[]>;
}

export class RealStorage implements StorageView {
  constructor(private readonly sysDevBlock = '/sys/dev/block') {}

  async lookupAll(paths: Iterable<string>): Promise<Map<string, BackingStore | undefined>> {
    const stores = new Map<string, BackingStore | undefined>();
    // One stat at a time: a host of 10 000 devices must not open 10 000 files at once.
    for (const path of paths) stores.set(path, await this.lookup(path));
    return stores;
  }

  async lookup(path: string): Promise<BackingStore | undefined> {
    let info;
    try {
      info = await stat(path, { bigint: true });
    } catch {
      return undefined;
    }
    if (info.isDirectory()) return { kind: 'dir' };
    if (!info.isBlockDevice()) return { kind: 'file', size: Number(info.size) };
    const rdev = info.rdev;
    const major = ((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn);
    const minor = (rdev & 0xffn) | ((rdev >> 12n) & ~0xffn);
    try {
      const sectors = (await readFile(`${this.sysDevBlock}/${major}:${minor}/size`, 'utf8')).trim();
      return { kind: 'block', size: Number(sectors) * 512 };
    } catch {
      return { kind: 'block' };
    }
  }

  async blockDevices(): Promise<BlockDevice[]> {
    const { stdout } = await execa('lsblk', ['--json', '--bytes', '--paths', '--output', 'PATH,SIZE,TYPE,MOUNTPOINT,FSTYPE']);
    return blockDevicesFromLsblk(stdout);
  }
}
