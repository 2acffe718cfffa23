/**
 * The tree a setup's plan is previewed on when SCST is not (fully) up on a real host: the
 * kernel as it will be once the missing modules are loaded, with what the host has already.
 */
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { readLive } from '../../src/live/index.js';
import type { Sysfs } from '../../src/sysfs/types.js';
import type { Host } from '../../src/system/host.js';
import { hostPlanLines, hostSteps, projectedTree } from '../../src/setup/host-plan.js';
import type { HostSurvey } from '../../src/setup/host-survey.js';

/** A host that is not an emulated one: its tree is read through kernel.inspect only. */
const realHost = (tree: Sysfs) => ({ kernel: { description: 'a real host', inspect: <T>(fn: (s: Sysfs) => Promise<T>) => fn(tree), withSysfs: () => Promise.reject(new Error('no writes')) } }) as unknown as Host;
const survey = (scstLoaded: boolean, missingModules: string[]) => ({ scstLoaded, missingModules, daemonRunning: false }) as HostSurvey;

describe('projectedTree on a real host', () => {
  it('SCST loaded without iscsi_scst: what the host has, and the iSCSI driver once loaded', async () => {
    const host = new Emulator({ modules: ['scst', 'scst_vdisk'] });
    await host.write('handlers/vdisk_nullio/mgmt', 'add_device old0 size_mb=16\n');
    const projection = await projectedTree(realHost(host), survey(true, ['iscsi_scst']), hostSteps(survey(true, ['iscsi_scst'])));
    const live = await readLive(projection);
    expect(Object.keys(live.handlers.vdisk_nullio?.devices ?? {})).toEqual(['old0']);
    expect(live.drivers.iscsi).toBeDefined();
    expect(await host.exists('targets/iscsi')).toBe(false);
  });

  it('SCST not loaded: a freshly loaded, empty SCST', async () => {
    const steps = hostSteps(survey(false, ['scst', 'scst_vdisk', 'iscsi_scst']));
    expect(hostPlanLines(steps)).toEqual(['+ modules: load scst, scst_vdisk, iscsi_scst', '+ iscsi-scstd: start']);
    const live = await readLive(await projectedTree(realHost(new Emulator({ modules: [] })), survey(false, steps.modules), steps));
    expect(live.drivers.iscsi).toBeDefined();
    expect(Object.values(live.handlers).flatMap((h) => Object.keys(h.devices))).toEqual([]);
  });
});
