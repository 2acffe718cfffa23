/**
 * Stable SCST device names for IET LUNs (IET has none). SCST derives a device's default
 * t10_dev_id and usn from its name, so the same input must give the same names on every run:
 * the part of the target name after its last `:`, reduced to characters SCST takes, cut to 40,
 * then `_LUN`; a collision gets `_2`, `_3`, … in file order.
 */

const BASE_MAX = 40;

/** The spec keeps `.`, but a real kernel refused device names with dots (EINVAL), so they become `_`. */
export function deviceBase(targetName: string): string {
  const tail = targetName.slice(targetName.lastIndexOf(':') + 1) || targetName;
  return tail.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, BASE_MAX);
}

export class DeviceNames {
  private readonly taken = new Set<string>();

  /** A free name from `wanted`; `renamed` tells whether a suffix was needed. */
  take(wanted: string): { name: string; renamed: boolean } {
    let name = wanted;
    for (let n = 2; this.taken.has(name); n += 1) name = `${wanted}_${n}`;
    this.taken.add(name);
    return { name, renamed: name !== wanted };
  }
}
