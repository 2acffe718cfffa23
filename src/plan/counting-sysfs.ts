/**
 * A Sysfs that counts the calls passing through it, so `apply --json` and the benchmark can
 * report reads and writes on any tree — the real one as well as the emulator.
 */
import type { DirEntry, ListOptions, Sysfs } from '../sysfs/types.js';

export interface SysfsCounts {
  reads: number;
  writes: number;
  lists: number;
  readlinks: number;
  exists: number;
}

export class CountingSysfs implements Sysfs {
  readonly counts: SysfsCounts = { reads: 0, writes: 0, lists: 0, readlinks: 0, exists: 0 };

  constructor(private readonly inner: Sysfs) {}

  get description(): string {
    return this.inner.description;
  }

  read(path: string): Promise<string> {
    this.counts.reads++;
    return this.inner.read(path);
  }

  write(path: string, data: string): Promise<void> {
    this.counts.writes++;
    return this.inner.write(path, data);
  }

  list(path: string, options?: ListOptions): Promise<DirEntry[]> {
    this.counts.lists++;
    return this.inner.list(path, options);
  }

  readlink(path: string): Promise<string> {
    this.counts.readlinks++;
    return this.inner.readlink(path);
  }

  exists(path: string): Promise<boolean> {
    this.counts.exists++;
    return this.inner.exists(path);
  }
}
