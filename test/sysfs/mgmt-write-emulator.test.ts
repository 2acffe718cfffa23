/**
 * The asynchronous result protocol against the emulator in SCST's debug mode
 * CONFIG_SCST_DEBUG_SYSFS_EAGAIN, where every mgmt work answers EAGAIN at once and the result
 * has to be fetched from last_sysfs_mgmt_res.
 */
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/index.js';
import { readLive } from '../../src/live/read-live.js';
import { mgmtCommand } from '../../src/sysfs/mgmt-command.js';
import { writeAttribute, writeMgmt } from '../../src/sysfs/mgmt-write.js';
import { SysfsError } from '../../src/sysfs/types.js';

describe('writeMgmt when SCST answers EAGAIN', () => {
  it('completes commands, reports the real errno of a failed one, and reads settle too', async () => {
    const emulator = new Emulator({ useRealFileSystem: false });
    emulator.setDebugSysfsEagain(true);
    let polls = 0;
    const wait = { sleep: async () => {}, onProgress: () => void polls++ };
    await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', ['n1']), wait);
    const duplicate = await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', ['n1']), wait).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(SysfsError);
    expect((duplicate as SysfsError).errno).toBe('EEXIST');
    await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target', ['iqn.2024-01.lab:t']), wait);
    await writeAttribute(emulator, 'targets/iscsi/iqn.2024-01.lab:t/enabled', '1', wait);
    const config = await readLive(emulator, { wait });
    expect(Object.keys(config.handlers.vdisk_nullio!.devices)).toEqual(['n1']);
    expect(config.drivers.iscsi!.targets['iqn.2024-01.lab:t']!.enabled).toBe(true);
    expect(emulator.stats.writes).toBe(4);
    expect(polls).toBeGreaterThan(0);
  });
});
