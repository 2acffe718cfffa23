import { afterEach, describe, expect, it } from 'vitest';
import { readLive } from '../../src/live/read-live.js';
import { UserError } from '../../src/errors.js';
import { NodeSysfs } from '../../src/sysfs/node-sysfs.js';
import { freshTree, RecordedTree, treeRecord } from './recorded-tree.js';

const trees: RecordedTree[] = [];
function track(tree: RecordedTree): RecordedTree {
  trees.push(tree);
  return tree;
}
afterEach(() => {
  for (const tree of trees.splice(0)) tree.dispose();
});

const WRITE_ONLY = /\/(force_close|dump_prs|resync_size|sync|gen_tp_soft_threshold_reached_UA)$/;

describe('readLive on a fresh SCST (00-fresh-tree step 2)', () => {
  it('gives an empty configuration with the live facts', async () => {
    const tree = track(freshTree());
    const sysfs = tree.sysfs();
    const config = await readLive(sysfs);
    expect(config.attributes).toEqual({});
    expect(config.live?.version).toBe('3.11.0-pre');
    expect(Object.keys(config.handlers)).toEqual(['vcdrom', 'vdisk_blockio', 'vdisk_fileio', 'vdisk_nullio']);
    expect(config.handlers.vcdrom?.createParams).toEqual(['tst']);
    expect(config.handlers.vdisk_nullio?.createParams).toContain('size_mb');
    expect(config.handlers.vcdrom?.type).toBe('5 - CD-ROM device');
    const iscsi = config.drivers.iscsi!;
    expect(iscsi).toMatchObject({ enabled: false, virtual: true, daemon: 'connected', createParams: [], targets: {} });
    expect(iscsi.dynamicTargetAttributes).toEqual(['IncomingUser', 'OutgoingUser', 'allowed_portal']);
    expect(iscsi.dynamicDriverAttributes).toEqual(['IncomingUser', 'OutgoingUser']);
    expect(iscsi.attributes).toEqual({});
    expect(config.drivers.copy_manager?.virtual).toBe(false);
    const local = config.drivers.scst_local!.targets.scst_local_tgt!;
    expect(local.attributes).toEqual({ session_name: ['scst_local_host'] });
    expect(local.sessions).toEqual([{ name: 'scst_local_host', initiator: 'scst_local_host', luns: [] }]);
    expect(config.deviceGroups).toEqual({});
    expect(config.live?.unreadable).toBeUndefined();
  });

  it('never opens write-only files, statistics, or mgmt files other than handler/driver help', async () => {
    const tree = track(freshTree());
    const sysfs = tree.sysfs();
    await readLive(sysfs);
    expect(sysfs.writes).toBe(0);
    expect(sysfs.reads.filter((p) => WRITE_ONLY.test(p))).toEqual([]);
    expect(sysfs.reads.filter((p) => /_count$|_kb$|latency|^sgv\/|trace_level$|sg_tablesize$/.test(p))).toEqual([]);
    expect(sysfs.reads.filter((p) => p.endsWith('/mgmt')).sort()).toEqual([
      'handlers/vcdrom/mgmt', 'handlers/vdisk_blockio/mgmt', 'handlers/vdisk_fileio/mgmt', 'handlers/vdisk_nullio/mgmt',
      'targets/iscsi/mgmt', 'targets/scst_local/mgmt',
    ]);
    expect(new Set(sysfs.reads).size).toBe(sysfs.reads.length);
  });

  it('says SCST is not loaded when the root is missing, exit 1 with a hint', async () => {
    const error = await readLive(new NodeSysfs('/nonexistent/scst_tgt')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('SCST is not loaded (no /nonexistent/scst_tgt)');
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).hint).toMatch(/modules load.*modprobe scst/);
  });
});

