/**
 * Findings about a config file: one line each, `file:line:col: severity: message`. The parser,
 * the structural checks and check-config all produce these; commands print them or return them
 * as JSON.
 */
import { badInput, UserError, UserErrors } from '../errors.js';
import { printable } from '../sysfs/messages.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  file: string;
  line: number;
  col: number;
  /** Stable code for scripts, e.g. CONF_SYNTAX, CONF_UNKNOWN_ATTRIBUTE. */
  code: string;
  message: string;
  hint?: string;
}

export interface Position {
  line: number;
  col: number;
}

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  error(at: Position, code: string, message: string, hint?: string): void {
    this.add('error', at, code, message, hint);
  }

  warning(at: Position, code: string, message: string, hint?: string): void {
    this.add('warning', at, code, message, hint);
  }

  add(severity: Severity, at: Position, code: string, message: string, hint?: string): void {
    this.items.push({ severity, file: this.file, line: at.line, col: at.col, code, message: displayable(message), ...(hint ? { hint: displayable(hint) } : {}) });
  }
}

/** Words longer than this are shortened in findings: the line and column already point at them. */
const LONGEST_QUOTED_WORD = 120;

/**
 * Findings quote the file's own words, which may hold control bytes (an escape sequence would
 * act on the admin's terminal) or run to thousands of characters; they are shown escaped and
 * shortened so that a finding stays one readable line.
 */
function displayable(text: string): string {
  const longWord = new RegExp(`[^\\s'"]{${LONGEST_QUOTED_WORD + 1},}`, 'g');
  return printable(text).replace(longWord, (word) => `${word.slice(0, LONGEST_QUOTED_WORD)}… (${word.length} characters)`);
}

export function hasErrorDiagnostics(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** The errors of a file as one throwable: every error line, exit 2. */
export function diagnosticsError(diagnostics: readonly Diagnostic[]): UserError {
  const errors = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => badInput(d.message, { object: `${d.file}:${d.line}:${d.col}`, code: d.code, ...(d.hint ? { hint: d.hint } : {}) }));
  if (errors.length === 1) return errors[0]!;
  return new UserErrors(errors, `${errors.length} errors in ${errors[0]?.object?.replace(/:\d+:\d+$/, '') ?? 'the file'}`);
}
