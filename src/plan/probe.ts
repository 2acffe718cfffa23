/**
 * Planning against a real tree. The host is read with only the device attributes the file
 * names (a device's other attributes are never written by a plan: the planner does not reset
 * what the file leaves out), plus creation parameters and size. Then: plan once, read the
 * attribute files whose values the live model did not carry (one read each; absent files become
 * "no such attribute"), plan again with those facts. Reads stay linear in what the file mentions.
 * A device the plan re-creates is read in full after all: its undo must re-open it as it was.
 */
import { readLive } from '../live/index.js';
import type { ScstConfig } from '../model/types.js';
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { readSettled } from '../sysfs/mgmt-write.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';
import type { AttributeFact, Facts, PlanOptions } from './context.js';
import { planChanges, type Plan } from './planner.js';

export async function planAgainstHost(sysfs: Sysfs, desired: ScstConfig, options: PlanOptions = {}): Promise<Plan> {
  const named = attributesNamedPerDevice(desired);
  const live = await readLive(sysfs, { deviceAttributes: (device) => named.get(device) });
  return planWithFacts(sysfs, desired, live, options, new Set(named.keys()));
}

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

/** Per device of the file: the attribute names it gives. */
function attributesNamedPerDevice(desired: ScstConfig): Map<string, ReadonlySet<string>> {
  const named = new Map<string, ReadonlySet<string>>();
  for (const handler of Object.values(desired.handlers)) {
    for (const device of Object.values(handler.devices)) named.set(device.name, new Set(Object.keys(device.attributes)));
  }
  return named;
}

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