describe('readLive on recorded devices (10-devices steps 190, 191)', () => {
  function devicesTree() {
    return track(freshTree().apply(treeRecord('10-devices.jsonl', 190)).apply(treeRecord('10-devices.jsonl', 191)));
  }

  it('keeps key attributes and key creation parameters, leaves static non-parameters out', async () => {
    const config = await readLive(devicesTree().sysfs());
    const d8 = config.handlers.vdisk_fileio!.devices.d8!;
    expect(d8.attributes).toEqual({
      filename: ['/tmp/d1.img'],
      nv_cache: ['1'],
      rotational: ['0'],
      t10_dev_id: ['my-t10-id'],
      thin_provisioned: ['1'],
      write_through: ['1'],
    });
    // fileio `size` is key but read-only and no creation parameter: live fact, not configuration.
    expect(d8.size).toBe(67108864);
    expect(d8.exports).toBeUndefined();
    const n1 = config.handlers.vdisk_nullio!.devices.n1!;
    expect(n1.attributes).toEqual({});
    expect(n1.size).toBe(2748779069440);
    expect(Object.keys(config.handlers.vdisk_fileio!.devices)).toContain('dév-ü');
    expect(Object.keys(config.handlers.vdisk_fileio!.devices)).toContain('dev;semi');
  });

  it('reads one device alone when scoped, with its handler but no other device', async () => {
    const sysfs = devicesTree().sysfs();
    const config = await readLive(sysfs, { scope: 'devices/d8' });
    expect(Object.keys(config.handlers)).toEqual(['vdisk_fileio']);
    expect(Object.keys(config.handlers.vdisk_fileio!.devices)).toEqual(['d8']);
    expect(config.drivers).toEqual({});
    expect(sysfs.reads.every((p) => p.startsWith('devices/d8/') || p.startsWith('handlers/vdisk_fileio/'))).toBe(true);
    expect(new Set(sysfs.lists).size).toBe(sysfs.lists.length);
  });

  it('refuses a scope naming an object that does not exist, exit 2', async () => {
    await expect(readLive(devicesTree().sysfs(), { scope: 'devices/nosuch' })).rejects.toMatchObject({ exitCode: 2, code: 'NO_SUCH_OBJECT' });
    await expect(readLive(devicesTree().sysfs(), { scope: 'bogus/x' })).rejects.toMatchObject({ exitCode: 2, code: 'BAD_PATH' });
  });

  it('reads a number of files that grows linearly with the number of devices', async () => {
    const fresh = track(freshTree()).sysfs();
    await readLive(fresh);
    const full = devicesTree().sysfs();
    const config = await readLive(full);
    const devices = Object.values(config.handlers).reduce((n, h) => n + Object.keys(h.devices).length, 0);
    expect(devices).toBe(25);
    // Each device costs at most ~35 reads (its writable and creation-parameter files).
    expect(full.reads.length - fresh.reads.length).toBeLessThanOrEqual(devices * 35);
    expect(full.lists.length - fresh.lists.length).toBeLessThanOrEqual(devices * 2);
  });
});

describe('readLive on recorded iSCSI targets (20-iscsi-targets step 226)', () => {
  function targetsTree() {
    return track(freshTree().apply(treeRecord('20-iscsi-targets.jsonl', 226)));
  }

  it('maps targets, key attributes, CHAP users, LUNs, groups and initiators', async () => {
    const config = await readLive(targetsTree().sysfs());
    const iscsi = config.drivers.iscsi!;
    expect(iscsi.attributes).toEqual({ IncomingUser: ['duser9 x'], OutgoingUser: ['dout dpassword789'], link_local: ['0'] });
    const t1 = iscsi.targets['iqn.2024-01.lab.test:t1']!;
    expect(t1.enabled).toBe(false);
    expect(t1.attributes).toMatchObject({
      HeaderDigest: ['None,CRC32C'],
      IncomingUser: ['user4 password4444'],
      addr_method: ['FLAT'],
      allowed_portal: ['127.0.0.1'],
      comment: ['hello world'],
      cpu_mask: ['1'],
    });
    expect(t1.attributes.black_hole).toBeUndefined();
    expect(t1.attributes.OutgoingUser).toBeUndefined();
    expect(config.live?.unreadable).toEqual([{ path: 'targets/iscsi/iqn.2024-01.lab.test:t1/OutgoingUser', errno: 'EINVAL' }]);
    expect(Object.keys(iscsi.targets)).toContain('iqn.2024-01.lab.test:slash/x');
    expect(Object.keys(t1.groups)).toContain('bad/name');
  });

  it('reads LUN sets with their devices and read_only, numerically ordered', async () => {
    const sysfs = targetsTree().sysfs();
    const config = await readLive(sysfs, { scope: 'targets/iscsi/iqn.2024-01.lab.test:t1' });
    expect(new Set(sysfs.lists).size).toBe(sysfs.lists.length);
    expect(sysfs.lists.some((p) => p.includes(':t3'))).toBe(false);
    const t1 = config.drivers.iscsi!.targets['iqn.2024-01.lab.test:t1']!;
    expect(Object.keys(config.drivers.iscsi!.targets)).toEqual(['iqn.2024-01.lab.test:t1']);
    for (const lun of Object.values(t1.luns)) expect(lun.device).not.toBe('');
    const numbers = Object.values(t1.luns).map((l) => l.lun);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const group of Object.values(t1.groups)) expect(Array.isArray(group.initiators)).toBe(true);
  });
});

