/**
 * An emulated host (--simulate STATE.json) keeps its kernel in a file, not in the kernel: a run
 * that loaded the file before it got the lock would plan on what the file said then, and its
 * save would drop whatever the run it waited for had written. So a run on such a host reloads
 * the file each time it takes the lock and saves it before it lets the lock go; the executor
 * does both (src/plan/apply.ts) for any Sysfs that says it holds state this way.
 */
import type { Simulation } from '../emulator/simulation.js';
import type { DirEntry, ListOptions, Sysfs } from '../sysfs/types.js';

/** A tree whose state is read from and written back to a file around each hold of the lock. */
export interface LockBoundState {
  /** Read the state again (the lock was just taken). */
  reload(): Promise<void>;
  /** Write the state back (the lock is about to be released). */
  save(): Promise<void>;
}

export function isLockBound(sysfs: Sysfs): sysfs is Sysfs & LockBoundState {
  const candidate = sysfs as Partial<LockBoundState>;
  return typeof candidate.reload === 'function' && typeof candidate.save === 'function';
}

/** The emulated host in `file` as a Sysfs that follows the file across lock holds. */
export class LockBoundSimulation implements Sysfs, LockBoundState {
  /** Written to since it was last loaded or saved. */
  private changed = false;

  private constructor(
    private readonly file: string,
    private current: Simulation,
  ) {}

  /** Loads the file at once, so a missing or damaged state file is reported before anything runs. */
  static async open(file: string): Promise<LockBoundSimulation> {
    return new LockBoundSimulation(file, await loadSimulation(file));
  }

  get description(): string {
    return this.current.sysfs.description;
  }

  async reload(): Promise<void> {
    this.current.release();
    this.current = await loadSimulation(this.file);
    this.changed = false;
    // A run that will write learns now, with nothing written, that the file cannot take it.
    await this.current.checkWritable();
  }

  async save(): Promise<void> {
    await this.current.save();
    this.changed = false;
  }

  /**
   * At the end of a command: keep what was written outside a lock hold (a failed write's trace
   * included). A run that only looked does not rewrite the file, which could undo a save made
   * by a run that held the lock meanwhile.
   */
  async close(): Promise<void> {
    if (this.changed) await this.save();
  }

  read(path: string): Promise<string> {
    return this.current.sysfs.read(path);
  }

  write(path: string, data: string): Promise<void> {
    this.changed = true;
    return this.current.sysfs.write(path, data);
  }

  list(path: string, options?: ListOptions): Promise<DirEntry[]> {
    return this.current.sysfs.list(path, options);
  }

  readlink(path: string): Promise<string> {
    return this.current.sysfs.readlink(path);
  }

  exists(path: string): Promise<boolean> {
    return this.current.sysfs.exists(path);
  }

  /** The emulated host's own files (backing files are looked up there, not on this machine). */
  hostPath(path: string): { kind: 'file' | 'block' | 'dir' } | undefined {
    const view = this.current.sysfs as Sysfs & { hostPath?: (p: string) => { kind: 'file' | 'block' | 'dir' } | undefined };
    return view.hostPath?.(path);
  }
}

/** The emulator is imported only for simulations, so real runs never load it. */
async function loadSimulation(file: string): Promise<Simulation> {
  const { openSimulation } = await import('../emulator/simulation.js');
  return openSimulation(file);
}
