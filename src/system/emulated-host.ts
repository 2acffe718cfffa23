/**
 * The emulated host behind --simulate: its state file is the machine. Loading a module or
 * starting the daemon switches the emulator, the same state a real kernel would be in, so the
 * service commands can be tried without SCST.
 */
import { existsSync, statSync } from 'node:fs';
import type { Sysfs } from '../sysfs/types.js';
import { UserError } from '../errors.js';
import type { Emulator } from '../emulator/emulator.js';
import { openSimulation, type Simulation } from '../emulator/simulation.js';
import { writeLogPath } from '../emulator/write-log.js';
import { LockBoundSimulation } from '../plan/lock-bound-state.js';
import type { DaemonControl, DaemonProcess, KernelAccess, LoadedModule, ModuleControl } from './host.js';
import { knownModules } from './module-catalog.js';
import { moduleNotInstalled } from './module-errors.js';
import { daemonMessages, moduleMessages } from './messages.js';
import { readDaemonConnection } from './iscsi-connection.js';
import { hasIso9660Signature, RealStorage, type BackingStore, type BlockDevice, type StorageView } from './storage.js';

/** The kernel release an emulated host reports. */
export const EMULATED_KERNEL_RELEASE = 'emulated';

/**
 * Which version of the state file is on disk: its inode (a save renames a new file over it),
 * size and change time; undefined when there is no file or a write log lies beside it (writes
 * not yet folded in, which a load replays).
 */
