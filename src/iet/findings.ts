/**
 * The migration report: one finding per IET construct that is not carried over byte for byte.
 * Every finding names where it came from (file:line), the IET text, what the converter did, how
 * faithful that is, and a stable code scripts can match on. An `error` blocks the migration
 * (exit 2, nothing written) unless an explicit override flag turned it into a knowing choice.
 */

export type Severity = 'error' | 'warning' | 'info';

/** How the construct travels to SCST (ietd-conf.md's classes). */
export type Treatment = 'faithful' | 'approx' | 'dropped' | 'refused';

export interface SourceLocation {
  file: string;
  /** 1-based; absent for findings about a whole file or the whole conversion. */
  line?: number;
}

export interface Finding {
  severity: Severity;
  code: string;
  treatment: Treatment;
  /** `file:line`, or the file alone. */
  location?: string;
  /** The IET construct, e.g. `Lun 1 Path=/srv/x`, as the admin wrote it (secrets masked). */
  construct?: string;
  message: string;
  /** Set when an override flag accepted an error-level finding; it then no longer blocks. */
  overridden?: boolean;
}

export function formatLocation(at: SourceLocation | undefined): string | undefined {
  if (!at) return undefined;
  return at.line === undefined ? at.file : `${at.file}:${at.line}`;
}

export interface FindingInput {
  code: string;
  treatment: Treatment;
  at?: SourceLocation;
  construct?: string;
  /** A function when the message costs work (a spelling suggestion): called only if the finding is kept. */
  message: string | (() => string);
  overridden?: boolean;
}

/**
 * Errors and warnings kept of each severity: a mangled file can have one per line; the rest are
 * counted. Notes are one per construct carried over, as many as the file is large, and all kept.
 */
export const MAX_KEPT_FINDINGS = 100;

/** Collects findings in the order they are met; the order is part of the stable output. */
export class Report {
  readonly findings: Finding[] = [];
  // An `ALL` line of an access file is evaluated once per target; say each thing once.
  private readonly seen = new Set<string>();
  private readonly kept: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  /** Findings past MAX_KEPT_FINDINGS of their severity, counted only (`blocking`: errors not overridden). */
  readonly omitted = { error: 0, warning: 0, blocking: 0 };

  error(input: FindingInput): void {
    this.add('error', input);
  }

  warning(input: FindingInput): void {
    this.add('warning', input);
  }

  info(input: FindingInput): void {
    this.add('info', input);
  }

  add(severity: Severity, input: FindingInput): void {
    if (severity !== 'info' && this.kept[severity] >= MAX_KEPT_FINDINGS) {
      this.omitted[severity] += 1;
      if (severity === 'error' && !input.overridden) this.omitted.blocking += 1;
      return;
    }
    const message = typeof input.message === 'function' ? input.message() : input.message;
    const finding: Finding = { severity, code: input.code, treatment: input.treatment, message };
    const location = formatLocation(input.at);
    if (location !== undefined) finding.location = location;
    if (input.construct !== undefined) finding.construct = input.construct;
    if (input.overridden) finding.overridden = true;
    const key = JSON.stringify(finding);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.kept[severity] += 1;
    this.findings.push(finding);
  }

  /** Kept errors that were not accepted by an override: any one of them means exit 2. */
  blocking(): Finding[] {
    return this.findings.filter((f) => f.severity === 'error' && !f.overridden);
  }

  /** All errors not accepted by an override, the counted-only ones included. */
  blockingCount(): number {
    return this.blocking().length + this.omitted.blocking;
  }

  codes(): string[] {
    return this.findings.map((f) => f.code);
  }

  /** Every finding met, the counted-only ones included. */
  counts(): Record<Severity, number> {
    const counts: Record<Severity, number> = { error: this.omitted.error, warning: this.omitted.warning, info: 0 };
    for (const f of this.findings) counts[f.severity] += 1;
    return counts;
  }
}
