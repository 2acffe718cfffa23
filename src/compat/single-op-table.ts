/**
 * What each of Perl scstadmin's single-object operations is on the change engine (src/edit):
 * the change, scstadmin's sentence for it, its words when the object already is as asked, and
 * whether it asks for confirmation. Attribute settings have no sentence of their own: each write
 * they make is printed (sentences.ts).
 */
import {
  addChapUser, allowPortal, denyPortal, rmChapUser,
  addDevice, addDeviceGroup, addGroup, addGroupMember, addInitiator, addLun, addTarget, addTargetGroup, clearInitiators, clearLuns,
  enableTarget, moveInitiator, replaceLun, resyncDevice, rmDevice, rmDeviceGroup, rmGroup, rmGroupMember, rmInitiator, rmLun,
  rmTarget, rmTargetGroup, setAluaState, setDevice, setDriver, setTarget, type Change,
} from '../edit/index.js';
import { sysfsPath } from '../sysfs/names.js';
import { ATTRIBUTE_SETTINGS } from './set-attributes.js';
import type { CompatTree } from './tree.js';

export interface SingleOp {
  /** scstadmin's sentence; undefined for attribute settings (one sentence per write, then "Done, N change(s) made."). */
  sentence?: string;
  /** Ends with "-> Done." although it prints per write (resync). */
  plainDone?: boolean;
  changes: Change[];
  /** scstadmin's words when the object already is as asked (or is missing, for removals); '' when that is fine. */
  nothingToDo: string;
  /** A failure is a WARNING and scstadmin's library code the exit code (targets), not FATAL and 1. */
  warnWithCode?: boolean;
  prompt?: boolean;
  /** Lines scstadmin prints for attributes the object lacks (ignored, as it ignores them). */
  warnings?: string[];
  /** Plain `-> …` lines before the changes (attributes already at the value asked). */
  lines?: string[];
  /** A check of scstadmin's before the change; a FATAL message when it refuses. */
  precheck?: () => Promise<string | undefined>;
}

export class BadAttributes extends Error {}

export interface OpArgs {
  arg: string;
  get: (name: string) => string | undefined;
  attributes: Map<string, string>;
  tree: CompatTree;
  force: boolean;
}

const need = (get: OpArgs['get'], name: string) => get(name)!;
const opt = (get: OpArgs['get'], name: string) => (get(name) ? { [name]: get(name)! } : {});

function lunReadOnly(attributes: Map<string, string>): boolean {
  for (const name of attributes.keys()) if (name !== 'read_only') throw new BadAttributes('Bad attributes for LUN.');
  const value = attributes.get('read_only');
  return value !== undefined && value !== '0';
}

const lunNumber = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);
const numberOf = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN);

function setWords(get: OpArgs['get']): string {
  const group = get('group');
  return group ? `driver/target/group '${get('driver')}/${get('target')}/${group}'` : `driver/target '${get('driver')}/${get('target')}'`;
}

const lunSet = (get: OpArgs['get']) => ({ driver: need(get, 'driver'), target: need(get, 'target'), ...opt(get, 'group') });
const groupArgs = (get: OpArgs['get']) => ({ driver: need(get, 'driver'), target: need(get, 'target'), group: need(get, 'group') });

