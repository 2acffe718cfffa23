/**
 * The attribute queries of Perl scstadmin (-list_*_attr, and -list_device DEVICE): one object's
 * attribute table, then what its mgmt file says may be created below it. A missing object is
 * named the way scstadmin's library names it, in a WARNING block (result code 1).
 */
import { sysfsPath } from '../sysfs/names.js';
import { attributeTable, nameList } from './attribute-table.js';
import { aluaChecks, attributesAt, deviceGroupChecks, groupChecks, handlerChecks, lunChecks, targetChecks } from './attribute-objects.js';
import { readPerlAttributes, type PerlAttributes } from './attributes.js';
import type { QueryContext } from './list-objects.js';
import { perlSort } from './output.js';
import { HELP } from './tree.js';

/** Print the table, or the WARNING block of a missing object; the result code. */
function table(ctx: QueryContext, found: PerlAttributes | string): found is PerlAttributes {
  if (typeof found === 'string') {
    ctx.out.warning(found);
    return false;
  }
  ctx.out.print(attributeTable(found, ctx.nonkey));
  return true;
}

/** A list of names below the table; 1 (scstadmin's "nothing more") when there is none. */
async function names(ctx: QueryContext, title: string, mgmtPath: string, prefix: string, sorted = true): Promise<number> {
  const list = await ctx.tree.helpList(mgmtPath, prefix);
  if (!list || list.length === 0) return 1;
  ctx.out.print(nameList(title, sorted ? perlSort(list) : list));
  return 0;
}

/** Perl's -w on a mgmt file as root: it is there. */
async function virtualCapable(ctx: QueryContext, driver: string): Promise<boolean> {
  return (await ctx.tree.entries(sysfsPath('targets', driver)))?.some((e) => e.name === 'mgmt') ?? false;
}

export async function listScstAttributes(ctx: QueryContext): Promise<number> {
  const attributes = await readPerlAttributes(ctx.tree.sysfs, '', 'scst');
  if (!attributes || attributes.size === 0) {
    ctx.out.print('FATAL: Unable to get a list of SCST attributes! Please make sure SCST is loaded.\n');
    return 0;
  }
  ctx.out.print(attributeTable(attributes, ctx.nonkey));
  return 0;
}

export async function listHandlerAttributes(ctx: QueryContext, handler: string): Promise<number> {
  const path = sysfsPath('handlers', handler);
  if (!table(ctx, await attributesAt(ctx.tree, 'handler', handlerChecks(handler)))) return 1;
  return names(ctx, 'Device CREATE attributes available', `${path}/mgmt`, HELP.create);
}

export async function listDevice(ctx: QueryContext, device: string): Promise<number> {
  const found = await attributesAt(ctx.tree, 'device', [[sysfsPath('devices', device), `deviceAttributes(): Device '${device}' is not open`]]);
  return table(ctx, found) ? 0 : 1;
}

export async function listDriverAttributes(ctx: QueryContext, driver: string): Promise<number> {
  if (!table(ctx, await attributesAt(ctx.tree, 'driver', targetChecks('driverAttributes', driver)))) return 1;
  if (!(await virtualCapable(ctx, driver))) return 0;
  const mgmt = sysfsPath('targets', driver, 'mgmt');
  await names(ctx, 'Dynamic attributes available', mgmt, HELP.driverDynamic);
  return names(ctx, 'Target CREATE attributes available:', mgmt, HELP.create);
}

export async function listTargetAttributes(ctx: QueryContext, driver: string, target: string): Promise<number> {
  const found = await attributesAt(ctx.tree, 'target', targetChecks('targetAttributes', driver, target));
  if (typeof found !== 'string' && driver === 'scst_local') await addSessionNames(ctx, found, driver, target);
  if (typeof found !== 'string' && found.size === 0) {
    ctx.out.print(`No such driver/target '${driver}/${target}' found.\n`);
    return 0;
  }
  if (!table(ctx, found)) return 1;
  if (await virtualCapable(ctx, driver)) await names(ctx, 'Dynamic attributes available', sysfsPath('targets', driver, 'mgmt'), HELP.targetDynamic);
  return names(ctx, 'LUN CREATE attributes available', `${ctx.tree.lunSetPath(driver, target)}/mgmt`, HELP.create);
}

