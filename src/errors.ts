/**
 * The product's one error type and its exit codes. Every failure an admin can meet is a
 * `UserError`: one line naming the object or file:line and what is wrong, an optional hint,
 * a stable code for scripts, and the exit code of the table in README.
 */

export const EXIT = {
  /** Done, or nothing to do. */
  OK: 0,
  /** The operation failed: the kernel refused, an I/O error. */
  FAILED: 1,
  /** Bad usage or bad input; nothing was changed. */
  USAGE: 2,
  /** Changes pending (only with --detailed-exitcode). */
  CHANGES_PENDING: 3,
  /** Another run holds the lock. */
  LOCKED: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface UserErrorOptions {
  /** What the error is about: `file:line[:col]`, a sysfs object such as `device disk1`, or a flag. */
  object?: string;
  hint?: string;
  /** Stable machine-readable code, e.g. `SYSFS_EINVAL`, `CONF_SYNTAX`, `LOCK_HELD`. */
  code?: string;
  exitCode?: ExitCode;
  cause?: unknown;
  /** Extra structured detail for --json output. */
  details?: Record<string, unknown>;
}

export class UserError extends Error {
  readonly object?: string;
  readonly hint?: string;
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.object = options.object;
    this.hint = options.hint;
    this.code = options.code ?? 'ERROR';
    this.exitCode = options.exitCode ?? EXIT.FAILED;
    this.details = options.details;
  }
}

/** Bad input: exit 2, nothing changed. */
export function badInput(message: string, options: Omit<UserErrorOptions, 'exitCode'> = {}): UserError {
  return new UserError(message, { code: 'BAD_INPUT', ...options, exitCode: EXIT.USAGE });
}

/**
 * Several findings at once (e.g. every error of a config file): the first line is the summary.
 * Each finding keeps its own hint; the summary of several has a hint only when one is given for
 * the whole, since one finding's hint shown at the top would read as if it applied to all of them.
 */
export class UserErrors extends UserError {
  constructor(readonly errors: UserError[], summary?: string, options: { hint?: string } = {}) {
    const first = errors[0];
    super(summary ?? first?.message ?? 'errors', {
      object: summary ? undefined : first?.object,
      // A lone finding without a summary is the error itself, hint included.
      hint: options.hint ?? (summary === undefined && errors.length === 1 ? first?.hint : undefined),
      code: first?.code ?? 'ERRORS',
      exitCode: first?.exitCode ?? EXIT.USAGE,
    });
    this.name = 'UserErrors';
  }
}
