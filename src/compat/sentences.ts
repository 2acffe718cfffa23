/**
 * Each planned write in Perl scstadmin's words ("Opening device 'd1' using handler
 * 'vdisk_fileio'"), read back from the op's path and bytes, and each plan note as scstadmin's
 * "… is not in configuration. Use -force to …" line. CHAP secrets are masked (scstadmin prints
 * them; we never do unless asked).
 */
import type { Op, PlanNote } from '../plan/index.js';
import { objectNameOf } from '../sysfs/names.js';
import { maskChapValue } from '../ui/mask.js';

/** Ops scstadmin has no counterpart for (our suspend bracket): applied silently, not counted. */
export function isSilent(op: Op): boolean {
  return op.kind === 'suspend' || op.kind === 'resume';
}

export function opSentence(op: Op): string {
  const parts = op.path.split('/').map(objectNameOf);
  const words = op.data.replace(/\n$/, '').split(' ');
  const file = parts[parts.length - 1]!;
  const value = op.secret ? maskChapValue(op.data.replace(/\n$/, '')) : op.data.replace(/\n$/, '');
  if (file === 'mgmt') return mgmtSentence(parts.slice(0, -1), words, op.secret === true);
  return attributeSentence(parts.slice(0, -1), file, value, op);
}

function mgmtSentence(dir: string[], words: string[], secret: boolean): string {
  const [verb = '', first = '', second = ''] = words;
  const rest = (from: number) => {
    const text = words.slice(from).join(' ');
    return secret ? maskChapValue(text) : text;
  };
  const [top, a, b, c, d, e] = dir;
  if (top === 'handlers') {
    return verb === 'add_device' ? `Opening device '${first}' using handler '${a}'` : `Closing device '${first}' using handler '${a}'`;
  }
  if (top === 'device_groups') {
    if (a === undefined) return verb === 'create' ? `Adding new device group '${first}'` : `Removing device group '${first}'`;
    if (b === 'devices') return verb === 'add' ? `Adding new device group/device '${a}/${first}'` : `Removing device '${first}' from target group '${a}'`;
    if (c === undefined) return verb === 'create' ? `Adding new target group '${first}' to device group '${a}'` : `Removing target group '${first}' from device group '${a}'`;
    return verb === 'add' ? `Adding new target group/target '${c}/${first}' to device group '${a}'` : `Removing target group/target '${c}/${first}' from device group '${a}'`;
  }
  // targets/DRIVER[/TARGET[/ini_groups[/GROUP/(luns|initiators)]|/luns]]
  const driver = a!;
  if (b === undefined) {
    switch (verb) {
      case 'add_target': return `Creating target '${first}' for driver '${driver}'`;
      case 'del_target': return `Removing virtual target '${first}' from driver '${driver}'`;
      case 'add_attribute': return `Adding driver attribute '${first}' with value '${rest(2)}' for driver '${driver}'`;
      case 'del_attribute': return `Removing dynamic attribute '${first}' with value '${rest(2)}' for driver '${driver}'`;
      case 'add_target_attribute': return `Adding target attribute '${second}' with value '${rest(3)}' for driver/target '${driver}/${first}'`;
      default: return `Removing dynamic attribute '${second}' with value '${rest(3)}' for driver/target '${driver}/${first}'`;
    }
  }
  const target = b;
  if (c === 'ini_groups' && d === undefined) {
    return verb === 'create' ? `Adding new group '${first}' to driver/target '${driver}/${target}'` : `Removing group '${first}' from driver/target '${driver}/${target}'`;
  }
  const group = c === 'ini_groups' ? d : undefined;
  const set = group === undefined ? `driver/target '${driver}/${target}'` : `driver/target/group '${driver}/${target}/${group}'`;
  if (e === 'initiators') {
    if (verb === 'add') return `Adding new initiator '${first}' to ${set}`;
    if (verb === 'move') return `Moving initiator '${first}' from group '${group}' to group '${second}'`;
    if (verb === 'clear') return `Removing all initiators ${set}`;
    return `Removing initiator '${first}' from ${set}`;
  }
  switch (verb) {
    case 'add': return `Adding device '${first}' at LUN ${second} to ${set}`;
    case 'replace': return `Replacing device at LUN ${second} with device '${first}' in ${set}`;
    case 'clear': return `Removing all LUNs from ${set}`;
    default: return `Removing LUN ${first} from ${set}`;
  }
}

