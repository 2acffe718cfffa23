/**
 * What the host's storage looks like to SCST: does a backing file or block device exist, and
 * how big is it. A block device's size is not in stat(2); the kernel publishes it in 512-byte
 * sectors under /sys/dev/block/MAJOR:MINOR/size.
 */
import { constants } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { execa } from './exec.js';
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
  /** The file holds an ISO 9660 file system (a CD or DVD image): false when it cannot be read. */
  isIso9660(path: string): Promise<boolean>;
}

/** ISO 9660's volume descriptor set starts at sector 16 (of 2048 bytes) with a type byte, then "CD001". */
const ISO9660_MAGIC = { offset: 16 * 2048 + 1, text: 'CD001' };

/** Reads the five bytes of the ISO 9660 signature; only a regular file is read (a FIFO is not waited on). */
export async function hasIso9660Signature(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!(await handle.stat()).isFile()) return false;
    const bytes = Buffer.alloc(ISO9660_MAGIC.text.length);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, ISO9660_MAGIC.offset);
    return bytesRead === bytes.length && bytes.toString('latin1') === ISO9660_MAGIC.text;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
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

  isIso9660(path: string): Promise<boolean> {
    return hasIso9660Signature(path);
  }

  async blockDevices(): Promise<BlockDevice[]> {
    const { stdout } = await execa('lsblk', ['--json', '--bytes', '--paths', '--output', 'PATH,SIZE,TYPE,MOUNTPOINT,FSTYPE']);
    return blockDevicesFromLsblk(stdout);
  }
}
