import { describe, expect, it } from 'vitest';
import { host, names, outcome } from './helpers.js';

const T = 'iqn.2024-01.test:t1';
const TD = `targets/iscsi/${T}`;

async function withTarget() {
  const e = host();
  await e.write('handlers/vdisk_nullio/mgmt', 'add_device n1\n');
  await e.write('handlers/vdisk_nullio/mgmt', 'add_device n2\n');
  await e.write('targets/iscsi/mgmt', `add_target ${T}\n`);
  return e;
}

describe('LUN sets', () => {
  it('adds, replaces and deletes LUNs with exportN links that are never reused', async () => {
    const e = await withTarget();
    await e.write(`${TD}/luns/mgmt`, 'add n1 0\n');
    await e.write(`${TD}/luns/mgmt`, 'add n1 2 read_only=1\n');
    expect(await e.read(`${TD}/luns/2/read_only`)).toBe('1\n[key]\n');
    expect(await e.read(`${TD}/luns/0/read_only`)).toBe('0\n');
    expect(await e.readlink(`${TD}/luns/0/device`)).toBe('../../../../../devices/n1');
    await e.write(`${TD}/luns/mgmt`, 'replace n2 0\n');
    expect(await e.readlink(`${TD}/luns/0/device`)).toBe('../../../../../devices/n2');
    expect(await names(e, 'devices/n1/exported')).toEqual(['export0', 'export2']);
    expect(await e.readlink('devices/n2/exported/export1')).toBe(`../../../${TD}/luns/0`);
    await e.write(`${TD}/luns/mgmt`, 'del 2\n');
    expect(await names(e, 'devices/n1/exported')).toEqual(['export0']);
  });

  it.each([
    ['add n1 0\n', 'EEXIST'],
    ['add nosuch 1\n', 'EINVAL'],
    ['add n1 16384\n', 'EINVAL'],
    ['add n1 -1\n', 'EINVAL'],
    ['add n1 abc\n', 'EINVAL'],
    ['add n1\n', 'EINVAL'],
    ['add n1 1;read_only=1\n', 'EINVAL'],
    ['add n1 1 bogus=1\n', 'EINVAL'],
    ['del 5\n', 'EINVAL'],
    ['del abc\n', 'EINVAL'],
    ['clear extra\n', 'EINVAL'],
    ['bogus 1\n', 'EINVAL'],
  ])('%j → %s', async (command, errno) => {
    const e = await withTarget();
    await e.write(`${TD}/luns/mgmt`, 'add n1 0\n');
    expect(await outcome(e.write(`${TD}/luns/mgmt`, command))).toBe(errno);
    expect(await names(e, `${TD}/luns`)).toEqual(['0', 'mgmt']);
  });

  it('accepts LUN 16383 and base-0 numbers; clear empties the set', async () => {
    const e = await withTarget();
    await e.write(`${TD}/luns/mgmt`, 'add n1 16383\n');
    await e.write(`${TD}/luns/mgmt`, 'add n1 010\n');
    await e.write(`${TD}/luns/mgmt`, 'add n1 0x10\n');
    expect(await names(e, `${TD}/luns`)).toEqual(['16', '16383', '8', 'mgmt']);
    await e.write(`${TD}/luns/mgmt`, 'clear\n');
    expect(await names(e, `${TD}/luns`)).toEqual(['mgmt']);
  });

  it('del_device removes the device from every LUN set', async () => {
    const e = await withTarget();
    await e.write(`${TD}/luns/mgmt`, 'add n1 0\n');
    await e.write(`${TD}/ini_groups/mgmt`, 'create g1\n');
    await e.write(`${TD}/ini_groups/g1/luns/mgmt`, 'add n1 3\n');
    await e.write('handlers/vdisk_fileio/mgmt', 'del_device n1\n');
    expect(await names(e, `${TD}/luns`)).toEqual(['mgmt']);
    expect(await names(e, `${TD}/ini_groups/g1/luns`)).toEqual(['mgmt']);
  });

  it('refuses a DIF device on a target whose driver has no DIF (the copy manager has it)', async () => {
    const e = await withTarget();
    await e.write('handlers/vdisk_nullio/mgmt', 'add_device nd dif_mode=tgt;dif_type=1\n');
    expect(await outcome(e.write(`${TD}/luns/mgmt`, 'add nd 0\n'))).toBe('EINVAL');
    expect(await names(e, 'targets/copy_manager/copy_manager_tgt/luns')).toEqual(['0', '1', '2', 'mgmt']);
  });

  it('refuses ini groups and read-only LUNs in the copy manager target', async () => {
    const e = await withTarget();
    const cm = 'targets/copy_manager/copy_manager_tgt';
    expect(await outcome(e.write(`${cm}/ini_groups/mgmt`, 'create g\n'))).toBe('EINVAL');
    expect(await outcome(e.write(`${cm}/luns/mgmt`, 'add n1 100 read_only=1\n'))).toBe('EINVAL');
  });
});