export const SINGLE_OPS: Record<string, (a: OpArgs) => SingleOp | Promise<SingleOp>> = {
  open_dev: ({ arg, get, attributes }) => ({
    sentence: `Opening device '${arg}' using handler '${get('handler')}'`,
    changes: [addDevice({ name: arg, handler: need(get, 'handler'), attributes: Object.fromEntries(attributes) })],
    nothingToDo: 'Device already exists.',
  }),
  close_dev: ({ arg, get }) => ({
    sentence: `Closing device '${arg}' using handler '${get('handler')}'`,
    changes: [rmDevice({ name: arg })],
    nothingToDo: 'No such device exists.',
    prompt: true,
  }),
  resync_dev: ({ arg }) => ({ changes: [resyncDevice({ name: arg })], nothingToDo: '', plainDone: true }),
  set_dev_attr: ({ arg, attributes }) => ({ changes: [setDevice({ name: arg, attributes: Object.fromEntries(attributes) })], nothingToDo: '', prompt: true }),

  add_target: ({ arg, get, attributes }) => ({
    sentence: `Creating target '${arg}' for driver '${get('driver')}'`,
    changes: [addTarget({ driver: need(get, 'driver'), target: arg, attributes: Object.fromEntries(attributes) })],
    nothingToDo: 'Target already exists.',
    warnWithCode: true,
  }),
  rem_target: ({ arg, get }) => ({
    sentence: `Removing virtual target '${arg}' from driver '${get('driver')}'`,
    changes: [rmTarget({ driver: need(get, 'driver'), target: arg })],
    nothingToDo: 'No such target exists.',
    warnWithCode: true,
    prompt: true,
  }),
  enable_target: ({ arg, get }) => ({
    sentence: `Enabling driver/target '${get('driver')}/${arg}'`,
    changes: [enableTarget({ driver: need(get, 'driver'), target: arg, enabled: true })],
    nothingToDo: '',
  }),
  disable_target: ({ arg, get }) => ({
    sentence: `Disabling driver/target '${get('driver')}/${arg}'`,
    changes: [enableTarget({ driver: need(get, 'driver'), target: arg, enabled: false })],
    nothingToDo: '',
    prompt: true,
  }),
  set_tgt_attr: ({ arg, get, attributes }) => ({ changes: [setTarget({ driver: need(get, 'driver'), target: arg, attributes: Object.fromEntries(attributes) })], nothingToDo: '', prompt: true }),
  set_drv_attr: ({ arg, attributes }) => ({ changes: [setDriver({ driver: arg, attributes: Object.fromEntries(attributes) })], nothingToDo: '', prompt: true }),

  add_group: ({ arg, get }) => ({
    sentence: `Adding new group '${arg}' to driver/target '${get('driver')}/${get('target')}'`,
    changes: [addGroup({ driver: need(get, 'driver'), target: need(get, 'target'), group: arg })],
    nothingToDo: 'Group already exists.',
  }),
  rem_group: ({ arg, get }) => ({
    sentence: `Removing group '${arg}' from driver/target '${get('driver')}/${get('target')}'`,
    changes: [rmGroup({ driver: need(get, 'driver'), target: need(get, 'target'), group: arg })],
    nothingToDo: 'No such group exists.',
    prompt: true,
  }),
  add_init: ({ arg, get }) => ({
    sentence: `Adding new initiator '${arg}' to ${setWords(get)}`,
    changes: [addInitiator({ ...groupArgs(get), initiator: arg })],
    nothingToDo: 'Initiator already exists.',
  }),
  rem_init: ({ arg, get }) => ({
    sentence: `Removing initiator '${arg}' from ${setWords(get)}`,
    changes: [rmInitiator({ ...groupArgs(get), initiator: arg })],
    nothingToDo: 'No such initiator exists.',
    prompt: true,
  }),
  move_init: ({ arg, get }) => ({
    sentence: `Moving initiator '${arg}' from group '${get('group')}' to group '${get('to')}'`,
    changes: [moveInitiator({ ...groupArgs(get), initiator: arg, to: need(get, 'to') })],
    nothingToDo: 'No such initiator exists.',
    prompt: true,
  }),
  clear_inits: ({ get }) => ({
    sentence: `Removing all initiators ${setWords(get)}`,
    changes: [clearInitiators(groupArgs(get))],
    nothingToDo: '',
    prompt: true,
  }),

  add_lun: ({ arg, get, attributes }) => ({
    sentence: `Adding device '${get('device')}' at LUN ${arg} to ${setWords(get)}`,
    changes: [addLun({ ...lunSet(get), device: need(get, 'device'), lun: lunNumber(arg), readOnly: lunReadOnly(attributes) })],
    nothingToDo: 'LUN already exists.',
  }),
  rem_lun: ({ arg, get }) => ({
    sentence: `Removing LUN ${arg} from ${setWords(get)}`,
    changes: [rmLun({ ...lunSet(get), lun: lunNumber(arg) })],
    nothingToDo: 'No such LUN exists.',
    prompt: true,
  }),
  replace_lun: ({ arg, get, attributes }) => ({
    sentence: `Replacing device at LUN ${arg} with device '${get('device')}' in driver/target/group '${get('driver')}/${get('target')}/${get('group') ?? ''}'`,
    changes: [replaceLun({ ...lunSet(get), device: need(get, 'device'), lun: lunNumber(arg), readOnly: lunReadOnly(attributes) })],
    nothingToDo: 'Device already exists for LUN.',
    prompt: true,
  }),
  clear_luns: ({ get }) => ({
    sentence: `Removing all LUNs from ${setWords(get)}`,
    changes: [clearLuns(lunSet(get))],
    nothingToDo: '',
    prompt: true,
  }),

  add_dgrp: ({ arg }) => ({ sentence: `Adding new device group '${arg}'`, changes: [addDeviceGroup({ deviceGroup: arg })], nothingToDo: 'Device group already exists.' }),
  rem_dgrp: ({ arg }) => ({ sentence: `Removing device group '${arg}'`, changes: [rmDeviceGroup({ deviceGroup: arg })], nothingToDo: 'No such device group exists.' }),
  add_dgrp_dev: ({ arg, get }) => ({
    sentence: `Adding new device group/device '${get('dev_group')}/${arg}'`,
    changes: [addGroupMember({ deviceGroup: need(get, 'dev_group'), member: arg })],
    nothingToDo: 'Device already exists within device group.',
  }),
  rem_dgrp_dev: ({ arg, get }) => ({
    sentence: `Removing device '${arg}' from target group '${get('dev_group')}'`,
    changes: [rmGroupMember({ deviceGroup: need(get, 'dev_group'), member: arg })],
    nothingToDo: 'No such device in device group.',
  }),
  add_tgrp: async ({ arg, get, tree }) => ({
    sentence: `Adding new target group '${arg}' to device group '${get('dev_group')}'`,
    changes: [addTargetGroup({ deviceGroup: need(get, 'dev_group'), targetGroup: arg, groupId: await freeGroupId(tree) })],
    nothingToDo: 'Target group already exists within device group.',
  }),
  rem_tgrp: ({ arg, get }) => ({
    sentence: `Removing target group '${arg}' from device group '${get('dev_group')}'`,
    changes: [rmTargetGroup({ deviceGroup: need(get, 'dev_group'), targetGroup: arg })],
    nothingToDo: 'No such target group exists within device group.',
  }),
  add_tgrp_tgt: ({ arg, get, attributes }) => ({
    sentence: `Adding new target group/target '${get('tgt_group')}/${arg}' to device group '${get('dev_group')}'`,
    changes: [addGroupMember({ deviceGroup: need(get, 'dev_group'), targetGroup: need(get, 'tgt_group'), member: arg, ...relTgtId(attributes) })],
    nothingToDo: 'Target already exists within target group.',
  }),
  rem_tgrp_tgt: ({ arg, get }) => ({
    sentence: `Removing target group/target '${get('tgt_group')}/${arg}' from device group '${get('dev_group')}'`,
    changes: [rmGroupMember({ deviceGroup: need(get, 'dev_group'), targetGroup: need(get, 'tgt_group'), member: arg })],
    nothingToDo: 'No such target exists within target group.',
  }),
  add_tgt_attr: ({ arg, get, attributes }) => dynamicValues('add', need(get, 'driver'), arg, attributes),
  rem_tgt_attr: ({ arg, get, attributes }) => dynamicValues('remove', need(get, 'driver'), arg, attributes),
  add_drv_attr: ({ arg, attributes }) => dynamicValues('add', arg, undefined, attributes),
  rem_drv_attr: ({ arg, attributes }) => dynamicValues('remove', arg, undefined, attributes),
  set_tgrp_attr: (a) => targetGroupSettings(a),
  set_ttgt_attr: ({ arg, get, attributes, tree }) => {
    const [dg, tg] = [need(get, 'dev_group'), need(get, 'tgt_group')];
    const warnings = [...attributes.keys()].filter((n) => n !== 'rel_tgt_id').map((n) => `Target '${dg}/${tg}/${arg}' lacks the settable attribute '${n}', ignoring.`);
    const changes = attributes.has('rel_tgt_id') ? [addGroupMember({ deviceGroup: dg, targetGroup: tg, member: arg, relTgtId: numberOf(attributes.get('rel_tgt_id')) })] : [];
    const precheck = async () => ((await tree.isDir(sysfsPath('device_groups', dg, 'target_groups', tg, arg))) ? undefined : 'No such target exists within target group.');
    return { changes, nothingToDo: '', prompt: true, warnings, precheck };
  },
  ...ATTRIBUTE_SETTINGS,
  // The LIPs themselves follow as after any change (single-ops.ts).
  issue_lip: () => ({ changes: [], nothingToDo: '', plainDone: true }),
};

