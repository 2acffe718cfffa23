/** Plain-text rendering of the service commands' results. */
import { journalMessages } from '../plan/messages.js';
import { daemonMessages } from './messages.js';
import { color } from '../ui/color.js';
import { count } from '../ui/units.js';
import type { ServiceInstallResult } from './service-install.js';
import type { ServiceStatus } from './service-status.js';
import type { StartReport, StopReport } from './service.js';
import { renderDaemonStart, renderDaemonStop } from './render.js';

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
  const pid = status.daemon.pid ? ` (pid ${status.daemon.pid})` : '';
  if (status.daemon.stopped) {
    lines.push(`iscsi-scstd: ${c.red('stopped')}${pid}: ${daemonMessages.stopped}`);
  } else if (status.daemon.needed || status.daemon.running) {
    lines.push(`iscsi-scstd: ${status.daemon.running ? `connected${pid}` : c.red('not running')}${status.daemon.stalePidFile ? ' (stale PID file removed)' : ''}`);
  }
  const enabled = status.targets.filter((t) => t.enabled).length;
  lines.push(`targets: ${status.targets.length} (${enabled} enabled), sessions: ${status.sessions}`);
  for (const t of status.targets) lines.push(`  ${t.driver}/${t.target}: ${t.enabled ? 'enabled' : 'disabled'}, ${count(t.sessions, 'session')}`);
  if (status.configProblem) lines.push(`configuration ${status.configFile}: ${status.configProblem}`);
  else if (status.drift === undefined) lines.push(`configuration ${status.configFile}: not compared (SCST is not loaded)`);
  else if (status.drift.length === 0) lines.push(`configuration ${status.configFile}: the kernel matches it`);
  else {
    lines.push(`configuration ${status.configFile}: ${c.yellow(`${count(status.drift.length, 'change')} not applied`)}`);
    for (const change of status.drift.slice(0, 10)) lines.push(`  ${change}`);
    if (status.drift.length > 10) lines.push(`  … and ${status.drift.length - 10} more (scstadmin-ts plan shows all)`);
  }
  if (status.interrupted) lines.push(c.yellow(journalMessages.pending(status.interrupted)));
  return lines;
}

export function renderStart(report: StartReport, verb: 'start' | 'reload'): string[] {
  const lines: string[] = report.warnings.map((w) => `warning: ${w}`);
  const loaded = report.modules.filter((m) => m.action === 'loaded').map((m) => m.module);
  const skipped = report.modules.filter((m) => m.action === 'skipped');
  if (loaded.length > 0) lines.push(`modules loaded: ${loaded.join(' ')}`);
  for (const s of skipped) lines.push(`optional module ${s.module} skipped: ${s.reason}`);
  if (report.daemon) lines.push(...renderDaemonStart(report.daemon));
  if (report.configMissing) lines.push(`${report.configFile} does not exist: SCST started with nothing configured`);
  if (report.applied) {
    const held = report.applied.notes.length;
    if (report.applied.writes > 0) lines.push(`${report.configFile}: applied (${count(report.applied.writes, 'write')})`);
    else if (held === 0) lines.push(`${report.configFile}: the kernel already matched it`);
    // A kept note already says why (is not in the file (--prune removes it)); a held one says
    // what holds it back, and needs --force is added here as plan's renderer does.
    for (const note of report.applied.notes) lines.push(`  left alone: ${note.text}${note.kind === 'held' ? ' (needs --force)' : ''}`);
  }
  const held = heldBack(report);
  const done = verb === 'start' ? 'SCST started' : 'SCST reloaded';
  lines.push(held > 0 ? `${done}, but ${count(held, 'change')} of ${report.configFile} ${held === 1 ? 'was' : 'were'} held back (--force applies ${held === 1 ? 'it' : 'them'}): the kernel does not match the file` : done);
  return lines;
}

/** Changes of the file left out because they need --force: a run that leaves any exits 1. */
export function heldBack(report: StartReport): number {
  return report.applied?.notes.filter((n) => n.kind === 'held').length ?? 0;
}

export function renderStop(report: StopReport): string[] {
  const lines: string[] = [];
  if (report.cleared) lines.push(report.cleared.writes === 0 ? 'configuration: nothing to clear' : `configuration cleared (${count(report.cleared.writes, 'write')})`);
  if (report.daemon) lines.push(...renderDaemonStop(report.daemon));
  const unloaded = report.modules.filter((m) => m.action === 'unloaded').map((m) => m.module);
  lines.push(unloaded.length > 0 ? `modules unloaded: ${unloaded.join(' ')}` : 'no SCST module was loaded');
  lines.push('SCST stopped');
  return lines;
}
