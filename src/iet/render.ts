/**
 * The migration report for people (a table on the terminal) and for scripts (the documented
 * --json shape). Secrets never appear in either unless --show-secrets: findings are masked at
 * the source, and the configuration by the shared mask (ui/mask).
 */
import type { ScstConfig } from '../model/types.js';
import { color } from '../ui/color.js';
import { alignColumns } from '../ui/columns.js';
import { MAX_KEPT_FINDINGS, type Finding, type Report, type Severity } from './findings.js';
import type { SourceUse } from './locate.js';

export interface MigrationJson {
  sources: SourceUse[];
  summary: { errors: number; warnings: number; info: number; carried: number };
  findings: Finding[];
  /** The generated configuration (secrets masked unless --show-secrets). */
  config?: ScstConfig;
  /** The same as scst.conf text. */
  configText?: string;
  /** iscsi-scstd's legacy access files (--legacy-ip-acl): host path → text; written only by --apply. */
  legacyAclFiles?: Record<string, string>;
  /** Where the configuration was written (--output). */
  output?: string;
  /** What --apply did. */
  apply?: { dryRun: boolean; applied: number; plan: string[]; legacyAclWritten?: string[] };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function summary(report: Report): MigrationJson['summary'] {
  const counts = report.counts();
  const carried = report.findings.filter((f) => f.code === 'IET_CARRIED').length;
  return { errors: counts.error, warnings: counts.warning, info: counts.info - carried, carried };
}

/** Lines of the terminal report: sources, then findings (errors first), then the summary. */
export function renderReport(report: Report, sources: SourceUse[], options: { verbose?: boolean; omitBlocking?: boolean } = {}): string[] {
  const c = color();
  const lines: string[] = [];
  for (const source of sources) {
    lines.push(source.path ? `${c.bold(source.role)}: ${source.path}` : `${c.bold(source.role)}: none (looked in ${source.tried.join(', ')})`);
  }
  const shown = report.findings
    .filter((f) => options.verbose || f.code !== 'IET_CARRIED')
    .filter((f) => !options.omitBlocking || f.severity !== 'error' || f.overridden)
    .map((f, i) => ({ f, i, k: locationKey(f) }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || byLocation(a, b))
    .map(({ f }) => f);
  if (shown.length > 0) lines.push('');
  const paint = { error: c.red, warning: c.yellow, info: c.cyan };
  const rows = shown.map((f) => [paint[f.severity]((f.overridden ? 'error!' : f.severity).padEnd(7)), f.location ?? '', `${f.code}  ${f.message}`]);
  // a very long location overflows its column rather than pushing every finding to the right
  for (const line of alignColumns(rows, { maxWidths: [undefined, 40], gaps: [' '] })) lines.push(line);
  const s = summary(report);
  const unshown = notShownLine(report);
  if (unshown) lines.push(unshown);
  lines.push('');
  lines.push(`${s.errors} error(s), ${s.warnings} warning(s), ${s.info} note(s); ${s.carried} construct(s) carried faithfully${options.verbose ? '' : ' (--verbose lists them)'}`);
  return lines;
}

/** One line per blocking error, in file and line order: what goes to stderr when the migration is refused. */
export function errorLines(report: Report): string[] {
  const lines = report
    .blocking()
    .map((f, i) => ({ f, i, k: locationKey(f) }))
    .sort(byLocation)
    .map(({ f }) => `${f.location ? `${f.location}: ` : ''}${f.code}: ${f.message}`);
  if (report.omitted.blocking > 0) lines.push(`… ${report.omitted.blocking} more error(s) not shown (the first ${MAX_KEPT_FINDINGS} met are)`);
  return lines;
}

function notShownLine(report: Report): string | undefined {
  const { error, warning } = report.omitted;
  if (error + warning === 0) return undefined;
  return `… ${error} more error(s) and ${warning} more warning(s) not shown (the first ${MAX_KEPT_FINDINGS} of each met are)`;
}

// The converter meets constructs phase by phase (devices, parameters, CHAP, access); a reader
// follows the files, so people get findings in file and line order (the JSON keeps the met order).
function locationKey(f: Finding): [string, number] {
  const m = /^(.*?)(?::(\d+))?$/.exec(f.location ?? '') as RegExpExecArray;
  return [m[1] ?? '', Number(m[2] ?? 0)];
}

function byLocation(a: { i: number; k: [string, number] }, b: { i: number; k: [string, number] }): number {
  return a.k[0] < b.k[0] ? -1 : a.k[0] > b.k[0] ? 1 : a.k[1] - b.k[1] || a.i - b.i;
}
