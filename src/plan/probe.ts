/**
 * Planning against a real tree: plan once, read the attribute files whose values the live
 * model did not carry (one read each; absent files become "no such attribute"), plan again with
 * those facts. Reads stay linear in what the file mentions.
 */
import type { ScstConfig } from '../model/types.js';
import { readSettled } from '../sysfs/mgmt-write.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';
import type { AttributeFact, Facts, PlanOptions } from './context.js';
import { planChanges, type Plan } from './planner.js';

export async function planWithFacts(sysfs: Sysfs, desired: ScstConfig, live: ScstConfig, options: PlanOptions = {}): Promise<Plan> {
  const facts: Facts = new Map();
  let plan = planChanges(desired, live, options, facts);
  // A second round can only ask about objects the first one did not reach; two rounds suffice.
  for (let round = 0; round < 2 && plan.requests.length > 0; round++) {
    for (const request of plan.requests) facts.set(request.path, await readFact(sysfs, request.path));
    plan = planChanges(desired, live, options, facts);
  }
  return plan;
}

async function readFact(sysfs: Sysfs, path: string): Promise<AttributeFact | null> {
  try {
    const text = await readSettled(sysfs, path);
    const lines = text.split('\n');
    return { value: lines[0] ?? '', key: (lines[1] ?? '').includes('[key]') };
  } catch (error) {
    if (isSysfsError(error, 'ENOENT')) return null;
    // Write-only or unreadable: the value is unknown; the plan writes the file's value.
    if (isSysfsError(error)) return { value: undefined, key: false };
    throw error;
  }
}