/**
 * Dynamic attributes, value by value: CHAP users (`IncomingUser=name secret`) of a target or of
 * discovery, and a target's allowed portals. Each write is printed; present (or absent) values
 * are left as they are, as scstadmin does.
 */
function dynamicValues(kind: 'add' | 'remove', driver: string, target: string | undefined, attributes: Map<string, string>): SingleOp {
  const changes: Change[] = [];
  for (const [name, value] of attributes) {
    const chap = /^(Incoming|Outgoing)User$/.exec(name);
    if (chap) {
      const direction = chap[1] === 'Incoming' ? 'incoming' : 'outgoing';
      const [user = '', ...secret] = value.trim().split(/\s+/);
      const list = { driver, ...(target === undefined ? {} : { target }), direction } as const;
      changes.push(kind === 'add' ? addChapUser({ ...list, user, secret: secret.join(' '), keepExisting: true }) : rmChapUser({ ...list, user }));
    } else if (name === 'allowed_portal' && target !== undefined) {
      changes.push((kind === 'add' ? allowPortal : denyPortal)({ driver, target, portal: value }));
    } else {
      throw new BadAttributes(target === undefined ? 'Bad attributes given for driver.' : 'Bad attributes given for target.');
    }
  }
  return { changes, nothingToDo: '', plainDone: true, prompt: kind === 'remove' };
}

