/**
 * The sequence of SCST's 08-scstadmin-close-dev.t: devices opened with -open_dev and mapped as
 * LUNs cannot be closed while a LUN uses them (exit 1, the in-use table); once the LUNs are
 * removed with -rem_lun they close. The target and its group are made with -config until the
 * target and group operations are on the single-object engine.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatLab, type CompatLab } from './harness.js';

let lab: CompatLab;
beforeAll(async () => {
  lab = await compatLab({ hostFiles: { '/dev/lab-disk': { kind: 'block', size: 1 << 20 } } });
}, 60_000);
afterAll(() => lab.cleanup());

/** SCST's closeDevs(): close each device in turn, stopping at the first failure. */
async function closeDevs(...devices: string[]): Promise<number> {
  for (const device of devices) {
    const result = await lab.run(`-noprompt -handler vdisk_nullio -close_dev ${device}`);
    if (result.code !== 0) return result.code;
  }
  return 0;
}

describe('-close_dev of devices in use (SCST 08-scstadmin-close-dev.t)', () => {
  it('refuses while a LUN uses the device, closes once the LUNs are gone', async () => {
    const target = join(lab.dir, 'target.conf');
    writeFileSync(target, 'TARGET_DRIVER scst_local {\n\tTARGET local {\n\t\tGROUP ig {\n\t\t\tINITIATOR ini1\n\t\t\tINITIATOR ini2\n\t\t}\n\t}\n}\n');
    const steps = [
      '-clear_config -force -noprompt -no_lip',
      '-open_dev nodev -handler vdisk_nullio -attributes dummy=1',
      '-open_dev disk0 -handler vdisk_nullio -attributes read_only=1',
      '-open_dev disk1 -handler vdisk_nullio -attributes blocksize=4096',
      `-config ${target}`,
      '-driver scst_local -target local -add_lun 0 -device nodev',
      '-driver scst_local -target local -group ig -add_lun 0 -device disk0',
      '-driver scst_local -target local -group ig -add_lun 1 -device disk1',
    ];
    for (const step of steps) expect([step, (await lab.run(step)).code]).toEqual([step, 0]);

    const refused = await lab.run('-noprompt -handler vdisk_nullio -close_dev nodev');
    expect(refused.code).toBe(1);
    expect(refused.all).toBe(
      "\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n" +
        "Device 'nodev' is currently in use by the following:\n\n" +
        '\tDriver     Target Group Lun \n\t---------- ------ ----- ----\n\tscst_local local        0   \n' +
        "\n\nFATAL: Received the following error:\n\n\tDevice 'nodev' still in use, aborting. Use -force to override.\n\n",
    );
    expect((await lab.run('-noprompt -driver scst_local -target local -rem_lun 0 -device nodev')).code).toBe(0);
    expect(await closeDevs('nodev')).toBe(0);
    expect(await closeDevs('disk0', 'disk1')).toBe(1);
    expect((await lab.run('-noprompt -driver scst_local -target local -group ig -rem_lun 0 -device disk0')).code).toBe(0);
    expect((await lab.run('-noprompt -driver scst_local -target local -group ig -rem_lun 1 -device disk1')).code).toBe(0);
    expect(await closeDevs('disk0', 'disk1')).toBe(0);
    expect((await lab.run('-list_device')).all).toContain('\tvdisk_nullio     -\n');
  }, 120_000);

  it('reports an operation that is already so as scstadmin does', async () => {
    expect((await lab.run('-open_dev od1 -handler vdisk_nullio -noprompt')).code).toBe(0);
    const again = await lab.run('-open_dev od1 -handler vdisk_nullio -noprompt');
    expect(again.all).toBe("\nCollecting current configuration: done.\n\n\n-> Making requested changes.\n\t-> Opening device 'od1' using handler 'vdisk_nullio': done.\n\n\nFATAL: Received the following error:\n\n\tDevice already exists.\n\n");
    expect(again.code).toBe(1);
    expect((await lab.run('-close_dev od1 -handler vdisk_nullio -noprompt')).code).toBe(0);
    const gone = await lab.run('-close_dev od1 -handler vdisk_nullio -noprompt');
    expect(gone.all).toContain('\tNo such device exists.\n');
    expect(gone.code).toBe(1);
  });
});
