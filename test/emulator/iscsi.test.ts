import { describe, expect, it } from 'vitest';
import { ISCSI_MGMT_USAGE } from '../../src/emulator/drivers/iscsi.js';
import { host, names, outcome } from './helpers.js';

const T1 = 'iqn.2024-01.lab.test:t1';
const MGMT = 'targets/iscsi/mgmt';

describe('iSCSI driver directory', () => {
  it('shows the daemon files and exact byte forms on a fresh host', async () => {
    const e = host();
    expect(await names(e, 'targets/iscsi')).toEqual([
      'enabled', 'iSNSServer', 'internal_portal', 'isns_entity_name', 'link_local', 'mgmt', 'open_state', 'trace_level', 'version',
    ]);
    expect(await e.read(MGMT)).toBe(ISCSI_MGMT_USAGE);
    expect(await e.read('targets/iscsi/enabled')).toBe('0\n\n');
    expect(await e.read('targets/iscsi/iSNSServer')).toBe('\n\n');
    expect(await e.read('targets/iscsi/internal_portal')).toBe('\n\n');
    expect(await e.read('targets/iscsi/isns_entity_name')).toBe('\n');
    expect(await e.read('targets/iscsi/link_local')).toBe('1\n\n');
    expect(await e.read('targets/iscsi/open_state')).toBe('open\n');
    expect(await e.read('targets/iscsi/version')).toBe('3.11.0-pre\nTRACING\n');
  });

  it('validates driver attributes as iscsi-scstd does', async () => {
    const e = host();
    expect(await outcome(e.write('targets/iscsi/enabled', '5\n'))).toBe('EINVAL');
    await e.write('targets/iscsi/enabled', '1\n');
    expect(await e.read('targets/iscsi/enabled')).toBe('1\n\n');
    await e.write('targets/iscsi/link_local', '0\n');
    expect(await e.read('targets/iscsi/link_local')).toBe('0\n[key]\n\n');
    await e.write('targets/iscsi/internal_portal', '127.0.0.1\n');
    expect(await e.read('targets/iscsi/internal_portal')).toBe('127.0.0.1\n[key]\n\n');
    expect(await outcome(e.write('targets/iscsi/internal_portal', 'not-an-ip\n'))).toBe('EINVAL');
    await e.write('targets/iscsi/internal_portal', '\n');
    expect(await e.read('targets/iscsi/internal_portal')).toBe('\n\n');
    expect(await outcome(e.write('targets/iscsi/iSNSServer', '127.0.0.1\n'))).toBe('ECONNREFUSED');
    expect(await e.read('targets/iscsi/iSNSServer')).toBe('\n\n');
  });

  it('adds driver-level CHAP users as 0600 files; portals are refused there', async () => {
    const e = host();
    await e.write(MGMT, 'add_attribute IncomingUser duser dpassword123\n');
    await e.write(MGMT, 'add_attribute IncomingUser duser2 dpassword456\n');
    await e.write(MGMT, 'add_attribute OutgoingUser dout dpassword789\n');
    expect(await outcome(e.write(MGMT, 'add_attribute allowed_portal 127.0.0.1\n'))).toBe('EINVAL');
    expect(await outcome(e.write(MGMT, 'add_attribute Bogus x\n'))).toBe('EINVAL');
    const entries = await e.list('targets/iscsi');
    expect(entries.filter((x) => /User/.test(x.name)).map((x) => [x.name, x.mode])).toEqual([
      ['IncomingUser', 0o600], ['IncomingUser1', 0o600], ['OutgoingUser', 0o600],
    ]);
    expect(await e.read('targets/iscsi/OutgoingUser')).toBe('dout dpassword789\n[key]\n\n');
    await e.write(MGMT, 'del_attribute IncomingUser duser dpassword123\n');
    expect(await outcome(e.write(MGMT, 'del_attribute IncomingUser duser dpassword123\n'))).toBe('ENOENT');
    await e.write('targets/iscsi/IncomingUser1', 'duser9 x\n');
    expect(await e.read('targets/iscsi/IncomingUser1')).toBe('duser9 x\n[key]\n\n');
  });
});

