/**
 * Look-ups over the live model that several planning steps need: which handler holds a device,
 * and where a device is mapped (copy_manager's automatic LUNs left out: they come and go with
 * the device by themselves).
 */
import type { Device, Lun, ScstConfig } from '../model/types.js';
import type { DriverTraits } from './create.js';

export const COPY_MANAGER = 'copy_manager';

export interface LiveDevice {
  handler: string;
  device: Device;
}

export interface LunPlace {
  driver: string;
  target: string;
  group?: string;
  lun: Lun;
}

export class LiveIndex {
  private readonly devices = new Map<string, LiveDevice>();
  private readonly places = new Map<string, LunPlace[]>();

  constructor(readonly live: ScstConfig) {
    for (const [handler, h] of Object.entries(live.handlers)) {
      for (const device of Object.values(h.devices)) this.devices.set(device.name, { handler, device });
    }
    for (const [driver, d] of Object.entries(live.drivers)) {
      if (driver === COPY_MANAGER) continue;
      for (const target of Object.values(d.targets)) {
        for (const lun of Object.values(target.luns)) this.place({ driver, target: target.name, lun });
        for (const group of Object.values(target.groups)) {
          for (const lun of Object.values(group.luns)) this.place({ driver, target: target.name, group: group.name, lun });
        }
      }
    }
  }

  private place(place: LunPlace): void {
    const list = this.places.get(place.lun.device);
    if (list) list.push(place);
    else this.places.set(place.lun.device, [place]);
  }

  device(name: string): LiveDevice | undefined {
    return this.devices.get(name);
  }

  /** Every LUN (outside copy_manager) that maps the device. */
  lunsOf(device: string): LunPlace[] {
    return this.places.get(device) ?? [];
  }

  /** The device groups the device is a member of. */
  deviceGroupsOf(device: string): string[] {
    return Object.values(this.live.deviceGroups).filter((dg) => dg.devices.includes(device)).map((dg) => dg.name);
  }

  traits(driver: string): DriverTraits {
    const d = this.live.drivers[driver];
    return { createParams: d?.createParams ?? [], dynamicTargetAttributes: d?.dynamicTargetAttributes ?? [] };
  }
}
