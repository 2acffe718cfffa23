/**
 * -write_config -nonkey: besides the key attributes of the model, each object's other
 * attributes, as scstadmin's library reads them (attributes.ts) and its writer picks them: values
 * the owner may write, and static ones only where they are creation parameters (a device's
 * blocksize, a LUN's read_only); never key values, trace_level, enabled or hw_target. Every
 * object of the host is read once; this is the whole-host dump it asks for.
 *
 * Left out on purpose: a handler's device links and its `devices` list, which scstadmin writes
 * as `disk0 ` and `devices ARRAY(0x…)` lines that no parser reads back.
 */
import type { AttrValues, ScstConfig } from '../model/types.js';
import type { NonKeyValues } from '../conf/serializer.js';
import { dirNameOf } from '../sysfs/names.js';
import type { Sysfs } from '../sysfs/types.js';
import { readPerlAttributes, type AttributeKind, type PerlAttributes } from './attributes.js';

const NEVER_WRITTEN = new Set(['dif_checks_failed', 'enabled', 'hw_target']);

/** scstadmin's choice of the non-key attributes to write. */
function nonKeyValues(attributes: PerlAttributes, creation: ReadonlySet<string>, skip: ReadonlySet<string>): AttrValues {
  const values: AttrValues = {};
  for (const [name, a] of attributes) {
    if (a.set || a.keys || a.structured || a.value === undefined || NEVER_WRITTEN.has(name) || skip.has(name)) continue;
    if (a.static && !creation.has(name)) continue;
    values[name] = [a.value];
  }
  return values;
}

/** The non-key attributes of every object of the live model, by directory. */
export async function readNonKey(sysfs: Sysfs, live: ScstConfig): Promise<NonKeyValues> {
  const objects: Array<{ path: string; kind: AttributeKind; creation?: readonly string[]; skip?: readonly string[] }> = [{ path: '', kind: 'scst' }];
  for (const handler of Object.values(live.handlers)) {
    objects.push({ path: `handlers/${handler.name}`, kind: 'handler', skip: Object.keys(handler.devices) });
    for (const device of Object.keys(handler.devices)) objects.push({ path: `devices/${device}`, kind: 'device', creation: handler.createParams ?? [] });
  }
  for (const driver of Object.values(live.drivers)) {
    objects.push({ path: `targets/${driver.name}`, kind: 'driver' });
    for (const target of Object.values(driver.targets)) {
      const path = `targets/${driver.name}/${dirNameOf(target.name)}`;
      objects.push({ path, kind: 'target', creation: driver.createParams ?? [] });
      for (const lun of Object.keys(target.luns)) objects.push({ path: `${path}/luns/${lun}`, kind: 'lun', creation: ['read_only'] });
      for (const group of Object.values(target.groups)) {
        objects.push({ path: `${path}/ini_groups/${group.name}`, kind: 'group' });
        for (const lun of Object.keys(group.luns)) objects.push({ path: `${path}/ini_groups/${group.name}/luns/${lun}`, kind: 'lun', creation: ['read_only'] });
      }
    }
  }
  if (Object.keys(live.deviceGroups).length > 0 || Object.keys(live.alua).length > 0) objects.push({ path: 'device_groups', kind: 'deviceGroup' });
  for (const dg of Object.values(live.deviceGroups)) {
    objects.push({ path: `device_groups/${dg.name}`, kind: 'deviceGroup' });
    for (const tg of Object.values(dg.targetGroups)) {
      const path = `device_groups/${dg.name}/target_groups/${tg.name}`;
      objects.push({ path, kind: 'targetGroup' });
      for (const member of Object.values(tg.targets)) if (member.remote) objects.push({ path: `${path}/${member.name}`, kind: 'targetGroupTarget' });
    }
  }
  const found = new Map<string, AttrValues>();
  await Promise.all(objects.map(async (o) => {
    const attributes = await readPerlAttributes(sysfs, o.path, o.kind);
    if (attributes) found.set(o.path, nonKeyValues(attributes, new Set(o.creation), new Set(o.skip)));
  }));
  return (path) => found.get(path);
}
