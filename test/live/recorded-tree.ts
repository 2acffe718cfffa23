/**
 * Real directory trees built from the `tree` records of the conformance recordings, so the live
 * reader is tested through the real adapter on an ordinary directory. Files keep their recorded
 * modes (root still reads a 0200 file, so a test can catch a reader that opens write-only
 * files); files whose recorded read failed are served with that errno by a thin wrapper.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeSysfs } from '../../src/sysfs/node-sysfs.js';
import { SysfsError, type DirEntry, type Errno, type Sysfs } from '../../src/sysfs/types.js';

/** The recordings sit next to the project (`../shared/conformance`), or SCST_CONFORMANCE_DIR. */
export const CONFORMANCE = process.env.SCST_CONFORMANCE_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance');

interface TreeEntry {
  path: string;
  type: 'file' | 'dir' | 'link';
  mode?: string;
  data?: string | null;
  target?: string;
  errno?: string;
  skipped?: boolean;
}

/** The entries of the `tree` record on line `step` of a recording. */
export function treeRecord(file: string, step: number): { path: string; entries: TreeEntry[] } {
  const line = readFileSync(join(CONFORMANCE, file), 'utf8').split('\n')[step - 1];
  const record = JSON.parse(line ?? 'null') as { op: string; path: string; entries: TreeEntry[] };
  if (record?.op !== 'tree') throw new Error(`${file} step ${step} is not a tree record`);
  return record;
}

export class RecordedTree {
  readonly root: string;
  private readonly failing = new Map<string, Errno>();

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'scst-tree-'));
  }

  /** Replace the subtree at the record's path with the recorded entries. */
  apply(record: { path: string; entries: TreeEntry[] }): this {
    if (record.path !== '') {
      rmSync(join(this.root, record.path), { recursive: true, force: true });
      mkdirSync(join(this.root, record.path), { recursive: true });
    }
    for (const entry of record.entries) this.add(entry);
    return this;
  }

  add(entry: TreeEntry): void {
    const abs = join(this.root, entry.path);
    mkdirSync(dirname(abs), { recursive: true });
    if (entry.type === 'dir') {
      mkdirSync(abs, { recursive: true });
      return;
    }
    if (entry.type === 'link') {
      symlinkSync(entry.target ?? '', abs);
      return;
    }
    writeFileSync(abs, Buffer.from(entry.data ?? '', 'utf8'));
    chmodSync(abs, parseInt(entry.mode ?? '0644', 8));
    if (entry.data === null && entry.errno) this.failing.set(entry.path, entry.errno as Errno);
  }

  remove(path: string): this {
    rmSync(join(this.root, path), { recursive: true, force: true });
    return this;
  }

  /** The real adapter on this tree, wrapped to count calls and to fail recorded failures. */
  sysfs(): CountingSysfs {
    return new CountingSysfs(new NodeSysfs(this.root), this.failing);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export class CountingSysfs implements Sysfs {
  readonly reads: string[] = [];
  readonly lists: string[] = [];
  writes = 0;
  readonly description: string;
  constructor(
    private readonly inner: Sysfs,
    private readonly failing: Map<string, Errno> = new Map(),
  ) {
    this.description = inner.description;
  }
  async read(path: string): Promise<string> {
    this.reads.push(path);
    const errno = this.failing.get(path);
    if (errno) throw new SysfsError(errno, 'read', path, 'io');
    return this.inner.read(path);
  }
  async write(path: string, data: string): Promise<void> {
    this.writes++;
    return this.inner.write(path, data);
  }
  async list(path: string): Promise<DirEntry[]> {
    this.lists.push(path);
    return this.inner.list(path);
  }
  readlink(path: string): Promise<string> {
    return this.inner.readlink(path);
  }
  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }
}

/** The fresh tree of 00-fresh-tree.jsonl step 2. */
export function freshTree(): RecordedTree {
  return new RecordedTree().apply(treeRecord('00-fresh-tree.jsonl', 2));
}