function stateVersion(file: string): string | undefined {
  try {
    if (existsSync(writeLogPath(file))) return undefined;
    const stats = statSync(file, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch {
    return undefined;
  }
}

export class SimulationKernel implements KernelAccess {
  readonly description: string;
  /**
   * The host as this process last loaded or saved it, with the version of the file that holds
   * it. A command such as stop makes a dozen host steps (a module unloaded, the daemon stopped,
   * each saved as it happens, as a kernel's are at once); each would load the whole file again.
   * While the file is the one this process read or wrote, the host in memory is the same.
   */
  private held: { simulation: Simulation; version: string } | undefined;

  constructor(readonly file: string) {
    this.description = `emulator (${file})`;
  }

  /** The host in the state file: the one held while the file is unchanged, else loaded again. */
  private async load(): Promise<Simulation> {
    const version = stateVersion(this.file);
    if (this.held && version !== undefined && this.held.version === version) return this.held.simulation;
    // The version is taken before the read: a file changed in between is loaded again next time.
    const simulation = await openSimulation(this.file);
    this.held = version === undefined ? undefined : { simulation, version };
    return simulation;
  }

  private async save(simulation: Simulation): Promise<void> {
    try {
      await simulation.save();
    } finally {
      const version = stateVersion(this.file);
      this.held = version === undefined ? undefined : { simulation, version };
    }
  }

  /** For the engine's runs: the state is read again under the run lock and saved before it goes. */
  async withSysfs<T>(fn: (sysfs: Sysfs) => Promise<T>): Promise<T> {
    // The engine reads the file under the lock itself; what it saves is a new version of it.
    const sysfs = await LockBoundSimulation.open(this.file);
    try {
      return await fn(sysfs);
    } finally {
      await sysfs.close();
    }
  }

  /** Open the state, act, save it back, even when fn failed (a failed run leaves its trace). */
  async withEmulator<T>(fn: (emulator: Emulator, sysfs: Sysfs) => Promise<T>): Promise<T> {
    const simulation = await this.load();
    try {
      return await fn(simulation.emulator, simulation.sysfs);
    } finally {
      await this.save(simulation);
    }
  }

  inspect<T>(fn: (sysfs: Sysfs) => Promise<T>): Promise<T> {
    return this.inspectEmulator((_emulator, sysfs) => fn(sysfs));
  }

  /** Look without changing anything: the state file is not rewritten. */
  async inspectEmulator<T>(fn: (emulator: Emulator, sysfs: Sysfs) => Promise<T>): Promise<T> {
    const simulation = await this.load();
    return fn(simulation.emulator, simulation.sysfs);
  }
}

export class EmulatedModules implements ModuleControl {
  constructor(private readonly kernel: SimulationKernel) {}

  loaded(): Promise<LoadedModule[]> {
    return this.kernel.inspectEmulator(async (emulator) => {
      const loaded = emulator.loadedModules();
      // The emulator knows which modules are in; who holds whom follows the catalogue.
      return loaded.map((name): LoadedModule => {
        const usedBy = knownModules().filter((m) => m.dependsOn.includes(name) && loaded.includes(m.name)).map((m) => m.name);
        return { name, refcount: usedBy.length, usedBy, state: 'Live' };
      });
    });
  }

  load(name: string): Promise<void> {
    return this.kernel.withEmulator(async (emulator) => {
      try {
        emulator.loadModule(name);
      } catch {
        // The emulator refuses only modules it does not have: "not installed" on this host.
        throw moduleNotInstalled(name, EMULATED_KERNEL_RELEASE);
      }
    });
  }

  resolve(name: string): Promise<string[]> {
    return this.kernel.inspectEmulator(async (emulator) => {
      const modules = emulator.resolveModule(name);
      return modules.length > 0 ? modules : [name];
    });
  }

  /** The emulator has every module it models, and no other. */
  installed(name: string): Promise<boolean> {
    return this.kernel.inspectEmulator(async (emulator) => emulator.resolveModule(name).length > 0);
  }

  unload(name: string): Promise<void> {
    return this.kernel.withEmulator(async (emulator) => {
      if (!emulator.loadedModules().includes(name)) return;
      try {
        // The host unloads with modprobe -r, which takes unused dependencies along.
        emulator.removeModule(name);
      } catch (error) {
        throw new UserError(moduleMessages.unloadFailed((error as Error).message), { object: `module ${name}`, code: 'MODULE_BUSY' });
      }
    });
  }
}

export class EmulatedDaemon implements DaemonControl {
  constructor(private readonly kernel: SimulationKernel) {}

  launch(_args: string[]): Promise<void> {
    return this.kernel.withEmulator(async (emulator, sysfs) => {
      if (!emulator.loadedModules().includes('iscsi_scst')) {
        throw new UserError(daemonMessages.moduleMissing, { object: 'iscsi-scstd', code: 'DAEMON_NO_MODULE', hint: daemonMessages.moduleMissingHint });
      }
      // Like the real daemon: a second instance cannot open the control device.
      if ((await readDaemonConnection(sysfs)) === 'connected') {
        throw new UserError(daemonMessages.launchFailed(1, 'the control device is busy (another iscsi-scstd is connected)'), { object: 'iscsi-scstd', code: 'DAEMON_START_FAILED' });
      }
      emulator.setIscsiDaemon('running');
    });
  }

  process(): Promise<DaemonProcess> {
    return this.kernel.inspectEmulator(async (emulator, sysfs) => {
      const running = (await readDaemonConnection(sysfs)) === 'connected';
      return running && emulator.iscsiDaemonState() === 'stopped' ? { running, stopped: true } : { running };
    });
  }

  terminate(_timeoutMs: number): Promise<'not-running' | 'terminated'> {
    return this.kernel.withEmulator(async (emulator, sysfs) => {
      const connection = await readDaemonConnection(sysfs);
      if (connection === 'no-driver') return 'not-running';
      emulator.setIscsiDaemon('absent');
      return connection === 'connected' ? 'terminated' : 'not-running';
    });
  }
}

/** The emulated host's own backing files first, then (if it looks there) the real ones. */
export class EmulatedStorage implements StorageView {
  constructor(private readonly kernel: SimulationKernel) {}

  async lookup(path: string): Promise<BackingStore | undefined> {
    return (await this.lookupAll([path])).get(path);
  }

  /** The state file is loaded once for all paths, and nothing of it is copied. */
  lookupAll(paths: Iterable<string>): Promise<Map<string, BackingStore | undefined>> {
    return this.kernel.inspectEmulator(async (emulator) => {
      const stores = new Map<string, BackingStore | undefined>();
      const real = new RealStorage();
      for (const path of paths) {
        const own = emulator.declaredHostFile(path);
        if (own) stores.set(path, own.size === undefined ? { kind: own.kind } : { kind: own.kind, size: own.size });
        else stores.set(path, emulator.usesRealFileSystem() ? await real.lookup(path) : undefined);
      }
      return stores;
    });
  }

  /** The emulated host's own files have a size but no content; a real file it looks at is read. */
  isIso9660(path: string): Promise<boolean> {
    return this.kernel.inspectEmulator(async (emulator) => (emulator.declaredHostFile(path) || !emulator.usesRealFileSystem() ? false : hasIso9660Signature(path)));
  }

  /** The emulated host's own block devices (`simulate file --block`, with what holds them). */
  blockDevices(): Promise<BlockDevice[]> {
    return this.kernel.inspectEmulator(async (emulator) =>
      Object.entries(emulator.toState().host.hostFiles)
        .filter(([, f]) => f.kind === 'block')
        .map(([path, f]) => ({ path, size: f.size ?? 0, type: 'block', ...(f.usedBy ? { usedBy: f.usedBy } : {}) })),
    );
  }
}
