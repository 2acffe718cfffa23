import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { SCST_LOCAL_MGMT_USAGE } from '../../src/emulator/drivers/scst-local.js';
import { PASSTHROUGH_MGMT_USAGE } from '../../src/emulator/handlers/passthrough.js';
import { UserError } from '../../src/errors.js';
import { names, outcome } from './helpers.js';

const T = 'iqn.2024-01.lab.test:sess';
const TDIR = `targets/iscsi/${T}`;
const INI = 'iqn.1993-08.org.debian:01:b25524479730';

/** A host with target T exporting two LUNs, target and driver enabled (40-sessions steps 2–8). */
async function iscsiHost(): Promise<Emulator> {
  const e = new Emulator({ useRealFileSystem: false, hostFiles: { '/tmp/s1.img': { kind: 'file', size: 64 << 20 }, '/tmp/s2.img': { kind: 'file', size: 32 << 20 } } });
  await e.write('handlers/vdisk_fileio/mgmt', 'add_device s1 filename=/tmp/s1.img\n');
  await e.write('handlers/vdisk_fileio/mgmt', 'add_device s2 filename=/tmp/s2.img\n');
  await e.write('targets/iscsi/mgmt', `add_target ${T}\n`);
  await e.write(`${TDIR}/luns/mgmt`, 'add s1 0\n');
  await e.write(`${TDIR}/luns/mgmt`, 'add s2 1\n');
  await e.write(`${TDIR}/enabled`, '1\n');
  await e.write('targets/iscsi/enabled', '1\n');
  return e;
}

