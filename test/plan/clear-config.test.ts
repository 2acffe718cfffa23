/**
 * clear-config as a plan: virtual targets deleted, hardware targets emptied and disabled, devices
 * closed, drivers disabled — and, like every plan, rolled back completely when a write fails.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { readLive } from '../../src/live/index.js';
import { clearConfig, clearConfigPlan } from '../../src/plan/index.js';
import { EXAMPLE_11_2, planFile, treeDump, writeAll } from './fixtures.js';

const WWN = '50:01:43:80:12:34:56:78';
const HW_FILE = `${EXAMPLE_11_2}
TARGET_DRIVER qla2x00t {
	TARGET ${WWN} {
		enabled 1
		LUN 0 vol1
		GROUP esx {
			LUN 0 vol1
			INITIATOR 21:00:00:24:ff:00:00:01
		}
	}
}
`;

async function populatedHost(): Promise<Emulator> {
  const host = new Emulator({
    modules: ['scst', 'scst_vdisk', 'iscsi_scst', 'qla2x00tgt'],
    useRealFileSystem: false,
    hostFiles: { '/dev/vg0/vol1': { kind: 'block', size: 1 << 30 } },
  });
  await writeAll(host, (await planFile(host, HW_FILE)).ops);
  return host;
}

const COUNTERS = [/^targets\/copy_manager\/copy_manager_tgt\/(luns|sessions)\//, /\/exported\//, /\/tid$/, /\/thread_pid$/];

describe('clear-config', () => {
  it('deletes virtual targets and devices, empties and disables hardware targets and drivers', async () => {
    const host = await populatedHost();
    const plan = clearConfigPlan(await readLive(host));
    const writes = plan.ops.map((o) => [o.path, o.data]);
    expect(writes).toEqual(expect.arrayContaining([
      ['targets/iscsi/mgmt', 'del_target iqn.2031-04.test.lab:tgt1'],
      [`targets/qla2x00t/${WWN}/ini_groups/mgmt`, 'del esx'],
      ['handlers/vdisk_blockio/mgmt', 'del_device vol1'],
      [`targets/qla2x00t/${WWN}/enabled`, '0'],
      ['targets/iscsi/enabled', '0\n'],
    ]));
    expect(writes.some(([, d]) => d === `del_target ${WWN}`)).toBe(false);
    // Closing vol1 unmaps it everywhere: its LUN on the hardware target needs no write of its own.
    expect(writes.some(([p]) => p === `targets/qla2x00t/${WWN}/luns/mgmt`)).toBe(false);
    // Removals before disabling the survivors; devices after the targets that used them.
    const index = (data: string) => writes.findIndex(([, d]) => d === data);
    expect(index('del_device vol1')).toBeGreaterThan(index('del_target iqn.2031-04.test.lab:tgt1'));
    await writeAll(host, plan.ops);
    const live = await readLive(host);
    expect(Object.keys(live.handlers.vdisk_blockio!.devices)).toEqual([]);
    expect(live.drivers.qla2x00t!.targets[WWN]).toMatchObject({ enabled: false, luns: {}, groups: {} });
    expect(clearConfigPlan(live).ops).toEqual([]);
  });

  it('a failing write at any point leaves the configuration as it was', async () => {
    const n = clearConfigPlan(await readLive(await populatedHost())).ops.length;
    for (let k = 1; k <= n; k++) {
      const host = await populatedHost();
      const before = await treeDump(host, COUNTERS);
      host.armFault({ nth: k, errno: 'EIO' });
      const dir = mkdtempSync(join(tmpdir(), 'clear-'));
      const error = await clearConfig(host, { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state'), suspend: false }).catch((e: unknown) => e);
      expect(error, `write ${k}`).toBeInstanceOf(UserError);
      host.clearFaults();
      expect(await treeDump(host, COUNTERS), `after failing write ${k} of ${n}`).toEqual(before);
    }
  });
});
