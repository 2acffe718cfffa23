/**
 * What `simulate status` (and the other `simulate` commands) report about an emulated host:
 * a JSON-able summary and its text rendering.
 */
import type { EmulatorState } from './state.js';

export interface SimulationStatus {
  file: string;
  modules: string[];
  iscsiDaemon: EmulatorState['host']['iscsiDaemon'];
  prDirectory: boolean;
  /** Fault injections still armed. */
  faults: Array<{ nth: number; errno: string; pathIncludes?: string }>;
  /** Milliseconds every write waits (0: none). */
  writeDelayMs: number;
  counts: {
    devices: number;
    /** Targets per target driver. */
    targets: Record<string, number>;
    sessions: number;
    deviceGroups: number;
    hostFiles: number;
    scsiDevices: number;
  };
  /** Backing stores the emulated host has (path → kind and size). */
  hostFiles: EmulatorState['host']['hostFiles'];
}

export function simulationStatus(
  file: string,
  state: EmulatorState,
  faults: SimulationStatus['faults'] = [],
): SimulationStatus {
  const targets: Record<string, number> = {};
  let sessions = 0;
  for (const [driver, drv] of Object.entries(state.drivers)) {
    const list = Object.values(drv.targets);
    targets[driver] = list.length;
    for (const target of list) sessions += Object.keys(target.sessions).length;
  }
  return {
    file,
    modules: [...state.modules],
    iscsiDaemon: state.host.iscsiDaemon,
    prDirectory: state.host.prDirectory,
    faults,
    writeDelayMs: state.writeDelayMs ?? 0,
    counts: {
      devices: Object.keys(state.devices).length,
      targets,
      sessions,
      deviceGroups: state.deviceGroups.length,
      hostFiles: Object.keys(state.host.hostFiles).length,
      scsiDevices: state.host.scsiDevices.length,
    },
    hostFiles: { ...state.host.hostFiles },
  };
}

export function renderSimulationStatus(status: SimulationStatus): string[] {
  const targetText = Object.entries(status.counts.targets).map(([driver, n]) => `${driver} ${n}`).join(', ');
  return [
    `emulated host: ${status.file}`,
    `  modules:      ${status.modules.join(', ') || 'none'}`,
    `  iscsi-scstd:  ${status.modules.includes('iscsi_scst') ? status.iscsiDaemon : 'no iscsi_scst module'}`,
    `  PR directory: ${status.prDirectory ? '/var/lib/scst/pr present' : '/var/lib/scst/pr missing'}`,
    `  devices:      ${status.counts.devices}`,
    `  targets:      ${targetText || 'none'}`,
    `  sessions:     ${status.counts.sessions}`,
    `  host files:   ${status.counts.hostFiles}, SCSI devices: ${status.counts.scsiDevices}`,
    `  faults:       ${faultsText(status.faults)}`,
    `  write delay:  ${delayText(status.writeDelayMs)}`,
  ];
}

/** The one line `simulate fault` answers with: what is armed now. */
export function renderFaults(state: Pick<SimulationStatus, 'faults' | 'writeDelayMs'>): string {
  return `armed faults: ${faultsText(state.faults)}; write delay: ${delayText(state.writeDelayMs)}`;
}

function faultsText(faults: SimulationStatus['faults']): string {
  if (faults.length === 0) return 'none';
  return faults.map((f) => `${f.errno} on write #${f.nth}${f.pathIncludes ? ` to paths with "${f.pathIncludes}"` : ''}`).join('; ');
}

function delayText(ms: number): string {
  return ms > 0 ? `${ms} ms per write` : 'none';
}
