/**
 * `status`: is the SCST service up, what is it serving, and does the kernel still match the
 * file. "Running" follows SCST's init script: every module the configuration needs is loaded
 * and, when iSCSI is configured, the daemon is connected. Drift is reported, not judged: a
 * running service with unapplied edits is still running.
 */
import type { InterruptedRun } from '../plan/journal.js';
import type { ScstConfig } from '../model/types.js';
import { readLive } from '../live/index.js';
import type { Host } from './host.js';
import { LSB_STATUS } from './lsb.js';
import { modulesForConfig } from './module-catalog.js';
import { daemonStatus } from './daemon-manager.js';
import { isScstUp, loadedModuleNames } from './scst-state.js';
import { isConfigFileError, readServiceConfig } from './service-config.js';
import { hostDrift } from './host-drift.js';

export interface TargetStatus {
  driver: string;
  target: string;
  enabled: boolean;
  sessions: number;
}

export interface ServiceStatus {
  running: boolean;
  /** LSB status exit code: 0 running, 1 dead with a PID file left, 3 not running. */
  exitCode: number;
  configFile: string;
  /** The file is missing or does not parse: the reason. */
  configProblem?: string;
  modules: { required: string[]; missing: string[] };
  /** `stopped`: connected to the kernel but its process is stopped (not answering); not running. */
  daemon: { needed: boolean; running: boolean; pid?: number; stalePidFile?: boolean; stopped?: boolean };
  targets: TargetStatus[];
  sessions: number;
  /** Changes between the file and the kernel; undefined when either is unavailable. */
  drift?: string[];
  /** A run killed mid-apply left its journal: the next mutating run recovers it first. */
  interrupted?: InterruptedRun;
}

export async function serviceStatus(host: Host, configFile: string, extraModules: string[] = []): Promise<ServiceStatus> {
  let config: ScstConfig | undefined;
  let configProblem: string | undefined;
  try {
    config = await readServiceConfig(configFile);
    if (!config) configProblem = 'does not exist';
  } catch (error) {
    // A file that cannot be read at all was named by mistake: refused as check-config refuses it.
    if (isConfigFileError(error)) throw error;
    configProblem = (error as Error).message;
  }
  const plan = modulesForConfig(config, extraModules);
  const loaded = await loadedModuleNames(host);
  const missing = plan.required.filter((m) => !loaded.has(m));
  const daemon = await daemonStatus(host);
  const scstUp = await isScstUp(host, loaded);
  const live = scstUp ? await host.kernel.inspect((sysfs) => readLive(sysfs)) : undefined;
  let drift: string[] | undefined;
  if (live && config) {
    const found = await hostDrift(host, config, live);
    if (found.unplannable !== undefined) configProblem = `cannot be applied to this host as it is: ${found.unplannable}`;
    else drift = found.pending;
  }

  const targets = live ? targetStatuses(live) : [];
  const running = scstUp && missing.length === 0 && (!plan.needsIscsiDaemon || daemon.running);
  const exitCode = running ? LSB_STATUS.RUNNING : daemon.stalePidFile ? LSB_STATUS.DEAD_PID_FILE : LSB_STATUS.NOT_RUNNING;
  const status: ServiceStatus = {
    running,
    exitCode,
    configFile,
    modules: { required: plan.required, missing },
    daemon: { needed: plan.needsIscsiDaemon, running: daemon.running },
    targets,
    sessions: targets.reduce((n, t) => n + t.sessions, 0),
  };
  if (configProblem) status.configProblem = configProblem;
  if (daemon.pid !== undefined) status.daemon.pid = daemon.pid;
  if (daemon.stalePidFile) status.daemon.stalePidFile = true;
  if (daemon.stopped) status.daemon.stopped = true;
  if (drift) status.drift = drift;
  return status;
}

function targetStatuses(live: ScstConfig): TargetStatus[] {
  const rows: TargetStatus[] = [];
  for (const [driver, drv] of Object.entries(live.drivers)) {
    if (driver === 'copy_manager') continue;
    for (const target of Object.values(drv.targets)) {
      rows.push({ driver, target: target.name, enabled: target.enabled === true, sessions: target.sessions?.length ?? 0 });
    }
  }
  return rows;
}
