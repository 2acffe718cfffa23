/** Test double for the Sysfs interface, shared by the writer and executor tests. */
import { SysfsError, type DirEntry, type Errno, type Sysfs } from '../../src/sysfs/types.js';

/** A scripted tree: each write and each read of a path takes the next scripted outcome. */
export class ScriptedSysfs implements Sysfs {
  readonly description = 'scripted';
  readonly writes: Array<{ path: string; data: string }> = [];
  readonly reads: string[] = [];
  constructor(
    private readonly writeOutcomes: Array<Errno | null> = [],
    private readonly readOutcomes: Record<string, Array<string | Errno>> = {},
  ) {}
  async write(path: string, data: string): Promise<void> {
    this.writes.push({ path, data });
    const outcome = this.writeOutcomes.shift() ?? null;
    if (outcome) throw new SysfsError(outcome, 'write', path, 'io', [], data);
  }
  async read(path: string): Promise<string> {
    this.reads.push(path);
    const next = this.readOutcomes[path]?.shift();
    if (next === undefined) throw new SysfsError('ENOENT', 'read', path, 'open');
    if (/^E[A-Z]+$/.test(next)) throw new SysfsError(next as Errno, 'read', path, 'io');
    return next;
  }
  async list(): Promise<DirEntry[]> {
    return [];
  }
  async readlink(): Promise<string> {
    return '';
  }
  async exists(): Promise<boolean> {
    return true;
  }
}