/** scst_local: each session of the target is one value of its `session_name`. */
async function addSessionNames(ctx: QueryContext, attributes: PerlAttributes, driver: string, target: string): Promise<void> {
  const sessions = (await ctx.tree.entries(sysfsPath('targets', driver, target, 'sessions'))) ?? [];
  if (sessions.length === 0) return;
  attributes.set('session_name', { keys: new Map(sessions.map((s, i) => [String(i), s.name])) });
}

export async function listGroupAttributes(ctx: QueryContext, driver: string, target: string, group: string): Promise<number> {
  const path = sysfsPath('targets', driver, target, 'ini_groups', group);
  if (!table(ctx, await attributesAt(ctx.tree, 'group', groupChecks('groupAttributes', driver, target, group)))) return 1;
  if ((await names(ctx, 'LUN CREATE attributes available', `${path}/luns/mgmt`, HELP.create)) !== 0) return 1;
  return names(ctx, 'Initiator CREATE attributes available', `${path}/initiators/mgmt`, HELP.create, false);
}

export async function listLunAttributes(ctx: QueryContext, driver: string, target: string, group: string | undefined, lun: string): Promise<number> {
  return table(ctx, await attributesAt(ctx.tree, 'lun', lunChecks(ctx.tree, 'lunAttributes', driver, target, group, lun))) ? 0 : 1;
}

export async function listInitiatorAttributes(ctx: QueryContext, driver: string, target: string, group: string, initiator: string): Promise<number> {
  const groupPath = sysfsPath('targets', driver, target, 'ini_groups', group);
  const path = `${groupPath}/initiators/${initiator}`;
  const checks = groupChecks('initiatorAttributes', driver, target, group);
  const initiators = await ctx.tree.initiators(driver, target, group);
  if (initiators?.includes(initiator) && !(await ctx.tree.isDir(path))) {
    // SCST's initiators are files, not directories: scstadmin's library fails to open one as a
    // directory and reports it with the errno its own existence checks left behind.
    ctx.out.warning(`initiatorAttributes(): Unable to read directory '${ctx.tree.absolute(path)}': Bad file descriptor`);
    return 1;
  }
  checks.push([path, `initiatorAttributes(): Initiator '${initiator}' does not exist`]);
  return table(ctx, await attributesAt(ctx.tree, 'initiator', checks)) ? 0 : 1;
}

export async function listDeviceGroupAttributes(ctx: QueryContext, group: string): Promise<number> {
  const found = await attributesAt(ctx.tree, 'deviceGroup', deviceGroupChecks('deviceGroupAttributes', group));
  if (typeof found !== 'string' && found.size === 0) {
    ctx.out.print(`No such device group '${group}' found or device group as no attributes.\n`);
    return 0;
  }
  return table(ctx, found) ? 0 : 1;
}

export async function listTargetGroupAttributes(ctx: QueryContext, group: string, tgroup: string): Promise<number> {
  return table(ctx, await attributesAt(ctx.tree, 'targetGroup', aluaChecks('targetGroupAttributes', group, tgroup))) ? 0 : 1;
}

export async function listTargetGroupTargetAttributes(ctx: QueryContext, group: string, tgroup: string, target: string): Promise<number> {
  const checks = aluaChecks('targetGroupTargetAttributes', group, tgroup);
  checks.push([sysfsPath('device_groups', group, 'target_groups', tgroup, target), `targetGroupTargetAttributes(): Target '${target}' does not exist`]);
  return table(ctx, await attributesAt(ctx.tree, 'targetGroupTarget', checks)) ? 0 : 1;
}
