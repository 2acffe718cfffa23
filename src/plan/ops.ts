/**
 * One `Op` is one sysfs write: a path and the exact bytes, plus what an admin needs to judge it
 * (the object, a sentence, create/change/remove, destructive, why it needs --force) and the
 * ops that undo it. Ops are plain JSON so that the journal can store them as they are.
 *
 * The constructors below are the only place that knows SCST's paths and command texts (spec
 * scst-conf §9): mgmt commands are written without a newline, parameter lists as `name=value;`
 * pairs; attribute values get a newline except for device and target attributes, which
 * scstadmin writes bare. Every name and value is validated before it becomes part of a write.
 */
import { mgmtCommand, type MgmtLine, type Param, type Token } from '../sysfs/mgmt-command.js';
import { checkAttributeValue } from '../sysfs/mgmt-write.js';
import { dirNameOf } from '../sysfs/names.js';
import { maskChapValue } from '../ui/mask.js';

export type OpKind =
  | 'add_device' | 'del_device'
  | 'add_target' | 'del_target'
  | 'set_attribute'
  | 'add_dynamic' | 'del_dynamic'
  | 'create_group' | 'del_group'
  | 'add_initiator' | 'del_initiator' | 'move_initiator'
  | 'add_lun' | 'del_lun' | 'replace_lun'
  | 'create_dgroup' | 'del_dgroup'
  | 'add_dgroup_device' | 'del_dgroup_device'
  | 'create_tgroup' | 'del_tgroup'
  | 'add_tgroup_member' | 'del_tgroup_member'
  | 'close_session'
  | 'suspend' | 'resume';

/** Ops that write an attribute file (a value), not a mgmt command. */
export type AttributeOpKind = 'set_attribute' | 'close_session' | 'suspend' | 'resume';
export type MgmtOpKind = Exclude<OpKind, AttributeOpKind>;

export type Change = 'create' | 'change' | 'remove';

/**
 * A mgmt command carries a `MgmtLine` (built from checked tokens); an attribute write carries its
 * value's bytes, checked by the attribute writer itself. The kind tells the executor which.
 */
export type Op = MgmtOp | AttributeOp;

export interface MgmtOp extends OpFields {
  kind: MgmtOpKind;
  /** Exactly the bytes of the one write(2). */
  data: MgmtLine;
}

export interface AttributeOp extends OpFields {
  kind: AttributeOpKind;
  /** Exactly the bytes of the one write(2): the value, bare or with one newline. */
  data: string;
}

interface OpFields {
  /** Relative to the SCST root. */
  path: string;
  /** What the write is about, e.g. `device vol1`, `target iscsi/iqn…`, `LUN 0 of iscsi/iqn…/hosts`. */
  object: string;
  /** A short human sentence, e.g. `create device vol1 (vdisk_blockio)`. */
  summary: string;
  change: Change;
  /** Removes or re-creates something an initiator may rely on: asks for confirmation. */
  destructive?: boolean;
  /** Set when the op runs only with --force, and why (a session uses it, …). */
  force?: string;
  /** The data carries a CHAP secret: masked when printed unless --show-secrets. */
  secret?: boolean;
  /** Cannot be undone (a closed session stays closed); rollback skips it. */
  irreversible?: boolean;
  /** Ops that undo this one once it has been applied, to be run in this order. */
  inverse: Op[];
}

/** A LUN set: the target's default set, or an initiator group's. */
export interface LunSetRef {
  driver: string;
  target: string;
  group?: string;
}

function targetPath(driver: string, target: string): string {
  return `targets/${driver}/${dirNameOf(target)}`;
}

export function groupPath(driver: string, target: string, group: string): string {
  return `${targetPath(driver, target)}/ini_groups/${dirNameOf(group)}`;
}

export function lunSetPath(set: LunSetRef): string {
  return set.group === undefined ? `${targetPath(set.driver, set.target)}/luns` : `${groupPath(set.driver, set.target, set.group)}/luns`;
}

function lunSetName(set: LunSetRef): string {
  return set.group === undefined ? `${set.driver}/${set.target}` : `${set.driver}/${set.target}/${set.group}`;
}

/** Creation parameters in the order SCST expects them: `cluster_mode` last. */
function paramList(params: Record<string, string>): Param[] {
  const names = Object.keys(params).sort((a, b) => (a === 'cluster_mode' ? 1 : b === 'cluster_mode' ? -1 : 0));
  return names.map((name) => ({ name, value: params[name] ?? '' }));
}

