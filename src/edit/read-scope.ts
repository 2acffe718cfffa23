/**
 * Reading the part of the live tree a change names (change.ts EditScope) through the scoped
 * live reader, and merging the parts into one model. Unknown handlers and drivers are the
 * admin's mistake (exit 2); devices, targets, groups and LUNs that do not exist are simply absent
 * from the model, for the change to decide (adding it, or "not there — nothing to do").
 */
import { badInput, UserError } from '../errors.js';
import { readLive, type ReadLiveOptions } from '../live/index.js';
import { emptyConfig, type ScstConfig } from '../model/types.js';
import type { Sysfs } from '../sysfs/types.js';
import type { EditScope } from './change.js';
import { mergeConfig } from './model.js';
import { editMessages as msg } from './messages.js';

export async function readScope(sysfs: Sysfs, scope: EditScope): Promise<ScstConfig> {
  const reads: Array<Promise<ScstConfig | undefined>> = [];
  for (const device of unique(scope.devices)) reads.push(readPart(sysfs, { scope: `devices/${device}` }, 'absent'));
  for (const handler of unique(scope.handlers)) reads.push(readPart(sysfs, { scope: `handlers/${handler}`, parts: { devices: [] } }, { object: `handler ${handler}`, message: msg.noHandler }));
  for (const driver of unique(scope.drivers)) reads.push(readPart(sysfs, { scope: `targets/${driver}`, parts: { targets: [] } }, { object: `driver ${driver}`, message: msg.noDriver }));
  for (const t of scope.targets ?? []) {
    const named = <T>(list: T[] | 'all' | undefined) => (list === 'all' ? undefined : (list ?? []));
    const parts = { targets: [t.target], luns: named(t.luns), groupLuns: named(t.groupLuns), groups: named(t.groups), sessions: t.sessions ?? false };
    reads.push(readPart(sysfs, { scope: `targets/${t.driver}`, parts }, { object: `driver ${t.driver}`, message: msg.noDriver }));
  }
  for (const dg of unique(scope.deviceGroups)) reads.push(readPart(sysfs, { scope: `device_groups/${dg}` }, 'absent'));
  const model = emptyConfig();
  for (const part of await Promise.all(reads)) if (part) mergeConfig(model, part);
  return model;
}

/** One scoped read; a missing scope object is either absent (undefined) or bad input. */
async function readPart(sysfs: Sysfs, options: ReadLiveOptions, missing: 'absent' | { object: string; message: string }): Promise<ScstConfig | undefined> {
  try {
    return await readLive(sysfs, options);
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'NO_SUCH_OBJECT') throw error;
    if (missing === 'absent') return undefined;
    throw badInput(missing.message, { object: missing.object, hint: msg.seeShow, code: 'NO_SUCH_OBJECT' });
  }
}

function unique(names: readonly string[] | undefined): string[] {
  return [...new Set(names ?? [])];
}