describe('ini groups and initiators', () => {
  it('creates groups (with / shown as !), refuses duplicates, deletes with LUNs inside', async () => {
    const e = await withTarget();
    await e.write(`${TD}/ini_groups/mgmt`, 'create g1\n');
    await e.write(`${TD}/ini_groups/mgmt`, 'create bad/name\n');
    expect(await names(e, `${TD}/ini_groups`)).toEqual(['bad!name', 'g1', 'mgmt']);
    expect(await outcome(e.write(`${TD}/ini_groups/mgmt`, 'create g1\n'))).toBe('EEXIST');
    expect(await outcome(e.write(`${TD}/ini_groups/mgmt`, 'create\n'))).toBe('EINVAL');
    expect(await outcome(e.write(`${TD}/ini_groups/mgmt`, 'del nosuch\n'))).toBe('EINVAL');
    expect(await outcome(e.write(`${TD}/ini_groups/mgmt`, 'remove g1\n'))).toBe('EINVAL');
    await e.write(`${TD}/ini_groups/g1/luns/mgmt`, 'add n1 0\n');
    await e.write(`${TD}/ini_groups/mgmt`, 'del g1\n');
    expect(await names(e, 'devices/n1/exported')).toEqual(['export0']);
    expect(await names(e, `${TD}/ini_groups/bad!name`)).toEqual([
      'addr_method', 'black_hole', 'cpu_mask', 'initiators', 'io_grouping_type', 'luns', 'per_sess_dedicated_tgt_threads',
    ]);
  });

  it('adds, moves, deletes and clears initiator names', async () => {
    const e = await withTarget();
    await e.write(`${TD}/ini_groups/mgmt`, 'create g1\n');
    await e.write(`${TD}/ini_groups/mgmt`, 'create g2\n');
    const mgmt = `${TD}/ini_groups/g1/initiators/mgmt`;
    await e.write(mgmt, 'add iqn.a\n');
    await e.write(mgmt, 'add IQN.A\n');
    await e.write(mgmt, 'add iqn.*\n');
    expect(await outcome(e.write(mgmt, 'add iqn.a\n'))).toBe('EEXIST');
    expect(await e.read(`${TD}/ini_groups/g1/initiators/iqn.a`)).toBe('iqn.a\n');
    expect(await outcome(e.write(mgmt, 'move iqn.a nosuch\n'))).toBe('EINVAL');
    expect(await outcome(e.write(mgmt, 'move iqn.a g1\n'))).toBe('EEXIST');
    await e.write(mgmt, 'move iqn.a g2\n');
    expect(await names(e, `${TD}/ini_groups/g2/initiators`)).toEqual(['iqn.a', 'mgmt']);
    expect(await outcome(e.write(mgmt, 'del iqn.a\n'))).toBe('EINVAL');
    await e.write(mgmt, 'clear\n');
    expect(await names(e, `${TD}/ini_groups/g1/initiators`)).toEqual(['mgmt']);
  });

  it('a session follows its initiator into a matching group and back', async () => {
    const e = await withTarget();
    await e.write(`${TD}/luns/mgmt`, 'add n1 0\n');
    await e.write(`${TD}/enabled`, '1\n');
    await e.write('targets/iscsi/enabled', '1\n');
    const session = e.login(T, 'iqn.1993-08.org.debian:01:abc');
    const dir = `${TD}/sessions/${session}`;
    expect(await e.readlink(`${dir}/luns`)).toBe('../../luns');
    expect((await names(e, dir)).filter((n) => /^lun\d/.test(n))).toEqual(['lun0']);
    await e.write(`${TD}/ini_groups/mgmt`, 'create gs\n');
    await e.write(`${TD}/ini_groups/gs/initiators/mgmt`, 'add IQN.1993-08.*\n');
    expect(await e.readlink(`${dir}/luns`)).toBe('../../ini_groups/gs/luns');
    expect((await names(e, dir)).filter((n) => /^lun\d/.test(n))).toEqual([]);
    expect(await outcome(e.write(`${TD}/ini_groups/mgmt`, 'del gs\n'))).toBe('EBUSY');
    // A `!` entry does not veto the group's other entries: IQN.1993-08.* still matches.
    await e.write(`${TD}/ini_groups/gs/initiators/mgmt`, 'add !iqn.1993-08.org.debian:01:abc\n');
    expect(await e.readlink(`${dir}/luns`)).toBe('../../ini_groups/gs/luns');
    await e.write(`${TD}/ini_groups/gs/initiators/mgmt`, 'del IQN.1993-08.*\n');
    expect(await e.readlink(`${dir}/luns`)).toBe('../../luns');
  });

  it('login picks the first group (creation order) with any entry matching; a !pattern entry matches the others', async () => {
    const e = await withTarget();
    await e.write(`${TD}/enabled`, '1\n');
    await e.write('targets/iscsi/enabled', '1\n');
    const ig = `${TD}/ini_groups`;
    const lunsOf = async (initiator: string) => e.readlink(`${TD}/sessions/${e.login(T, initiator)}/luns`);
    await e.write(`${ig}/mgmt`, 'create only_not_bad\n');
    await e.write(`${ig}/only_not_bad/initiators/mgmt`, 'add !iqn.2024-01.bad:*\n');
    await e.write(`${ig}/mgmt`, 'create catch_all\n');
    await e.write(`${ig}/catch_all/initiators/mgmt`, 'add *\n');
    // A group of nothing but !patterns takes every initiator its pattern does not name.
    expect(await lunsOf('iqn.2024-01.good:h1')).toBe('../../ini_groups/only_not_bad/luns');
    expect(await lunsOf('IQN.2024-01.BAD:h2')).toBe('../../ini_groups/catch_all/luns');
    // Creation order decides between groups, not how specific a pattern is.
    await e.write(`${ig}/mgmt`, 'create exact\n');
    await e.write(`${ig}/exact/initiators/mgmt`, 'add iqn.2024-01.good:h3\n');
    expect(await lunsOf('iqn.2024-01.good:h3')).toBe('../../ini_groups/only_not_bad/luns');
    // Without the catch-all, an initiator the !pattern names falls to the default LUN set.
    await e.write(`${ig}/catch_all/initiators/mgmt`, 'del *\n');
    expect(await lunsOf('iqn.2024-01.bad:h4')).toBe('../../luns');
  });
});