const name = (value: string, what: string): Token => ({ value, what });

type NewOp<T extends Op> = Omit<T, 'inverse'> & { inverse?: Op[] };

function op(fields: NewOp<MgmtOp>): MgmtOp;
function op(fields: NewOp<AttributeOp>): AttributeOp;
function op(fields: NewOp<MgmtOp> | NewOp<AttributeOp>): Op {
  const result: Op = { ...fields, inverse: fields.inverse ?? [] };
  for (const key of Object.keys(result) as (keyof Op)[]) if (result[key] === undefined) delete result[key];
  return result;
}

// ---- devices -------------------------------------------------------------------------------

export function addDevice(handler: string, device: string, params: Record<string, string>): Op {
  return op({
    kind: 'add_device',
    path: `handlers/${handler}/mgmt`,
    data: mgmtCommand('add_device', [name(device, 'device name')], paramList(params), { object: `device ${device}` }),
    object: `device ${device}`,
    summary: `create device ${device} (${handler})`,
    change: 'create',
  });
}

export function delDevice(handler: string, device: string): Op {
  return op({
    kind: 'del_device',
    path: `handlers/${handler}/mgmt`,
    data: mgmtCommand('del_device', [name(device, 'device name')], [], { object: `device ${device}` }),
    object: `device ${device}`,
    summary: `delete device ${device} (${handler}); its LUNs go with it`,
    change: 'remove',
    destructive: true,
  });
}

// ---- attributes ----------------------------------------------------------------------------

export type AttributeOwner =
  | { kind: 'core' }
  | { kind: 'handler'; handler: string }
  | { kind: 'device'; device: string }
  | { kind: 'driver'; driver: string }
  | { kind: 'target'; driver: string; target: string }
  | { kind: 'group'; driver: string; target: string; group: string }
  | { kind: 'alua' }
  | { kind: 'dgroup'; dgroup: string }
  | { kind: 'tgroup'; dgroup: string; tgroup: string }
  | { kind: 'tgroup_member'; dgroup: string; tgroup: string; member: string };

export function ownerPath(owner: AttributeOwner): string {
  switch (owner.kind) {
    case 'core': return '';
    case 'handler': return `handlers/${owner.handler}`;
    case 'device': return `devices/${owner.device}`;
    case 'driver': return `targets/${owner.driver}`;
    case 'target': return targetPath(owner.driver, owner.target);
    case 'group': return groupPath(owner.driver, owner.target, owner.group);
    case 'alua': return 'device_groups';
    case 'dgroup': return `device_groups/${owner.dgroup}`;
    case 'tgroup': return `device_groups/${owner.dgroup}/target_groups/${owner.tgroup}`;
    case 'tgroup_member': return `device_groups/${owner.dgroup}/target_groups/${owner.tgroup}/${owner.member}`;
  }
}

export function ownerName(owner: AttributeOwner): string {
  switch (owner.kind) {
    case 'core': return 'SCST';
    case 'handler': return `handler ${owner.handler}`;
    case 'device': return `device ${owner.device}`;
    case 'driver': return `driver ${owner.driver}`;
    case 'target': return `target ${owner.driver}/${owner.target}`;
    case 'group': return `group ${owner.driver}/${owner.target}/${owner.group}`;
    case 'alua': return 'ALUA';
    case 'dgroup': return `device group ${owner.dgroup}`;
    case 'tgroup': return `target group ${owner.dgroup}/${owner.tgroup}`;
    case 'tgroup_member': return `target group member ${owner.dgroup}/${owner.tgroup}/${owner.member}`;
  }
}

/** Write one attribute value. `from` is the live value (undefined: not set); it becomes the undo. */
export function setAttribute(owner: AttributeOwner, attribute: string, value: string, from: string | undefined): Op {
  const object = ownerName(owner);
  const base = ownerPath(owner);
  const path = base === '' ? attribute : `${base}/${attribute}`;
  // The writer checks again at the write; checking here refuses the file before any write.
  checkAttributeValue(value, path, object);
  const bare = owner.kind === 'device' || owner.kind === 'target';
  // An empty write never reaches SCST's store; a lone newline is how a value is cleared.
  const write = (v: string) => (bare && v !== '' ? v : `${v}\n`);
  const inverse: Op[] = from === undefined ? [] : [op({ kind: 'set_attribute', path, data: write(from), object, summary: `set ${attribute} back to ${show(from)}`, change: 'change' })];
  return op({
    kind: 'set_attribute',
    path,
    data: write(value),
    object,
    summary: from === undefined ? `set ${attribute} ${show(value)}` : `set ${attribute} ${show(from)} → ${show(value)}`,
    change: 'change',
    inverse,
  });
}

