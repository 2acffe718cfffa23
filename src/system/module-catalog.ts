/**
 * What the kernel side of SCST is made of: which module provides which handler or target
 * driver, what each module needs loaded first, and therefore which modules a configuration
 * needs and in which order they go in and come out. Pure data and ordering, no processes.
 */
import type { ScstConfig } from '../model/types.js';

export interface ModuleInfo {
  name: string;
  /** Modules that must be loaded before this one (and unloaded after it). */
  dependsOn: string[];
  /** What the module provides, for `modules list`. */
  provides: string;
  /** Failing to load it is not an error (digest acceleration). */
  optional?: boolean;
}

const MODULES: ModuleInfo[] = [
  { name: 'scst', dependsOn: [], provides: 'SCST core' },
  { name: 'scst_vdisk', dependsOn: ['scst'], provides: 'handlers vdisk_fileio, vdisk_blockio, vdisk_nullio, vcdrom' },
  { name: 'scst_disk', dependsOn: ['scst'], provides: 'pass-through handlers dev_disk, dev_disk_perf' },
  { name: 'scst_tape', dependsOn: ['scst'], provides: 'pass-through handlers dev_tape, dev_tape_perf' },
  { name: 'scst_cdrom', dependsOn: ['scst'], provides: 'pass-through handler dev_cdrom' },
  { name: 'scst_changer', dependsOn: ['scst'], provides: 'pass-through handler dev_changer' },
  { name: 'scst_processor', dependsOn: ['scst'], provides: 'pass-through handler dev_processor' },
  { name: 'scst_raid', dependsOn: ['scst'], provides: 'pass-through handler dev_raid' },
  { name: 'scst_modisk', dependsOn: ['scst'], provides: 'pass-through handlers dev_modisk, dev_modisk_perf' },
  { name: 'scst_user', dependsOn: ['scst'], provides: 'user-space device handlers (dev_user)' },
  { name: 'crc32c', dependsOn: [], provides: 'CRC32C digest acceleration for iSCSI', optional: true },
  { name: 'iscsi_scst', dependsOn: ['scst'], provides: 'target driver iscsi (needs the iscsi-scstd daemon)' },
  { name: 'isert_scst', dependsOn: ['iscsi_scst'], provides: 'iSER transport for iscsi' },
  { name: 'scst_local', dependsOn: ['scst'], provides: 'target driver scst_local (local SCSI host)' },
  { name: 'qla2x00tgt', dependsOn: ['scst'], provides: 'target driver qla2x00t (QLogic FC)' },
  { name: 'ib_srpt', dependsOn: ['scst'], provides: 'target driver ib_srpt (InfiniBand SRP)' },
  { name: 'fcst', dependsOn: ['scst'], provides: 'target driver fcst (FCoE)' },
];

const BY_NAME = new Map(MODULES.map((m) => [m.name, m]));

export function knownModules(): readonly ModuleInfo[] {
  return MODULES;
}

/** What a module name may be: it goes to modprobe as an argument, so it must not look like an option. */
export const MODULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** modprobe accepts `-` and `_` alike; the kernel (and /proc/modules) always shows `_`. */
export function kernelModuleName(name: string): string {
  return name.replace(/-/g, '_');
}

/** The module that provides a device handler, as SCST's init script maps them. */
export function moduleForHandler(handler: string): string {
  if (handler.startsWith('vdisk') || handler === 'vcdrom') return 'scst_vdisk';
  const passThrough: Array<[string, string]> = [
    ['dev_disk', 'scst_disk'], ['dev_tape', 'scst_tape'], ['dev_modisk', 'scst_modisk'],
    ['dev_cdrom', 'scst_cdrom'], ['dev_changer', 'scst_changer'], ['dev_processor', 'scst_processor'],
    ['dev_raid', 'scst_raid'], ['dev_user', 'scst_user'],
  ];
  for (const [prefix, module] of passThrough) if (handler.startsWith(prefix)) return module;
  return kernelModuleName(handler);
}

/** The module that provides a target driver; copy_manager is part of the core. */
export function moduleForDriver(driver: string): string | undefined {
  if (driver === 'copy_manager') return undefined;
  if (driver === 'iscsi') return 'iscsi_scst';
  if (driver === 'qla2x00t') return 'qla2x00tgt';
  return kernelModuleName(driver);
}

export interface ModulePlan {
  /** Modules that must load, in load order. */
  required: string[];
  /** Modules tried first whose failure is ignored. */
  optional: string[];
  /** Whether the iscsi-scstd daemon must run. */
  needsIscsiDaemon: boolean;
}

/** Which modules a configuration needs: scst always, plus its handlers' and drivers'. */
export function modulesForConfig(config: ScstConfig | undefined, extra: string[] = []): ModulePlan {
  const wanted = new Set<string>(['scst']);
  for (const handler of Object.keys(config?.handlers ?? {})) wanted.add(moduleForHandler(handler));
  for (const driver of Object.keys(config?.drivers ?? {})) {
    const module = moduleForDriver(driver);
    if (module) wanted.add(module);
  }
  for (const name of extra) wanted.add(kernelModuleName(name));
  const required = loadOrder([...wanted]);
  const needsIscsiDaemon = required.includes('iscsi_scst');
  const optional = needsIscsiDaemon && !wanted.has('crc32c') ? ['crc32c'] : [];
  return { required: required.filter((m) => !(optional.includes(m))), optional, needsIscsiDaemon };
}

/**
 * Load order: each module after everything it depends on (the dependencies are added when
 * missing), the rest in catalogue order so the order is stable. Unknown modules go last,
 * after scst, since every SCST add-on needs the core.
 */
export function loadOrder(names: string[]): string[] {
  const order: string[] = [];
  const visit = (name: string): void => {
    if (order.includes(name)) return;
    for (const dep of BY_NAME.get(name)?.dependsOn ?? (name === 'scst' ? [] : ['scst'])) visit(dep);
    order.push(name);
  };
  const normalized = names.map(kernelModuleName);
  const rank = (name: string): number => {
    const index = MODULES.findIndex((m) => m.name === name);
    return index < 0 ? MODULES.length : index;
  };
  for (const name of [...new Set(normalized)].sort((a, b) => rank(a) - rank(b))) visit(name);
  return order;
}

/**
 * Unload order: the reverse of the load order, restricted to the given names (a module's
 * holders are never pulled in here: unloading only what was asked for).
 */
export function unloadOrder(names: string[]): string[] {
  const asked = new Set(names.map(kernelModuleName));
  return loadOrder([...asked]).filter((m) => asked.has(m)).reverse();
}

/** Every SCST module, users first: what `stop` and `modules unload` with no names remove. */
export function allScstModulesUnloadOrder(): string[] {
  return unloadOrder(MODULES.filter((m) => !m.optional).map((m) => m.name));
}
