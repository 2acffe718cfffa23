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

/** Findings kept per file: a hostile or mangled file can have millions; the rest are only counted. */
export const MAX_FINDINGS = 100;

/** How many findings past the first MAX_FINDINGS were counted but not kept. */
export interface Omitted {
  errors: number;
  warnings: number;
}

export function noneOmitted(): Omitted {
  return { errors: 0, warnings: 0 };
}

/**
 * Collects the findings of one file and keeps the first MAX_FINDINGS by position; the others are
 * counted in `omitted`. Memory stays bounded whatever the number of findings: the kept list is
 * trimmed whenever it reaches twice the limit.
 */
export class DiagnosticSink {
  private kept: Diagnostic[] = [];
  readonly omitted: Omitted = noneOmitted();

  constructor(readonly file: string, private readonly limit = MAX_FINDINGS) {}

  /** The kept findings, in file order, fit for a terminal (see `displayable`). */
  get items(): Diagnostic[] {
    this.trim();
    return this.kept.map((d) => ({ ...d, message: displayable(d.message), ...(d.hint ? { hint: displayable(d.hint) } : {}) }));
  }

  error(at: Position, code: string, message: string, hint?: string): void {
    this.add('error', at, code, message, hint);
  }

  warning(at: Position, code: string, message: string, hint?: string): void {
    this.add('warning', at, code, message, hint);
  }

  add(severity: Severity, at: Position, code: string, message: string, hint?: string): void {
    // Made displayable only when kept: most findings of a mangled file are only counted.
    this.push({ severity, file: this.file, line: at.line, col: at.col, code, message, ...(hint ? { hint } : {}) });
  }

  /** Takes over findings collected elsewhere (and what was left out there). */
  addAll(diagnostics: readonly Diagnostic[], omitted: Omitted = noneOmitted()): void {
    for (const d of diagnostics) this.push(d);
    this.omitted.errors += omitted.errors;
    this.omitted.warnings += omitted.warnings;
  }

  private push(d: Diagnostic): void {
    this.kept.push(d);
    if (this.kept.length >= 2 * this.limit) this.trim();
  }

  private trim(): void {
    sortDiagnostics(this.kept);
    for (const d of this.kept.splice(this.limit)) this.omitted[d.severity === 'error' ? 'errors' : 'warnings'] += 1;
  }
}

/** Words longer than this are shortened in findings: the line and column already point at them. */
const LONGEST_QUOTED_WORD = 120;

/**
 * Findings quote the file's own words, which may hold control bytes (an escape sequence would
 * act on the admin's terminal) or run to thousands of characters; they are shown escaped and
 * shortened so that a finding stays one readable line. Applying it twice changes nothing.
 */
function displayable(text: string): string {
  const longWord = new RegExp(`[^\\s'"]{${LONGEST_QUOTED_WORD + 1},}`, 'g');
  return printable(text).replace(longWord, (word) => `${word.slice(0, LONGEST_QUOTED_WORD)}… (${word.length} characters)`);
}

export function hasErrorDiagnostics(diagnostics: readonly Diagnostic[], omitted: Omitted = noneOmitted()): boolean {
  return omitted.errors > 0 || diagnostics.some((d) => d.severity === 'error');
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** The errors of a file as one throwable: every kept error line, the count of the others, exit 2. */
export function diagnosticsError(diagnostics: readonly Diagnostic[], omitted: Omitted = noneOmitted()): UserError {
  const errors = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => badInput(d.message, { object: `${d.file}:${d.line}:${d.col}`, code: d.code, ...(d.hint ? { hint: d.hint } : {}) }));
  if (errors.length === 1 && omitted.errors === 0) return errors[0]!;
  const file = errors[0]?.object?.replace(/:\d+:\d+$/, '') ?? 'the file';
  const total = errors.length + omitted.errors;
  return new UserErrors(errors, `${total} errors in ${file}${omitted.errors > 0 ? `; the first ${errors.length} are shown` : ''}`);
}
