/**
 * Writes SCST finishes in the background (EAGAIN, spec scst-sysfs §4): the executor settles them
 * through last_sysfs_mgmt_res, reports a background failure with its real errno, and rolls back.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { executePlan } from '../../src/plan/index.js';
import { EXAMPLE_11_2, exampleHost, planFile, treeDump } from './fixtures.js';

const instant = { sleep: async () => {}, pollIntervalMs: 1 };

describe('EAGAIN from the kernel', () => {
  it('every write answered with EAGAIN still applies the plan', async () => {
    const host = exampleHost();
    const plan = await planFile(host, EXAMPLE_11_2);
    host.setDebugSysfsEagain(true);
    await executePlan(host, plan.ops, { wait: instant });
    host.setDebugSysfsEagain(false);
    expect((await planFile(host, EXAMPLE_11_2)).ops).toEqual([]);
  });

  it('a command that fails in the background is reported with its errno and rolled back', async () => {
    const host = exampleHost();
    const before = await treeDump(host);
    const plan = await planFile(host, EXAMPLE_11_2.replace('LUN 0 vol1\n\n\t\tGROUP', 'LUN 0 nosuchdevice\n\n\t\tGROUP').replace('HANDLER vdisk_blockio', 'HANDLER vdisk_nullio {\n\tDEVICE nosuchdevice\n}\nHANDLER vdisk_blockio'));
    // Make the LUN add fail in the kernel: its device is gone by the time it runs.
    const index = plan.ops.findIndex((o) => o.data === 'add nosuchdevice 0');
    const ops = plan.ops.filter((o) => o.object !== 'device nosuchdevice');
    expect(ops).toHaveLength(plan.ops.length - 1);
    host.setDebugSysfsEagain(true);
    const error = await executePlan(host, ops, { wait: instant }).catch((e: unknown) => e);
    host.setDebugSysfsEagain(false);
    expect(index).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).details).toMatchObject({ errno: 'EINVAL', rollbackFailures: [] });
    expect(await treeDump(host)).toEqual(before);
  });
});
