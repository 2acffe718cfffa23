/**
 * The Emulator: an SCST host in memory behind the `Sysfs` interface. Paths are resolved through
 * the generated tree (tree/root.ts) following symlinks as the VFS does; file-level rules (modes,
 * ENOENT/EISDIR/EACCES at open, empty writes) live here, everything SCST-specific in the stores.
 * Host-side controls (modules, daemon, sessions, backing files, faults) change the state directly.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError, badInput } from '../errors.js';
import { SysfsError, type DirEntry, type Errno, type Sysfs, type SysfsOp } from '../sysfs/types.js';
import { Kernel } from './kernel.js';
import { DEFAULT_MODULES, freshState, reviveRecords } from './initial-state.js';
import { loadModule, removeModule, unloadModule } from './module-control.js';
import { resolvePath } from './path-resolver.js';
import { KernelError } from './kernel-error.js';
import type { LoginOptions } from './models.js';
import { moduleModel, resolveModuleName } from './module-registry.js';
import './modules.js';
import { registerUserDevice, unregisterUserDevice } from './handlers/scst-user.js';
import type { DirNode, Node } from './nodes.js';
import type { DaemonState, EmulatorState, HostFile } from './state.js';
import { checkInitiatorName } from './sessions.js';
import { rootDir } from './tree/root.js';

export { DEFAULT_MODULES };

export interface EmulatorOptions {
  /** Kernel modules loaded at creation. Default: scst, scst_vdisk, scst_local, iscsi_scst. */
  modules?: string[];
  /** iscsi-scstd state. Default 'running' when iscsi_scst is loaded. */
  iscsiDaemon?: DaemonState;
  /** CPUs of the host (threads, cpu_mask follow it). Default 2. */
  cpus?: number;
  /** `SCST kver:` in the root version file. Default: this machine's kernel release. */
  kver?: string;
  /** /var/lib/scst/pr exists. Default true. */
  prDirectory?: boolean;
  /** Local SCSI devices the pass-through handlers can bind. */
  scsiDevices?: Array<{ hctl: string; type: number; model?: string }>;
  /** Backing stores the emulated host has, consulted before the real file system. */
  hostFiles?: Record<string, HostFile>;
  /** Look up backing paths on the real file system too. Default true. */
  useRealFileSystem?: boolean;
  /** Hardware targets pre-existing for qla2x00t. */
  hardwareTargets?: string[];
  /** What `description` says (e.g. `emulator (STATE.json)` for --simulate). */
  description?: string;
}

/** The module that owns the SCST sysfs root. */
const SCST_MODULE = 'scst';

/** sysfs attribute writes are atomic up to one page; longer ones fail. */
const SYSFS_PAGE = 4096;

interface ArmedFault {
  remaining: number;
  errno: Errno;
  pathIncludes?: string;
}

export interface EmulatorStats {
  reads: number;
  writes: number;
  lists: number;
  readlinks: number;
  exists: number;
}

function emptyStats(): EmulatorStats {
  return { reads: 0, writes: 0, lists: 0, readlinks: 0, exists: 0 };
}

export class Emulator implements Sysfs {
  readonly description: string;
  readonly stats: EmulatorStats = emptyStats();
  private readonly kernel: Kernel;
  /** Armed faults live in the state, so a saved --simulate host keeps them. */
  private get faults(): ArmedFault[] {
    return (this.kernel.state.faults ??= []) as ArmedFault[];
  }

  private set faults(faults: ArmedFault[]) {
    this.kernel.state.faults = faults;
  }

  constructor(options: EmulatorOptions = {}, state?: EmulatorState) {
    this.description = options.description ?? 'emulator';
    if (state) {
      this.kernel = new Kernel(state);
      return;
    }
    this.kernel = new Kernel(freshState(options));
    const explicit = options.modules !== undefined;
    const wanted = options.modules ?? DEFAULT_MODULES;
    for (const name of wanted) {
      // The default set loads what this build knows; an explicit list must be exact.
      if (!explicit && !moduleModel(name)) continue;
      this.loadModule(name);
    }
    if (this.kernel.state.modules.includes('iscsi_scst')) {
      this.setIscsiDaemon(options.iscsiDaemon ?? 'running');
    }
  }

