/**
 * The object queries of Perl scstadmin (-list_handler, -list_device, -list_dgrp, -list_tgrp,
 * -list_driver, -list_target, -list_group, -list_sessions), printed in its layout byte for byte.
 * Each returns scstadmin's result code (0, or 1 when it reported a problem).
 */
import { attributeTable } from './attribute-table.js';
import type { PerlAttributes } from './attributes.js';
import { listDevice } from './list-attributes.js';
import { pad, perlSort, type CompatOutput } from './output.js';
import type { CompatTree } from './tree.js';
import { sysfsPath } from '../sysfs/names.js';

export interface QueryContext {
  tree: CompatTree;
  out: CompatOutput;
  nonkey: boolean;
}

const widest = (names: Iterable<string>, min = 0): number => Math.max(min, ...[...names].map((n) => n.length));
const dashes = (n: number): string => `\t${'-'.repeat(n)}\n`;

/** Two columns, the first named once per group: handlers and devices, drivers and targets. */
function groupedTable(titles: [string, string], groups: Map<string, string[]>, headGap: string, rowGap: string): string {
  const l1 = widest(groups.keys());
  const l2 = widest([...groups.values()].flat());
  let text = `\t${pad(titles[0], l1)}${headGap}${pad(titles[1], l2)}\n${dashes(l1 + l2 + headGap.length)}`;
  for (const name of perlSort(groups.keys())) {
    groups.get(name)!.forEach((item, i) => {
      text += `\t${pad(i === 0 ? name : '', l1)}${rowGap}${pad(item, l2)}\n`;
    });
  }
  return text;
}

export async function listHandlers(ctx: QueryContext, handler: string): Promise<number> {
  if (handler !== '') return listHandler(ctx, handler);
  const handlers = await ctx.tree.handlers();
  ctx.out.print(`\tHandler\n${dashes(widest(handlers))}${handlers.map((h) => `\t${h}\n`).join('')}`);
  return 0;
}

/** Handlers and their devices: all of them, or the one named. */
export async function listHandler(ctx: QueryContext, handler?: string): Promise<number> {
  const chosen = (await ctx.tree.handlers()).filter((h) => !handler || h === handler);
  if (chosen.length === 0) {
    ctx.out.print(`No such handler '${handler ?? ''}' found.\n`);
    return 0;
  }
  const devices = new Map<string, string[]>();
  for (const h of chosen) {
    const names = (await ctx.tree.handlerDevices(h)) ?? [];
    devices.set(h, names.length === 0 ? ['-'] : perlSort(names));
  }
  // scstadmin's own spacing: five blanks in the heading, four in the rows.
  ctx.out.print(groupedTable(['Handler', 'Device'], devices, '     ', '    '));
  return 0;
}

export async function listDevices(ctx: QueryContext, device: string): Promise<number> {
  return device !== '' ? listDevice(ctx, device) : listHandler(ctx);
}

export async function listDeviceGroups(ctx: QueryContext, group: string | undefined, showAll = false): Promise<number> {
  if (group) return listDeviceGroup(ctx, group);
  const groups = await ctx.tree.deviceGroups();
  ctx.out.print(`\tDevice Group\n${dashes(widest(groups, 12))}`);
  for (const g of groups) {
    ctx.out.print(`\t${g}\n\n`);
    if (showAll) await listTargetGroups(ctx, g, undefined, true);
  }
  return 0;
}

async function listDeviceGroup(ctx: QueryContext, group: string): Promise<number> {
  const devices = (await ctx.tree.deviceGroupDevices(group)) ?? [];
  let width = widest(devices);
  if (width < 6) width = 7; // scstadmin's own threshold: a 6-character name keeps width 6
  let text = `\tDevices\n${dashes(width)}${devices.map((d) => `\t${d}\n`).join('')}`;
  const tgroups = (await ctx.tree.targetGroups(group)) ?? [];
  text += `\n\tTarget Groups\n${dashes(widest(tgroups, 12))}${tgroups.map((t) => `\t${t}\n`).join('')}`;
  ctx.out.print(text);
  return 0;
}

export async function listTargetGroups(ctx: QueryContext, group: string | undefined, tgroup: string | undefined, indent = false): Promise<number> {
  if (!group) return listDeviceGroups(ctx, undefined, true);
  if (tgroup) return listTargetGroup(ctx, group, tgroup);
  const tgroups = (await ctx.tree.targetGroups(group)) ?? [];
  const lead = indent ? '\t' : '';
  let text = `\n${lead}\tTarget Groups\n\t${lead}${'-'.repeat(widest(tgroups, 12))}\n`;
  for (const t of tgroups) text += `${lead}\t${t}\n`;
  ctx.out.print(text);
  return 0;
}

async function listTargetGroup(ctx: QueryContext, group: string, tgroup: string): Promise<number> {
  const targets = (await ctx.tree.targetGroupTargets(group, tgroup)) ?? [];
  ctx.out.print(`\tTargets\n${dashes(widest(targets, 7))}${targets.map((t) => `\t${t}\n`).join('')}`);
  return 0;
}

export async function listDrivers(ctx: QueryContext, driver: string): Promise<number> {
  if (driver !== '') return listTargets(ctx, driver, undefined);
  const drivers = await ctx.tree.drivers();
  ctx.out.print(`\tDriver\n${dashes(widest(drivers))}${drivers.map((d) => `\t${d}\n`).join('')}`);
  return 0;
}

