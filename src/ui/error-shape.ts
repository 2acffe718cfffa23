/**
 * What every command prints on stdout when it fails with --json (base-command.ts, and
 * top-level.ts for failures before a command runs): `{"error": ErrorReport}`, one shape for all
 * commands, declared once here and documented in docs/json.md and scstadmin-ts(8).
 */
import { any, list, map, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

/** One failure (ErrorReport of error-output.ts, without the list of findings). */
const FAILURE = {
  code: str('stable for scripts, e.g. BAD_INPUT, USAGE, NO_SUCH_OBJECT, IN_USE, FORCE_NEEDED, SYSFS_EBUSY, INTERNAL'),
  message: str('what is wrong, the same words as the text line'),
  exitCode: oneOf([1, 2, 4], 'the exit status: 1 failed, 2 bad usage or input, 4 locked'),
};
const FAILURE_OPTIONAL = {
  object: str('the object, file:line or flag it is about'),
  hint: str('how to fix it, where known'),
  details: map(any('a fact about the failure'), 'facts scripts may use, by key'),
};

export const ERROR_REPORT_SHAPE: JsonShape = obj(FAILURE, {
  ...FAILURE_OPTIONAL,
  errors: list(obj(FAILURE, FAILURE_OPTIONAL), 'each failure when there are several: a file with errors, a refused migration'),
});

export const ERROR_SHAPE: JsonShape = obj({ error: ERROR_REPORT_SHAPE });
