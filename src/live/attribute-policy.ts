/**
 * Which files of an object directory are attributes worth reading, and what a read means for
 * the model (spec scst-conf §4.3–4.4, §5.1). The live reader reads a file only when its value
 * could end up in the model: a file that can never carry `[key]` is not read, a write-only file
 * is never opened, and a static (not owner-writable) file is read only when it is a creation
 * parameter, because only then may scstadmin save it.
 */
import type { DirEntry } from '../sysfs/types.js';
import { isOwnerWritable, isReadable } from '../sysfs/attribute-text.js';

/** Entries that are never attributes. */
const NOT_ATTRIBUTES = new Set(['mgmt', 'uevent', 'trace_level']);

/**
 * Writable files that never carry `[key]` (spec scst-sysfs §1.1, §2.3, §2.5, §6.2): reading
 * them cannot change the model, so they are skipped. `enabled` and `hw_target` are read
 * separately, as they are saved without `[key]`.
 */
const NEVER_KEY = new Set([
  'enabled', 'hw_target',
  'suspend', 'measure_latency', 'async_lun_replace',
  'black_hole', 'block', 'pr_state', 'dif_checks_failed', 'isns_entity_name', 'size_mb',
]);

/** Files scstadmin treats as writable whatever their mode (SCST.pm, spec scst-conf §4.4). */
const ALWAYS_WRITABLE: Record<'device' | 'target' | 'group', ReadonlySet<string>> = {
  device: new Set(['filename', 'cpu_mask', 'threads_num', 'threads_pool_type']),
  target: new Set(['enabled', 'cpu_mask']),
  group: new Set(['cpu_mask']),
};

export type AttributeOwner = 'root' | 'handler' | 'device' | 'driver' | 'target' | 'group' | 'lun' | 'alua' | 'deviceGroup' | 'targetGroup' | 'tgMember';

export interface AttributePolicy {
  owner: AttributeOwner;
  /** Creation parameters of this object (from the mgmt help, or fixed for LUNs). */
  createParams?: readonly string[];
  /** Files read for live facts although they are not saved (device `size`). */
  alsoRead?: readonly string[];
}

export interface FileToRead {
  entry: DirEntry;
  /** Whether a `[key]` value of this file belongs in the model (else it is read for live facts). */
  saved: boolean;
}

/** The files whose contents the model needs, in listing order. */
export function filesToRead(entries: readonly DirEntry[], policy: AttributePolicy): FileToRead[] {
  const create = new Set(policy.createParams ?? []);
  const also = new Set(policy.alsoRead ?? []);
  const writableAnyway = ALWAYS_WRITABLE[policy.owner as keyof typeof ALWAYS_WRITABLE] ?? new Set<string>();
  const files: FileToRead[] = [];
  for (const entry of entries) {
    if (entry.type !== 'file' || !isReadable(entry.mode)) continue;
    const candidate = !NOT_ATTRIBUTES.has(entry.name) && !NEVER_KEY.has(entry.name);
    const writable = isOwnerWritable(entry.mode) || writableAnyway.has(entry.name);
    const saved = candidate && (writable || create.has(baseName(entry.name)));
    if (saved || also.has(entry.name)) files.push({ entry, saved });
  }
  return files;
}

/**
 * A key attribute whose name ends in digits is one more value of the attribute named without
 * them (`IncomingUser1` → `IncomingUser`); SCST.pm folds only `[key]` names, and so do we.
 */
export function savedName(fileName: string, key: boolean): string {
  return key ? baseName(fileName) : fileName;
}

function baseName(name: string): string {
  const match = /^(\D+)\d+$/.exec(name);
  return match ? match[1]! : name;
}