export async function listTargets(ctx: QueryContext, driver: string | undefined, target: string | undefined): Promise<number> {
  if (target && driver) return listGroups(ctx, driver, target, undefined);
  const drivers = (await ctx.tree.drivers()).filter((d) => !driver || d === driver);
  if (drivers.length === 0) {
    ctx.out.print(`No such driver '${driver ?? ''}' exists.\n`);
    return 0;
  }
  const targets = new Map<string, string[]>();
  for (const d of drivers) targets.set(d, (await ctx.tree.targets(d)) ?? []);
  ctx.out.print(groupedTable(['Driver', 'Target'], targets, ' ', ' '));
  return 0;
}

/** The LUNs (and, for a group, the initiators) of one LUN set. */
async function listGroup(ctx: QueryContext, driver: string, target: string, group: string | undefined): Promise<number> {
  const luns = (await ctx.tree.luns(driver, target, group)) ?? new Map<string, string>();
  let initiators: string[] = [];
  if (group) {
    const found = await ctx.tree.initiators(driver, target, group);
    if (!found) {
      ctx.out.warning(`initiators(): Group '${group}' does not exist`);
      return 1;
    }
    initiators = found;
  }
  if (luns.size === 0 && initiators.length === 0) {
    ctx.out.print(group ? `Group '${group}' has no associated LUNs or initiators.\n` : `Driver/target '${driver}/${target}' has no associated LUNs.\n`);
    return 0;
  }
  const ld = widest(luns.values());
  let text = 'Assigned LUNs:\n\n';
  if (luns.size > 0) {
    text += `\t${pad('LUN', 4)} ${pad('Device', ld)}\n${dashes(ld + 5)}`;
    for (const lun of perlSort(luns.keys())) text += `\t${pad(lun, 4)} ${pad(luns.get(lun)!, ld)}\n`;
  } else {
    text += '\t(none)\n';
  }
  if (group) {
    text += '\nAssigned Initiators:\n\n';
    text += initiators.length > 0 ? `\tInitiator\n${dashes(widest(initiators))}${initiators.map((i) => `\t${i}\n`).join('')}` : '\t(none)\n';
  }
  ctx.out.print(text);
  return 0;
}

export async function listGroups(ctx: QueryContext, driver: string | undefined, target: string | undefined, group: string | undefined): Promise<number> {
  if (group && driver && target) return listGroup(ctx, driver, target, group);
  let found = 0;
  for (const d of (await ctx.tree.drivers()).filter((x) => !driver || x === driver)) {
    for (const t of ((await ctx.tree.targets(d)) ?? []).filter((x) => !target || x === target)) {
      found++;
      ctx.out.print(`Driver: ${d}\nTarget: ${t}\n\n`);
      await listGroup(ctx, d, t, undefined);
      ctx.out.print('\n');
      for (const g of ((await ctx.tree.groups(d, t)) ?? []).filter((x) => !group || x === group)) {
        ctx.out.print(`Group: ${g}\n\n`);
        await listGroup(ctx, d, t, g);
        ctx.out.print('\n\n');
      }
    }
  }
  if (found === 0) {
    if (driver && target) ctx.out.print(`Driver/target '${driver}/${target}' not found\n`);
    else if (!target) ctx.out.print(`Driver '${driver ?? ''}' not found.\n`);
    else ctx.out.print(`Target '${target}' not found.\n`);
  }
  return 0;
}

export async function listSessions(ctx: QueryContext): Promise<number> {
  for (const driver of await ctx.tree.drivers()) {
    for (const target of (await ctx.tree.targets(driver)) ?? []) {
      ctx.out.print(`Driver/Target: ${driver}/${target}\n\n`);
      const sessionsPath = sysfsPath('targets', driver, target, 'sessions');
      const sessions = ((await ctx.tree.entries(sessionsPath)) ?? []).filter((e) => e.type === 'dir');
      for (const session of sessions) {
        ctx.out.print(`\tSession: ${session.name}\n\n`);
        const attributes = await sessionAttributes(ctx, driver, target, `${sessionsPath}/${session.name}`);
        ctx.out.print(`${attributeTable(attributes, true)}\n`);
      }
      if (sessions.length === 0) ctx.out.print('\t(no sessions)\n\n');
    }
  }
  return 0;
}

/** A session's files as values (all shown as writable, as scstadmin does), and its group's LUNs. */
async function sessionAttributes(ctx: QueryContext, driver: string, target: string, path: string): Promise<PerlAttributes> {
  const attributes: PerlAttributes = new Map();
  for (const entry of (await ctx.tree.entries(path)) ?? []) {
    if (entry.name === 'mgmt') continue;
    if (entry.name === 'luns' && entry.type === 'link') {
      const group = /\.\.\/\.\.\/ini_groups\/(.*)\/luns/.exec(entry.target ?? '')?.[1];
      const luns = group === undefined ? undefined : await ctx.tree.luns(driver, target, group);
      for (const [lun, device] of luns ?? []) attributes.set(`LUN ${lun}`, { value: device });
      continue;
    }
    if (entry.type !== 'file') continue;
    const readable = entry.mode === undefined || (entry.mode & 0o400) !== 0;
    attributes.set(entry.name, readable ? { value: (await ctx.tree.sysfs.read(`${path}/${entry.name}`)).split('\n')[0]! } : {});
  }
  return attributes;
}
