/**
 * util-linux `lsblk --json --bytes --paths -o PATH,SIZE,TYPE,MOUNTPOINT,FSTYPE`, read into block
 * devices with what holds each: a mount, an LVM physical volume, a RAID member, swap, or the
 * partitions and volumes built on it.
 */
import type { BlockDevice } from './storage.js';

interface LsblkDevice {
  path?: string;
  size?: number | string;
  type?: string;
  mountpoint?: string | null;
  mountpoints?: Array<string | null>;
  fstype?: string | null;
  children?: LsblkDevice[];
}

const HOLDING_FSTYPES: Record<string, string> = {
  LVM2_member: 'LVM member', linux_raid_member: 'RAID member', swap: 'swap', zfs_member: 'ZFS member', crypto_LUKS: 'LUKS container',
};

export function blockDevicesFromLsblk(json: string): BlockDevice[] {
  const parsed = JSON.parse(json) as { blockdevices?: LsblkDevice[] };
  const devices: BlockDevice[] = [];
  const visit = (device: LsblkDevice): void => {
    const usedBy = holder(device);
    if (device.path && device.type) devices.push({ path: device.path, size: Number(device.size ?? 0), type: device.type, ...(usedBy ? { usedBy } : {}) });
    for (const child of device.children ?? []) visit(child);
  };
  for (const device of parsed.blockdevices ?? []) visit(device);
  return devices;
}

function holder(device: LsblkDevice): string | undefined {
  const mounts = [device.mountpoint, ...(device.mountpoints ?? [])].filter((m): m is string => typeof m === 'string' && m !== '');
  if (mounts.length > 0) return `mounted on ${mounts[0]}`;
  if (device.fstype && HOLDING_FSTYPES[device.fstype]) return HOLDING_FSTYPES[device.fstype];
  if (device.children?.length) return `holds ${device.children.map((c) => c.path).join(', ')}`;
  return undefined;
}