  /** The emulated kernel (for drivers, handlers and tests that inspect state). */
  get core(): Kernel {
    return this.kernel;
  }

  // ------------------------------------------------------------------ Sysfs

  async read(path: string): Promise<string> {
    this.stats.reads++;
    return this.call('read', path, undefined, () => {
      const node = this.resolve(path, true);
      if (node.kind === 'dir') throw new KernelError('EISDIR', 'io');
      if (node.kind !== 'file') throw new KernelError('EINVAL', 'io');
      if ((node.mode & 0o444) === 0 || !node.show) throw new KernelError('EACCES', 'open');
      return node.show();
    });
  }

  async write(path: string, data: string): Promise<void> {
    this.stats.writes++;
    const delay = this.writeDelay();
    if (delay > 0) await sleep(delay);
    this.call('write', path, data, () => {
      const node = this.resolve(path, true);
      if (node.kind === 'dir') throw new KernelError('EISDIR', 'open');
      if (node.kind !== 'file') throw new KernelError('EINVAL', 'open');
      if ((node.mode & 0o222) === 0 || !node.store) throw new KernelError('EACCES', 'open');
      this.takeFault(path);
      // A zero-length write(2) never reaches the store (spec §0.3); sysfs takes at most one page.
      if (data.length === 0) return;
      if (Buffer.byteLength(data) > SYSFS_PAGE) throw new KernelError('E2BIG', 'io');
      node.store(data);
    });
  }

  async list(path: string): Promise<DirEntry[]> {
    this.stats.lists++;
    return this.call('list', path, undefined, () => {
      const node = this.resolve(path, true);
      if (node.kind !== 'dir') throw new KernelError('ENOTDIR', 'open');
      return this.entriesOf(node);
    });
  }

  async readlink(path: string): Promise<string> {
    this.stats.readlinks++;
    return this.call('readlink', path, undefined, () => {
      const node = this.resolve(path, false);
      if (node.kind !== 'link') throw new KernelError('EINVAL', 'io');
      return node.target;
    });
  }

  async exists(path: string): Promise<boolean> {
    this.stats.exists++;
    try {
      this.resolve(path, true);
      return true;
    } catch (error) {
      if (error instanceof KernelError) return false;
      throw error;
    }
  }

  /** Directory entries sorted by name in byte order, as the recordings list them. */
  entriesOf(dir: DirNode): DirEntry[] {
    const entries: DirEntry[] = [];
    const dirs = dir.dirNames?.();
    for (const name of dir.names()) {
      if (dirs?.has(name)) {
        entries.push({ name, type: 'dir' });
        continue;
      }
      const child = dir.child(name);
      if (!child) continue;
      if (child.kind === 'file') entries.push({ name, type: 'file', mode: child.mode });
      else if (child.kind === 'link') entries.push({ name, type: 'link', target: child.target });
      else entries.push({ name, type: 'dir' });
    }
    return sortByteOrder(entries);
  }

  private call<T>(op: SysfsOp, path: string, data: string | undefined, fn: () => T): T {
    this.kernel.beginStep();
    try {
      return fn();
    } catch (error) {
      if (error instanceof KernelError) {
        throw new SysfsError(error.errno, op, path, error.at, this.kernel.stepLines(), data);
      }
      throw error;
    }
  }

  /**
   * The node at `path`; links are followed like the VFS does (see path-resolver.ts). Without
   * the scst module there is no /sys/kernel/scst_tgt at all: every path, the root too, is
   * missing at open(2).
   */
  resolve(path: string, followLast: boolean): Node {
    if (!this.kernel.state.modules.includes(SCST_MODULE)) throw new KernelError('ENOENT', 'open');
    return resolvePath(rootDir(this.kernel), path, followLast);
  }

