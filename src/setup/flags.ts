/** The flag of every question the wizard asks (docs/setup.md lists them with the questions). */
import * as Flags from '@oclif/core/flags';
import { integerFlag } from '../cli/integer-flag.js';
import { MAX_LUN } from '../model/validate.js';

export const setupFlags = {
  disk: Flags.string({ description: 'export this block device (vdisk_blockio); never a mounted, LVM, RAID or exported one', helpValue: 'DEVICE', helpGroup: 'STORAGE', exclusive: ['file', 'null'] }),
  file: Flags.string({ description: 'export this file (vdisk_fileio; an .iso is a CD-ROM); with --size, a new sparse file where nothing is', helpValue: 'PATH', helpGroup: 'STORAGE', exclusive: ['null'] }),
  size: Flags.string({ description: 'size of the new sparse file (or of the null device), e.g. 10G', helpValue: 'SIZE', helpGroup: 'STORAGE' }),
  null: Flags.boolean({ description: 'a null device that stores nothing (for tests)', helpGroup: 'STORAGE' }),
  handler: Flags.string({ description: 'device handler (default: vdisk_blockio for a disk, vdisk_fileio for a file, vcdrom for an .iso)', helpValue: 'HANDLER', helpGroup: 'STORAGE' }),
  'device-name': Flags.string({ description: 'SCST device name (default: from the backing path)', helpValue: 'NAME', helpGroup: 'STORAGE' }),
  'o-direct': Flags.boolean({ description: 'bypass the page cache (files only)', helpGroup: 'STORAGE' }),
  '4k-blocks': Flags.boolean({ description: '4096-byte logical blocks instead of 512', helpGroup: 'STORAGE' }),
  'read-only': Flags.boolean({ description: 'initiators may read but not write', helpGroup: 'STORAGE' }),
  'write-through': Flags.boolean({ description: 'every write reaches the disk before it is acknowledged', helpGroup: 'STORAGE' }),
  target: Flags.string({ description: 'target IQN, new or existing', helpValue: 'IQN', helpGroup: 'TARGET' }),
  lun: integerFlag({ description: 'LUN number (default: the lowest free, 0 on a new target)', min: 0, max: MAX_LUN, helpValue: 'N', helpGroup: 'TARGET' }),
  initiator: Flags.string({ description: 'an initiator allowed to log in (repeat; none: every initiator)', multiple: true, helpValue: 'NAME', helpGroup: 'ACCESS' }),
  portal: Flags.string({ description: 'offer the target only on this portal address', helpValue: 'ADDR', helpGroup: 'ACCESS' }),
  'chap-user': Flags.string({ description: 'CHAP user initiators log in as', helpValue: 'USER', helpGroup: 'ACCESS' }),
  'chap-secret-file': Flags.string({ description: 'its secret: the first line of this file', helpValue: 'FILE', helpGroup: 'ACCESS', exclusive: ['generate-secret'] }),
  'generate-secret': Flags.boolean({ description: 'generate its secret and show it once', helpGroup: 'ACCESS' }),
  'mutual-chap-user': Flags.string({ description: 'the user the target answers with (mutual CHAP)', helpValue: 'USER', helpGroup: 'ACCESS' }),
  'mutual-chap-secret-file': Flags.string({ description: 'its secret: the first line of this file', helpValue: 'FILE', helpGroup: 'ACCESS', exclusive: ['generate-mutual-secret'] }),
  'generate-mutual-secret': Flags.boolean({ description: 'generate the mutual secret and show it once', helpGroup: 'ACCESS' }),
  'install-service': Flags.boolean({ description: 'install and enable the service so the setup comes back after a reboot' }),
};
