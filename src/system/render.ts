/** Plain-text rendering of the host commands' results (JSON output is the results themselves). */
import { color } from '../ui/color.js';
import { alignColumns } from '../ui/columns.js';
import { daemonMessages } from './messages.js';
import type { ModuleRow } from './module-list.js';
import type { ModuleStep } from './module-manager.js';
import type { DaemonStartResult, DaemonStatus, DaemonStopResult } from './daemon-manager.js';

export function renderModuleRows(rows: ModuleRow[]): string[] {
  const c = color();
  // Aligned on the visible text: the coloured STATE cell must not push later columns out.
  return alignColumns([
    ['MODULE', 'STATE', 'REFS', 'USED BY', 'PROVIDES'],
    ...rows.map((r) => [
      r.name,
      r.builtin ? 'built-in' : r.loaded ? c.green('loaded') : c.dim('-'),
      r.refcount === undefined ? '' : String(r.refcount),
      r.usedBy.join(','),
      r.provides,
    ]),
  ]);
}

const STEP_TEXT: Record<ModuleStep['action'], string> = {
  loaded: 'loaded',
  'already-loaded': 'already loaded',
  unloaded: 'unloaded',
  'not-loaded': 'not loaded',
  skipped: 'skipped',
};

/** One line per module; `quiet` leaves out modules that were not loaded (an unload of "all"). */
export function renderModuleSteps(steps: ModuleStep[], quiet = false): string[] {
  const shown = quiet ? steps.filter((s) => s.action !== 'not-loaded') : steps;
  if (shown.length === 0 && steps.length > 0) return ['no SCST module was loaded'];
  return shown.map((s) => `${s.module}: ${STEP_TEXT[s.action]}${s.reason ? ` (${s.reason})` : ''}`);
}

export function renderDaemonStatus(status: DaemonStatus): string[] {
  const c = color();
  const lines: string[] = [];
  if (status.connection === 'no-driver') lines.push(`iscsi-scstd: ${c.yellow('not running')} (iscsi_scst is not loaded)`);
  else if (status.stopped) lines.push(`iscsi-scstd: ${c.red('stopped')}${status.pid ? ` (pid ${status.pid})` : ''}: ${daemonMessages.stopped}`, `hint: ${daemonMessages.stoppedHint(status.pid)}`);
  else if (status.connection === 'closing') lines.push(`iscsi-scstd: ${c.yellow('exiting')}: ${daemonMessages.closing}`);
  else if (status.running) lines.push(`iscsi-scstd: ${c.green('running')}, connected to the kernel${status.pid ? ` (pid ${status.pid})` : ''}`);
  else lines.push(`iscsi-scstd: ${c.yellow('not running')} (the kernel reports no daemon)`);
  if (status.stalePidFile) lines.push('removed a stale PID file left by a daemon that is gone');
  return lines;
}

export function renderDaemonStart(result: DaemonStartResult): string[] {
  if (result.action === 'already-running') return [`iscsi-scstd: already running${result.pid ? ` (pid ${result.pid})` : ''}`];
  return [`iscsi-scstd: started${result.pid ? ` (pid ${result.pid})` : ''}, connected to the kernel`];
}

export function renderDaemonStop(result: DaemonStopResult): string[] {
  const lines = [
    result.action === 'not-running' ? 'iscsi-scstd: was not running'
      : result.action === 'killed' ? `iscsi-scstd: did not exit on SIGTERM, killed${result.pid ? ` (pid ${result.pid})` : ''}`
        : `iscsi-scstd: stopped${result.pid ? ` (pid ${result.pid})` : ''}`,
  ];
  if (result.stalePidFile) lines.push('removed a stale PID file left by a daemon that is gone');
  return lines;
}
