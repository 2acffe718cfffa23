/**
 * The live reader against the emulator: the same model as from the recorded kernel tree, and
 * objects created through the product's write path read back as configured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/index.js';
import { readLive } from '../../src/live/read-live.js';
import { mgmtCommand, splitLexemes } from '../../src/sysfs/mgmt-command.js';
import { writeAttribute, writeMgmt } from '../../src/sysfs/mgmt-write.js';
import { freshTree, type RecordedTree } from './recorded-tree.js';

const TARGET = 'iqn.2024-01.lab:store';
const JOE = { user: 'joe', secret: 'secret12345678' };
const trees: RecordedTree[] = [];
afterEach(() => {
  for (const tree of trees.splice(0)) tree.dispose();
});

async function configured(): Promise<Emulator> {
  const emulator = new Emulator({ useRealFileSystem: false, hostFiles: { '/srv/d1.img': { kind: 'file', size: 1 << 26 } } });
  await writeMgmt(emulator, 'handlers/vdisk_fileio/mgmt', mgmtCommand('add_device', ['d1'], [{ name: 'filename', value: '/srv/d1.img' }, { name: 'blocksize', value: '4096' }]));
  await writeMgmt(emulator, 'handlers/vdisk_nullio/mgmt', mgmtCommand('add_device', ['n1']));
  await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target', [TARGET]));
  await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target_attribute', [TARGET, 'IncomingUser', ...splitLexemes('joe secret12345678', 2, 'CHAP user')]));
  await writeMgmt(emulator, 'targets/iscsi/mgmt', mgmtCommand('add_target_attribute', [TARGET, 'IncomingUser', ...splitLexemes('ann secret87654321', 2, 'CHAP user')]));
  await writeMgmt(emulator, `targets/iscsi/${TARGET}/luns/mgmt`, mgmtCommand('add', ['d1', '0']));
  await writeMgmt(emulator, `targets/iscsi/${TARGET}/ini_groups/mgmt`, mgmtCommand('create', ['g1']));
  await writeMgmt(emulator, `targets/iscsi/${TARGET}/ini_groups/g1/luns/mgmt`, mgmtCommand('add', ['n1', '3'], [{ name: 'read_only', value: '1' }]));
  await writeMgmt(emulator, `targets/iscsi/${TARGET}/ini_groups/g1/initiators/mgmt`, mgmtCommand('add', ['iqn.1993-08.org.debian:01:c1']));
  await writeAttribute(emulator, `targets/iscsi/${TARGET}/enabled`, '1');
  await writeAttribute(emulator, 'targets/iscsi/enabled', '1');
  return emulator;
}

describe('readLive on the emulator', () => {
  it('reads a fresh emulated host exactly as the recorded fresh kernel tree', async () => {
    const tree = freshTree();
    trees.push(tree);
    const fromRecording = await readLive(tree.sysfs());
    const fromEmulator = await readLive(new Emulator({ useRealFileSystem: false }));
    expect(fromEmulator).toEqual(fromRecording);
  });

  it('reads back devices, LUNs, groups, CHAP users and a session as configured', async () => {
    const emulator = await configured();
    const session = emulator.login(TARGET, 'iqn.1993-08.org.debian:01:c1', { address: '192.0.2.7', chap: JOE });
    const config = await readLive(emulator);
    const d1 = config.handlers.vdisk_fileio!.devices.d1!;
    expect(d1.attributes).toMatchObject({ filename: ['/srv/d1.img'], blocksize: ['4096'] });
    expect(d1.size).toBe(1 << 26);
    expect(d1.exports).toEqual([{ driver: 'iscsi', target: TARGET, lun: 0 }]);
    expect(config.handlers.vdisk_nullio!.devices.n1!.exports).toEqual([{ driver: 'iscsi', target: TARGET, group: 'g1', lun: 3 }]);
    const target = config.drivers.iscsi!.targets[TARGET]!;
    expect(target.enabled).toBe(true);
    expect(target.attributes.IncomingUser?.sort()).toEqual(['ann secret87654321', 'joe secret12345678']);
    expect(target.luns['0']).toEqual({ lun: 0, device: 'd1', attributes: {} });
    expect(target.groups.g1).toEqual({
      name: 'g1',
      attributes: {},
      luns: { '3': { lun: 3, device: 'n1', attributes: { read_only: ['1'] } } },
      initiators: ['iqn.1993-08.org.debian:01:c1'],
    });
    expect(target.sessions).toEqual([{ name: session, initiator: 'iqn.1993-08.org.debian:01:c1', group: 'g1', luns: [3], addresses: ['192.0.2.7'] }]);
  });

  it('does no writes, never reads write-only files, and reads each file at most once', async () => {
    const emulator = await configured();
    emulator.login(TARGET, 'iqn.1993-08.org.debian:01:c1', { chap: JOE });
    emulator.resetStats();
    const reads: string[] = [];
    const spy = { ...emulator, description: 'spy', read: (p: string) => (reads.push(p), emulator.read(p)), write: emulator.write.bind(emulator), list: emulator.list.bind(emulator), readlink: emulator.readlink.bind(emulator), exists: emulator.exists.bind(emulator) };
    await readLive(spy);
    expect(emulator.stats.writes).toBe(0);
    expect(reads.filter((p) => /\/(force_close|dump_prs|resync_size|sync)$/.test(p))).toEqual([]);
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('tells an absent iSCSI daemon', async () => {
    const emulator = new Emulator({ useRealFileSystem: false, iscsiDaemon: 'absent' });
    const config = await readLive(emulator);
    expect(config.drivers.iscsi).toMatchObject({ daemon: 'absent', virtual: true, targets: {} });
    expect(config.drivers.iscsi!.enabled).toBeUndefined();
  });

  it('tells unbound SCSI devices from pass-through devices bound to a handler', async () => {
    const emulator = new Emulator({ useRealFileSystem: false, modules: ['scst', 'scst_disk'], scsiDevices: [{ hctl: '1:0:0:0', type: 0 }, { hctl: '2:0:0:0', type: 5 }] });
    expect((await readLive(emulator)).live?.unboundScsiDevices).toEqual(['1:0:0:0', '2:0:0:0']);
    await writeMgmt(emulator, 'handlers/dev_disk/mgmt', mgmtCommand('add_device', ['1:0:0:0']));
    const config = await readLive(emulator);
    expect(config.live?.unboundScsiDevices).toEqual(['2:0:0:0']);
    expect(config.handlers.dev_disk!.devices['1:0:0:0']).toEqual({ name: '1:0:0:0', handler: 'dev_disk', attributes: {} });
    expect(config.handlers.dev_disk!.createParams).toEqual([]);
  });

  it('marks the targets of a hardware driver as HW_TARGET, and the driver as not virtual', async () => {
    const emulator = new Emulator({ useRealFileSystem: false, modules: ['scst', 'qla2x00tgt'], hardwareTargets: ['50:01:43:80:00:00:00:01'] });
    const qla = (await readLive(emulator)).drivers.qla2x00t!;
    expect(qla.virtual).toBe(false);
    expect(qla.targets['50:01:43:80:00:00:00:01']).toMatchObject({ hardware: true, enabled: false, luns: {}, groups: {} });
  });
});
