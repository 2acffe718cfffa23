/**
 * add-device's attribute flags, generated from the model's attribute table (one flag per
 * attribute a vdisk device can be created with or keeps as configuration), so a new attribute
 * in the table is a new flag without touching the command. Flag names are the attribute names
 * in kebab case (`o_direct` → `--o-direct`); flags of attributes that default to 1 also take
 * `--no-…` (`--no-rotational`). `--size` takes units; `--attr NAME=VALUE` reaches any other.
 */
import * as Flags from '@oclif/core/flags';
import { attributeSpecs, knownHandlers, isPassthroughHandler, type AttributeSpec } from '../model/attributes.js';
import { parseAssignments, parseSize } from './assignments.js';

/** Shorter names admins type for two attributes (the table's name works too). */
const ALIASES: Record<string, string[]> = { filename: ['file'], thin_provisioned: ['thin'] };
/** Given through --size, with units. */
const SIZE_ATTRIBUTES = new Set(['size', 'size_mb']);

const flagName = (attribute: string) => attribute.replaceAll('_', '-');

function isConfiguration(spec: AttributeSpec): boolean {
  return spec.create || (spec.writable && spec.key !== undefined && spec.key !== 'never');
}

/** Attribute → the handlers that have it as configuration, over every vdisk handler. */
function configurableAttributes(): Map<string, { spec: AttributeSpec; handlers: string[] }> {
  const found = new Map<string, { spec: AttributeSpec; handlers: string[] }>();
  for (const handler of knownHandlers().filter((h) => !isPassthroughHandler(h))) {
    for (const spec of attributeSpecs('device', handler)) {
      if (!isConfiguration(spec) || SIZE_ATTRIBUTES.has(spec.name)) continue;
      const entry = found.get(spec.name) ?? { spec, handlers: [] };
      entry.handlers.push(handler);
      found.set(spec.name, entry);
    }
  }
  return found;
}

const ATTRIBUTES = configurableAttributes();

function describe(spec: AttributeSpec, handlers: string[]): string {
  const where = handlers.length === 4 ? 'vdisk' : handlers.join(', ');
  const extra = spec.note ? `; ${spec.note}` : spec.default !== undefined ? `; default ${spec.default === '' ? '""' : spec.default}` : '';
  return `${spec.name} (${where}${extra})`;
}

function attributeFlag(spec: AttributeSpec, handlers: string[]) {
  const common = { description: describe(spec, handlers), helpGroup: 'DEVICE ATTRIBUTES', aliases: ALIASES[spec.name] };
  return spec.type.kind === 'flag'
    ? Flags.boolean({ ...common, allowNo: spec.default === '1' })
    : Flags.string({ ...common, helpValue: spec.type.kind === 'path' ? 'PATH' : 'VALUE' });
}

export const deviceAttributeFlags = {
  ...Object.fromEntries([...ATTRIBUTES].map(([name, { spec, handlers }]) => [flagName(name), attributeFlag(spec, handlers)])),
  size: Flags.string({ description: 'size (vdisk_nullio): bytes, or with K, M, G, T (powers of 1024)', helpValue: 'SIZE', helpGroup: 'DEVICE ATTRIBUTES' }),
  attr: Flags.string({ description: 'any other attribute (repeatable)', helpValue: 'NAME=VALUE', multiple: true, helpGroup: 'DEVICE ATTRIBUTES' }),
};

/** The attributes the flags give, by SCST name. */
export function deviceAttributesOf(flags: Record<string, unknown>, device: string): Record<string, string> {
  const object = `device ${device}`;
  const values: Record<string, string> = {};
  for (const name of ATTRIBUTES.keys()) {
    const value = flags[flagName(name)];
    if (typeof value === 'boolean') values[name] = value ? '1' : '0';
    else if (typeof value === 'string') values[name] = value;
  }
  if (typeof flags.size === 'string') values.size = parseSize(flags.size, object);
  return { ...values, ...parseAssignments((flags.attr as string[] | undefined) ?? [], object) };
}
