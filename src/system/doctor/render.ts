/** doctor's text output: one line per check, each finding under it with its fix. */
import { color } from '../../ui/color.js';
import { count } from '../../ui/units.js';
import type { DoctorReport } from './index.js';

export function renderDoctor(report: DoctorReport): string[] {
  const c = color();
  const lines: string[] = [];
  for (const check of report.checks) {
    if (check.status === 'ok') lines.push(`${c.green('ok')}       ${check.title}`);
    else if (check.status === 'skipped') lines.push(`${c.dim('skipped')}  ${check.title} (${check.reason})`);
    else {
      lines.push(`${c.red('PROBLEM')}  ${check.title}`);
      for (const finding of check.findings) {
        lines.push(`         ${finding.object}: ${finding.message}`);
        lines.push(`         fix: ${finding.fix}`);
      }
    }
  }
  lines.push(report.healthy ? 'healthy' : `${count(report.problems, 'problem')} found`);
  return lines;
}
