/**
 * Planning against a real tree. What is read depends on what the plan may act on:
 * - `apply` without --prune changes only what the file names, so the host is read with only the
 *   attributes the file names (plus each target's `rel_tgt_id`, which a renumbering checks
 *   against): one listing per object directory, no LUN directory of its own (the devices'
 *   `exported` links say which device each LUN maps), no attribute of an object the file omits.
 * - With --prune, and for `plan`/`diff` (`drift`), every attribute that can carry a non-default
 *   value is read, so values the file does not mention show as drift and can be reset.
 * Then: plan once, read the attribute files whose values the live model did not carry (one read
 * each; absent files become "no such attribute"), plan again with those facts. A device the plan
 * re-creates is read in full after all: its undo must re-open it as it was.
 */
import { readLive } from '../live/index.js';
import type { AttrValues, ScstConfig, Target } from '../model/types.js';
import { dirNameOf } from '../sysfs/names.js';
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { readSettled } from '../sysfs/mgmt-write.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';
import type { AttributeFact, Facts, PlanOptions } from './context.js';
import { planChanges, type Plan } from './planner.js';

export async function planAgainstHost(sysfs: Sysfs, desired: ScstConfig, options: PlanOptions = {}): Promise<Plan> {
  if (options.prune || options.drift) return planWithFacts(sysfs, desired, await readLive(sysfs), options);
  const live = await readLive(sysfs, { attributes: namedAttributes(desired) });
  live.live = { ...live.live, partial: true };
  const devices = Object.values(desired.handlers).flatMap((h) => Object.keys(h.devices));
  return planWithFacts(sysfs, desired, live, options, new Set(devices));
}

const NONE: ReadonlySet<string> = new Set();

/**
 * `partlyRead`: devices whose live model holds only some attributes; any of them that the plan
 * re-creates is read in full and the plan made again.
 */
export async function planWithFacts(sysfs: Sysfs, desired: ScstConfig, live: ScstConfig, options: PlanOptions = {}, partlyRead: ReadonlySet<string> = new Set()): Promise<Plan> {
  const facts: Facts = new Map();
  let plan = planChanges(desired, live, options, facts);
  // A second round can only ask about objects the first one did not reach; two rounds suffice.
  for (let round = 0; round < 2 && plan.requests.length > 0; round++) {
    for (const request of plan.requests) facts.set(request.path, await readFact(sysfs, request.path));
    plan = planChanges(desired, live, options, facts);
  }
  const recreated = plan.ops.filter((op) => op.kind === 'del_device').map((op) => op.object.slice('device '.length)).filter((d) => partlyRead.has(d));
  if (recreated.length === 0) return plan;
  for (const device of recreated) await readWholeDevice(sysfs, live, device);
  return planWithFacts(sysfs, desired, live, options);
}

/**
 * Per object directory of the file: the attribute names it gives. A device's size given either
 * way is compared through `size`; a target's `rel_tgt_id` is read for every target of a driver
 * the file names, as a renumbering must know the ids in use.
 */
function attributesNamedPerObject(desired: ScstConfig): Map<string, ReadonlySet<string>> {
  const named = new Map<string, ReadonlySet<string>>();
  const names = (attributes: AttrValues, ...more: string[]) => new Set([...Object.keys(attributes), ...more]);
  named.set('', names(desired.attributes));
  for (const handler of Object.values(desired.handlers)) {
    named.set(`handlers/${handler.name}`, names(handler.attributes));
    for (const device of Object.values(handler.devices)) {
      const size = 'size' in device.attributes || 'size_mb' in device.attributes ? ['size'] : [];
      named.set(`devices/${device.name}`, names(device.attributes, ...size));
    }
  }
  for (const [driverName, driver] of Object.entries(desired.drivers)) {
    const driverPath = `targets/${driverName}`;
    named.set(driverPath, names(driver.attributes));
    for (const target of Object.values(driver.targets)) {
      const targetPath = `${driverPath}/${dirNameOf(target.name)}`;
      named.set(targetPath, names(target.attributes, 'rel_tgt_id'));
      nameLunAttributes(named, `${targetPath}/luns`, target.luns);
      for (const group of Object.values(target.groups)) {
        const groupPath = `${targetPath}/ini_groups/${dirNameOf(group.name)}`;
        named.set(groupPath, names(group.attributes));
        nameLunAttributes(named, `${groupPath}/luns`, group.luns);
      }
    }
  }
  return named;
}

function nameLunAttributes(named: Map<string, ReadonlySet<string>>, setPath: string, luns: Target['luns']): void {
  for (const lun of Object.values(luns)) named.set(`${setPath}/${lun.lun}`, new Set(Object.keys(lun.attributes)));
}

/** What the reader reads of each object: what the file names; all of ALUA (it is small). */
function namedAttributes(desired: ScstConfig): (object: string) => ReadonlySet<string> | undefined {
  const named = attributesNamedPerObject(desired);
  return (object) => {
    const given = named.get(object);
    if (given) return given;
    if (object.startsWith('device_groups')) return undefined;
    const parts = object.split('/');
    return parts.length === 3 && parts[0] === 'targets' && parts[1]! in desired.drivers ? TARGET_ID : NONE;
  };
}

const TARGET_ID: ReadonlySet<string> = new Set(['rel_tgt_id']);

async function readWholeDevice(sysfs: Sysfs, live: ScstConfig, device: string): Promise<void> {
  const whole = await readLive(sysfs, { scope: `devices/${device}` });
  for (const [name, handler] of Object.entries(whole.handlers)) {
    const read = handler.devices[device];
    const target = live.handlers[name];
    if (read && target) target.devices[device] = read;
  }
}

async function readFact(sysfs: Sysfs, path: string): Promise<AttributeFact | null> {
  try {
    return parseAttributeText(await readSettled(sysfs, path));
  } catch (error) {
    if (isSysfsError(error, 'ENOENT')) return null;
    // Write-only or unreadable: the value is unknown; the plan writes the file's value.
    if (isSysfsError(error)) return { value: undefined, key: false };
    throw error;
  }
}