describe('target core attributes', () => {
  it('enable auto-assigns rel_tgt_id from a counter and refuses duplicates among enabled targets', async () => {
    const e = await withTarget();
    await e.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.test:t2\n');
    expect(await e.read(`${TD}/rel_tgt_id`)).toBe('0\n');
    await e.write(`${TD}/enabled`, '1\n');
    expect(await e.read(`${TD}/rel_tgt_id`)).toBe('1\n[key]\n');
    await e.write('targets/iscsi/iqn.2024-01.test:t2/rel_tgt_id', '1\n');
    expect(await outcome(e.write('targets/iscsi/iqn.2024-01.test:t2/enabled', '1\n'))).toBe('EBADSLT');
    expect(await outcome(e.write(`${TD}/rel_tgt_id`, '0\n'))).toBe('EINVAL');
    expect(await outcome(e.write(`${TD}/rel_tgt_id`, '65536\n'))).toBe('EINVAL');
    expect(await outcome(e.write(`${TD}/enabled`, '2\n'))).toBe('EINVAL');
  });

  it('flags, comment, addr_method, io_grouping_type, black_hole, cpu_mask', async () => {
    const e = await withTarget();
    await e.write(`${TD}/forwarding`, '1\n');
    expect(await e.read(`${TD}/forward_dst`)).toBe('1\n[key]\n');
    await e.write(`${TD}/comment`, 'hello world\n');
    expect(await e.read(`${TD}/comment`)).toBe('hello world\n[key]\n');
    await e.write(`${TD}/addr_method`, 'fl');
    expect(await e.read(`${TD}/addr_method`)).toBe('FLAT\n[key]\n');
    await e.write(`${TD}/io_grouping_type`, 'never\n');
    expect(await e.read(`${TD}/io_grouping_type`)).toBe('never\n[key]\n');
    await e.write(`${TD}/io_grouping_type`, '3\n');
    expect(await e.read(`${TD}/io_grouping_type`)).toBe('3\n[key]\n');
    expect(await outcome(e.write(`${TD}/io_grouping_type`, 'bogus\n'))).toBe('EINVAL');
    await e.write(`${TD}/black_hole`, '4\n');
    expect(await e.read(`${TD}/black_hole`)).toBe('4\n');
    expect(await outcome(e.write(`${TD}/black_hole`, '5\n'))).toBe('EINVAL');
    expect(await e.read(`${TD}/cpu_mask`)).toBe('3\n');
    await e.write(`${TD}/cpu_mask`, '1\n');
    expect(await e.read(`${TD}/cpu_mask`)).toBe('1\n[key]\n');
    expect(await outcome(e.write(`${TD}/cpu_mask`, 'xyz\n'))).toBe('EINVAL');
    expect(await outcome(e.write(`${TD}/cpu_mask`, 'ff\n'))).toBe('EOVERFLOW');
    await e.write(`${TD}/cpu_mask`, '00000000,00000003\n');
    expect(await e.read(`${TD}/cpu_mask`)).toBe('3\n');
    expect(await outcome(e.write(`${TD}/sg_tablesize`, '1\n'))).toBe('EACCES@open');
  });
});
