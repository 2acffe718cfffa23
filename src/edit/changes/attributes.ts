/**
 * Attribute settings of the objects that have no set command of their own: the SCST core, a
 * device handler, an initiator group, a LUN, an ALUA device group (devices, targets, drivers and
 * target groups have theirs). Every name and value is checked against the model's attribute
 * table before anything is read: unknown names (for objects the table knows completely), values
 * of the wrong form, and attributes SCST only shows or takes only at creation are refused
 * (exit 2). For objects the table does not know completely (an out-of-tree driver's groups, a
 * device group on a newer kernel), the planner refuses a name the live object lacks.
 *
 * Configuration attributes are a model edit, planned and saved like any other. Attributes SCST
 * never marks `[key]` (trace_level, measure_latency, suspend, …) are runtime controls, not
 * configuration: they are written as trigger ops through the same executor and never saved.
 */
import { badInput } from '../../errors.js';
import { attributeSpec, isKnownOwner, type ObjectKind } from '../../model/attributes.js';
import type { AttrValues, ScstConfig } from '../../model/types.js';
import { setAttribute, type AttributeOwner, type Op } from '../../plan/ops.js';
import { sameValue } from '../../plan/values.js';
import { parseAttributeText } from '../../sysfs/attribute-text.js';
import { isSysfsError, type Sysfs } from '../../sysfs/types.js';
import type { Change, EditScope, Prepared } from '../change.js';
import { checkLunNumber, checkName, checkTargetNames, checkValue, requireGroup, requireTarget, targetWords } from '../checks.js';
import { findTarget, lunSet } from '../model.js';
import { aluaMessages } from '../access-messages.js';
import { attributeMessages as msg, lunMessages } from './messages.js';

/** The object whose attributes are set. */
export type AttributeObject =
  | { kind: 'root' }
  | { kind: 'handler'; handler: string }
  | { kind: 'group'; driver: string; target: string; group: string }
  | { kind: 'lun'; driver: string; target: string; group?: string; lun: number }
  | { kind: 'deviceGroup'; deviceGroup: string };

/** What the change needs to know of each kind of object. */
interface ObjectDescription {
  /** In words, as messages name it. */
  words: string;
  /** The attribute table's kind and owner (handler or driver name). */
  table: { kind: ObjectKind; owner?: string };
  scope: EditScope;
  /** The object's attributes in a model; undefined when the model lacks the object. */
  attributes(model: ScstConfig): AttrValues | undefined;
  /** Refuses (exit 2) when the live model lacks the object. */
  require(live: ScstConfig): void;
  /** Where the planner and the executor find its attribute files; undefined for LUNs (no op writes them). */
  owner?: AttributeOwner;
}

function describe(object: AttributeObject): ObjectDescription {
  switch (object.kind) {
    case 'root':
      return { words: 'SCST', table: { kind: 'root' }, scope: {}, attributes: (m) => m.attributes, require: () => undefined, owner: { kind: 'core' } };
    case 'handler': {
      const words = `handler ${object.handler}`;
      checkName('handler', object.handler, words);
      return {
        words,
        table: { kind: 'handler', owner: object.handler },
        // An unloaded handler is refused by the read itself.
        scope: { handlers: [object.handler] },
        attributes: (m) => m.handlers[object.handler]?.attributes,
        require: () => undefined,
        owner: { kind: 'handler', handler: object.handler },
      };
    }
    case 'group': {
      const { driver, target, group } = object;
      checkTargetNames(driver, target);
      const words = `group ${targetWords(driver, target, group)}`;
      checkName('group', group, words);
      return {
        words,
        table: { kind: 'group', owner: driver },
        scope: { targets: [{ driver, target, groups: [group] }] },
        attributes: (m) => findTarget(m, driver, target)?.groups[group]?.attributes,
        require: (live) => void requireGroup(requireTarget(live, driver, target), driver, group),
        owner: { kind: 'group', driver, target, group },
      };
    }
    case 'lun': {
      const { driver, target, group, lun } = object;
      checkTargetNames(driver, target);
      const words = `LUN ${lun} of ${targetWords(driver, target, group)}`;
      if (group !== undefined) checkName('group', group, words);
      checkLunNumber(lun, words);
      const find = (m: ScstConfig) => {
        const t = findTarget(m, driver, target);
        return t && lunSet(t, group)?.[String(lun)];
      };
      return {
        words,
        table: { kind: 'lun', owner: driver },
        scope: { targets: [group === undefined ? { driver, target, luns: [lun] } : { driver, target, groups: [group], groupLuns: [lun] }] },
        attributes: (m) => find(m)?.attributes,
        require: (live) => {
          const t = requireTarget(live, driver, target);
          if (group !== undefined) requireGroup(t, driver, group);
          if (!find(live)) throw badInput(lunMessages.noLun, { object: words, hint: lunMessages.noLunHint, code: 'NO_SUCH_OBJECT' });
        },
      };
    }
    case 'deviceGroup': {
      const words = `device group ${object.deviceGroup}`;
      checkName('deviceGroup', object.deviceGroup, words);
      return {
        words,
        table: { kind: 'deviceGroup' },
        scope: { deviceGroups: [object.deviceGroup] },
        attributes: (m) => m.deviceGroups[object.deviceGroup]?.attributes,
        require: (live) => {
          if (!live.deviceGroups[object.deviceGroup]) throw badInput(aluaMessages.noDeviceGroup, { object: words, hint: aluaMessages.noDeviceGroupHint, code: 'NO_SUCH_OBJECT' });
        },
        owner: { kind: 'dgroup', dgroup: object.deviceGroup },
      };
    }
  }
}