describe('iSCSI add_target / del_target', () => {
  it('creates targets with tids from a counter that failures do not consume', async () => {
    const e = host();
    await e.write(MGMT, `add_target ${T1}\n`);
    expect(await outcome(e.write(MGMT, `add_target ${T1}\n`))).toBe('EEXIST');
    expect(await outcome(e.write(MGMT, 'add_target IQN.2024-01.LAB.TEST:T1\n'))).toBe('EEXIST');
    expect(await outcome(e.write(MGMT, 'add_target iqn.2024-01.lab.test:with space\n'))).toBe('EINVAL');
    expect(await outcome(e.write(MGMT, 'add_target\n'))).toBe('EINVAL');
    expect(await outcome(e.write(MGMT, 'add_targets x\n'))).toBe('EINVAL');
    await e.write(MGMT, 'add_target iqn.2024-01.lab.test:slash/x\n');
    expect(await e.read(`targets/iscsi/${T1}/tid`)).toBe('1\n');
    expect(await e.read('targets/iscsi/iqn.2024-01.lab.test:slash!x/tid')).toBe('2\n');
    expect(await outcome(e.write(`targets/iscsi/${T1}/tid`, '99\n'))).toBe('EACCES@open');
  });

  it('shows every target parameter with its default', async () => {
    const e = host();
    await e.write(MGMT, `add_target ${T1}\n`);
    const dir = `targets/iscsi/${T1}`;
    const expected: Record<string, string> = {
      DataDigest: 'None\n', FirstBurstLength: '65536\n', HeaderDigest: 'None\n', ImmediateData: 'Yes\n',
      InitialR2T: 'No\n', MaxBurstLength: '1048576\n', MaxOutstandingR2T: '32\n',
      MaxRecvDataSegmentLength: '1048576\n', MaxSessions: '0\n', MaxXmitDataSegmentLength: '1048576\n',
      NopInInterval: '30\n', NopInTimeout: '30\n', QueuedCommands: '32\n', RDMAExtensions: 'No\n', RspTimeout: '90\n',
      alias: '\n', per_portal_acl: '0\n\n', redirect: '\n', enabled: '0\n', rel_tgt_id: '0\n',
    };
    for (const [name, text] of Object.entries(expected)) expect([name, await e.read(`${dir}/${name}`)]).toEqual([name, text]);
    expect(await names(e, dir)).toHaveLength(45);
  });

  it('takes iSCSI parameters and CHAP users at creation, and refuses unknown ones', async () => {
    const e = host();
    await e.write(MGMT, 'add_target iqn.2024-01.lab.test:t2 IncomingUser=joe secret12345678;QueuedCommands=64\n');
    await e.write(MGMT, 'add_target iqn.2024-01.lab.test:t3 IncomingUser joe2 secret12345678\n');
    for (const bad of ['UnknownParam=1', 'MaxRecvDataSegmentLength=65536;HeaderDigest=CRC32C;rel_tgt_id=7', 'QueuedCommands=100000']) {
      expect(await outcome(e.write(MGMT, `add_target iqn.2024-01.lab.test:t9 ${bad}\n`))).toBe('EINVAL');
    }
    expect(await e.read('targets/iscsi/iqn.2024-01.lab.test:t2/QueuedCommands')).toBe('64\n[key]\n\n');
    expect(await e.read('targets/iscsi/iqn.2024-01.lab.test:t2/IncomingUser')).toBe('joe secret12345678\n[key]\n\n');
    expect(await e.read('targets/iscsi/iqn.2024-01.lab.test:t3/IncomingUser')).toBe('joe2 secret12345678\n[key]\n\n');
    expect(await e.exists('targets/iscsi/iqn.2024-01.lab.test:t9')).toBe(false);
  });

  it('refuses names whose directory would clash with a driver entry or another target (EBUSY)', async () => {
    const e = host();
    expect(await outcome(e.write(MGMT, 'add_target enabled\n'))).toBe('EBUSY');
    await e.write(MGMT, 'add_attribute IncomingUser duser dpassword123\n');
    expect(await outcome(e.write(MGMT, 'add_target IncomingUser\n'))).toBe('EBUSY');
    await e.write(MGMT, 'add_target iqn.x:a/b\n');
    expect(await outcome(e.write(MGMT, 'add_target iqn.x:a!b\n'))).toBe('EBUSY');
  });

  it('defaults RDMAExtensions to Yes for targets made while iscsi-scstd listens for iSER', async () => {
    const e = host({ modules: ['scst', 'iscsi_scst', 'isert_scst'] });
    await e.write(MGMT, `add_target ${T1}\n`);
    expect(await e.read(`targets/iscsi/${T1}/RDMAExtensions`)).toBe('Yes\n');
    await e.write(`targets/iscsi/${T1}/RDMAExtensions`, 'No\n');
    expect(await e.read(`targets/iscsi/${T1}/RDMAExtensions`)).toBe('No\n[key]\n\n');
    await e.write(`targets/iscsi/${T1}/RDMAExtensions`, ':default:\n');
    expect(await e.read(`targets/iscsi/${T1}/RDMAExtensions`)).toBe('Yes\n');
    // isert_scst loaded after the daemon started: the daemon does not listen for iSER.
    const late = host();
    late.loadModule('isert_scst');
    await late.write(MGMT, `add_target ${T1}\n`);
    expect(await late.read(`targets/iscsi/${T1}/RDMAExtensions`)).toBe('No\n');
  });

  it('deletes targets case-sensitively (ENOENT for unknown names)', async () => {
    const e = host();
    await e.write(MGMT, `add_target ${T1}\n`);
    expect(await outcome(e.write(MGMT, 'del_target IQN.2024-01.LAB.TEST:T1\n'))).toBe('ENOENT');
    await e.write(MGMT, `del_target ${T1}\n`);
    expect(await outcome(e.write(MGMT, `del_target ${T1}\n`))).toBe('ENOENT');
    expect(await outcome(e.write(MGMT, 'del_target\n'))).toBe('EINVAL');
  });

  it('logs an unknown target under the module\'s own prefix, iscsi-scst', async () => {
    const e = host();
    const failure = await e.write(MGMT, `del_target ${T1}\n`).catch((error: unknown) => error);
    expect(failure).toMatchObject({ errno: 'ENOENT', log: [expect.stringMatching(/^\[\d+\]: iscsi-scst: \*\*\*ERROR\*\*\*: Target \S+ not found$/)] });
  });
});