  private takeFault(path: string): void {
    for (const fault of this.faults) {
      if (fault.pathIncludes !== undefined && !path.includes(fault.pathIncludes)) continue;
      fault.remaining--;
      if (fault.remaining === 0) {
        this.faults = this.faults.filter((f) => f !== fault);
        throw new KernelError(fault.errno, 'io');
      }
    }
  }

  // ------------------------------------------------------------------ host controls

  loadModule(name: string): void {
    loadModule(this.kernel, name);
  }

  unloadModule(name: string): void {
    unloadModule(this.kernel, name);
  }

  /** `modprobe -r`: the module, then dependencies nothing uses any more; returns what went. */
  removeModule(name: string): string[] {
    return removeModule(this.kernel, name);
  }

  /** `modprobe --resolve-alias`: the module itself or what an alias stands for; [] if unknown. */
  resolveModule(name: string): string[] {
    return resolveModuleName(name);
  }

  loadedModules(): string[] {
    return [...this.kernel.state.modules];
  }

  /** The emulated iscsi-scstd: running, stopped (SIGSTOP: connected but answering nothing) or absent. */
  iscsiDaemonState(): DaemonState {
    return this.kernel.state.host.iscsiDaemon;
  }

  setIscsiDaemon(next: DaemonState): void {
    const host = this.kernel.state.host;
    const previous = host.iscsiDaemon;
    if (next !== 'absent' && !this.kernel.state.modules.includes('iscsi_scst')) {
      throw badInput('iscsi-scstd needs the iscsi_scst module', { object: 'iscsi-scstd' });
    }
    host.iscsiDaemon = next;
    if (previous !== next) {
      this.kernel.beginStep();
      for (const driver of this.kernel.driverModels()) driver.daemonChanged?.(this.kernel, previous, next);
    }
  }

  login(target: string, initiator: string, options: LoginOptions = {}): string {
    const driverName = options.driver ?? 'iscsi';
    const driver = this.kernel.driverModel(driverName);
    const tgt = this.kernel.target(driverName, target);
    if (!driver || !tgt) {
      throw badInput(`no target ${target} in driver ${driverName}`, { object: `target ${target}` });
    }
    checkInitiatorName(initiator);
    this.kernel.beginStep();
    const session = driver.login
      ? this.hostCall(() => driver.login!(this.kernel, tgt, initiator, options), `login to ${target}`)
      : this.kernel.createSession(tgt, initiator);
    return session.name;
  }

  /** A user-space program registers an scst_user device (its own handler directory appears). */
  registerUserDevice(name: string, options: { type?: number } = {}): void {
    this.kernel.beginStep();
    registerUserDevice(this.kernel, name, options.type);
  }

  /** That program exits: the scst_user device and its LUNs go away. */
  unregisterUserDevice(name: string): void {
    this.kernel.beginStep();
    unregisterUserDevice(this.kernel, name);
  }

  logout(target: string, session: string, options: { driver?: string } = {}): void {
    const driverName = options.driver ?? 'iscsi';
    const driver = this.kernel.driverModel(driverName);
    const tgt = this.kernel.target(driverName, target);
    const sess = tgt?.sessions[session];
    if (!driver || !tgt || !sess) {
      throw badInput(`no session ${session} on target ${target}`, { object: `session ${session}` });
    }
    this.kernel.beginStep();
    if (driver.logout) this.hostCall(() => driver.logout!(this.kernel, tgt, sess), `logout from ${target}`);
    else this.kernel.removeSession(tgt, session);
  }

