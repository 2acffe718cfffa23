/**
 * `targets/` (spec §1.4–§1.7, §3.3): one directory per loaded target driver, its mgmt
 * (add_target/del_target in the core, other verbs to the driver), and the target directories.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import type { TargetDriverModel } from '../models.js';
import { Dir, lazyEntries, namedChildren, rwFile, sysfsName } from '../nodes.js';
import type { LunRef, TargetState } from '../state.js';
import { Lexer, chompOne } from '../tokenizer.js';
import { iniGroupsDir } from './ini-groups.js';
import { lunSetDir } from './lun-sets.js';
import { sessionDir } from './session-dir.js';
import { addTargetCoreFiles } from './target-attributes.js';
import { traceLevelFile } from './trace-level.js';

/** Path of a LUN directory from the SCST root (the form `exportN` links point at). */
export function lunPath(ref: LunRef): string {
  const base = `targets/${ref.driver}/${sysfsName(ref.target)}`;
  return ref.group === null ? `${base}/luns/${ref.lun}` : `${base}/ini_groups/${sysfsName(ref.group)}/luns/${ref.lun}`;
}

/** A target by its directory name (`/` shows as `!`). */
function targetByDirName(k: Kernel, driver: string, name: string): TargetState | undefined {
  const direct = k.target(driver, name);
  if (direct && sysfsName(direct.name) === name) return direct;
  const targets = k.state.drivers[driver]?.targets ?? {};
  return Object.values(targets).find((t) => sysfsName(t.name) === name);
}

function driverMgmt(k: Kernel, driver: TargetDriverModel, data: string): void {
  const lexer = new Lexer(chompOne(data));
  const verb = lexer.next();
  switch (verb.toLowerCase()) {
    case 'add_target': {
      const name = k.requireWord(lexer.next(), 'Target name required');
      if (!driver.addTarget) kfail('EINVAL');
      driver.addTarget(k, name, lexer.rest());
      return;
    }
    case 'del_target': {
      const name = k.requireWord(lexer.next(), 'Target name required');
      if (lexer.next() !== '') kfail('EINVAL');
      const target = k.target(driver.name, name);
      if (!target) {
        // The driver looks the target up, so the message carries the driver's prefix.
        k.log(`${driver.logPrefix ?? driver.name}: ***ERROR***: Target ${name} not found`);
        kfail('ENOENT');
      }
      driver.beforeDelTarget?.(k, target);
      k.removeTarget(driver.name, name);
      k.log(`scst: Target ${name} for template ${driver.name} unregistered successfully`);
      return;
    }
    default:
      if (driver.mgmt) {
        driver.mgmt(k, verb, lexer.rest(), data);
        return;
      }
      return k.unknownAction(verb);
  }
}

function sessionsDir(k: Kernel, driver: TargetDriverModel, target: TargetState): Dir {
  return new Dir().addDynamic(
    namedChildren(() => Object.values(target.sessions), (s) => s.name, (session) => sessionDir(k, driver, target, session)),
  );
}

/** Target directories are kept per target object; the driver's files are made on lookup. */
const targetDirs = new WeakMap<TargetState, { driver: TargetDriverModel; dir: Dir }>();

function targetDir(k: Kernel, driver: TargetDriverModel, target: TargetState): Dir {
  const cached = targetDirs.get(target);
  if (cached?.driver === driver) return cached.dir;
  const dir = addTargetCoreFiles(new Dir(), k, driver, target)
    .add('luns', () => lunSetDir(k, { driver: driver.name, target: target.name, group: null }))
    .add('ini_groups', () => iniGroupsDir(k, driver, target))
    .add('sessions', () => sessionsDir(k, driver, target));
  if (driver.targetFiles) dir.addDynamic(lazyEntries(() => driver.targetFiles!(k, target)));
  targetDirs.set(target, { driver, dir });
  return dir;
}

function driverDir(k: Kernel, driver: TargetDriverModel): Dir {
  const dir = new Dir();
  if (driver.mgmtUsage) {
    dir.add('mgmt', () => rwFile(() => driver.mgmtUsage!(k), (data) => k.work(() => driverMgmt(k, driver, data))));
  }
  if (driver.traceTokens) dir.add('trace_level', () => traceLevelFile(k, `driver:${driver.name}`, driver.traceTokens!));
  dir.addAll(driver.driverFiles?.(k) ?? {});
  if (driver.targetsVisible?.(k) ?? true) {
    dir.addDynamic({
      allDirs: true,
      names: () => Object.values(k.state.drivers[driver.name]?.targets ?? {}).map((t) => sysfsName(t.name)),
      child: (name) => {
        const target = targetByDirName(k, driver.name, name);
        return target ? targetDir(k, driver, target) : undefined;
      },
    });
  }
  return dir;
}

export function targetsDir(k: Kernel): Dir {
  const dir = new Dir();
  for (const driver of k.driverModels()) dir.add(driver.name, () => driverDir(k, driver));
  return dir;
}