/** Written however often it is asked, never compared: its read form is not its write form. */
const ALWAYS_WRITTEN = new Set(['trace_level']);

/** Each name and value against the attribute table: the names that are configuration, and the runtime controls. */
function checkAttributes(d: ObjectDescription, attributes: Record<string, string>): { configuration: Record<string, string>; controls: Record<string, string> } {
  const configuration: Record<string, string> = {};
  const controls: Record<string, string> = {};
  const { kind, owner } = d.table;
  for (const [name, value] of Object.entries(attributes)) {
    checkName('attribute', name, d.words);
    checkValue(kind, owner, name, value, d.words);
    const spec = attributeSpec(kind, owner, name);
    if (!spec && isKnownOwner(kind, owner)) throw badInput(msg.unknown(name, d.words), { object: d.words, hint: msg.unknownHint, code: 'UNKNOWN_ATTRIBUTE' });
    if (spec?.dynamic) throw badInput(msg.dynamic(name), { object: d.words, code: 'DYNAMIC_ATTRIBUTE' });
    if (spec && !spec.writable) {
      if (spec.create) throw badInput(msg.creationOnly(name, d.words), { object: d.words, hint: kind === 'lun' ? msg.creationOnlyLunHint : undefined, code: 'CREATION_ONLY' });
      throw badInput(msg.readOnly(name), { object: d.words, code: 'READ_ONLY_ATTRIBUTE' });
    }
    if (spec?.key === 'never' || ALWAYS_WRITTEN.has(name)) controls[name] = value;
    else configuration[name] = value;
  }
  return { configuration, controls };
}

export function setAttributes(object: AttributeObject, attributes: Record<string, string>): Change {
  const d = describe(object);
  const { configuration, controls } = checkAttributes(d, attributes);
  return {
    command: `set ${d.words}`,
    scope: d.scope,
    async prepare(live, context): Promise<Prepared> {
      d.require(live);
      const triggers = d.owner ? await controlWrites(context.sysfs, d.owner, controls) : [];
      return {
        kind: 'set',
        object: d.words,
        details: { object: d.words, attributes },
        apply: (model) => {
          const values = d.attributes(model);
          if (!values) return false;
          let changed = false;
          for (const [name, value] of Object.entries(configuration)) {
            const current = values[name]?.at(-1);
            if (current !== undefined && sameValue(name, current, value)) continue;
            values[name] = [value];
            changed = true;
          }
          return changed;
        },
        triggers,
      };
    },
  };
}

/** Runtime controls: written when they differ from what SCST shows now (trace_level: always); undone to that value. */
async function controlWrites(sysfs: Sysfs, owner: AttributeOwner, controls: Record<string, string>): Promise<Op[]> {
  const ops: Op[] = [];
  for (const [name, value] of Object.entries(controls)) {
    const probe = setAttribute(owner, name, value, undefined);
    if (ALWAYS_WRITTEN.has(name)) {
      ops.push({ ...probe, irreversible: true });
      continue;
    }
    let current: string;
    try {
      current = parseAttributeText(await sysfs.read(probe.path)).value;
    } catch (error) {
      if (isSysfsError(error, 'ENOENT')) throw badInput(msg.lacks(name), { object: probe.object, code: 'UNKNOWN_ATTRIBUTE' });
      throw error;
    }
    if (!sameValue(name, current, value)) ops.push(setAttribute(owner, name, value, current));
  }
  return ops;
}
