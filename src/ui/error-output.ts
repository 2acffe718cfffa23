/**
 * How failures reach the admin: one line `scstadmin-ts: <object>: <what is wrong>`, a `hint:`
 * line where a fix is known, a stack trace only with --debug; with --json the same facts as a
 * JSON object on stdout.
 */
import { EXIT, UserError, UserErrors, type ExitCode } from '../errors.js';
import { isSysfsError } from '../sysfs/types.js';
import { describeSysfsError } from '../sysfs/errno.js';

export interface ErrorReport {
  code: string;
  message: string;
  object?: string;
  hint?: string;
  exitCode: ExitCode;
  errors?: ErrorReport[];
  details?: Record<string, unknown>;
}

interface OclifLikeError {
  message: string;
  oclif?: { exit?: number };
}

/** Turn anything thrown into the one shape we print. */
export function toErrorReport(error: unknown): ErrorReport {
  if (error instanceof UserErrors) {
    return { ...baseReport(error), errors: error.errors.map((e) => baseReport(e)) };
  }
  if (error instanceof UserError) return baseReport(error);
  if (isSysfsError(error)) {
    const described = describeSysfsError(error);
    return { code: `SYSFS_${error.errno}`, message: described.message, object: described.object, hint: described.hint, exitCode: EXIT.FAILED };
  }
  const oclifError = error as OclifLikeError;
  if (oclifError && typeof oclifError === 'object' && oclifError.oclif && typeof oclifError.message === 'string') {
    // oclif's own errors are about the command line: unknown flags, missing arguments.
    const exit = oclifError.oclif.exit;
    return {
      code: 'USAGE',
      message: usageLine(stripAnsi(oclifError.message)),
      hint: 'see --help',
      exitCode: exit === 0 ? EXIT.OK : EXIT.USAGE,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `internal error: ${firstLine(message)}`, hint: 'run again with --debug for the stack trace', exitCode: EXIT.FAILED };
}

function baseReport(error: UserError): ErrorReport {
  const report: ErrorReport = { code: error.code, message: error.message, exitCode: error.exitCode };
  if (error.object) report.object = error.object;
  if (error.hint) report.hint = error.hint;
  if (error.details) report.details = error.details;
  return report;
}

export function formatErrorLines(report: ErrorReport): string[] {
  const lines: string[] = [];
  const combined = report.errors !== undefined && report.errors.length > 0;
  const reports = combined && report.errors ? report.errors : [report];
  if (combined && report.message !== reports[0]?.message) {
    lines.push(`scstadmin-ts: ${report.object ? `${report.object}: ` : ''}${report.message}`);
  }
  for (const r of reports) {
    lines.push(`scstadmin-ts: ${r.object ? `${r.object}: ` : ''}${r.message}`);
    if (r.hint) lines.push(`hint: ${r.hint}`);
  }
  // A hint given for the whole set comes last, unless a finding already printed the same one.
  if (combined && report.hint && !reports.some((r) => r.hint === report.hint)) lines.push(`hint: ${report.hint}`);
  return lines;
}

/**
 * oclif's usage errors span lines; fold them into our one line:
 * - "Missing 2 required args:" then one line per argument → `Missing 2 required args: target, initiator`;
 * - "Parsing --suspend" then the reason on the next line → `--suspend: Expected an integer but received: abc`
 *   (the reason is the part the admin needs, so it must not be dropped with the other lines).
 */
export function usageLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^See more help with/.test(l));
  const [head, ...rest] = lines;
  if (head === undefined) return text.trim();
  if (rest.length === 0) return head;
  const parsing = /^Parsing (--?\S+)$/.exec(head);
  if (parsing) return `${parsing[1]}: ${rest.join('; ')}`;
  if (!head.endsWith(':')) return `${head}: ${rest.join('; ')}`;
  return `${head} ${rest.map((l) => l.split(/\s+/)[0]).join(', ')}`;
}

/**
 * What --debug adds: the stack, and the stack of each cause. Node's file-system errors carry no
 * stack frames (they are made outside JavaScript), so theirs is replaced by the system call's
 * own facts, which say where it failed.
 */
export function debugTrace(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    if (depth > 0) lines.push('Caused by:');
    lines.push(...(current.stack ?? `${current.name}: ${current.message}`).split('\n'));
    const call = current as NodeJS.ErrnoException & { dest?: string };
    if (!/\n\s+at /.test(current.stack ?? '') && call.syscall) {
      const facts = [`syscall ${call.syscall}`, call.code && `code ${call.code}`, call.path && `path ${call.path}`, call.dest && `dest ${call.dest}`];
      lines.push(`    (a system call error, without stack frames: ${facts.filter(Boolean).join(', ')})`);
    }
    current = current.cause;
  }
  return lines;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? text;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