describe('iSCSI target attributes', () => {
  it('adds, names and deletes CHAP users and portals; a replaced OutgoingUser reads EINVAL', async () => {
    const e = host();
    await e.write(MGMT, `add_target ${T1}\n`);
    const dir = `targets/iscsi/${T1}`;
    await e.write(MGMT, `add_target_attribute ${T1} IncomingUser user1 password1234\n`);
    await e.write(MGMT, `add_target_attribute ${T1} IncomingUser user2 password5678\n`);
    expect(await outcome(e.write(MGMT, `add_target_attribute ${T1} IncomingUser user1 otherpassword\n`))).toBe('EINVAL');
    expect(await outcome(e.write(MGMT, `add_target_attribute ${T1} IncomingUser user3\n`))).toBe('EINVAL');
    await e.write(MGMT, `add_target_attribute ${T1} OutgoingUser out1 outpassword12\n`);
    expect(await outcome(e.write(MGMT, `add_target_attribute ${T1} OutgoingUser out2 outpassword34\n`))).toBe('EEXIST');
    await e.write(MGMT, `add_target_attribute ${T1} allowed_portal 127.0.0.1\n`);
    await e.write(MGMT, `add_target_attribute ${T1} allowed_portal 10.99.*\n`);
    expect(await outcome(e.write(MGMT, `add_target_attribute ${T1} BogusAttr x\n`))).toBe('EINVAL');
    expect(await outcome(e.write(MGMT, 'add_target_attribute iqn.2024-01.lab.test:nosuch IncomingUser a bbbbbbbbbbbb\n'))).toBe('ENOENT');
    expect(await e.read(`${dir}/IncomingUser1`)).toBe('user2 password5678\n[key]\n\n');
    expect(await outcome(e.read(`${dir}/OutgoingUser`))).toBe('EINVAL');
    expect(await e.read(`${dir}/allowed_portal1`)).toBe('10.99.*\n[key]\n\n');
    expect((await e.list(dir)).find((x) => x.name === 'allowed_portal')?.mode).toBe(0o644);
    await e.write(MGMT, `del_target_attribute ${T1} IncomingUser user1 password1234\n`);
    expect(await outcome(e.write(MGMT, `del_target_attribute ${T1} IncomingUser user1 password1234\n`))).toBe('ENOENT');
    await e.write(MGMT, `del_target_attribute ${T1} IncomingUser user2\n`);
    await e.write(MGMT, `del_target_attribute ${T1} allowed_portal 10.99.*\n`);
    expect((await names(e, dir)).filter((n) => /User|allowed_portal/.test(n))).toEqual(['OutgoingUser', 'allowed_portal']);
  });

  it('validates parameter writes and marks non-defaults as keys', async () => {
    const e = host();
    await e.write(MGMT, `add_target ${T1}\n`);
    const dir = `targets/iscsi/${T1}`;
    await e.write(`${dir}/MaxRecvDataSegmentLength`, '65536\n');
    for (const bad of ['100\n', '99999999\n', 'abc\n']) {
      expect(await outcome(e.write(`${dir}/MaxRecvDataSegmentLength`, bad))).toBe('EINVAL');
    }
    expect(await e.read(`${dir}/MaxRecvDataSegmentLength`)).toBe('65536\n[key]\n\n');
    await e.write(`${dir}/QueuedCommands`, '64\n');
    await e.write(`${dir}/QueuedCommands`, '32\n');
    expect(await e.read(`${dir}/QueuedCommands`)).toBe('32\n');
    await e.write(`${dir}/HeaderDigest`, 'CRC32C,None\n');
    expect(await e.read(`${dir}/HeaderDigest`)).toBe('None,CRC32C\n[key]\n\n');
    expect(await outcome(e.write(`${dir}/ImmediateData`, 'Maybe\n'))).toBe('EINVAL');
    await e.write(`${dir}/per_portal_acl`, '1\n');
    expect(await e.read(`${dir}/per_portal_acl`)).toBe('1\n[key]\n\n');
    await e.write(`${dir}/NopInInterval`, ':default:\n');
    expect(await e.read(`${dir}/NopInInterval`)).toBe('30\n');
  });
});

