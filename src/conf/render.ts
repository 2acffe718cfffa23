/** How config findings and results look on a terminal. */
import { color } from '../ui/color.js';
import { count } from '../ui/units.js';
import type { Diagnostic } from './diagnostics.js';
import type { CheckReport, FormatReport, SaveReport } from './workflows.js';

export function findingLine(d: Diagnostic): string {
  const c = color();
  const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
  return `${d.file}:${d.line}:${d.col}: ${severity}: ${d.message}`;
}

export function checkReportLines(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const d of report.findings) {
    lines.push(findingLine(d));
    if (d.hint) lines.push(`  hint: ${d.hint}`);
  }
  const unshown = report.errors + report.warnings - report.findings.length;
  if (unshown > 0) lines.push(`… ${count(unshown, 'more finding')} not shown (the first ${report.findings.length} by line are)`);
  const scope = report.live ? 'checked offline and against the live SCST' : report.offline ? 'checked offline only (--offline)' : 'checked offline (SCST not loaded)';
  if (report.errors === 0 && report.warnings === 0) lines.push(`${report.file}: no problems found; ${scope}.`);
  else lines.push(`${report.file}: ${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}; ${scope}.`);
  return lines;
}

export function saveReportLine(report: SaveReport): string {
  const what = `${count(report.devices, 'device')}, ${count(report.targets, 'target')}`;
  if (report.stream) return `Wrote the configuration to ${report.file} (${what})${report.secrets > 0 ? `; it includes ${count(report.secrets, 'CHAP secret')}` : ''}.`;
  if (!report.changed) return `${report.file} is already up to date (${what}); not rewritten.`;
  const secrets = report.secrets > 0 ? `; ${count(report.secrets, 'CHAP secret')} saved in the file (mode 0600), not shown` : '';
  const backup = report.backup ? `; previous version kept as ${report.backup}` : '';
  return `Wrote ${report.file} (${what})${secrets}${backup}.`;
}

/** Warnings for sysfs files write-config could not read (their values are not in the file). */
export function unreadableLines(report: SaveReport): string[] {
  return (report.unreadable ?? []).map((u) => `warning: could not read ${u.path} (${u.errno}); its value is not in ${report.file}`);
}

export function formatReportLine(report: FormatReport): string {
  if (report.canonical) return `${report.file} is already in canonical layout.`;
  if (!report.written) return `${report.file} is not in canonical layout.`;
  const dropped = report.droppedComments > 0 ? `, ${count(report.droppedComments, 'comment line')} dropped` : '';
  return `Rewrote ${report.file} in canonical layout${dropped}${report.backup ? `; previous version kept as ${report.backup}` : ''}.`;
}
