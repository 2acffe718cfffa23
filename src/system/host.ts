/**
 * The host around SCST: the kernel modules, the iscsi-scstd process, and access to the SCST
 * tree. One interface, three ways to get it:
 * - a real host: modprobe and iscsi-scstd as processes, the real sysfs tree;
 * - `--simulate`: the emulated host, whose modules and daemon are switched in its state file;
 * - `--simulate` with SCST_SIMULATE_HOST=tools: the emulated kernel driven by the modprobe and
 *   iscsi-scstd found on PATH, so host tooling (or fakes of it) runs through the real code path.
 * The tree is opened afresh for every step, because host tools change it behind our back
 * (loading a module makes its handlers appear; the daemon's exit deletes iSCSI targets).
 */
import type { Sysfs } from '../sysfs/types.js';
import { DEFAULT_SYSFS_ROOT, NodeSysfs } from '../sysfs/node-sysfs.js';
import { hostPaths, type HostPaths } from './paths.js';
import { RealStorage, type StorageView } from './storage.js';

export interface LoadedModule {
  name: string;
  /** Reference count from /proc/modules; undefined for built-in modules. */
  refcount?: number;
  /** Modules holding this one. */
  usedBy: string[];
  builtin?: boolean;
  /** Live, Loading or Unloading. */
  state?: string;
  size?: number;
}

export interface ModuleControl {
  /** What is loaded now. */
  loaded(): Promise<LoadedModule[]>;
  /** Load one module (its own dependencies are the tool's business). */
  load(name: string): Promise<void>;
  /** One attempt to unload one module; throws when the kernel refuses (e.g. in use). */
  unload(name: string): Promise<void>;
  /**
   * The modules a name stands for: itself, or what an alias resolves to (`crc32c` is an alias
   * of crc32c_generic and crc32c_intel), as modprobe resolves it. Never empty.
   */
  resolve(name: string): Promise<string[]>;
  /** The module can be loaded on this kernel (it is installed), without loading it. */
  installed(name: string): Promise<boolean>;
}

export interface DaemonProcess {
  running: boolean;
  pid?: number;
  /** A PID file was found whose process is gone; it has been removed. */
  stalePidFile?: boolean;
  /**
   * The process exists but is stopped (SIGSTOP, a debugger): it still holds the kernel's
   * control device, so the kernel reports it connected, but it answers no event and every
   * iSCSI change fails with EBUSY after the kernel's ~30 s wait.
   */
  stopped?: boolean;
}

export interface DaemonControl {
  /** Launch iscsi-scstd; returns when the launcher has returned (it daemonizes itself). */
  launch(args: string[]): Promise<void>;
  /** The daemon process as the host sees it (PID file and process table). */
  process(): Promise<DaemonProcess>;
  /** Ask it to exit (SIGTERM), then kill it (SIGKILL) after the timeout. Returns how it ended. */
  terminate(timeoutMs: number): Promise<'not-running' | 'terminated' | 'killed'>;
}

export interface KernelAccess {
  readonly description: string;
  /** Run fn on the SCST tree as it is now, keeping what fn changed. */
  withSysfs<T>(fn: (sysfs: Sysfs) => Promise<T>): Promise<T>;
  /** Look at the tree without keeping anything: an emulated host's state file is not rewritten
   *  (so a read never overwrites what a host tool saved meanwhile). */
  inspect<T>(fn: (sysfs: Sysfs) => Promise<T>): Promise<T>;
}

export interface Host {
  readonly kind: 'real' | 'emulated' | 'emulated-with-tools';
  readonly paths: HostPaths;
  readonly modules: ModuleControl;
  readonly daemon: DaemonControl;
  readonly kernel: KernelAccess;
  /** Backing files and block devices as the (emulated) kernel would find them. */
  readonly storage: StorageView;
}

export interface HostSelection {
  simulate?: string;
  sysfsRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export async function openHost(selection: HostSelection): Promise<Host> {
  const env = selection.env ?? process.env;
  let paths = hostPaths(env);
  if (selection.simulate !== undefined) {
    const { SimulationKernel, EmulatedModules, EmulatedDaemon, EmulatedStorage, EMULATED_KERNEL_RELEASE } = await import('./emulated-host.js');
    const kernel = new SimulationKernel(selection.simulate);
    const storage = new EmulatedStorage(kernel);
    if (env.SCST_SIMULATE_HOST === 'tools') {
      const { ProcessModules, ProcessDaemon } = await import('./process-host.js');
      return { kind: 'emulated-with-tools', paths, kernel, storage, modules: new ProcessModules(paths), daemon: new ProcessDaemon(paths) };
    }
    paths = { ...paths, kernelRelease: EMULATED_KERNEL_RELEASE };
    return { kind: 'emulated', paths, kernel, storage, modules: new EmulatedModules(kernel), daemon: new EmulatedDaemon(kernel) };
  }
  const { ProcessModules, ProcessDaemon } = await import('./process-host.js');
  const sysfs = new NodeSysfs(selection.sysfsRoot ?? DEFAULT_SYSFS_ROOT);
  const kernel: KernelAccess = { description: sysfs.description, withSysfs: (fn) => fn(sysfs), inspect: (fn) => fn(sysfs) };
  return { kind: 'real', paths, kernel, storage: new RealStorage(), modules: new ProcessModules(paths), daemon: new ProcessDaemon(paths) };
}
