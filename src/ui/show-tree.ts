/**
 * The `show` view of a configuration: which objects become tree lines and what their one-line
 * summaries say. The layout follows the sysfs tree (handlers → devices, targets → drivers →
 * targets → luns / ini_groups / sessions, device_groups) so a PATH means the same thing here
 * as under /sys/kernel/scst_tgt; `devices/NAME` also works, as in sysfs.
 */
import { badInput } from '../errors.js';
import { dirNameOf } from '../sysfs/names.js';
import type { AttrValues, Device, DeviceGroup, Handler, IniGroup, Lun, ScstConfig, Session, Target, TargetDriver, TargetGroup } from '../model/types.js';
import type { TreeNode } from './tree.js';
import { count, formatBytes } from './units.js';
import { showMessages as msg } from './show-messages.js';

export interface ShowOptions {
  /** Show every object's saved attributes (always shown for the object PATH names). */
  attributes?: boolean;
}

export function configTree(config: ScstConfig, options: ShowOptions = {}): TreeNode {
  const withAttrs = options.attributes ?? false;
  const summary = [config.live?.version ? `SCST ${config.live.version}` : 'SCST'];
  return {
    name: '/',
    kind: 'section',
    summary,
    children: [
      ...attributeNodes(config.attributes, withAttrs),
      section('handlers', [...Object.values(config.handlers).map((h) => handlerNode(h, withAttrs)), ...unboundNode(config)]),
      section('targets', Object.values(config.drivers).map((d) => driverNode(d, withAttrs))),
      section('device_groups', [...attributeNodes(config.alua, withAttrs), ...Object.values(config.deviceGroups).map((g) => deviceGroupNode(g, withAttrs))]),
    ],
  };
}

/**
 * The node a PATH names, with its attributes shown. Segments are node names; `devices/NAME`
 * finds a device under whichever handler has it.
 */
export function narrowTree(config: ScstConfig, path: string | undefined, options: ShowOptions = {}): TreeNode {
  const segments = (path ?? '').split('/').filter((s) => s !== '');
  if (segments.length === 0) return configTree(config, options);
  if (segments[0] === 'devices') return devicesView(config, segments, options);
  let node: TreeNode = configTree(config, options);
  for (const [i, segment] of segments.entries()) {
    // A name with `/` is written as in its sysfs directory, with `!` (targets, ini groups).
    const next = node.children?.find((c) => (c.name === segment || dirNameOf(c.name) === segment) && c.kind !== 'attribute');
    if (!next) throw badInput(msg.noSuchPath(segments.slice(0, i + 1).join('/')), { object: path, hint: msg.noSuchPathHint, code: 'NO_SUCH_OBJECT' });
    node = next;
  }
  return withOwnAttributes(config, segments, node);
}

function devicesView(config: ScstConfig, segments: string[], options: ShowOptions): TreeNode {
  const devices = Object.values(config.handlers).flatMap((h) => Object.values(h.devices));
  const unbound = config.live?.unboundScsiDevices ?? [];
  if (segments.length === 1) return section('devices', [...devices.map((d) => deviceNode(d, options.attributes ?? false)), ...unbound.map(unboundDeviceNode)]);
  const device = devices.find((d) => d.name === segments[1]);
  if (segments.length === 2 && !device && unbound.includes(segments[1]!)) return unboundDeviceNode(segments[1]!);
  if (!device || segments.length > 2) throw badInput(msg.noSuchPath(segments.join('/')), { hint: msg.noSuchPathHint, code: 'NO_SUCH_OBJECT' });
  return deviceNode(device, true);
}

/** Local SCSI devices no pass-through handler has bound yet (devices/H:C:I:L without a handler). */
function unboundNode(config: ScstConfig): TreeNode[] {
  const unbound = config.live?.unboundScsiDevices ?? [];
  if (unbound.length === 0) return [];
  return [{ name: msg.unboundSection, summary: [count(unbound.length, 'SCSI device')], tone: 'muted', children: unbound.map(unboundDeviceNode) }];
}

function unboundDeviceNode(name: string): TreeNode {
  return { name, summary: [msg.noHandler], tone: 'muted' };
}

/** Re-render the named object with its attributes, keeping its subtree as it was. */
function withOwnAttributes(config: ScstConfig, segments: string[], node: TreeNode): TreeNode {
  const attributes = attributesAt(config, segments);
  if (!attributes || node.children?.some((c) => c.kind === 'attribute')) return node;
  return { ...node, children: [...attributeNodes(attributes, true), ...(node.children ?? [])] };
}

function attributesAt(config: ScstConfig, [section, a, b, c, d]: string[]): AttrValues | undefined {
  if (section === 'handlers') return b === undefined ? config.handlers[a ?? '']?.attributes : config.handlers[a ?? '']?.devices[b]?.attributes;
  if (section === 'targets') {
    const driver = config.drivers[a ?? ''];
    if (b === undefined) return driver?.attributes;
    const target = driver?.targets[b];
    if (c === undefined) return target?.attributes;
    if (c === 'ini_groups' && d !== undefined) return target?.groups[d]?.attributes;
  }
  if (section === 'device_groups' && a !== undefined) return config.deviceGroups[a]?.attributes;
  return undefined;
}

function section(name: string, children: TreeNode[]): TreeNode {
  return { name, kind: 'section', children };
}