  /** Host controls refused by the emulated kernel report a UserError, not a SysfsError. */
  private hostCall<T>(fn: () => T, what: string): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KernelError) {
        throw new UserError(`${what} refused (${error.errno})`, { code: `EMULATOR_${error.errno}` });
      }
      throw error;
    }
  }

  /** A backing path as the emulated host sees it (check-config looks at backing files through this). */
  hostPath(path: string): HostFile | undefined {
    return this.kernel.hostLookup(path);
  }

  /** A path declared on the emulated host (simulate file), without looking at the real one. */
  declaredHostFile(path: string): HostFile | undefined {
    const files = this.kernel.state.host.hostFiles;
    return Object.hasOwn(files, path) ? files[path] : undefined;
  }

  /** Whether paths not declared are looked up on the real file system. */
  usesRealFileSystem(): boolean {
    return this.kernel.state.host.useRealFileSystem;
  }

  addHostFile(path: string, entry: HostFile): void {
    this.kernel.state.host.hostFiles[path] = { ...entry };
  }

  removeHostFile(path: string): void {
    delete this.kernel.state.host.hostFiles[path];
  }

  setPrDirectory(present: boolean): void {
    this.kernel.state.host.prDirectory = present;
  }

  armFault(fault: { nth: number; errno: Errno; pathIncludes?: string }): void {
    if (!Number.isInteger(fault.nth) || fault.nth < 1) {
      throw badInput(`fault position must be a whole number ≥ 1, not ${fault.nth}`, { object: 'fault' });
    }
    this.faults.push({ remaining: fault.nth, errno: fault.errno, pathIncludes: fault.pathIncludes });
  }

  /** Faults still armed: `nth` counts from the next matching write. */
  armedFaults(): Array<{ nth: number; errno: Errno; pathIncludes?: string }> {
    return this.faults.map((f) => ({ nth: f.remaining, errno: f.errno, pathIncludes: f.pathIncludes }));
  }

  clearFaults(): void {
    this.faults = [];
  }

  /**
   * CONFIG_SCST_DEBUG_SYSFS_EAGAIN (spec §4 item 6): every management work still takes effect
   * but its write fails with EAGAIN, and the first poll of last_sysfs_mgmt_res does too.
   */
  setDebugSysfsEagain(on: boolean): void {
    this.kernel.state.core.debugSysfsEagain = on;
  }

  /** Every write waits `ms` (a slow kernel); 0 removes the delay. Kept in the state like faults. */
  delayWrites(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) delete this.kernel.state.writeDelayMs;
    else this.kernel.state.writeDelayMs = ms;
  }

  /** The delay every write waits, in milliseconds (0: none). */
  writeDelay(): number {
    return this.kernel.state.writeDelayMs ?? 0;
  }

  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  kernelLog(): string[] {
    return [...this.kernel.state.log];
  }

  toState(): EmulatorState {
    return JSON.parse(JSON.stringify(this.kernel.state), reviveRecords) as EmulatorState;
  }

  static fromState(state: EmulatorState, options: Pick<EmulatorOptions, 'description'> = {}): Emulator {
    if (state?.format !== 'scstadmin-ts-emulator' || state.version !== 1) {
      throw badInput('not an emulator state file (format scstadmin-ts-emulator, version 1)', { object: 'state' });
    }
    for (const name of state.modules) {
      if (!moduleModel(name)) throw badInput(`state names unknown kernel module ${name}`, { object: 'state' });
    }
    const copy = JSON.parse(JSON.stringify(state), reviveRecords) as EmulatorState;
    return new Emulator(options, copy);
  }
}

/**
 * Names in byte order of their UTF-8 form, as the kernel lists them. For ASCII names UTF-16
 * order is the same and much cheaper; others are compared as bytes.
 */
function sortByteOrder(entries: DirEntry[]): DirEntry[] {
  if (entries.every((e) => !/[^\p{ASCII}]/u.test(e.name))) {
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  const keyed = entries.map((entry) => ({ entry, bytes: Buffer.from(entry.name) }));
  keyed.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return keyed.map((k) => k.entry);
}