function show(value: string): string {
  return value === '' ? '""' : /\s/.test(value) ? `"${value}"` : value;
}

/** A value of a dynamic (multi-valued, add/del through the driver's mgmt) attribute. */
export function addDynamic(driver: string, target: string | undefined, attribute: string, value: string, secret: boolean): Op {
  return dynamicOp('add', driver, target, attribute, value, secret);
}

export function delDynamic(driver: string, target: string | undefined, attribute: string, value: string, secret: boolean): Op {
  return dynamicOp('del', driver, target, attribute, value, secret);
}

function dynamicOp(verb: 'add' | 'del', driver: string, target: string | undefined, attribute: string, value: string, secret: boolean): Op {
  const object = target === undefined ? `driver ${driver}` : `target ${driver}/${target}`;
  return op({
    kind: verb === 'add' ? 'add_dynamic' : 'del_dynamic',
    path: `targets/${driver}/mgmt`,
    data: dynamicCommand(verb, driver, target, attribute, value, object),
    object,
    summary: `${verb === 'add' ? 'add' : 'remove'} ${attribute} ${secret ? maskValue(value) : show(value)}`,
    change: verb === 'add' ? 'create' : 'remove',
    secret,
  });
}

function dynamicCommand(verb: 'add' | 'del', driver: string, target: string | undefined, attribute: string, value: string, object: string): MgmtLine {
  // A CHAP user is `name secret` (two words); a portal pattern is one word.
  const words = /^(Incoming|Outgoing)User\d*$/.test(attribute) ? 2 : 1;
  const valueToken: Token = { value, what: `${attribute} value`, lexemes: words };
  const attributeToken = name(attribute, 'attribute name');
  return target === undefined
    ? mgmtCommand(`${verb}_attribute`, [attributeToken, valueToken], [], { object })
    : mgmtCommand(`${verb}_target_attribute`, [name(target, 'target name'), attributeToken, valueToken], [], { object });
}

/** `alice secret-0001` → `"alice ********"`: the user name is no secret, the secret is. */
export function maskValue(value: string): string {
  return `"${maskChapValue(value)}"`;
}

// ---- targets -------------------------------------------------------------------------------

export function addTarget(driver: string, target: string, params: Record<string, string>): Op {
  return op({
    kind: 'add_target',
    path: `targets/${driver}/mgmt`,
    data: mgmtCommand('add_target', [name(target, 'target name')], paramList(params), { object: `target ${driver}/${target}` }),
    object: `target ${driver}/${target}`,
    summary: `create target ${target}`,
    change: 'create',
  });
}

export function delTarget(driver: string, target: string): Op {
  return op({
    kind: 'del_target',
    path: `targets/${driver}/mgmt`,
    data: mgmtCommand('del_target', [name(target, 'target name')], [], { object: `target ${driver}/${target}` }),
    object: `target ${driver}/${target}`,
    summary: `delete target ${target} with its LUNs, groups and attributes`,
    change: 'remove',
    destructive: true,
  });
}

export function setEnabled(owner: { driver: string; target?: string }, enabled: boolean, from: boolean | undefined): Op {
  const isTarget = owner.target !== undefined;
  const path = isTarget ? `${targetPath(owner.driver, owner.target!)}/enabled` : `targets/${owner.driver}/enabled`;
  // The target's enabled is a target attribute (written bare); the driver's takes a newline.
  const bytes = (on: boolean) => (on ? '1' : '0') + (isTarget ? '' : '\n');
  const object = isTarget ? `target ${owner.driver}/${owner.target}` : `driver ${owner.driver}`;
  const undo: Op[] = from === undefined || from === enabled ? [] : [op({ kind: 'set_attribute', path, data: bytes(from), object, summary: from ? 'enable again' : 'disable again', change: 'change' })];
  return op({
    kind: 'set_attribute',
    path,
    data: bytes(enabled),
    object,
    summary: enabled ? 'enable' : 'disable',
    change: 'change',
    inverse: undo,
  });
}

export function closeSession(driver: string, target: string, session: string): Op {
  return op({
    kind: 'close_session',
    path: `${targetPath(driver, target)}/sessions/${session}/force_close`,
    data: '1',
    object: `target ${driver}/${target}`,
    summary: `close session ${session}`,
    change: 'remove',
    destructive: true,
    irreversible: true,
  });
}

