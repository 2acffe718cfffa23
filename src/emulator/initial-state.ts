/**
 * A freshly booted emulated host: the state before any module is loaded, and the JSON reviver
 * that keeps object names such as `constructor` plain keys when a state file is read back.
 */
import { release } from 'node:os';
import type { EmulatorOptions } from './emulator.js';
import { record } from './kernel.js';
import type { CoreState, EmulatorState, HostFile } from './state.js';

export const DEFAULT_MODULES = ['scst', 'scst_vdisk', 'scst_local', 'iscsi_scst'];
const DEFAULT_HARDWARE_TARGETS = ['50:01:43:80:12:34:56:78', '50:01:43:80:12:34:56:7a'];

export function freshState(options: EmulatorOptions): EmulatorState {
  const cpus = options.cpus ?? 2;
  return {
    format: 'scstadmin-ts-emulator',
    version: 1,
    host: {
      cpus,
      kver: options.kver ?? release(),
      prDirectory: options.prDirectory ?? true,
      useRealFileSystem: options.useRealFileSystem ?? true,
      hostFiles: Object.assign(record<HostFile>(), options.hostFiles ?? {}),
      scsiDevices: options.scsiDevices ?? [],
      hardwareTargets: options.hardwareTargets ?? DEFAULT_HARDWARE_TARGETS,
      iscsiDaemon: 'absent',
    },
    modules: [],
    core: freshCoreState(cpus),
    counters: { cmLun: 0, relTgtId: 1, driver: record() },
    devices: record(),
    drivers: record(),
    deviceGroups: [],
    log: [],
  };
}

/** The scst module's own settings as it loads: defaults, one thread per CPU. */
export function freshCoreState(cpus: number): CoreState {
  return {
    setupId: 0,
    threads: cpus,
    maxTaskletCmd: 10,
    pollUs: 0,
    measureLatency: false,
    asyncLunReplace: false,
    forceGlobalSgvPool: 0,
    clusterName: '',
    suspendCount: 0,
    lastMgmtRes: 0,
    pendingWorks: 0,
    debugSysfsEagain: false,
    readOnlyWorks: 0,
    traceLevels: record(),
  };
}

/** JSON.parse into prototype-free records, so object names like `constructor` stay plain keys. */
export function reviveRecords(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.assign(Object.create(null) as object, value);
  }
  return value;
}