function relTgtId(attributes: Map<string, string>): { relTgtId?: number } {
  for (const name of attributes.keys()) if (name !== 'rel_tgt_id') throw new BadAttributes('Bad attributes for target group target.');
  return attributes.has('rel_tgt_id') ? { relTgtId: numberOf(attributes.get('rel_tgt_id')) } : {};
}

/** group_id through the target-group change, state and preferred through the ALUA state change. */
async function targetGroupSettings({ arg, get, attributes, tree }: OpArgs): Promise<SingleOp> {
  const dg = need(get, 'dev_group');
  const changes: Change[] = [];
  const known = new Set(['group_id', 'state', 'preferred']);
  const warnings = [...attributes.keys()].filter((n) => !known.has(n)).map((n) => `Target Group '${dg}/${arg}' lacks the settable attribute '${n}', ignoring.`);
  if (attributes.has('group_id')) changes.push(addTargetGroup({ deviceGroup: dg, targetGroup: arg, groupId: numberOf(attributes.get('group_id')) }));
  if (attributes.has('state') || attributes.has('preferred')) {
    const state = attributes.get('state') ?? (await tree.sysfs.read(sysfsPath('device_groups', dg, 'target_groups', arg, 'state')).catch(() => 'active\n')).split('\n')[0]!;
    const preferred = attributes.get('preferred');
    changes.push(setAluaState({ deviceGroup: dg, targetGroup: arg, state, ...(preferred === undefined ? {} : { preferred: preferred !== '0' }) }));
  }
  const precheck = async () => ((await tree.isDir(sysfsPath('device_groups', dg, 'target_groups', arg))) ? undefined : 'No such target group exists within device group.');
  return { changes, nothingToDo: '', prompt: true, warnings, precheck };
}

/**
 * SCST creates a target group with group_id 0, which is no valid ALUA id; the engine gives every
 * target group one, so -add_tgrp takes the lowest id no target group of the host uses (a later
 * -set_tgrp_attr group_id=N sets the one meant). ALUA groups are few: reading them is cheap.
 */
async function freeGroupId(tree: CompatTree): Promise<number> {
  const used = new Set<number>();
  for (const dg of await tree.deviceGroups()) {
    for (const tg of (await tree.targetGroups(dg)) ?? []) {
      const text = await tree.sysfs.read(sysfsPath('device_groups', dg, 'target_groups', tg, 'group_id')).catch(() => '');
      used.add(Number(text.split('\n')[0]));
    }
  }
  let id = 1;
  while (used.has(id)) id++;
  return id;
}
