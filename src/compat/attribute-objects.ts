/**
 * Where each of scstadmin's objects keeps its attributes, and what its library says when the
 * object is missing: a list of existence checks, outermost first (driver, target, group, …),
 * each with scstadmin's message. The attribute queries (-list_*_attr) and settings (-set_*_attr)
 * both read one object through these, so both name a missing object alike.
 */
import { sysfsPath } from '../sysfs/names.js';
import { readPerlAttributes, type AttributeKind, type PerlAttributes } from './attributes.js';
import type { CompatTree } from './tree.js';

/** An existence check: the directory, and what to say when it is missing. */
export type Check = [path: string, message: string];

/** The attributes at the last check's path, or the message of the first check that fails. */
export async function attributesAt(tree: CompatTree, kind: AttributeKind, checks: Check[]): Promise<PerlAttributes | string> {
  const [path, lastMessage] = checks[checks.length - 1]!;
  const attributes = await readPerlAttributes(tree.sysfs, path, kind);
  return attributes ?? (await firstMissing(tree, checks)) ?? lastMessage;
}

/** The message of the first object that does not exist; undefined when all do. */
export async function firstMissing(tree: CompatTree, checks: Check[]): Promise<string | undefined> {
  for (const [dir, message] of checks) if (!(await tree.isDir(dir))) return message;
  return undefined;
}

/** `fn` is the library function scstadmin names in the message (`groupAttributes`). */
export function targetChecks(fn: string, driver: string, target?: string): Check[] {
  const checks: Check[] = [[sysfsPath('targets', driver), `${fn}(): Driver '${driver}' is not available`]];
  if (target !== undefined) checks.push([sysfsPath('targets', driver, target), `${fn}(): Target '${target}' is not available`]);
  return checks;
}

export function groupChecks(fn: string, driver: string, target: string, group: string): Check[] {
  return [...targetChecks(fn, driver, target), [sysfsPath('targets', driver, target, 'ini_groups', group), `${fn}(): Group '${group}' does not exist`]];
}

export function lunChecks(tree: CompatTree, fn: string, driver: string, target: string, group: string | undefined, lun: string): Check[] {
  const checks = group ? groupChecks(fn, driver, target, group) : targetChecks(fn, driver, target);
  checks.push([`${tree.lunSetPath(driver, target, group)}/${lun}`, `${fn}(): LUN '${lun}' does not exist`]);
  return checks;
}

export function handlerChecks(handler: string): Check[] {
  return [[sysfsPath('handlers', handler), `handlerAttributes(): Handler '${handler}' is not available`]];
}

export function deviceGroupChecks(fn: string, group: string): Check[] {
  return [[sysfsPath('device_groups', group), `${fn}(): Device group '${group}' does not exist`]];
}

export function aluaChecks(fn: string, group: string, tgroup: string): Check[] {
  return [...deviceGroupChecks(fn, group), [sysfsPath('device_groups', group, 'target_groups', tgroup), `${fn}(): Target Group '${tgroup}' does not exist`]];
}
