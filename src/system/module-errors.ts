/** The failures every kind of host reports alike when a module cannot be had. */
import { UserError } from '../errors.js';
import { moduleMessages } from './messages.js';

export function moduleNotInstalled(name: string, kernelRelease: string): UserError {
  return new UserError(moduleMessages.notInstalled(kernelRelease), {
    object: `module ${name}`, code: 'MODULE_NOT_INSTALLED', hint: moduleMessages.notInstalledHint(kernelRelease),
  });
}
