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
  message: string;
  overridden?: boolean;
}

/** Collects findings in the order they are met; the order is part of the stable output. */
export class Report {
  readonly findings: Finding[] = [];
  // An `ALL` line of an access file is evaluated once per target; say each thing once.
  private readonly seen = new Set<string>();

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
    const finding: Finding = { severity, code: input.code, treatment: input.treatment, message: input.message };
    const location = formatLocation(input.at);
    if (location !== undefined) finding.location = location;
    if (input.construct !== undefined) finding.construct = input.construct;
    if (input.overridden) finding.overridden = true;
    const key = JSON.stringify(finding);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(finding);
  }

  /** Errors that were not accepted by an override: any one of them means exit 2. */
  blocking(): Finding[] {
    return this.findings.filter((f) => f.severity === 'error' && !f.overridden);
  }

  codes(): string[] {
    return this.findings.map((f) => f.code);
  }

  counts(): Record<Severity, number> {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of this.findings) counts[f.severity] += 1;
    return counts;
  }
}