/** An object line: its summary, then its attributes (when shown), then its parts. */
function objectNode(name: string, summary: string[], attributes: AttrValues, showAttributes: boolean, parts: TreeNode[] = [], tone?: TreeNode['tone']): TreeNode {
  const node: TreeNode = { name, summary, children: [...attributeNodes(attributes, showAttributes), ...parts] };
  if (tone) node.tone = tone;
  return node;
}

function attributeNodes(attributes: AttrValues, show: boolean): TreeNode[] {
  if (!show) return [];
  return Object.entries(attributes).flatMap(([name, values]) => values.map((value): TreeNode => ({ name, kind: 'attribute', summary: [value === '' ? '""' : value], tone: 'muted' })));
}

function handlerNode(handler: Handler, attrs: boolean): TreeNode {
  const devices = Object.values(handler.devices);
  const summary = [count(devices.length, 'device')];
  if (handler.type) summary.unshift(handler.type.replace(/^\d+ - /, '').replace(/ \(.*\)$/, ''));
  return objectNode(handler.name, summary, handler.attributes, attrs, devices.map((d) => deviceNode(d, attrs)));
}

function deviceNode(device: Device, attrs: boolean): TreeNode {
  const summary = [device.handler];
  if (device.size !== undefined) summary.push(formatBytes(device.size));
  const file = device.attributes.filename?.[0];
  if (file) summary.push(file);
  if (device.attributes.read_only?.[0] === '1') summary.push('ro');
  const exports = device.exports?.length ?? 0;
  summary.push(exports === 0 ? msg.notExported : count(exports, 'LUN'));
  return objectNode(device.name, summary, device.attributes, attrs, [], exports === 0 ? 'muted' : 'plain');
}

function driverNode(driver: TargetDriver, attrs: boolean): TreeNode {
  const summary: string[] = [];
  if (driver.enabled !== undefined) summary.push(driver.enabled ? msg.enabled : msg.disabled);
  if (driver.daemon) summary.push(driver.daemon === 'connected' ? msg.daemonConnected : msg.daemonAbsent);
  summary.push(count(Object.keys(driver.targets).length, 'target'));
  const bad = driver.daemon === 'absent' || driver.enabled === false;
  const targets = Object.values(driver.targets).map((t) => targetNode(t, attrs));
  return objectNode(driver.name, summary, driver.attributes, attrs, targets, bad ? 'bad' : driver.enabled ? 'good' : 'plain');
}

function targetNode(target: Target, attrs: boolean): TreeNode {
  const summary: string[] = [];
  if (target.hardware) summary.push(msg.hardware);
  if (target.enabled !== undefined) summary.push(target.enabled ? msg.enabled : msg.disabled);
  const luns = Object.values(target.luns);
  summary.push(count(luns.length, 'LUN'));
  const groups = Object.values(target.groups);
  if (groups.length > 0) summary.push(count(groups.length, 'group'));
  const sessions = target.sessions ?? [];
  summary.push(count(sessions.length, 'session'));
  const parts = [lunSetNode(luns), section('ini_groups', groups.map((g) => groupNode(g, attrs))), section('sessions', sessions.map(sessionNode))];
  return objectNode(target.name, summary, target.attributes, attrs, parts, target.enabled === false ? 'bad' : target.enabled ? 'good' : 'plain');
}

function lunSetNode(luns: Lun[]): TreeNode {
  return section('luns', luns.map(lunNode));
}

function lunNode(lun: Lun): TreeNode {
  const summary = [lun.device];
  if (lun.attributes.read_only?.[0] === '1') summary.push('ro');
  return { name: String(lun.lun), summary };
}

function groupNode(group: IniGroup, attrs: boolean): TreeNode {
  const luns = Object.values(group.luns);
  const summary = [count(group.initiators.length, 'initiator'), count(luns.length, 'LUN')];
  return objectNode(group.name, summary, group.attributes, attrs, [lunSetNode(luns), section('initiators', group.initiators.map((name) => ({ name })))]);
}

function sessionNode(session: Session): TreeNode {
  const summary: string[] = [];
  if (session.initiator !== session.name) summary.push(session.initiator);
  summary.push(session.group === undefined ? msg.defaultLuns : `group ${session.group}`);
  summary.push(count(session.luns.length, 'LUN'));
  if (session.addresses?.length) summary.push(...session.addresses);
  return { name: session.name, summary, tone: 'good' };
}

function deviceGroupNode(group: DeviceGroup, attrs: boolean): TreeNode {
  const tgs = Object.values(group.targetGroups);
  const summary = [count(group.devices.length, 'device'), count(tgs.length, 'target group')];
  const parts = [section('devices', group.devices.map((name) => ({ name }))), section('target_groups', tgs.map((tg) => targetGroupNode(tg, attrs)))];
  return objectNode(group.name, summary, group.attributes, attrs, parts);
}

function targetGroupNode(group: TargetGroup, attrs: boolean): TreeNode {
  const summary: string[] = [];
  const id = group.attributes.group_id?.[0];
  if (id !== undefined) summary.push(`group_id ${id}`);
  const state = group.attributes.state?.[0];
  if (state !== undefined) summary.push(state);
  if (group.attributes.preferred?.[0] === '1') summary.push('preferred');
  const members = Object.values(group.targets).map((member): TreeNode => {
    const rel = member.attributes.rel_tgt_id?.[0];
    return { name: member.name, summary: member.remote ? [msg.remote, ...(rel ? [`rel_tgt_id ${rel}`] : [])] : [msg.local], tone: 'muted' };
  });
  return objectNode(group.name, summary, group.attributes, attrs, members);
}
