/**
 * The arguments iscsi-scstd is started with: --options from the command line, else
 * ISCSID_OPTIONS from /etc/default/scst. They are passed as an argument vector (no shell), but
 * a control character in one is still refused: it can only be a mistake.
 */
import { badInput } from '../errors.js';
import type { ServiceDefaults } from './defaults-file.js';

export function daemonArgs(defaults: ServiceDefaults, optionsFlag: string | undefined): string[] {
  const args = optionsFlag === undefined ? defaults.iscsidOptions : optionsFlag.split(/\s+/).filter((w) => w !== '');
  for (const arg of args) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(arg)) throw badInput('a control character in an iscsi-scstd option', { object: optionsFlag === undefined ? 'ISCSID_OPTIONS' : '--options', code: 'DAEMON_OPTIONS' });
  }
  return args;
}
