/** Plain-text rendering of the service commands' results. */
import { color } from '../ui/color.js';
import type { ServiceInstallResult } from './service-install.js';
import type { ServiceStatus } from './service-status.js';

const FILE_TEXT = { written: 'written', unchanged: 'unchanged', kept: 'kept (yours)', removed: 'removed', absent: 'was not there' } as const;

export function renderServiceInstall(result: ServiceInstallResult): string[] {
  return [
    ...result.files.map((f) => `${f.path}: ${FILE_TEXT[f.action]}`),
    ...result.systemctl.map((args) => `ran: systemctl ${args.join(' ')}`),
    ...result.notes.map((n) => `note: ${n}`),
  ];
}

export function renderServiceStatus(status: ServiceStatus): string[] {
  const c = color();
  const lines = [`SCST service: ${status.running ? c.green('running') : c.yellow('not running')}`];
  lines.push(`modules: ${status.modules.required.join(' ')}${status.modules.missing.length ? ` (${c.red(`not loaded: ${status.modules.missing.join(' ')}`)})` : ' (all loaded)'}`);
  if (status.daemon.needed || status.daemon.running) {
    lines.push(`iscsi-scstd: ${status.daemon.running ? `connected${status.daemon.pid ? ` (pid ${status.daemon.pid})` : ''}` : c.red('not running')}${status.daemon.stalePidFile ? ' (stale PID file removed)' : ''}`);
  }
  const enabled = status.targets.filter((t) => t.enabled).length;
  lines.push(`targets: ${status.targets.length} (${enabled} enabled), sessions: ${status.sessions}`);
  for (const t of status.targets) lines.push(`  ${t.driver}/${t.target}: ${t.enabled ? 'enabled' : 'disabled'}, ${t.sessions} session${t.sessions === 1 ? '' : 's'}`);
  if (status.configProblem) lines.push(`configuration ${status.configFile}: ${status.configProblem}`);
  else if (status.drift === undefined) lines.push(`configuration ${status.configFile}: not compared (SCST is not loaded)`);
  else if (status.drift.length === 0) lines.push(`configuration ${status.configFile}: the kernel matches it`);
  else {
    lines.push(`configuration ${status.configFile}: ${c.yellow(`${status.drift.length} change${status.drift.length === 1 ? '' : 's'} not applied`)}`);
    for (const change of status.drift.slice(0, 10)) lines.push(`  ${change}`);
    if (status.drift.length > 10) lines.push(`  … and ${status.drift.length - 10} more (scstadmin-ts plan shows all)`);
  }
  return lines;
}