describe('iSCSI sessions', () => {
  it('a login creates the session directory the kernel shows (byte forms of §6.6)', async () => {
    const e = await iscsiHost();
    expect(e.login(T, INI)).toBe(INI);
    const s = `${TDIR}/sessions/${INI}`;
    const entries = await names(e, s);
    expect(entries).toEqual(expect.arrayContaining([
      '127.0.0.1', 'DataDigest', 'HeaderDigest', 'MaxXmitDataSegmentLength', 'force_close', 'initiator_name', 'latency',
      'lun0', 'lun1', 'luns', 'reinstating', 'sid', 'thread_pid',
    ]));
    expect(await e.read(`${s}/127.0.0.1/cid`)).toBe('0');
    expect(await e.read(`${s}/127.0.0.1/ip`)).toBe('127.0.0.1');
    expect(await e.read(`${s}/127.0.0.1/target_ip`)).toBe('127.0.0.1');
    expect(await e.read(`${s}/127.0.0.1/state`)).toBe('established idle ');
    expect(await e.read(`${s}/127.0.0.1/transport`)).toBe('iSCSI-TCP\n');
    expect(await e.read(`${s}/MaxXmitDataSegmentLength`)).toBe('262144\n');
    expect(await e.read(`${s}/MaxOutstandingR2T`)).toBe('1\n');
    expect(await e.read(`${s}/HeaderDigest`)).toBe('None\n');
    expect(await e.read(`${s}/sid`)).toBe('10100003d0200\n');
    expect(await e.read(`${s}/initiator_name`)).toBe(`${INI}\n`);
    expect(await e.readlink(`${s}/luns`)).toBe('../../luns');
    expect(await names(e, `${s}/latency`)).toHaveLength(44);
    expect(await outcome(e.read(`${s}/force_close`))).toBe('EACCES@open');
  });

  it('negotiates against the target parameters', async () => {
    const e = await iscsiHost();
    await e.write(`${TDIR}/MaxRecvDataSegmentLength`, '65536\n');
    await e.write(`${TDIR}/HeaderDigest`, 'CRC32C\n');
    const s = `${TDIR}/sessions/${e.login(T, INI)}`;
    expect(await e.read(`${s}/MaxRecvDataSegmentLength`)).toBe('65536\n');
    expect(await e.read(`${s}/HeaderDigest`)).toBe('CRC32C\n');
  });

  it('refuses initiator names that cannot be session directories', async () => {
    const e = await iscsiHost();
    expect(() => e.login(T, '')).toThrow(/invalid initiator name/);
    expect(() => e.login(T, 'iqn.x:a b')).toThrow(/invalid initiator name/);
    expect(() => e.login(T, 'iqn.x:a/b')).toThrow(/invalid initiator name/);
    expect(() => e.login('scst_local_tgt', 'host 2', { driver: 'scst_local' })).toThrow(/invalid initiator name/);
  });

  it('names a second session of one initiator NAME_1', async () => {
    const e = await iscsiHost();
    e.login(T, INI);
    expect(e.login(T, INI, { address: '10.0.0.2' })).toBe(`${INI}_1`);
    expect(await names(e, `${TDIR}/sessions/${INI}_1`)).toContain('10.0.0.2');
  });

  it('re-homes a live session when its initiator joins or leaves a group', async () => {
    const e = await iscsiHost();
    const s = `${TDIR}/sessions/${e.login(T, INI)}`;
    await e.write(`${TDIR}/ini_groups/mgmt`, 'create gs\n');
    await e.write(`${TDIR}/ini_groups/gs/initiators/mgmt`, 'add iqn.1993-08.ORG.debian:*\n');
    expect(await e.readlink(`${s}/luns`)).toBe('../../ini_groups/gs/luns');
    expect((await names(e, s)).filter((n) => /^lun\d/.test(n))).toEqual([]);
    await e.write(`${TDIR}/ini_groups/gs/luns/mgmt`, 'add s1 0\n');
    expect((await names(e, s)).filter((n) => /^lun\d/.test(n))).toEqual(['lun0']);
    expect(await outcome(e.write(`${TDIR}/ini_groups/mgmt`, 'del gs\n'))).toBe('EBUSY');
    await e.write(`${TDIR}/ini_groups/gs/initiators/mgmt`, 'del iqn.1993-08.ORG.debian:*\n');
    expect(await e.readlink(`${s}/luns`)).toBe('../../luns');
    await e.write(`${TDIR}/ini_groups/mgmt`, 'del gs\n');
  });

  it('keeps sessions when the target or the driver is disabled', async () => {
    const e = await iscsiHost();
    e.login(T, INI);
    await e.write(`${TDIR}/enabled`, '0\n');
    await e.write('targets/iscsi/enabled', '0\n');
    expect(await names(e, `${TDIR}/sessions`)).toEqual([INI]);
  });

  it('force_close: the initiator reconnects as NAME_1 while the target accepts logins, else it is gone', async () => {
    const e = await iscsiHost();
    e.login(T, INI);
    await e.write(`${TDIR}/sessions/${INI}/force_close`, '1\n');
    expect(await names(e, `${TDIR}/sessions`)).toEqual([`${INI}_1`]);
    expect(await e.read(`${TDIR}/sessions/${INI}_1/sid`)).toBe('20100003d0200\n');
    await e.write(`${TDIR}/enabled`, '0\n');
    await e.write(`${TDIR}/sessions/${INI}_1/force_close`, '1\n');
    expect(await names(e, `${TDIR}/sessions`)).toEqual([]);
  });

  it('refuses del_target while logged in (EBUSY, target kept) and allows it after logout', async () => {
    const e = await iscsiHost();
    e.login(T, INI);
    expect(await outcome(e.write('targets/iscsi/mgmt', `del_target ${T}\n`))).toBe('EBUSY');
    expect(await names(e, 'targets/iscsi')).toContain(T);
    e.logout(T, INI);
    expect(await names(e, `${TDIR}/sessions`)).toEqual([]);
    await e.write('targets/iscsi/mgmt', `del_target ${T}\n`);
  });

  it('allowed_portal: one positive pattern must match and every !pattern must hold (iscsi-scstd)', async () => {
    const e = await iscsiHost();
    const portals = async (...patterns: string[]) => {
      for (const file of (await names(e, TDIR)).filter((n) => n.startsWith('allowed_portal'))) {
        await e.write('targets/iscsi/mgmt', `del_target_attribute ${T} allowed_portal ${(await e.read(`${TDIR}/${file}`)).split('\n')[0]}\n`);
      }
      for (const p of patterns) await e.write('targets/iscsi/mgmt', `add_target_attribute ${T} allowed_portal ${p}\n`);
    };
    const logsIn = () => {
      try {
        e.logout(T, e.login(T, INI));
        return true;
      } catch {
        return false;
      }
    };
    // Logins of the emulated initiator arrive on portal 127.0.0.1.
    await portals('!10.*');
    expect(logsIn()).toBe(true);
    await portals('!127.*');
    expect(logsIn()).toBe(false);
    await portals('10.*', '127.0.0.?');
    expect(logsIn()).toBe(true);
    await portals('127.*', '!*.1');
    expect(logsIn()).toBe(false);
    await portals('10.*', '!10.1.*');
    expect(logsIn()).toBe(false);
  });

  it('refuses logins to disabled targets, a disabled driver or a stopped daemon', async () => {
    const e = await iscsiHost();
    await e.write(`${TDIR}/enabled`, '0\n');
    expect(() => e.login(T, INI)).toThrow(UserError);
    await e.write(`${TDIR}/enabled`, '1\n');
    await e.write('targets/iscsi/enabled', '0\n');
    expect(() => e.login(T, INI)).toThrow(/driver is disabled/);
    await e.write('targets/iscsi/enabled', '1\n');
    await e.write(`${TDIR}/MaxSessions`, '1\n');
    e.login(T, INI);
    expect(() => e.login(T, 'iqn.other:x')).toThrow(/MaxSessions/);
    e.setIscsiDaemon('stopped');
    expect(() => e.login(T, 'iqn.other:y')).toThrow(expect.objectContaining({
      message: `login to ${T} refused: iscsi-scstd is stopped`, hint: 'scstadmin-ts simulate daemon running', exitCode: 1,
    }));
  });

  it('demands the CHAP credentials of an IncomingUser account, except through an internal portal', async () => {
    const e = await iscsiHost();
    await e.write('targets/iscsi/mgmt', `add_target_attribute ${T} IncomingUser joe secret12345678\n`);
    expect(() => e.login(T, INI)).toThrow(/requires CHAP/);
    expect(() => e.login(T, INI, { chap: { user: 'joe', secret: 'wrongsecret99' } })).toThrow(/CHAP authentication of joe failed/);
    expect(e.login(T, INI, { chap: { user: 'joe', secret: 'secret12345678' } })).toBe(INI);
    await e.write('targets/iscsi/internal_portal', '127.0.0.1\n');
    expect(e.login(T, 'iqn.other:internal')).toBe('iqn.other:internal');
  });

  it('refuses logins through portals not allowed and to redirecting targets', async () => {
    const e = await iscsiHost();
    await e.write('targets/iscsi/mgmt', `add_target_attribute ${T} allowed_portal 10.0.*\n`);
    expect(() => e.login(T, INI)).toThrow(/allowed_portal/);
    await e.write('targets/iscsi/mgmt', `add_target_attribute ${T} allowed_portal 127.0.0.?\n`);
    expect(e.login(T, INI)).toBe(INI);
    await e.write(`${TDIR}/redirect`, '10.1.1.1 temp\n');
    expect(() => e.login(T, 'iqn.other:z')).toThrow(/redirects logins to 10.1.1.1 temp/);
  });

  it('ends every session and target when iscsi-scstd exits', async () => {
    const e = await iscsiHost();
    e.login(T, INI);
    e.setIscsiDaemon('absent');
    expect(e.core.target('iscsi', T)).toBeUndefined();
    expect(await outcome(e.list(`${TDIR}/sessions`))).toBe('ENOENT@open');
  });

  it('survives a state round trip with its sessions', async () => {
    const e = await iscsiHost();
    e.login(T, INI);
    const copy = Emulator.fromState(e.toState());
    expect(await copy.read(`${TDIR}/sessions/${INI}/sid`)).toBe('10100003d0200\n');
  });
});

