/**
 * `device_groups/` (ALUA; spec §1.8, §3.7): device groups, their member devices, target
 * groups with group_id/state/preferred, and target-group members (local targets as links,
 * unknown names as "remote" directories holding rel_tgt_id).
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import { Dir, keyed, link, namedChildren, refuseFixedName, rwFile, sysfsName } from '../nodes.js';
import { kstrtoul } from '../numbers.js';
import type { DeviceGroupState, TargetGroupMember, TargetGroupState } from '../state.js';
import { Lexer, chompOne } from '../tokenizer.js';

const DEVICE_GROUPS_USAGE = 'Usage: echo "create group_name" >mgmt\n       echo "del group_name" >mgmt\n';
const DG_DEVICES_USAGE = 'Usage: echo "add device" >mgmt\n       echo "del device" >mgmt\n';
const TARGET_GROUPS_USAGE = DEVICE_GROUPS_USAGE;
const TG_USAGE = 'Usage: echo "add target" >mgmt\n       echo "del target" >mgmt\n';
const ALUA_STATES = ['active', 'nonoptimized', 'standby', 'unavailable', 'offline', 'transitioning'];
const MAX_ID = 65535;
const TG_FIXED_FILES = ['mgmt', 'group_id', 'preferred', 'state'];

/** `verb NAME` with the verbs SCST's ALUA mgmt files share (`create`/`add` and `del`). */
function parseVerbName(data: string): { verb: string; name: string } {
  const lexer = new Lexer(chompOne(data));
  const verb = lexer.next().toLowerCase();
  const name = lexer.next();
  if (name === '') kfail('EINVAL');
  return { verb, name };
}

function deviceGroupsMgmt(k: Kernel, data: string): void {
  const { verb, name } = parseVerbName(data);
  const groups = k.state.deviceGroups;
  const existing = groups.find((g) => g.name === name);
  if (verb === 'create' || verb === 'add') {
    if (existing) kfail('EEXIST');
    refuseFixedName(name, ['mgmt']);
    groups.push({ name, devices: [], targetGroups: [] });
  } else if (verb === 'del') {
    if (!existing) kfail('EINVAL');
    for (const device of existing.devices) {
      const state = k.device(device);
      if (state) state.deviceGroup = null;
    }
    k.state.deviceGroups = groups.filter((g) => g !== existing);
  } else {
    kfail('EINVAL');
  }
}

function dgDevicesMgmt(k: Kernel, dg: DeviceGroupState, data: string): void {
  const { verb, name } = parseVerbName(data);
  if (verb === 'add') {
    const device = k.device(name);
    if (device?.deviceGroup != null) kfail('EEXIST');
    if (!device) kfail('EINVAL');
    refuseFixedName(name, ['mgmt']);
    device.deviceGroup = dg.name;
    dg.devices.push(name);
  } else if (verb === 'del') {
    if (!dg.devices.includes(name)) kfail('EINVAL');
    dg.devices = dg.devices.filter((d) => d !== name);
    const device = k.device(name);
    if (device) device.deviceGroup = null;
  } else {
    kfail('EINVAL');
  }
}

function targetGroupsMgmt(dg: DeviceGroupState, data: string): void {
  const { verb, name } = parseVerbName(data);
  const existing = dg.targetGroups.find((g) => g.name === name);
  if (verb === 'create' || verb === 'add') {
    if (existing) kfail('EEXIST');
    refuseFixedName(name, ['mgmt']);
    dg.targetGroups.push({ name, groupId: 0, preferred: false, state: 'active', members: [] });
  } else if (verb === 'del') {
    if (!existing) kfail('EINVAL');
    dg.targetGroups = dg.targetGroups.filter((g) => g !== existing);
  } else {
    kfail('EINVAL');
  }
}

