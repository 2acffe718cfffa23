/** The one line scstadmin-compat shows for a failure in its FATAL and WARNING blocks. */
import { UserError } from '../errors.js';
import { describeSysfsError } from '../sysfs/errno.js';
import { isSysfsError } from '../sysfs/types.js';

/** The one-line reason of a failure, as scstadmin's FATAL and WARNING blocks show it. */
export function failureText(error: unknown): string {
  if (isSysfsError(error)) return describeSysfsError(error).message;
  if (error instanceof UserError) return error.object ? `${error.object}: ${error.message}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