describe('scst_local', () => {
  it('creates scst_local_tgt with session scst_local_host at load', async () => {
    const e = new Emulator({ useRealFileSystem: false });
    expect(await names(e, 'targets/scst_local')).toEqual(['mgmt', 'scst_local_tgt', 'stats', 'trace_level', 'version']);
    expect(await e.read('targets/scst_local/mgmt')).toBe(SCST_LOCAL_MGMT_USAGE);
    expect(await e.read('targets/scst_local/stats')).toBe('Aborts: 0, Device Resets: 0, Target Resets: 0\n');
    const s = 'targets/scst_local/scst_local_tgt/sessions/scst_local_host';
    expect(await e.read(`${s}/host_no`)).toBe('0\n');
    expect(await e.readlink(`${s}/host`)).toBe('../../../../../../../devices/scst_local/scst_local_host/host0/scsi_host/host0');
    expect(await e.read('targets/scst_local/scst_local_tgt/scsi_transport_version')).toBe('0xbe0\n');
    expect(await e.read('targets/scst_local/scst_local_tgt/phys_transport_version')).toBe('0x0\n');
    expect(await names(e, 'targets/scst_local/scst_local_tgt')).not.toContain('enabled');
  });

  it('adds and deletes targets and sessions as recorded (40-sessions steps 80–101)', async () => {
    const e = new Emulator({ useRealFileSystem: false });
    const mgmt = 'targets/scst_local/mgmt';
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device ln1\n');
    await e.write(mgmt, 'add_target lt1\n');
    expect(await names(e, 'targets/scst_local/lt1/sessions')).toEqual([]);
    await e.write('targets/scst_local/lt1/luns/mgmt', 'add ln1 0\n');
    await e.write(mgmt, 'add_session lt1 ls1\n');
    expect(await e.read('targets/scst_local/lt1/sessions/ls1/host_no')).toBe('1\n');
    expect(await names(e, 'targets/scst_local/lt1/sessions/ls1')).toContain('lun0');
    await e.write(mgmt, 'add_session lt1 ls1\n');
    expect(await names(e, 'targets/scst_local/lt1/sessions')).toEqual(['ls1', 'ls1_1']);
    expect(await outcome(e.write(mgmt, 'add_session nosuchtgt ls9\n'))).toBe('EINVAL');
    await e.write(mgmt, 'add_target lt2 session_name=ls2\n');
    expect(await e.read('targets/scst_local/lt2/sessions/ls2/host_no')).toBe('3\n');
    expect(await outcome(e.write(mgmt, 'add_target lt3 bogus=1\n'))).toBe('EINVAL');
    expect(await outcome(e.write(mgmt, 'add_target lt2\n'))).toBe('EEXIST');
    expect(await outcome(e.write(mgmt, 'del_session lt1 nosuchsess\n'))).toBe('EINVAL');
    await e.write(mgmt, 'del_target lt1\n');
    await e.write(mgmt, 'del_session lt2 ls2\n');
    expect(await outcome(e.write(mgmt, 'del_session lt2 ls2\n'))).toBe('EINVAL');
    await e.write(mgmt, 'del_target lt2\n');
    expect(await outcome(e.write(mgmt, 'del_target nosuch\n'))).toBe('ENOENT');
    expect(await names(e, 'targets/scst_local')).toEqual(['mgmt', 'scst_local_tgt', 'stats', 'trace_level', 'version']);
  });

  it('force_close removes an scst_local session', async () => {
    const e = new Emulator({ useRealFileSystem: false });
    await e.write('targets/scst_local/scst_local_tgt/sessions/scst_local_host/force_close', '1\n');
    expect(await names(e, 'targets/scst_local/scst_local_tgt/sessions')).toEqual([]);
  });
});