function tgMgmt(k: Kernel, dg: DeviceGroupState, tg: TargetGroupState, data: string): void {
  const { verb, name } = parseVerbName(data);
  if (verb === 'add') {
    if (dg.targetGroups.some((g) => g.members.some((m) => m.name === name))) kfail('EEXIST');
    refuseFixedName(name, TG_FIXED_FILES);
    const local = k.findTarget(name);
    tg.members.push({ name, local: local !== undefined, driver: local?.driver ?? null, relTgtId: 0 });
  } else if (verb === 'del') {
    if (!tg.members.some((m) => m.name === name)) kfail('EINVAL');
    tg.members = tg.members.filter((m) => m.name !== name);
  } else {
    kfail('EINVAL');
  }
}

/** 1..65535 parsed as kstrtoul, as group_id and remote rel_tgt_id require. */
function parseId(text: string): number {
  const id = kstrtoul(text);
  if (id < 1 || id > MAX_ID) kfail('EINVAL');
  return id;
}

function memberNode(k: Kernel, member: TargetGroupMember): Dir | ReturnType<typeof link> {
  if (member.local && member.driver !== null) {
    return link(`../../../../targets/${member.driver}/${sysfsName(member.name)}`);
  }
  return new Dir().add('rel_tgt_id', () => rwFile(() => keyed(member.relTgtId, true), (data) => {
    member.relTgtId = parseId(data);
  }));
}

function tgDir(k: Kernel, dg: DeviceGroupState, tg: TargetGroupState): Dir {
  const label = `${dg.name}/${tg.name}`;
  return new Dir()
    .add('mgmt', () => rwFile(() => TG_USAGE, (data) => k.work(() => tgMgmt(k, dg, tg, data))))
    .add('group_id', () => rwFile(() => keyed(tg.groupId, true), (data) => {
      // SCST looks at no more than the first 7 bytes of the value.
      tg.groupId = parseId(data.slice(0, 7));
    }))
    .add('preferred', () => rwFile(() => keyed(tg.preferred ? 1 : 0, tg.preferred), (data) => {
      k.work(() => {
        const value = kstrtoul(data);
        if (value !== 0 && value !== 1) kfail('EINVAL');
        k.log(`scst: Changed preferred state of ${label} from ${tg.preferred ? 1 : 0} into ${value}`);
        tg.preferred = value === 1;
      });
    }))
    .add('state', () => rwFile(() => keyed(tg.state, true), (data) => {
      k.work(() => {
        const state = data.split('\n')[0]!;
        if (!ALUA_STATES.includes(state)) kfail('EINVAL');
        tg.state = state;
        k.log(`scst: Changed ALUA state of ${label} into ${state}`);
      });
    }))
    .addDynamic(namedChildren(() => tg.members, (m) => m.name, (member) => memberNode(k, member)));
}

function dgDir(k: Kernel, dg: DeviceGroupState): Dir {
  const devices = new Dir()
    .add('mgmt', () => rwFile(() => DG_DEVICES_USAGE, (data) => k.work(() => dgDevicesMgmt(k, dg, data))))
    .addDynamic({
      names: () => [...dg.devices],
      child: (name) => (dg.devices.includes(name) ? link(`../../../devices/${name}`) : undefined),
    });
  const targetGroups = new Dir()
    .add('mgmt', () => rwFile(() => TARGET_GROUPS_USAGE, (data) => k.work(() => targetGroupsMgmt(dg, data))))
    .addDynamic(namedChildren(() => dg.targetGroups, (g) => g.name, (tg) => tgDir(k, dg, tg)));
  return new Dir().add('devices', devices).add('target_groups', targetGroups);
}

export function aluaDir(k: Kernel): Dir {
  return new Dir()
    .add('mgmt', () => rwFile(() => DEVICE_GROUPS_USAGE, (data) => deviceGroupsMgmt(k, data)))
    .addDynamic(namedChildren(() => k.state.deviceGroups, (g) => g.name, (dg) => dgDir(k, dg)));
}
