/**
 * The checks every single-object command makes before anything is read or written: names and
 * values through the model's validation (what SCST's grammar or scst.conf cannot carry), and the
 * objects a change needs looked up in what was read. Each failure is one exit-2 line naming the
 * object.
 */
import { badInput } from '../errors.js';
import type { Device, IniGroup, ScstConfig, Target } from '../model/types.js';
import type { ObjectKind } from '../model/attributes.js';
import { MAX_LUN, validateName, validateValue, type NameContext, type NameKind, type Problem } from '../model/validate.js';
import { findDevice, findTarget } from './model.js';
import { editMessages as msg } from './messages.js';

function firstError(problems: Problem[], object: string): void {
  const error = problems.find((p) => p.severity === 'error');
  if (error) throw badInput(error.message, { object, hint: error.hint, code: 'BAD_NAME' });
}

export function checkName(kind: NameKind, name: string, object: string, context: NameContext = {}): void {
  firstError(validateName(kind, name, context), object);
}

export function checkValue(kind: ObjectKind, owner: string | undefined, attribute: string, value: string, object: string): void {
  firstError(validateValue(kind, owner, attribute, value), object);
}

export function checkLunNumber(lun: number, object: string): void {
  if (!Number.isInteger(lun) || lun < 0 || lun > MAX_LUN) throw badInput(`LUN ${lun} is out of range 0..${MAX_LUN}`, { object, code: 'BAD_LUN' });
}

export function targetWords(driver: string, target: string, group?: string): string {
  return `${driver}/${target}${group === undefined ? '' : `/${group}`}`;
}

export function requireTarget(live: ScstConfig, driver: string, target: string): Target {
  const found = findTarget(live, driver, target);
  if (!found) throw badInput(msg.noTarget, { object: `target ${targetWords(driver, target)}`, hint: msg.seeShow, code: 'NO_SUCH_OBJECT' });
  return found;
}

export function requireDevice(live: ScstConfig, device: string): Device {
  const found = findDevice(live, device);
  if (!found) throw badInput(msg.noDevice, { object: `device ${device}`, hint: msg.seeShow, code: 'NO_SUCH_OBJECT' });
  return found;
}

export function requireGroup(target: Target, driver: string, group: string): IniGroup {
  const found = target.groups[group];
  if (!found) throw badInput(msg.noGroup, { object: `group ${targetWords(driver, target.name, group)}`, hint: msg.seeShow, code: 'NO_SUCH_OBJECT' });
  return found;
}
