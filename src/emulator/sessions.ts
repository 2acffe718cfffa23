/**
 * Host-side checks of a login (Emulator.login, for every driver): an initiator name becomes a
 * session directory name, so it must be one that a real initiator could present and sysfs could show.
 */
import { badInput } from '../errors.js';

/** Refuse initiator names no driver would log in with (empty, blanks, `/`, control characters). */
export function checkInitiatorName(name: string): void {
  // eslint-disable-next-line no-control-regex
  if (name === '' || /[\s/\x00-\x1f]/.test(name)) {
    throw badInput(`invalid initiator name ${JSON.stringify(name)} (no blanks, "/" or control characters)`, {
      object: `initiator ${name}`,
    });
  }
}