describe('hardware and pass-through', () => {
  it('qla2x00t targets exist from load, are hardware (hw_target, no mgmt) and can be enabled', async () => {
    const e = new Emulator({ useRealFileSystem: false, modules: ['scst', 'qla2x00tgt'], hardwareTargets: ['21:00:00:24:ff:01:02:03'] });
    expect(await names(e, 'targets/qla2x00t')).toEqual(['21:00:00:24:ff:01:02:03', 'trace_level']);
    const dir = 'targets/qla2x00t/21:00:00:24:ff:01:02:03';
    expect(await e.read(`${dir}/hw_target`)).toBe('1\n');
    expect(await e.read(`${dir}/enabled`)).toBe('0\n');
    await e.write(`${dir}/enabled`, '1\n');
    expect(await e.read(`${dir}/rel_tgt_id`)).toBe('1\n[key]\n');
    expect(e.login('21:00:00:24:ff:01:02:03', '21:00:00:1b:32:aa:bb:cc', { driver: 'qla2x00t' })).toBe('21:00:00:1b:32:aa:bb:cc');
  });

  it('ib_srpt and fcst are hardware drivers too (no mgmt, no trace flags; ib_srpt ports as targets)', async () => {
    const e = new Emulator({ useRealFileSystem: false, modules: ['ib_srpt', 'fcst'] });
    expect(e.loadedModules()).toEqual(['scst', 'ib_srpt', 'fcst']);
    expect(await names(e, 'targets')).toEqual(['copy_manager', 'fcst', 'ib_srpt']);
    const ports = await names(e, 'targets/ib_srpt');
    expect(ports).toHaveLength(2);
    expect(ports.every((n) => n.startsWith('fe80:'))).toBe(true);
    // fcst: a driver without targets (no FCoE ports on the host), without mgmt or trace_level.
    expect(await names(e, 'targets/fcst')).toEqual([]);
    expect(await e.exists('targets/fcst/mgmt')).toBe(false);
    e.unloadModule('fcst');
    expect(await names(e, 'targets')).toEqual(['copy_manager', 'ib_srpt']);
    expect(() => e.unloadModule('scst')).toThrow(/in use by ib_srpt/);
  });

  it('crc32c is an alias of the plain module crc32c_generic: it loads without scst and adds nothing to the tree', async () => {
    const e = new Emulator({ useRealFileSystem: false, modules: ['scst', 'iscsi_scst'] });
    const before = await names(e, 'targets');
    expect(e.resolveModule('crc32c')).toEqual(['crc32c_generic', 'crc32c_intel']);
    expect(e.resolveModule('scst')).toEqual(['scst']);
    expect(e.resolveModule('no_such_thing')).toEqual([]);
    e.loadModule('crc32c');
    expect(e.loadedModules()).toEqual(['scst', 'iscsi_scst', 'crc32c_generic']);
    e.loadModule('crc32c');
    expect(e.loadedModules()).toEqual(['scst', 'iscsi_scst', 'crc32c_generic']);
    expect(await names(e, 'targets')).toEqual(before);
    e.unloadModule('crc32c_generic');
    expect(e.loadedModules()).toEqual(['scst', 'iscsi_scst']);
    const bare = new Emulator({ useRealFileSystem: false, modules: ['crc32c'] });
    expect(bare.loadedModules()).toEqual(['crc32c_generic']);
    expect(await bare.exists('')).toBe(false);
  });

  it('removes a module as modprobe -r does: unused dependencies go with it', () => {
    const e = new Emulator({ useRealFileSystem: false, modules: ['scst', 'scst_vdisk', 'iscsi_scst'] });
    expect(e.removeModule('iscsi_scst')).toEqual(['iscsi_scst']);
    expect(e.removeModule('scst_vdisk')).toEqual(['scst_vdisk', 'scst']);
    expect(e.loadedModules()).toEqual([]);
  });

  it('binds local SCSI devices to the pass-through handler of their type', async () => {
    const e = new Emulator({
      useRealFileSystem: false,
      modules: ['scst', 'scst_disk', 'scst_tape'],
      scsiDevices: [{ hctl: '2:0:0:0', type: 0 }, { hctl: '3:0:1:0', type: 1 }],
    });
    expect(await names(e, 'devices')).toEqual(['2:0:0:0', '3:0:1:0']);
    expect(await names(e, 'devices/2:0:0:0')).not.toContain('handler');
    expect(await e.read('handlers/dev_disk/mgmt')).toBe(PASSTHROUGH_MGMT_USAGE);
    const mgmt = 'handlers/dev_disk/mgmt';
    expect(await outcome(e.write(mgmt, 'add_device 3:0:1:0\n'))).toBe('EINVAL');
    expect(await outcome(e.write(mgmt, 'add_device 9:0:0:0\n'))).toBe('EINVAL');
    expect(await outcome(e.write(mgmt, 'add_device 2:0:0\n'))).toBe('EINVAL');
    expect(await outcome(e.write(mgmt, 'add_device 2:0:0:0 extra\n'))).toBe('EINVAL');
    await e.write(mgmt, 'add_device 2:0:0:0\n');
    expect(await e.readlink('devices/2:0:0:0/handler')).toBe('../../handlers/dev_disk');
    expect(await names(e, 'handlers/dev_disk')).toContain('2:0:0:0');
    expect(await names(e, 'devices/2:0:0:0')).toContain('threads_num');
    await e.write('targets/copy_manager/copy_manager_tgt/luns/mgmt', 'add 2:0:0:0 5\n');
    expect(await outcome(e.write('handlers/dev_disk_perf/mgmt', 'del_device 2:0:0:0\n'))).toBe('EINVAL');
    await e.write(mgmt, 'del_device 2:0:0:0\n');
    expect(await names(e, 'devices/2:0:0:0')).not.toContain('handler');
  });

  it('scst_user devices bring their own handler directory and a commands attribute', async () => {
    const e = new Emulator({ useRealFileSystem: false, modules: ['scst', 'scst_user'] });
    expect(await names(e, 'handlers/scst_user')).toEqual(['trace_level', 'type']);
    expect(await e.read('handlers/scst_user/type')).toBe('-1 - unknown\n');
    e.registerUserDevice('udisk1');
    expect(await names(e, 'handlers')).toEqual(['scst_user', 'udisk1']);
    expect(await e.readlink('devices/udisk1/handler')).toBe('../../handlers/udisk1');
    expect(await e.read('devices/udisk1/commands')).toBe('0\n');
    expect(await e.read('handlers/udisk1/mgmt')).toBe(PASSTHROUGH_MGMT_USAGE);
    await e.write('targets/copy_manager/copy_manager_tgt/luns/mgmt', 'add udisk1 7\n');
    expect(() => e.registerUserDevice('udisk1')).toThrow(UserError);
    expect(() => e.registerUserDevice('x'.repeat(51))).toThrow(/at most 50 bytes/);
    e.unregisterUserDevice('udisk1');
    expect(await names(e, 'handlers')).toEqual(['scst_user']);
    expect(await names(e, 'targets/copy_manager/copy_manager_tgt/luns')).toEqual(['mgmt']);
  });
});
