/**
 * `targets/DRV/T/ini_groups/` (spec §3.5, §3.6): group create/del, and each group's `luns/`,
 * `initiators/` (add/del/move/clear) and per-group attributes.
 */
import type { Kernel } from '../kernel.js';
import { record } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import type { TargetDriverModel } from '../models.js';
import { Dir, constFile, namedChildren, refuseFixedName, rwFile } from '../nodes.js';
import type { InitiatorGroupState, TargetState } from '../state.js';
import { Lexer, chompOne } from '../tokenizer.js';
import { lunSetDir } from './lun-sets.js';
import { addGroupingFiles } from './target-attributes.js';

const INI_GROUPS_USAGE = 'Usage: echo "create GROUP_NAME" >mgmt\n       echo "del GROUP_NAME" >mgmt\n';
const INITIATORS_USAGE = 'Usage: echo "add INITIATOR_NAME" >mgmt\n' +
  '       echo "del INITIATOR_NAME" >mgmt\n' +
  '       echo "move INITIATOR_NAME DEST_GROUP_NAME" >mgmt\n' +
  '       echo "clear" >mgmt\n';

function groupHasSessions(k: Kernel, target: TargetState, group: InitiatorGroupState): boolean {
  return Object.values(target.sessions).some((s) => k.groupForInitiator(target, s.initiator) === group);
}

function initiatorNotFound(k: Kernel, group: InitiatorGroupState, name: string): never {
  k.log(`scst: ***ERROR***: Unable to find initiator '${name}' in group '${group.name}'`);
  return kfail('EINVAL');
}

function iniGroupsMgmt(k: Kernel, driver: string, target: TargetState, data: string): void {
  const lexer = new Lexer(chompOne(data));
  const verb = lexer.next();
  const name = lexer.next();
  switch (verb.toLowerCase()) {
    case 'create': {
      k.requireWord(name, 'Group name required');
      if (driver === 'copy_manager') kfail('EINVAL');
      refuseFixedName(name, ['mgmt']);
      if (k.group(target, name)) {
        k.log(`scst: ***ERROR***: acg name ${name} exist`);
        kfail('EEXIST');
      }
      target.groups.push({
        name, luns: record(), initiators: [], addrMethod: 'PERIPHERAL', ioGroupingType: 'auto',
        blackHole: 0, cpuMask: k.allCpuMask(), driverData: record(),
      });
      return;
    }
    case 'del': {
      k.requireWord(name, 'Group name required');
      const group = k.group(target, name);
      if (!group) {
        k.log(`scst: ***ERROR***: Group ${name} not found`);
        kfail('EINVAL');
      }
      if (groupHasSessions(k, target, group)) kfail('EBUSY');
      for (const lun of Object.keys(group.luns)) {
        k.removeLun({ driver, target: target.name, group: name, lun: Number(lun) }, { silent: true });
      }
      target.groups = target.groups.filter((g) => g !== group);
      return;
    }
    default:
      return k.unknownAction(verb);
  }
}

/** Which LUN set (group name, or null for the target's own) each session uses now. */
function assignments(k: Kernel, target: TargetState): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const session of Object.values(target.sessions)) {
    map.set(session.name, k.groupForInitiator(target, session.initiator)?.name ?? null);
  }
  return map;
}

/** SCST re-evaluates live sessions after every initiator change and logs each move. */
function logReassignments(k: Kernel, target: TargetState, before: Map<string, string | null>): void {
  for (const [name, group] of assignments(k, target)) {
    const previous = before.get(name);
    if (previous === undefined || previous === group) continue;
    const session = target.sessions[name]!;
    k.log(`scst: sess ${sessionAddress(name)} (initiator ${session.initiator}) will be reassigned from acg ` +
      `${previous ?? target.name} to acg ${group ?? target.name}`);
  }
}

/** A stable stand-in for the kernel address SCST prints for a session. */
function sessionAddress(name: string): string {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(16, '0');
}

function initiatorsMgmt(k: Kernel, target: TargetState, group: InitiatorGroupState, data: string): void {
  const before = assignments(k, target);
  changeInitiators(k, target, group, data);
  logReassignments(k, target, before);
}

function changeInitiators(k: Kernel, target: TargetState, group: InitiatorGroupState, data: string): void {
  const lexer = new Lexer(chompOne(data));
  const verb = lexer.next();
  switch (verb.toLowerCase()) {
    case 'add': {
      const name = k.requireWord(lexer.next(), 'Invalid initiator name');
      refuseFixedName(name, ['mgmt']);
      if (group.initiators.includes(name)) {
        k.log(`scst: ***ERROR***: Name ${name} already exists in group ${group.name}`);
        kfail('EEXIST');
      }
      group.initiators.push(name);
      k.log(`scst: Added name ${name} to group ${group.name} (target ${target.name})`);
      return;
    }
    case 'del': {
      const name = lexer.next();
      if (name === '') kfail('EINVAL');
      if (!group.initiators.includes(name)) initiatorNotFound(k, group, name);
      group.initiators = group.initiators.filter((n) => n !== name);
      return;
    }
    case 'move': {
      const name = lexer.next();
      const destName = lexer.next();
      if (name === '' || destName === '') kfail('EINVAL');
      if (!group.initiators.includes(name)) initiatorNotFound(k, group, name);
      const dest = k.group(target, destName);
      if (!dest) {
        k.log(`scst: ***ERROR***: Unable to find group '${destName}' in target '${target.name}'`);
        kfail('EINVAL');
      }
      if (dest.initiators.includes(name)) {
        k.log(`scst: ***ERROR***: Initiator '${name}' already exists in group '${dest.name}'`);
        kfail('EEXIST');
      }
      group.initiators = group.initiators.filter((n) => n !== name);
      dest.initiators.push(name);
      k.log(`scst: Added name ${name} to group ${dest.name} (target ${target.name})`);
      return;
    }
    case 'clear':
      group.initiators = [];
      return;
    default:
      return k.unknownAction(verb);
  }
}

function initiatorsDir(k: Kernel, target: TargetState, group: InitiatorGroupState): Dir {
  return new Dir()
    .add('mgmt', () => rwFile(() => INITIATORS_USAGE, (data) => k.work(() => initiatorsMgmt(k, target, group, data))))
    .addDynamic(namedChildren(() => group.initiators, (initiator) => initiator, (initiator) => constFile(`${initiator}\n`)));
}

function groupDir(k: Kernel, driver: TargetDriverModel, target: TargetState, group: InitiatorGroupState): Dir {
  return addGroupingFiles(new Dir(), k, group)
    .add('luns', () => lunSetDir(k, { driver: driver.name, target: target.name, group: group.name }))
    .add('initiators', () => initiatorsDir(k, target, group))
    .addAll(driver.groupFiles?.(k, target, group.name) ?? {});
}

export function iniGroupsDir(k: Kernel, driver: TargetDriverModel, target: TargetState): Dir {
  return new Dir()
    .add('mgmt', () => rwFile(() => INI_GROUPS_USAGE, (data) => k.work(() => iniGroupsMgmt(k, driver.name, target, data))))
    .addDynamic(namedChildren(() => target.groups, (g) => g.name, (group) => groupDir(k, driver, target, group)));
}