describe('iscsi-scstd absent, stopped, exiting', () => {
  it('without the daemon: only kernel files, EPERM for daemon events, ENOENT for del_target', async () => {
    const e = host({ iscsiDaemon: 'absent' });
    expect(await names(e, 'targets/iscsi')).toEqual(['mgmt', 'open_state', 'trace_level', 'version']);
    expect(await e.read('targets/iscsi/open_state')).toBe('closed\n');
    expect(await e.read(MGMT)).toBe(ISCSI_MGMT_USAGE);
    expect(await outcome(e.write(MGMT, 'add_target iqn.2024-01.lab.test:nod\n'))).toBe('EPERM');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-1\n');
    expect(await outcome(e.write(MGMT, 'add_attribute IncomingUser duser dpassword123\n'))).toBe('EPERM');
    expect(await outcome(e.write('targets/iscsi/enabled', '1\n'))).toBe('ENOENT@open');
    expect(await outcome(e.write(MGMT, 'del_target iqn.2024-01.lab.test:nod\n'))).toBe('ENOENT');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-2\n');
  });

  it('when the daemon exits, every iSCSI target is unregistered and its files vanish', async () => {
    const e = host();
    await e.write(MGMT, 'add_target iqn.2024-01.lab.test:nod\n');
    await e.write('targets/iscsi/iqn.2024-01.lab.test:nod/enabled', '1\n');
    e.setIscsiDaemon('absent');
    expect(await names(e, 'targets/iscsi')).toEqual(['mgmt', 'open_state', 'trace_level', 'version']);
    expect(await outcome(e.write('targets/iscsi/iqn.2024-01.lab.test:nod/enabled', '0\n'))).toBe('ENOENT@open');
    e.setIscsiDaemon('running');
    expect(await names(e, 'targets/iscsi')).not.toContain('iqn.2024-01.lab.test:nod');
    expect(await e.read('targets/iscsi/enabled')).toBe('0\n\n');
  });

  it('a stopped daemon makes forwarded operations time out with EBUSY and creates nothing', async () => {
    const e = host();
    e.setIscsiDaemon('stopped');
    expect(await outcome(e.write(MGMT, 'add_target iqn.2024-01.lab.test:slow\n'))).toBe('EBUSY');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-16\n');
    e.setIscsiDaemon('running');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('-16\n');
    expect(await names(e, 'targets/iscsi')).not.toContain('iqn.2024-01.lab.test:slow');
    await e.write(MGMT, 'add_target iqn.2024-01.lab.test:fast\n');
    expect(await e.read('last_sysfs_mgmt_res')).toBe('0\n');
    e.setIscsiDaemon('stopped');
    const dir = 'targets/iscsi/iqn.2024-01.lab.test:fast';
    expect(await outcome(e.write(`${dir}/enabled`, '1\n'))).toBe('EBUSY');
    expect(await e.read(`${dir}/enabled`)).toBe('0\n');
    expect(await outcome(e.read(`${dir}/QueuedCommands`))).toBe('EBUSY');
    expect(await outcome(e.write(MGMT, 'del_target iqn.2024-01.lab.test:fast\n'))).toBe('EBUSY');
    expect(await e.read(`${dir}/tid`)).toBe('1\n');
  });

  it('without the iscsi_scst module there is no targets/iscsi', async () => {
    const e = host({ modules: ['scst', 'scst_vdisk', 'scst_local'] });
    expect(await names(e, 'targets')).toEqual(['copy_manager', 'scst_local']);
    expect(await outcome(e.write(MGMT, 'add_target x\n'))).toBe('ENOENT@open');
  });
});
