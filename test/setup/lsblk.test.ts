/** util-linux lsblk output read into block devices with what holds each. */
import { describe, expect, it } from 'vitest';
import { blockDevicesFromLsblk } from '../../src/system/lsblk.js';

const LSBLK = JSON.stringify({
  blockdevices: [
    { path: '/dev/sda', size: 500107862016, type: 'disk', mountpoint: null, fstype: null, children: [
      { path: '/dev/sda1', size: 536870912, type: 'part', mountpoint: '/boot/efi', fstype: 'vfat' },
      { path: '/dev/sda2', size: 499570991104, type: 'part', mountpoint: null, fstype: 'LVM2_member', children: [
        { path: '/dev/mapper/vg0-root', size: 53687091200, type: 'lvm', mountpoint: '/', fstype: 'ext4' },
        { path: '/dev/mapper/vg0-data', size: 107374182400, type: 'lvm', mountpoint: null, fstype: null },
      ] },
    ] },
    { path: '/dev/sdb', size: 2000398934016, type: 'disk', mountpoint: null, fstype: 'linux_raid_member' },
    { path: '/dev/sdc', size: 2000398934016, type: 'disk', mountpoint: null, fstype: null },
    { path: '/dev/sr0', size: 1073741312, type: 'rom', mountpoint: null, fstype: null },
  ],
});

describe('blockDevicesFromLsblk', () => {
  it('names what holds each device: a mount, LVM, RAID, its partitions; a free LV and disk are free', () => {
    const byPath = Object.fromEntries(blockDevicesFromLsblk(LSBLK).map((d) => [d.path, d]));
    expect(byPath['/dev/sda']!.usedBy).toBe('holds /dev/sda1, /dev/sda2');
    expect(byPath['/dev/sda1']!.usedBy).toBe('mounted on /boot/efi');
    expect(byPath['/dev/sda2']!.usedBy).toBe('LVM member');
    expect(byPath['/dev/mapper/vg0-root']!.usedBy).toBe('mounted on /');
    expect(byPath['/dev/mapper/vg0-data']).toEqual({ path: '/dev/mapper/vg0-data', size: 107374182400, type: 'lvm' });
    expect(byPath['/dev/sdb']!.usedBy).toBe('RAID member');
    expect(byPath['/dev/sdc']).toEqual({ path: '/dev/sdc', size: 2000398934016, type: 'disk' });
  });

  it('reads util-linux 2.37+ mountpoints lists and string sizes', () => {
    const [device] = blockDevicesFromLsblk(JSON.stringify({ blockdevices: [{ path: '/dev/vdb', size: '1024', type: 'disk', mountpoints: [null, '/srv'] }] }));
    expect(device).toEqual({ path: '/dev/vdb', size: 1024, type: 'disk', usedBy: 'mounted on /srv' });
  });
});