/**
 * A Fibre Channel LIP (loop initialization) on the FC host behind a target: `1` written to the
 * host's `issue_lip`, reached through the target's `host` link (`lipPath`, relative to the SCST
 * root). Not configuration: nothing to undo.
 */
export function issueLip(driver: string, target: string, lipPath: string, host: string): Op {
  return op({
    kind: 'set_attribute',
    path: lipPath,
    data: '1',
    object: `target ${driver}/${target}`,
    summary: `issue a LIP on FC host ${host}`,
    change: 'change',
    irreversible: true,
  });
}

// ---- LUNs, groups, initiators ---------------------------------------------------------------

export function addLun(set: LunSetRef, lun: number, device: string, params: Record<string, string>): Op {
  const object = `LUN ${lun} of ${lunSetName(set)}`;
  return op({
    kind: 'add_lun',
    path: `${lunSetPath(set)}/mgmt`,
    data: mgmtCommand('add', [name(device, 'device name'), String(lun)], paramList(params), { object }),
    object,
    summary: `map device ${device}${paramsNote(params)}`,
    change: 'create',
  });
}

export function delLun(set: LunSetRef, lun: number, device: string): Op {
  return op({
    kind: 'del_lun',
    path: `${lunSetPath(set)}/mgmt`,
    data: mgmtCommand('del', [String(lun)]),
    object: `LUN ${lun} of ${lunSetName(set)}`,
    summary: `unmap device ${device}`,
    change: 'remove',
    destructive: true,
  });
}

/** One write that swaps the device (or its LUN parameters) behind a LUN number. */
export function replaceLun(set: LunSetRef, lun: number, device: string, params: Record<string, string>, from: string): Op {
  const object = `LUN ${lun} of ${lunSetName(set)}`;
  return op({
    kind: 'replace_lun',
    path: `${lunSetPath(set)}/mgmt`,
    data: mgmtCommand('replace', [name(device, 'device name'), String(lun)], paramList(params), { object }),
    object,
    summary: from === device ? `re-map device ${device}${paramsNote(params)}` : `re-map from device ${from} to ${device}${paramsNote(params)}`,
    change: 'change',
    destructive: true,
  });
}

