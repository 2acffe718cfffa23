/**
 * The state Perl scstadmin saved in conformance recording 70 (steps 4–12): the sysfs writes that
 * built it, and the backing file they need. Applied to an emulated host by the tests that
 * compare write-config with the file the Perl tool wrote (fixtures/perl-write-14.conf).
 */
import type { HostFile } from '../../src/emulator/state.js';
import type { Sysfs } from '../../src/sysfs/types.js';

const T = 'targets/iscsi/iqn.2024-01.lab.test:w1';

export const RECORDED_HOST_FILES: Record<string, HostFile> = { '/tmp/p2.img': { kind: 'file', size: 16 << 20 } };

export const RECORDED_WRITES: ReadonlyArray<readonly [string, string]> = [
  ['handlers/vdisk_fileio/mgmt', 'add_device w1 filename=/tmp/p2.img;nv_cache=1\n'],
  ['handlers/vdisk_nullio/mgmt', 'add_device wn1 blocksize=4096\n'],
  ['targets/iscsi/mgmt', 'add_target iqn.2024-01.lab.test:w1 IncomingUser=joe secret12345678\n'],
  [`${T}/luns/mgmt`, 'add w1 0\n'],
  [`${T}/ini_groups/mgmt`, 'create g1\n'],
  [`${T}/ini_groups/g1/initiators/mgmt`, 'add iqn.1993-08.org.debian:01:client1\n'],
  [`${T}/ini_groups/g1/luns/mgmt`, 'add wn1 0 read_only=1\n'],
  [`${T}/enabled`, '1\n'],
  ['targets/iscsi/enabled', '1\n'],
];

export async function applyRecordedWrites(sysfs: Sysfs): Promise<void> {
  for (const [path, data] of RECORDED_WRITES) await sysfs.write(path, data);
}
