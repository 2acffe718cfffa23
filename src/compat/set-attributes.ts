/**
 * scstadmin's attribute settings of the SCST core, a handler, a group, a LUN, a device group and
 * an initiator (-set_scst_attr, -set_hnd_attr, -set_grp_attr, -set_lun_attr, -set_dgrp_attr,
 * -set_init_attr) on the change engine's `setAttributes`. As scstadmin does, the object's
 * directory is read first: an attribute it lacks (or only shows) is a WARNING line and left
 * alone, one already at the value asked is said so, and the rest is one change through the one
 * executor. A missing object is named in scstadmin's words, in a FATAL block (exit 1).
 */
import { setAttributes, type AttributeObject } from '../edit/index.js';
import { attributesAt, deviceGroupChecks, firstMissing, groupChecks, handlerChecks, lunChecks, type Check } from './attribute-objects.js';
import type { AttributeKind, PerlAttributes } from './attributes.js';
import type { OpArgs, SingleOp } from './single-op-table.js';

interface Settable {
  kind: AttributeKind;
  checks: Check[];
  /** The object as scstadmin's warning names it: `Device Group 'dg1'`. */
  subject: string;
  object: AttributeObject;
}

/** Perl's cache of what is set: the values of attributes the owner may write (key values too). */
function settableValues(attributes: PerlAttributes): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const [name, a] of attributes) {
    if (a.static || a.structured) continue;
    values.set(name, new Set(a.keys ? a.keys.values() : [a.value ?? '']));
  }
  return values;
}

async function settings({ tree, attributes }: OpArgs, s: Settable): Promise<SingleOp> {
  const found = await attributesAt(tree, s.kind, s.checks);
  if (typeof found === 'string') return { changes: [], nothingToDo: '', prompt: true, precheck: async () => found };
  const existing = settableValues(found);
  const warnings: string[] = [];
  const lines: string[] = [];
  const toSet: Record<string, string> = {};
  for (const [name, value] of attributes) {
    const values = existing.get(name);
    if (!values) warnings.push(`${s.subject} lacks the settable attribute '${name}', ignoring.`);
    else if (values.has(value)) lines.push(`Attribute '${name}' already set to value '${value}', ignoring.`);
    else toSet[name] = value;
  }
  const changes = Object.keys(toSet).length > 0 ? [setAttributes(s.object, toSet)] : [];
  return { changes, nothingToDo: '', prompt: true, warnings, lines };
}

const lunNumber = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

export const ATTRIBUTE_SETTINGS: Record<string, (a: OpArgs) => Promise<SingleOp>> = {
  set_scst_attr: (a) => settings(a, { kind: 'scst', checks: [['', 'scstAttributes(): SCST is not loaded']], subject: 'SCST', object: { kind: 'root' } }),
  set_hnd_attr: (a) => settings(a, { kind: 'handler', checks: handlerChecks(a.arg), subject: `Handler '${a.arg}'`, object: { kind: 'handler', handler: a.arg } }),
  set_grp_attr: (a) => {
    const [driver, target, group] = [a.get('driver')!, a.get('target')!, a.arg];
    return settings(a, { kind: 'group', checks: groupChecks('groupAttributes', driver, target, group), subject: `Driver/target/group '${driver}/${target}/${group}'`, object: { kind: 'group', driver, target, group } });
  },
  set_lun_attr: (a) => {
    const [driver, target, group, lun] = [a.get('driver')!, a.get('target')!, a.get('group'), a.arg];
    const subject = group ? `Driver/target/group/LUN '${driver}/${target}/${group}/${lun}'` : `Driver/target/LUN '${driver}/${target}/${lun}'`;
    const object: AttributeObject = { kind: 'lun', driver, target, lun: lunNumber(lun), ...(group ? { group } : {}) };
    return settings(a, { kind: 'lun', checks: lunChecks(a.tree, 'lunAttributes', driver, target, group, lun), subject, object });
  },
  set_dgrp_attr: (a) => settings(a, { kind: 'deviceGroup', checks: deviceGroupChecks('deviceGroupAttributes', a.arg), subject: `Device Group '${a.arg}'`, object: { kind: 'deviceGroup', deviceGroup: a.arg } }),
  /** SCST's initiators are files in their group, not directories: they have no attributes to set. */
  set_init_attr: async ({ arg, get, tree }) => {
    const [driver, target, group] = [get('driver')!, get('target')!, get('group')!];
    const missing = await firstMissing(tree, groupChecks('initiatorAttributes', driver, target, group));
    const known = missing === undefined && (await tree.initiators(driver, target, group))?.includes(arg);
    const refusal = missing ?? (known ? 'Initiators do not (yet) have attributes.' : `initiatorAttributes(): Initiator '${arg}' does not exist`);
    return { changes: [], nothingToDo: '', prompt: true, precheck: async () => refusal };
  },
};
