/**
 * The wizard's first look at the host, through the system layer: SCST loaded, the modules the
 * setup needs, the daemon, the config file (and how far the kernel is from it), the targets and
 * the backing stores SCST already uses, and the block devices with what holds them.
 */
import { readLive } from '../live/index.js';
import { UserError } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import { daemonStatus } from '../system/daemon-manager.js';
import type { Host } from '../system/host.js';
import { hostDrift } from '../system/host-drift.js';
import { isScstUp, loadedModuleNames } from '../system/scst-state.js';
import { loadServiceConfig } from '../system/service-config.js';
import type { BlockDevice } from '../system/storage.js';
import { DRIVER } from './answers.js';

/** The modules an iSCSI setup of vdisk devices needs. */
export const SETUP_MODULES = ['scst', 'scst_vdisk', 'iscsi_scst'];

export interface HostSurvey {
  scstLoaded: boolean;
  missingModules: string[];
  /** Missing modules this kernel does not have at all: nothing can load them. */
  notInstalled: string[];
  daemonRunning: boolean;
  config: { file: string; exists: boolean; pending?: number; problem?: string };
  targets: string[];
  /** Backing path → the SCST device using it. */
  exported: Map<string, string>;
  devices: string[];
  disks: BlockDevice[];
}

export async function surveyHost(host: Host, configFile: string): Promise<HostSurvey> {
  const loaded = await loadedModuleNames(host);
  const scstLoaded = await isScstUp(host, loaded);
  const live = scstLoaded ? await host.kernel.inspect((sysfs) => readLive(sysfs)) : undefined;
  const exported = new Map<string, string>();
  for (const handler of Object.values(live?.handlers ?? {})) {
    for (const device of Object.values(handler.devices)) {
      const file = device.attributes.filename?.at(-1);
      if (file) exported.set(file, device.name);
    }
  }
  const missingModules = SETUP_MODULES.filter((m) => !loaded.has(m));
  const notInstalled: string[] = [];
  for (const module of missingModules) if (!(await host.modules.installed(module))) notInstalled.push(module);
  return {
    scstLoaded,
    missingModules,
    notInstalled,
    daemonRunning: (await daemonStatus(host)).running,
    config: await configState(host, configFile, live),
    targets: Object.keys(live?.drivers[DRIVER]?.targets ?? {}),
    exported,
    devices: Object.values(live?.handlers ?? {}).flatMap((h) => Object.keys(h.devices)),
    disks: (await host.storage.blockDevices()).map((d) => (d.usedBy === undefined && exported.has(d.path) ? { ...d, usedBy: `already SCST device ${exported.get(d.path)}` } : d)),
  };
}

async function configState(host: Host, file: string, live: ScstConfig | undefined): Promise<HostSurvey['config']> {
  try {
    const { config } = await loadServiceConfig(file);
    if (!config) return { file, exists: false };
    if (!live) return { file, exists: true };
    const drift = await hostDrift(host, config, live);
    return { file, exists: true, pending: drift.pending.length, ...(drift.unplannable ? { problem: drift.unplannable } : {}) };
  } catch (error) {
    // A missing file is no problem: setup creates it when it saves.
    if (error instanceof UserError && error.code === 'CONF_NOT_FOUND') return { file, exists: false };
    if (error instanceof UserError) return { file, exists: true, problem: error.message };
    throw error;
  }
}

/** The block devices that may be offered: nothing holds them. */
export function freeDisks(survey: HostSurvey): BlockDevice[] {
  return survey.disks.filter((d) => d.usedBy === undefined && d.type !== 'rom');
}