function attributeSentence(dir: string[], attribute: string, value: string, op: Op): string {
  const [top, a, b, c, d, e] = dir;
  const setting = `'${attribute}' to value '${value}'`;
  if (top === undefined) return `Setting SCST attribute ${setting}`;
  if (top === 'handlers') return `Setting handler attribute ${setting} for handler '${a}'`;
  if (top === 'devices') return `Setting device attribute ${setting} for device '${a}'`;
  if (top === 'device_groups') {
    if (a === undefined) return `Setting ALUA attribute ${setting}`;
    if (b === undefined) return `Setting Device Group attribute ${setting} for device group '${a}'`;
    if (d === undefined) return `Setting Target Group attribute ${setting} for target group '${a}/${c}'`;
    return `Setting target attribute ${setting} for target '${a}/${c}/${d}'`;
  }
  const onOff = value.trim() === '0' ? 'Disabling' : 'Enabling';
  if (b === undefined) {
    return attribute === 'enabled' ? `${onOff} driver '${a}'` : `Setting driver attribute ${setting} for driver '${a}'`;
  }
  if (c === undefined) {
    return attribute === 'enabled' ? `${onOff} driver/target '${a}/${b}'` : `Setting target attribute ${setting} for driver/target '${a}/${b}'`;
  }
  if (op.kind === 'close_session') return `Closing session '${d}' of driver/target '${a}/${b}'`;
  if (c === 'luns') return `Setting LUN attribute ${setting} for driver/target/LUN '${a}/${b}/${d}'`;
  if (e === undefined) return `Setting group attribute ${setting} for group '${d}'`;
  return `Setting LUN attribute ${setting} for driver/target/group/LUN '${a}/${b}/${d}/${dir[5]}'`;
}

/** A plan note as scstadmin words what it leaves alone without -force. */
export function noteSentence(note: PlanNote): string {
  const { object, message } = note;
  if (note.kind === 'held') return `${object}: ${message}. Use -force to do it.`;
  let m: RegExpExecArray | null;
  if ((m = /^device (\S+)$/.exec(object))) return `Device '${m[1]}' is not in configuration. Use -force to close it.`;
  if ((m = /^target ([^/]+)\/(.+)$/.exec(object)) && message.startsWith('is not in the file')) {
    return `Virtual target '${m[2]}' for driver '${m[1]}' is not in configuration. Use -force to remove it.`;
  }
  if ((m = /^LUN (\d+) of ([^/]+)\/([^/]+)(?:\/(.+))?$/.exec(object))) {
    const [, lun, driver, target, group] = m;
    const set = group === undefined ? `driver/target '${driver}/${target}'` : `driver/target/group '${driver}/${target}/${group}'`;
    const device = /\(device (\S+)\)/.exec(message)?.[1] ?? '';
    return `Device '${device}' at LUN '${lun}' is not in configuration for ${set}. Use -force to remove it.`;
  }
  if ((m = /^group ([^/]+)\/([^/]+)\/(.+)$/.exec(object))) {
    const initiator = /^initiator (\S+) /.exec(message)?.[1];
    return initiator
      ? `Initiator '${initiator}' is not in configuration for driver/target/group '${m[1]}/${m[2]}/${m[3]}'. Use -force to remove it.`
      : `Group '${m[3]}' is not in configuration. Use -force to remove.`;
  }
  if ((m = /^device group (\S+)$/.exec(object))) {
    const device = /^device (\S+) /.exec(message)?.[1];
    return device ? `Device '${device}' within device group '${m[1]}' is not in configuration. Use -force to remove.` : `Device Group '${m[1]}' is not in configuration. Use -force to remove.`;
  }
  if ((m = /^target group (\S+)$/.exec(object))) {
    const member = /^member (\S+) /.exec(message)?.[1];
    return member ? `Target '${m[1]}/${member}' is not in configuration. Use -force to remove.` : `Target Group '${m[1]}' is not in configuration. Use -force to remove.`;
  }
  return genericNote(note);
}

function genericNote(note: PlanNote): string {
  return `${note.object} ${note.message.replace('(--prune removes it)', '(-force removes it)')}.`;
}