describe('readLive on recorded sessions and ALUA groups', () => {
  it('reads an iSCSI session: initiator, default LUN set, visible LUNs, addresses (40-sessions step 13)', async () => {
    const tree = track(freshTree().apply(treeRecord('40-sessions.jsonl', 13)));
    const config = await readLive(tree.sysfs(), { scope: 'targets/iscsi' });
    const target = config.drivers.iscsi!.targets['iqn.2024-01.lab.test:sess']!;
    expect(target.sessions).toEqual([
      { name: 'iqn.1993-08.org.debian:01:b25524479730', initiator: 'iqn.1993-08.org.debian:01:b25524479730', luns: [0, 1], addresses: ['127.0.0.1'] },
    ]);
  });

  it('names the ini group a session is assigned to (40-sessions step 30)', async () => {
    const tree = track(freshTree().apply(treeRecord('40-sessions.jsonl', 30)));
    const config = await readLive(tree.sysfs(), { scope: 'targets/iscsi' });
    const session = config.drivers.iscsi!.targets['iqn.2024-01.lab.test:sess']!.sessions![0]!;
    expect(session.group).toBe('gs');
  });

  it('reads scst_local targets: sessions as session_name, LUNs seen by a session (40-sessions step 84)', async () => {
    const tree = track(freshTree().apply(treeRecord('40-sessions.jsonl', 84)));
    const config = await readLive(tree.sysfs(), { scope: 'targets/scst_local/lt1' });
    const lt1 = config.drivers.scst_local!.targets.lt1!;
    expect(lt1.attributes).toEqual({ session_name: ['ls1'] });
    expect(lt1.luns).toEqual({ '0': { lun: 0, device: 'ln1', attributes: {} } });
    expect(lt1.sessions).toEqual([{ name: 'ls1', initiator: 'ls1', luns: [0] }]);
    expect(lt1.enabled).toBeUndefined();
  });

  it('reads device groups, target groups, local and remote members (30-alua steps 11, 32)', async () => {
    const tree = track(freshTree().apply(treeRecord('30-alua.jsonl', 11)).apply(treeRecord('30-alua.jsonl', 32)));
    const sysfs = tree.sysfs();
    const config = await readLive(sysfs, { scope: 'device_groups' });
    expect(new Set(sysfs.lists).size).toBe(sysfs.lists.length);
    const one = tree.sysfs();
    expect(Object.keys((await readLive(one, { scope: 'device_groups/dg2' })).deviceGroups)).toEqual(['dg2']);
    expect(new Set(one.lists).size).toBe(one.lists.length);
    const tg2 = config.deviceGroups.dg1!.targetGroups.tg2!;
    expect(tg2.attributes).toEqual({ group_id: ['0'], state: ['active'] });
    expect(tg2.targets).toEqual({
      'iqn.2024-01.lab.test:a2': { name: 'iqn.2024-01.lab.test:a2', attributes: {} },
      'iqn.2024-01.lab.test:not-existing-yet': { name: 'iqn.2024-01.lab.test:not-existing-yet', remote: true, attributes: { rel_tgt_id: ['0'] } },
    });
    expect(Object.keys(config.deviceGroups)).toEqual(['dg1', 'dg2']);
    expect(config.handlers).toEqual({});
  });
});

describe('exports of a device', () => {
  it('come in one order (driver, target, group, LUN), not the order the LUNs were made in', async () => {
    const { Emulator } = await import('../../src/emulator/emulator.js');
    const emulator = new Emulator({ useRealFileSystem: false });
    const T = 'iqn.2031-04.test.lab:exports';
    await emulator.write('handlers/vdisk_nullio/mgmt', 'add_device n0 size_mb=16');
    await emulator.write('targets/iscsi/mgmt', `add_target ${T}`);
    await emulator.write(`targets/iscsi/${T}/ini_groups/mgmt`, 'create hosts');
    // Made in the reverse of the order they are listed in.
    await emulator.write(`targets/iscsi/${T}/ini_groups/hosts/luns/mgmt`, 'add n0 1');
    await emulator.write(`targets/iscsi/${T}/luns/mgmt`, 'add n0 3');
    await emulator.write(`targets/iscsi/${T}/luns/mgmt`, 'add n0 2');
    const config = await readLive(emulator);
    expect(config.handlers.vdisk_nullio!.devices.n0!.exports).toEqual([
      { driver: 'iscsi', target: T, lun: 2 },
      { driver: 'iscsi', target: T, lun: 3 },
      { driver: 'iscsi', target: T, group: 'hosts', lun: 1 },
    ]);
  });
});
