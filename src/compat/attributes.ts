/**
 * An object's attributes the way Perl scstadmin sees them (its SCST.pm library): every file of
 * the object's directory, its first line as the value, `[key]` on the second line making it a
 * key attribute (a trailing number becoming the key's index: `IncomingUser1`), "static" when the
 * owner may not write it, write-only files listed without a value. A few kinds carry exceptions
 * (links shown by their target's name, files scstadmin treats as writable whatever their mode).
 * Only the one directory asked for is read: listing one object costs the same on any host.
 */
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { isSysfsError, type DirEntry, type Sysfs } from '../sysfs/types.js';

export interface PerlAttribute {
  /** Undefined for a write-only file. */
  value?: string;
  /** Key attributes: index → value. */
  keys?: Map<string, string>;
  /** Not writable by its owner (undefined counts as writable). */
  static?: boolean;
  /** trace_level: the levels it accepts. */
  set?: string[];
  /** A list rather than a value (a handler's devices): counted, never shown as a row. */
  structured?: boolean;
}

export type PerlAttributes = Map<string, PerlAttribute>;

export type AttributeKind =
  | 'scst' | 'handler' | 'device' | 'driver' | 'target' | 'group' | 'lun' | 'initiator'
  | 'deviceGroup' | 'targetGroup' | 'targetGroupTarget';

interface KindRules {
  /** Entries that are not attributes besides `mgmt`. */
  skip?: readonly string[];
  /** Files scstadmin calls writable whatever their mode. */
  writable?: readonly string[];
  /** Links shown as an attribute whose value is the name the link points at. */
  links?: readonly string[];
  /** Sub-directories and links are attributes with an empty value (the handler's device links). */
  entriesAsValues?: boolean;
  /** `type` reads `N - text` and becomes `type` and `type_string`. */
  splitType?: boolean;
}

const RULES: Record<AttributeKind, KindRules> = {
  scst: {},
  handler: { skip: ['uevent', 'module'], entriesAsValues: true, splitType: true },
  device: { skip: ['uevent'], writable: ['cpu_mask', 'filename', 'threads_num', 'threads_pool_type'], links: ['handler', 'scsi_device'], splitType: true },
  driver: {},
  target: { skip: ['uevent'], writable: ['enabled', 'cpu_mask'], links: ['host'] },
  group: { writable: ['cpu_mask'] },
  lun: { links: ['device'] },
  initiator: {},
  deviceGroup: {},
  targetGroup: {},
  targetGroupTarget: {},
};

/** The attributes of the directory at `path`, or undefined when there is no such directory. */
export async function readPerlAttributes(sysfs: Sysfs, path: string, kind: AttributeKind): Promise<PerlAttributes | undefined> {
  let entries: DirEntry[];
  try {
    entries = await sysfs.list(path);
  } catch (error) {
    if (isSysfsError(error, 'ENOENT') || isSysfsError(error, 'ENOTDIR')) return undefined;
    throw error;
  }
  const rules = RULES[kind];
  const attributes: PerlAttributes = new Map();
  const at = (name: string) => (path === '' ? name : `${path}/${name}`);
  for (const entry of entries) {
    if (entry.name === 'mgmt' || rules.skip?.includes(entry.name)) continue;
    if (rules.links?.includes(entry.name) && entry.type === 'link') {
      attributes.set(entry.name, { value: (entry.target ?? (await sysfs.readlink(at(entry.name)))).replace(/.*\//, ''), static: true });
      continue;
    }
    if (kind === 'device' && entry.name === 'exported') {
      // With exports it is a structure scstadmin never prints; without, a value-less attribute.
      const exported = (await sysfs.list(at(entry.name))).filter((e) => !(e.target ?? '').includes('targets/copy_manager/'));
      attributes.set(entry.name, exported.length > 0 ? { static: true, structured: true } : {});
      continue;
    }
    if (entry.type !== 'file') {
      if (rules.entriesAsValues) attributes.set(entry.name, { value: '', static: false });
      continue;
    }
    const staticFile = !isOwnerWritableMode(entry.mode) && !rules.writable?.includes(entry.name);
    if (!isReadableMode(entry.mode)) {
      attributes.set(entry.name, { static: false });
      continue;
    }
    const text = await sysfs.read(at(entry.name));
    if (entry.name === 'trace_level') {
      attributes.set(entry.name, { value: parseAttributeText(text).value, set: traceLevels(text), static: staticFile });
      continue;
    }
    addValue(attributes, entry.name, text, staticFile, rules.splitType === true);
  }
  if (kind === 'handler') attributes.set('devices', { static: true, structured: true });
  return attributes;
}

function addValue(attributes: PerlAttributes, fileName: string, text: string, staticFile: boolean, splitType: boolean): void {
  const { value, key } = parseAttributeText(text);
  if (splitType && fileName === 'type') {
    const dash = value.indexOf(' - ');
    attributes.set('type', { value: dash < 0 ? value : value.slice(0, dash), static: staticFile });
    attributes.set('type_string', { ...(dash < 0 ? {} : { value: value.slice(dash + 3) }), static: true });
    return;
  }
  if (!key) {
    attributes.set(fileName, { value, static: staticFile });
    return;
  }
  const numbered = /^(\D+)(\d+)$/.exec(fileName);
  const name = numbered ? numbered[1]! : fileName;
  const index = numbered ? numbered[2]! : '0';
  const attribute = attributes.get(name) ?? {};
  attribute.keys ??= new Map();
  attribute.keys.set(index, value);
  attribute.static = staticFile;
  attributes.set(name, attribute);
}

/** The levels trace_level accepts: the bracketed list after its usage lines. */
function traceLevels(text: string): string[] {
  const lines = text.split('\n').slice(1);
  const start = lines.findIndex((line) => !line.includes('['));
  const joined = start < 0 ? '' : lines.slice(start).join('');
  const match = /\[(.*)\]/.exec(joined);
  return match ? match[1]!.split(',').map((t) => t.trim()) : [];
}

/** scstadmin reads the owner bits; a mode the tree does not report counts as allowed. */
function isReadableMode(mode: number | undefined): boolean {
  return mode === undefined || (mode & 0o400) !== 0;
}

function isOwnerWritableMode(mode: number | undefined): boolean {
  return mode === undefined || (mode & 0o200) !== 0;
}
