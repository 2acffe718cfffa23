/**
 * Several single-object changes as one: one scope read, one plan, one executor run (one lock,
 * one journal, one rollback), one save. The wizard builds a device, a target, its LUN, its
 * access and CHAP users this way, so that a failure half-way leaves nothing behind.
 *
 * Each change is prepared against the live model with the changes before it already made, so
 * add-lun finds the device and the target the same batch creates. `newFiles` names backing
 * files the caller creates just before the run (a new sparse file): a dry run plans them as if
 * they were there.
 */
import type { ScstConfig } from '../model/types.js';
import type { Change, EditScope, Prepared, PrepareContext } from './change.js';
import { cloneModel, mergeConfig } from './model.js';
import { readScope } from './read-scope.js';

export interface BatchOptions {
  /** Paths the caller will create as regular files before the run. */
  newFiles?: string[];
}

export function batch(command: string, changes: Change[], options: BatchOptions = {}): Change {
  const newFiles = new Set(options.newFiles ?? []);
  return {
    command,
    scope: joinScopes(changes.map((c) => c.scope)),
    async prepare(live, context): Promise<Prepared> {
      const statPath: PrepareContext['statPath'] = (path) => (newFiles.has(path) && context.statPath(path) === 'missing' ? 'file' : context.statPath(path));
      const prepared: Prepared[] = [];
      for (const change of changes) {
        const working = cloneModel(live);
        for (const done of prepared) done.apply(working);
        const read = async (scope: EditScope): Promise<void> => {
          const part = await readScope(context.sysfs, scope);
          mergeConfig(live, cloneModel(part));
          mergeConfig(working, part);
        };
        prepared.push(await change.prepare(working, { ...context, read, statPath }));
      }
      return {
        kind: 'add',
        object: prepared.map((p) => p.object).join(', '),
        details: { changes: prepared.map((p) => ({ kind: p.kind, object: p.object, ...p.details })) },
        apply: (model: ScstConfig) => prepared.map((p) => p.apply(model)).some(Boolean),
        triggers: prepared.flatMap((p) => p.triggers ?? []),
      };
    },
  };
}

/** The union of what the changes read. */
function joinScopes(scopes: EditScope[]): EditScope {
  const joined: EditScope = {};
  for (const scope of scopes) {
    if (scope.devices) joined.devices = [...new Set([...(joined.devices ?? []), ...scope.devices])];
    if (scope.handlers) joined.handlers = [...new Set([...(joined.handlers ?? []), ...scope.handlers])];
    if (scope.drivers) joined.drivers = [...new Set([...(joined.drivers ?? []), ...scope.drivers])];
    if (scope.deviceGroups) joined.deviceGroups = [...new Set([...(joined.deviceGroups ?? []), ...scope.deviceGroups])];
    if (scope.targets) joined.targets = [...(joined.targets ?? []), ...scope.targets];
  }
  return joined;
}
