import { describe, expect, it } from 'vitest';
import { dumpTree } from '../../src/emulator/replay/compare.js';
import { SysfsError } from '../../src/sysfs/types.js';
import { host } from './helpers.js';
// The seeded generator of the property tests, so a failure can be reproduced from its seed.
import { rng } from '../../scripts/conf-models.js';

const WORDS = ['add', 'del', 'create', 'move', 'clear', 'replace', 'add_device', 'del_device', 'add_target',
  'del_target', 'n1', 'n2', 'g1', 'iqn.2024-01.f:t', '0', '1', '16383', '-1', '0x10', '010', 'read_only=1',
  'filename=/img/d1.img', 'size=4096', 'blocksize=4096', ';', '=', ';;', '\n', ' ', 'mgmt', 'a/b', '!x*', 'é'];
const FILES = ['handlers/vdisk_nullio/mgmt', 'handlers/vdisk_fileio/mgmt', 'targets/iscsi/mgmt',
  'targets/iscsi/iqn.2024-01.f:t/luns/mgmt', 'targets/iscsi/iqn.2024-01.f:t/ini_groups/mgmt',
  'targets/iscsi/iqn.2024-01.f:t/ini_groups/g1/initiators/mgmt', 'targets/iscsi/iqn.2024-01.f:t/ini_groups/g1/luns/mgmt',
  'targets/iscsi/iqn.2024-01.f:t/rel_tgt_id', 'targets/iscsi/iqn.2024-01.f:t/enabled', 'targets/iscsi/iqn.2024-01.f:t/cpu_mask',
  'device_groups/mgmt', 'devices/n1/t10_dev_id', 'devices/n1/size', 'devices/n1/threads_num', 'suspend', 'setup_id',
  'targets/copy_manager/copy_manager_tgt/luns/mgmt', 'trace_level'];

describe('random management writes', () => {
  it.each([1, 2, 3])('only ever fail with a SysfsError and leave a readable tree (seed %i)', async (seed) => {
    const next = rng(seed);
    const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
    const e = host();
    let failures = 0;
    for (let i = 0; i < 400; i++) {
      const words = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(WORDS));
      try {
        await e.write(pick(FILES), words.join(next() < 0.7 ? ' ' : ''));
      } catch (error) {
        expect(error).toBeInstanceOf(SysfsError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
    const tree = await dumpTree(e, '', new Set());
    expect(tree.length).toBeGreaterThan(100);
  });
});