function paramsNote(params: Record<string, string>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

export function createGroup(driver: string, target: string, group: string): Op {
  return op({
    kind: 'create_group',
    path: `${targetPath(driver, target)}/ini_groups/mgmt`,
    data: mgmtCommand('create', [name(group, 'group name')], [], { object: `group ${driver}/${target}/${group}` }),
    object: `group ${driver}/${target}/${group}`,
    summary: `create initiator group ${group}`,
    change: 'create',
  });
}

export function delGroup(driver: string, target: string, group: string): Op {
  return op({
    kind: 'del_group',
    path: `${targetPath(driver, target)}/ini_groups/mgmt`,
    data: mgmtCommand('del', [name(group, 'group name')]),
    object: `group ${driver}/${target}/${group}`,
    summary: `delete initiator group ${group} with its LUNs and initiators`,
    change: 'remove',
    destructive: true,
  });
}

export function addInitiator(driver: string, target: string, group: string, initiator: string): Op {
  return op({
    kind: 'add_initiator',
    path: `${groupPath(driver, target, group)}/initiators/mgmt`,
    data: mgmtCommand('add', [name(initiator, 'initiator name')], [], { object: `group ${driver}/${target}/${group}` }),
    object: `group ${driver}/${target}/${group}`,
    summary: `add initiator ${initiator}`,
    change: 'create',
  });
}

export function delInitiator(driver: string, target: string, group: string, initiator: string): Op {
  return op({
    kind: 'del_initiator',
    path: `${groupPath(driver, target, group)}/initiators/mgmt`,
    data: mgmtCommand('del', [name(initiator, 'initiator name')]),
    object: `group ${driver}/${target}/${group}`,
    summary: `remove initiator ${initiator}`,
    change: 'remove',
    destructive: true,
  });
}

export function moveInitiator(driver: string, target: string, from: string, to: string, initiator: string): Op {
  return op({
    kind: 'move_initiator',
    path: `${groupPath(driver, target, from)}/initiators/mgmt`,
    data: mgmtCommand('move', [name(initiator, 'initiator name'), name(to, 'group name')]),
    object: `group ${driver}/${target}/${from}`,
    summary: `move initiator ${initiator} to group ${to}`,
    change: 'change',
    destructive: true,
  });
}

// ---- ALUA ----------------------------------------------------------------------------------

export function createDeviceGroup(dgroup: string): Op {
  return op({ kind: 'create_dgroup', path: 'device_groups/mgmt', data: mgmtCommand('create', [name(dgroup, 'device group name')], [], { object: `device group ${dgroup}` }), object: `device group ${dgroup}`, summary: `create device group ${dgroup}`, change: 'create' });
}

export function delDeviceGroup(dgroup: string): Op {
  return op({ kind: 'del_dgroup', path: 'device_groups/mgmt', data: mgmtCommand('del', [name(dgroup, 'device group name')]), object: `device group ${dgroup}`, summary: `delete device group ${dgroup}`, change: 'remove', destructive: true });
}

export function addDeviceGroupDevice(dgroup: string, device: string): Op {
  return op({ kind: 'add_dgroup_device', path: `device_groups/${dgroup}/devices/mgmt`, data: mgmtCommand('add', [name(device, 'device name')], [], { object: `device group ${dgroup}` }), object: `device group ${dgroup}`, summary: `add device ${device}`, change: 'create' });
}

export function delDeviceGroupDevice(dgroup: string, device: string): Op {
  return op({ kind: 'del_dgroup_device', path: `device_groups/${dgroup}/devices/mgmt`, data: mgmtCommand('del', [name(device, 'device name')]), object: `device group ${dgroup}`, summary: `remove device ${device}`, change: 'remove', destructive: true });
}

export function createTargetGroup(dgroup: string, tgroup: string): Op {
  return op({ kind: 'create_tgroup', path: `device_groups/${dgroup}/target_groups/mgmt`, data: mgmtCommand('create', [name(tgroup, 'target group name')], [], { object: `target group ${dgroup}/${tgroup}` }), object: `target group ${dgroup}/${tgroup}`, summary: `create target group ${tgroup}`, change: 'create' });
}

export function delTargetGroup(dgroup: string, tgroup: string): Op {
  return op({ kind: 'del_tgroup', path: `device_groups/${dgroup}/target_groups/mgmt`, data: mgmtCommand('del', [name(tgroup, 'target group name')]), object: `target group ${dgroup}/${tgroup}`, summary: `delete target group ${tgroup}`, change: 'remove', destructive: true });
}

export function addTargetGroupMember(dgroup: string, tgroup: string, member: string): Op {
  return op({ kind: 'add_tgroup_member', path: `device_groups/${dgroup}/target_groups/${tgroup}/mgmt`, data: mgmtCommand('add', [name(member, 'target name')], [], { object: `target group ${dgroup}/${tgroup}` }), object: `target group ${dgroup}/${tgroup}`, summary: `add target ${member}`, change: 'create' });
}

export function delTargetGroupMember(dgroup: string, tgroup: string, member: string): Op {
  return op({ kind: 'del_tgroup_member', path: `device_groups/${dgroup}/target_groups/${tgroup}/mgmt`, data: mgmtCommand('del', [name(member, 'target name')]), object: `target group ${dgroup}/${tgroup}`, summary: `remove target ${member}`, change: 'remove', destructive: true });
}

// ---- suspend bracketing --------------------------------------------------------------------

/** Suspend SCST's I/O once around a mass change; the value is the kernel's timeout in seconds. */
export function suspend(seconds: number): Op {
  const resumeOp = resume();
  return op({ kind: 'suspend', path: 'suspend', data: `${seconds}\n`, object: 'SCST', summary: `suspend I/O (timeout ${seconds} s)`, change: 'change', inverse: [resumeOp] });
}

export function resume(): Op {
  return op({ kind: 'resume', path: 'suspend', data: '-1\n', object: 'SCST', summary: 'resume I/O', change: 'change' });
}

/** Attach the undo and force reason to an op built above (keeps constructors small). */
export function withInverse(target: Op, inverse: Op[], extra: Partial<Pick<Op, 'force' | 'destructive'>> = {}): Op {
  const result: Op = { ...target, inverse: inverse.map(stripInverse), ...extra };
  if (result.force === undefined) delete result.force;
  return result;
}

/** Undo ops are never undone themselves; keep the journal flat. */
function stripInverse(undo: Op): Op {
  return undo.inverse.length === 0 ? undo : { ...undo, inverse: [] };
}
